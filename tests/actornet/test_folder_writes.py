"""Network folders are written whole, never over inputs or someone else's folder
(issue 22, tries 2, 3 and 8: import, merge, export -o FOLDER and dedupe -o)."""

from __future__ import annotations

import os
import shutil

import pytest

from actornet.loaders import read_network
from actornet.loaders.network_toml import written_by_actornet
from actornet.sample import sample_path
from testdata import DATA
from checks import run_cli as run

TWINS = DATA / "import" / "twin_towns.csv"


def snapshot(folder):
    """Every file under ``folder`` (links as links) with its bytes."""
    out = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        out[key] = ("link", os.readlink(path)) if path.is_symlink() else (
            path.read_bytes() if path.is_file() else "folder")
    return out


def siblings(folder):
    """What lies next to ``folder`` (temporary folders would show here)."""
    return sorted(p.name for p in folder.parent.iterdir())


def refused(result, text):
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: "), result.stderr
    assert text in result.stderr, result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.fixture
def someones(tmp_path):
    """A network folder someone made by hand (no network.toml of actornet's)."""
    folder = tmp_path / "theirs"
    folder.mkdir()
    for table in sample_path().glob("*.csv"):
        shutil.copy(table, folder)
    (folder / "network.toml").write_text('home = "berlin"\n')
    (folder / "notes.txt").write_text("mine")
    return folder


@pytest.fixture
def imported(tmp_path):
    """A folder an earlier `actornet import` wrote."""
    folder = tmp_path / "net"
    assert run("import", "twin-towns", TWINS, "-o", folder).exit_code == 0
    return folder


def test_import_pairs_onto_its_own_input_is_refused(imported):
    """Try 3: `import pairs net/ties.csv -o net` overwrote its own input."""
    before = snapshot(imported)
    refused(run("import", "pairs", imported / "ties.csv", "-o", imported, "--a", "source",
                "--b", "target", "--ids"), "would replace the folder holding the input")
    assert snapshot(imported) == before


def test_import_into_someones_network_is_refused(someones):
    """Try 3: import -o into a folder holding someone's network overwrote three files,
    deleted projects.csv and kept an old themes.csv."""
    before = snapshot(someones)
    refused(run("import", "twin-towns", TWINS, "-o", someones), "holds files actornet did not write")
    assert snapshot(someones) == before


def test_import_into_a_hand_made_network_without_other_files_is_refused(someones):
    (someones / "notes.txt").unlink()
    before = snapshot(someones)
    refused(run("import", "twin-towns", TWINS, "-o", someones),
            "does not hold a network actornet wrote")
    assert snapshot(someones) == before


def test_force_replaces_the_folder_whole(someones):
    result = run("import", "twin-towns", TWINS, "-o", someones, "--force")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in someones.iterdir()) == ["actors.csv", "network.toml",
                                                         "ties.csv"]
    assert written_by_actornet(someones)
    assert read_network(someones).report.rows_rejected == 0


def test_an_import_over_an_earlier_import_leaves_no_file_of_it(imported, tmp_path):
    memberships = tmp_path / "m.csv"
    memberships.write_text("org,project,country\nTU Berlin,P1,DE\nUni Wien,P1,AT\n")
    (imported / "themes.csv").write_text("id\nclimate\n")  # would mix with the new ties
    os.utime(imported / "network.toml")
    before = siblings(imported)
    result = run("import", "memberships", memberships, "-o", imported, "--member-name", "org",
                 "--member-country", "country", "--group", "project")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in imported.iterdir()) == ["actors.csv", "network.toml",
                                                         "projects.csv", "ties.csv"]
    assert siblings(imported) == before


def test_a_link_inside_the_folder_is_never_written_through(imported, tmp_path):
    """Try 3: an actors.csv symlink inside -o was written through, overwriting a file
    outside the folder."""
    outside = tmp_path / "outside.csv"
    outside.write_text("precious")
    (imported / "actors.csv").unlink()
    (imported / "actors.csv").symlink_to(outside)
    result = run("import", "twin-towns", TWINS, "-o", imported)
    assert result.exit_code == 0, result.output
    assert outside.read_text() == "precious"
    assert not (imported / "actors.csv").is_symlink()


def test_an_output_that_is_a_link_is_refused(imported, tmp_path):
    link = tmp_path / "link"
    link.symlink_to(imported)
    before = snapshot(imported)
    refused(run("import", "twin-towns", TWINS, "-o", link, "--force"), "is a symbolic link")
    assert snapshot(imported) == before


def test_merge_onto_an_input_is_refused(imported, tmp_path):
    """Try 3: `merge a b -o a` rewrote a."""
    other = tmp_path / "other"
    shutil.copytree(sample_path(), other)
    before = snapshot(imported)
    refused(run("merge", imported, other, "-o", imported), "would overwrite the input")
    assert snapshot(imported) == before


def test_merge_into_someones_folder_is_refused(imported, someones):
    before = snapshot(someones)
    refused(run("merge", imported, "-o", someones), "holds files actornet did not write")
    assert snapshot(someones) == before


def test_merge_writes_a_folder_it_can_replace_later(imported, tmp_path):
    out = tmp_path / "merged"
    assert run("merge", imported, "-o", out).exit_code == 0
    assert written_by_actornet(out)
    assert run("merge", imported, "-o", out).exit_code == 0


def test_dedupe_into_its_input_is_refused(tmp_path):
    """Try 3: `dedupe c -o c/actors.csv` made c unreadable."""
    data = tmp_path / "c"
    shutil.copytree(sample_path(), data)
    before = snapshot(data)
    refused(run("dedupe", data, "-o", data / "actors.csv"), "would overwrite the input")
    assert snapshot(data) == before


def test_export_into_someones_folder_is_refused_without_force(someones, tmp_path):
    before = snapshot(someones)
    refused(run("export", sample_path(), "-o", someones), "holds files actornet did not write")
    assert snapshot(someones) == before
    assert run("export", sample_path(), "-o", someones, "--force").exit_code == 0
    assert not (someones / "notes.txt").exists()
    assert read_network(someones) == read_network(sample_path())


def test_an_exported_folder_is_marked_and_can_be_replaced(tmp_path):
    out = tmp_path / "out"
    assert run("export", sample_path(), "-o", out).exit_code == 0
    assert written_by_actornet(out)
    assert read_network(out).home_city == "berlin"
    assert run("export", sample_path(), "-o", out).exit_code == 0
    assert siblings(out) == ["out"]


def test_an_export_into_an_empty_folder_is_fine(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    assert run("export", sample_path(), "-o", out).exit_code == 0
    assert written_by_actornet(out)


def test_an_output_that_is_a_file_is_refused(tmp_path):
    out = tmp_path / "afile"
    out.write_text("mine")
    refused(run("export", sample_path(), "-o", out, "--force"), "is a file")
    assert out.read_text() == "mine"
