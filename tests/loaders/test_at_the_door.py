"""Names and settings checked at the door (issue 22, try 8): a header naming a column
twice is an error naming it in every reader; settings are checked before anything is
written and network.toml always parses; a deeply nested network.toml is a clear error."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actornet.graph.errors import InputError
from actornet.loaders import read_network
from actornet.loaders.imports import SourceFile
from actornet.loaders.network_toml import (
    parse_settings, read_settings, settings_text, write_settings,
)
from actornet.sample import sample_path
from testdata import DATA
from checks import run_cli as run

TWINS = DATA / "import" / "twin_towns.csv"


def an_error(result, *phrases):
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: "), result.stderr
    assert "internal error" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


# -- a column named twice -----------------------------------------------------------------


def test_an_import_header_naming_a_column_twice_is_an_error(tmp_path):
    """Try 8: a header with a column twice: the last one silently won."""
    source = tmp_path / "pairs.csv"
    source.write_text("city1,country1,city2,country2,city2\nBerlin,DE,Paris,FR,Rome\n")
    with pytest.raises(InputError, match='columns 3 and 5 are both "city2"'):
        SourceFile(source)
    result = run("import", "twin-towns", source, "-o", tmp_path / "out")
    an_error(result, "duplicate header", '"city2"')
    assert not (tmp_path / "out").exists()


def test_empty_header_cells_are_no_duplicates(tmp_path):
    source = tmp_path / "pairs.csv"
    source.write_text("a,b,,\nx,y,,\n")
    assert SourceFile(source).columns == ["a", "b", "", ""]


def test_a_csv_header_naming_a_column_twice_is_an_error(tmp_path):
    folder = tmp_path / "net"
    shutil.copytree(sample_path(), folder)
    actors = folder / "actors.csv"
    lines = actors.read_text().splitlines()
    actors.write_text("\n".join([lines[0] + ",Name"] + [line + ",x" for line in lines[1:]]) + "\n")
    an_error(run("info", folder), "duplicate header", '"name"')


def test_an_excel_header_naming_a_column_twice_is_an_error(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "actors"
    sheet.append(["id", "kind", "name", "NAME"])
    sheet.append(["berlin", "city", "Berlin", "Berlin"])
    book.create_sheet("ties").append(["source", "target", "type"])
    book.save(tmp_path / "net.xlsx")
    an_error(run("info", tmp_path / "net.xlsx"), "duplicate header", '"name"')


def test_a_json_object_naming_a_key_twice_is_an_error(tmp_path):
    path = tmp_path / "net.json"
    path.write_text('{"nodes": [{"id": "berlin", "kind": "city", "name": "Berlin", '
                    '"name": "Paris"}], "links": []}')
    an_error(run("info", path), 'names the key "name" twice')


def test_json_keys_naming_one_column_with_different_values_are_an_error(tmp_path):
    path = tmp_path / "net.json"
    path.write_text(json.dumps({"nodes": [{"id": "berlin", "kind": "city", "name": "Berlin",
                                           "Name": "Paris"}], "links": []}))
    an_error(run("info", path), 'nodes[0]: two keys name the column "name"')


def test_json_keys_naming_one_column_with_one_value_are_fine(tmp_path):
    path = tmp_path / "net.json"
    path.write_text(json.dumps({"nodes": [{"id": "berlin", "kind": "city", "name": "Berlin",
                                           "Name": "Berlin"}], "links": []}))
    assert read_network(path).graph.nodes["berlin"]["name"] == "Berlin"


# -- settings ------------------------------------------------------------------------------


@pytest.mark.parametrize("home", ["Ber\nlin", 'berlin"\nhome = "paris', "Berlin\r", "a\tb",
                                  "x\x1b[31m", "x\u2028y"])
def test_a_home_no_settings_file_can_hold_is_refused_before_anything_is_written(tmp_path, home):
    """Try 8: --home with a newline wrote an invalid network.toml (exit 0), and every
    later command failed."""
    out = tmp_path / "out"
    an_error(run("import", "twin-towns", TWINS, "-o", out, "--home", home), "--home holds")
    assert not out.exists()
    an_error(run("merge", sample_path(), "-o", out, "--home", home), "--home holds")
    assert not out.exists()
    an_error(run("export", sample_path(), "-o", out, "--home", home), "--home holds")
    assert not out.exists()


def test_an_input_file_name_with_a_newline_is_refused(tmp_path):
    """Try 8: an input file name with a newline wrote an invalid network.toml."""
    source = tmp_path / "twins\n.csv"
    shutil.copy(TWINS, source)
    out = tmp_path / "out"
    an_error(run("import", "twin-towns", source, "-o", out), "the input file name twins?.csv")
    assert not out.exists()


@settings(max_examples=60, deadline=None, database=None)
@given(st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40))
def test_any_setting_without_control_characters_reads_back_the_same(value):
    text = settings_text({"home": value, "source": value})
    assert parse_settings(text.encode("utf-8")) == {"home": value, "source": value}


@settings(max_examples=40, deadline=None, database=None)
@given(st.text(max_size=10), st.characters(categories=("Cc", "Zl", "Zp")), st.text(max_size=10))
def test_any_setting_with_a_control_character_is_refused_and_nothing_written(before, bad, after):
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    with pytest.raises(InputError, match="holds"):
        write_settings(folder, {"home": before + bad + after})
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("nesting", ["a = " + "[" * 100_000, "a = " + "{b = " * 100_000,
                                     "[" + "a." * 100_000 + "b]"])
def test_a_deeply_nested_settings_file_is_a_clear_error(tmp_path, nesting):
    """Try 8: a 100k-deep network.toml gave "internal error (RecursionError)"."""
    folder = tmp_path / "net"
    shutil.copytree(sample_path(), folder)
    (folder / "network.toml").write_text(nesting + "\n")
    result = run("info", folder)
    if nesting.startswith("["):  # a deep table name is no recursion: read, and ignored
        assert result.exit_code == 0, result.output
        return
    an_error(result, "network.toml", "nests values too deeply")
    with pytest.raises(InputError, match="too deeply"):
        read_settings(folder)
