"""Shared fixtures: the small known-good network and the bad-input corpus."""

from __future__ import annotations

import shutil
import pytest

from testdata import BAD, GOOD


@pytest.fixture
def good_dir():
    return GOOD


@pytest.fixture
def make_network_dir(tmp_path):
    """A network folder in tmp_path: the good files, with some replaced.

    ``make_network_dir(actors="actors_bom.csv")`` puts the corpus file in place
    of actors.csv; with a replaced actors file, ties.csv is empty (header only)
    unless ``ties=`` is given too, so that each case tests one defect.
    """

    def make(*, actors=None, ties=None, projects=True, themes=True, name="net"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(BAD / actors if actors else GOOD / "actors.csv", folder / "actors.csv")
        if ties:
            shutil.copy(BAD / ties, folder / "ties.csv")
        elif actors:
            (folder / "ties.csv").write_text("source,target,type\n", encoding="utf-8")
        else:
            shutil.copy(GOOD / "ties.csv", folder / "ties.csv")
        if projects:
            shutil.copy(GOOD / "projects.csv", folder / "projects.csv")
        if themes:
            shutil.copy(GOOD / "themes.csv", folder / "themes.csv")
        return folder

    return make
