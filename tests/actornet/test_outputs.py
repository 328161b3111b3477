"""Outputs never touch inputs; every file is written whole or not at all (issue 15, item 1)."""

from __future__ import annotations

import os
import shutil

import pytest

from actornet.graph.atomic import atomic_write
from actornet.loaders import read_network, write_json
from testdata import GOOD
from checks import folder_bytes, run_cli as run


@pytest.fixture
def good(tmp_path):
    folder = tmp_path / "good"
    shutil.copytree(GOOD, folder)
    return folder


def _refused(result):
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: the output "), result.stderr
    assert "would overwrite the input" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_viz_onto_its_json_input_is_refused(good, tmp_path):
    network = tmp_path / "g.json"
    write_json(read_network(good), network)
    before = network.read_bytes()
    _refused(run("viz", network, "-o", network))
    assert network.read_bytes() == before


def test_viz_into_an_input_folder_is_refused(good):
    before = folder_bytes(good)
    _refused(run("viz", good, "-o", good / "actors.csv"))
    assert folder_bytes(good) == before


def test_a_new_file_inside_an_input_folder_is_refused(good):
    _refused(run("viz", good, "-o", good / "sub" / "page.html"))
    assert not (good / "sub").exists()


def test_export_onto_its_input_folder_is_refused(good):
    before = folder_bytes(good)
    _refused(run("export", good, "-o", good))
    assert folder_bytes(good) == before


def test_report_onto_its_xlsx_input_is_refused(good, tmp_path):
    book = tmp_path / "g.xlsx"
    assert run("export", good, "-o", book).exit_code == 0
    before = book.read_bytes()
    _refused(run("report", book, "-o", book, "--no-page"))
    assert book.read_bytes() == before


def test_a_symlink_to_the_input_is_refused(good, tmp_path):
    link = tmp_path / "innocent.html"
    link.symlink_to(good / "actors.csv")
    before = folder_bytes(good)
    _refused(run("viz", good, "-o", link))
    assert folder_bytes(good) == before


def test_a_symlinked_input_folder_is_seen_through(good, tmp_path):
    link = tmp_path / "alias"
    link.symlink_to(good, target_is_directory=True)
    _refused(run("export", link, "-o", good / "copy.json"))


def test_a_hard_link_to_the_input_is_refused(good, tmp_path):
    network = tmp_path / "g.json"
    write_json(read_network(good), network)
    other = tmp_path / "other.json"
    os.link(network, other)
    _refused(run("export", network, "-o", other))


def test_demo_into_the_bundled_sample_is_refused():
    from actornet.sample import sample_path

    _refused(run("demo", "--out", sample_path()))


def test_an_output_beside_the_input_is_written(good, tmp_path):
    result = run("export", good, "-o", tmp_path / "copy.json")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "copy.json").is_file()


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "net.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as handle:
            handle.write("partial")
            raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "net.json"
    with pytest.raises(RuntimeError):
        with atomic_write(target) as handle:
            handle.write("partial")
            raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []


def test_an_export_that_fails_leaves_the_old_workbook(good, tmp_path, monkeypatch):
    import openpyxl

    book = tmp_path / "g.xlsx"
    assert run("export", good, "-o", book).exit_code == 0
    before = book.read_bytes()

    def broken_save(self, filename):
        filename.write(b"PK half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    result = run("export", good, "-o", book)
    assert result.exit_code == 1
    assert book.read_bytes() == before


def test_a_rewritten_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "net.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    with atomic_write(target) as handle:
        handle.write("new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_writing_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with atomic_write(link) as handle:
        handle.write("new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
