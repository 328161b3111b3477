"""The builder, its rules stated once over whole columns, gives what the
row-by-row reference (tests/reference_build.py) gives. On the bad-input corpus, the hostile files, the sample and generated
networks (clean, and with broken rows mixed in) both must give the same
network (nodes and ties, with their order and attributes) and the same report
(every problem and warning, in order, and the counts per file).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from actornet.graph.build import build_network
from actornet.graph.columns import graph_tables
from actornet.graph.errors import InputError
from actornet.graph.generate import generated_network
from actornet.graph.network import tie_key
from actornet.graph.schema import TieType
from actornet.graph.tables import ACTORS
from actornet.loaders import read_tables, write_folder, write_json
from actornet.loaders.csvfile import read_csv_table
from actornet.sample import sample_path
from checks import broken_ties_folder
from reference_build import reference_network

DATA = Path(__file__).resolve().parents[1] / "data"
BAD, GOOD, HOSTILE = DATA / "bad", DATA / "good", DATA / "hostile"


def both(tables):
    """The network built both ways, or the error both raise."""
    try:
        reference = reference_network(tables)
    except InputError as err:
        with pytest.raises(InputError) as fast_err:
            build_network(tables)
        assert str(fast_err.value) == str(err)
        return None, None
    return reference, build_network(tables)


def assert_same(tables):
    reference, fast = both(tables)
    if reference is None:
        return
    assert fast == reference
    assert list(fast.graph.nodes(data=True)) == list(reference.graph.nodes(data=True))
    assert list(fast.graph.edges(keys=True, data=True)) == \
        list(reference.graph.edges(keys=True, data=True))
    assert list(fast.graph.in_edges(keys=True)) == list(reference.graph.in_edges(keys=True))
    # The column tables the builder made without a graph are the ones the
    # reference's graph gives, array for array.
    tables = fast.__dict__.get("_tables")
    if tables is not None:
        expected = {}
        graph_tables(reference.graph, expected, leave_out=("name",))
        assert sorted(tables.arrays) == sorted(expected)
        for name, array in expected.items():
            assert tables.arrays[name].dtype == array.dtype, name
            assert np.array_equal(tables.arrays[name], array), name
    assert fast.report.problems == reference.report.problems
    assert fast.report.warnings == reference.report.warnings
    assert fast.report.files == reference.report.files
    assert fast.report.extra_columns == reference.report.extra_columns


def folder_with(tmp_path, *, actors=None, ties=None, themes=True):
    folder = tmp_path / "net"
    folder.mkdir()
    shutil.copy(actors or GOOD / "actors.csv", folder / "actors.csv")
    shutil.copy(ties or GOOD / "ties.csv", folder / "ties.csv")
    shutil.copy(GOOD / "projects.csv", folder / "projects.csv")
    if themes:
        shutil.copy(GOOD / "themes.csv", folder / "themes.csv")
    return folder


@pytest.mark.parametrize("themes", [True, False], ids=["themes-table", "themes-inferred"])
@pytest.mark.parametrize("ties", sorted(p.name for p in BAD.glob("ties_*.csv")) + [None])
def test_corpus_ties(tmp_path, ties, themes):
    folder = folder_with(tmp_path, ties=BAD / ties if ties else None, themes=themes)
    assert_same(read_tables(folder))


@pytest.mark.parametrize("actors", sorted(p.name for p in BAD.glob("actors_*.csv")))
def test_corpus_actors(tmp_path, actors):
    folder = folder_with(tmp_path, actors=BAD / actors)
    encoding = "cp1252" if "cp1252" in actors else None
    try:
        tables = read_tables(folder, encoding=encoding)
    except InputError as columnar:
        # Refused before any row is built: the csv module's reading refuses it alike.
        with pytest.raises(InputError) as reference:
            read_csv_table(folder / "actors.csv", ACTORS, encoding=encoding, columnar=False)
        assert str(reference.value) == str(columnar)
        return
    assert_same(tables)


@pytest.mark.parametrize("path", [HOSTILE / "formulas", HOSTILE / "markup",
                                  HOSTILE / "surrogate.json"],
                         ids=lambda p: p.name)
def test_hostile(path):
    assert_same(read_tables(path))


def test_hostile_nesting_is_refused_before_any_row():
    with pytest.raises(InputError, match="nested more than"):
        read_tables(HOSTILE / "nested.json")


def test_sample():
    assert_same(read_tables(sample_path()))


def test_derived_keys_are_tie_keys(tmp_path):
    """The keys both paths spell out are :func:`tie_key`'s."""
    write_folder(generated_network(200, 1000, seed=2), tmp_path / "gen")
    with open(tmp_path / "gen" / "ties.csv", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    header = lines[0].split(",")
    column = header.index("id")
    rows = [line.split(",") for line in lines[1:]]
    for row in rows:  # no ids given: every key is derived
        row[column] = ""
    (tmp_path / "gen" / "ties.csv").write_text(
        "\n".join([lines[0]] + [",".join(r) for r in rows]) + "\n", encoding="utf-8")
    net = build_network(read_tables(tmp_path / "gen"))
    keys = [(k, tie_key(u, TieType(d["type"]), v, since=d.get("since"), project=d.get("project")))
            for u, v, k, d in net.graph.edges(keys=True, data=True)]
    assert len(keys) > 1000
    assert [k for k, _ in keys] == [expected for _, expected in keys]


@pytest.mark.parametrize("hubs", [0, 3])
def test_generated(tmp_path, hubs):
    write_folder(generated_network(400, 3000, seed=hubs, hubs=hubs), tmp_path / "gen")
    assert_same(read_tables(tmp_path / "gen"))


def test_generated_json(tmp_path):
    """Values from JSON are numbers and lists, not text: those rows take the reference path."""
    write_json(generated_network(200, 1000, seed=4), tmp_path / "gen.json")
    assert_same(read_tables(tmp_path / "gen.json"))


@pytest.mark.parametrize("themes", [True, False], ids=["themes-table", "themes-inferred"])
def test_generated_with_broken_rows(tmp_path, themes):
    folder = broken_ties_folder(tmp_path / "gen", seed=7, themes=themes)
    tables = read_tables(folder)
    reference, fast = both(tables)
    assert len(reference.report.problems) > 50  # the defects were there to be found
    assert_same(tables)
