"""Hostile input (issue 15, items 2, 6, 7): a clear ``Error:`` line, never an
internal error, and limits that hold in linear time. Large inputs are
generated in tmp_path, never committed; small ones live in tests/data/hostile."""

from __future__ import annotations

import json
import os
import shutil

from actornet.graph.errors import InputError
from actornet.graph.limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_JSON_DEPTH
from actornet.loaders import read_network, write_excel, write_folder
from testdata import DATA, GOOD
from checks import run_cli as run

HOSTILE = DATA / "hostile"


def _clear_error(result, *phrases):
    text = result.output + result.stderr
    assert result.exit_code == 1, text
    assert result.stderr.startswith("Error: "), text
    assert "internal error" not in text
    assert "Traceback" not in text
    for phrase in phrases:
        assert phrase in result.stderr


def _network_dir(tmp_path, actors_text, *, columns_line=None):
    folder = tmp_path / "net"
    folder.mkdir()
    (folder / "actors.csv").write_text(actors_text, encoding="utf-8")
    (folder / "ties.csv").write_text("source,target,type\n", encoding="utf-8")
    return folder


# -- cell size ----------------------------------------------------------------

def test_a_cell_over_the_old_128_kib_limit_is_read(tmp_path):
    name = "N" * (200 * 1024)
    folder = _network_dir(tmp_path, f"id,kind,name\nb,city,{name}\n")
    assert read_network(folder).graph.nodes["b"]["name"] == name


def test_a_cell_over_the_limit_is_a_clear_error(tmp_path):
    folder = _network_dir(tmp_path, "id,kind,name\nb,city,B\nc,city," + "N" * (MAX_CELL_CHARS + 1)
                          + "\n")
    result = run("validate", folder)
    _clear_error(result, "actors.csv, line 3", f"longer than {MAX_CELL_CHARS:,} characters")


def test_a_json_value_over_the_limit_rejects_its_row(tmp_path):
    doc = {"nodes": [{"id": "b", "kind": "city", "name": "B"},
                     {"id": "c", "kind": "city", "name": "N" * (MAX_CELL_CHARS + 1)}],
           "links": []}
    path = tmp_path / "g.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    network = read_network(path)
    assert sorted(network.graph.nodes) == ["b"]
    assert network.report.rows_rejected == 1


# -- JSON nesting ---------------------------------------------------------------

def test_json_nested_past_the_limit_is_a_clear_error():
    result = run("validate", HOSTILE / "nested.json")
    _clear_error(result, f"nested more than {MAX_JSON_DEPTH} levels")


def test_json_nested_past_pythons_recursion_limit_is_a_clear_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"nodes": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    result = run("validate", path)
    _clear_error(result, f"nested more than {MAX_JSON_DEPTH} levels")


# -- columns ---------------------------------------------------------------------

def _wide(tmp_path, n):
    header = ",".join(["id", "kind", "name"] + [f"x{i}" for i in range(n)])
    row = ",".join(["b", "city", "B"] + ["v"] * n)
    return _network_dir(tmp_path, f"{header}\n{row}\n")


def test_the_most_columns_allowed_are_read_and_kept(tmp_path):
    network = read_network(_wide(tmp_path, MAX_COLUMNS - 3))
    assert len(network.graph.nodes["b"]) == MAX_COLUMNS - 3 + 2  # kind, name, the extras


def test_a_table_at_the_limit_exports_and_reads_back(tmp_path):
    network = read_network(_wide(tmp_path, MAX_COLUMNS - 4))  # the export adds a city column
    write_folder(network, tmp_path / "out")
    assert read_network(tmp_path / "out").graph.nodes["b"] == network.graph.nodes["b"]


def test_100k_columns_is_a_clear_error(tmp_path):
    result = run("validate", _wide(tmp_path, 100_000))
    _clear_error(result, "actors.csv, line 1", f"at most {MAX_COLUMNS:,} are read")


def test_100k_json_keys_is_a_clear_error(tmp_path):
    node = {"id": "b", "kind": "city", "name": "B", **{f"x{i}": "v" for i in range(100_000)}}
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"nodes": [node], "links": []}), encoding="utf-8")
    _clear_error(run("validate", path), f"more than {MAX_COLUMNS:,} different keys")


def test_excel_with_too_many_columns_is_a_clear_error(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "actors"
    sheet.append(["id", "kind", "name"] + [f"x{i}" for i in range(MAX_COLUMNS)])
    book.create_sheet("ties").append(["source", "target", "type"])
    book.save(tmp_path / "g.xlsx")
    _clear_error(run("validate", tmp_path / "g.xlsx"), f"at most {MAX_COLUMNS:,} are read")


# -- what a file named actors.csv really is -----------------------------------

def test_a_folder_named_actors_csv_is_named_as_such(tmp_path):
    folder = tmp_path / "net"
    shutil.copytree(GOOD, folder)
    (folder / "actors.csv").unlink()
    (folder / "actors.csv").mkdir()
    _clear_error(run("validate", folder), "actors.csv", "is a folder")


def test_a_symlink_loop_named_actors_csv_is_named_as_such(tmp_path):
    folder = tmp_path / "net"
    shutil.copytree(GOOD, folder)
    (folder / "actors.csv").unlink()
    os.symlink("actors.csv", folder / "actors.csv")
    _clear_error(run("validate", folder), "actors.csv", "loop")


def test_a_dangling_symlink_as_data_is_named_as_such(tmp_path):
    os.symlink(tmp_path / "gone.json", tmp_path / "g.json")
    _clear_error(run("validate", tmp_path / "g.json"), "symbolic link")


# -- formulas in a hand-written folder -------------------------------------------

def test_formula_cells_survive_csv_and_excel_round_trips(tmp_path):
    network = read_network(HOSTILE / "formulas")
    assert network.report.rows_rejected == 0
    write_folder(network, tmp_path / "csv")
    write_excel(network, tmp_path / "g.xlsx")
    for back in (read_network(tmp_path / "csv"), read_network(tmp_path / "g.xlsx")):
        assert dict(back.graph.nodes(data=True)) == dict(network.graph.nodes(data=True))


def test_a_hand_written_escape_is_undone_on_reading():
    network = read_network(HOSTILE / "formulas")
    assert network.graph.nodes["a6"]["name"] == "=already escaped"


def test_a_leading_apostrophe_that_escapes_nothing_is_kept():
    network = read_network(HOSTILE / "formulas")
    assert network.graph.nodes["a7"]["name"] == "'s-Hertogenbosch friends"


def test_an_unpaired_surrogate_in_json_rejects_its_row():
    network = read_network(HOSTILE / "surrogate.json")
    assert sorted(network.graph.nodes) == ["b"]


def test_a_network_read_from_json_with_a_surrogate_exports(tmp_path):
    result = run("export", HOSTILE / "surrogate.json", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output + result.stderr
    assert (tmp_path / "out" / "actors.csv").is_file()
