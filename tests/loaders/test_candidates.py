"""actornet.loaders.candidates: the candidates file written for a person and read back."""

from __future__ import annotations

import pandas as pd
import pytest

from actornet.graph.errors import InputError
from actornet.graph.resolve import CANDIDATE_COLUMNS
from actornet.loaders.candidates import read_reviewed, write_candidates


def table(rows):
    return pd.DataFrame([dict(zip(CANDIDATE_COLUMNS, r)) for r in rows], columns=CANDIDATE_COLUMNS)


ROWS = [("-a", "=HYPERLINK(1)", "b", "B", "company", "DE", "", 0.995, "auto", "names +9", ""),
        ("c", "C", "d", "D", "company", "DE", "", 0.7, "review", "names +5", "")]


def test_formulas_are_neutralised_and_ids_read_back_as_written(tmp_path):
    write_candidates(table(ROWS), tmp_path / "c.csv", auto=True)
    text = (tmp_path / "c.csv").read_text(encoding="utf-8")
    assert ("'=HYPERLINK(1)" in text, read_reviewed(tmp_path / "c.csv")) == (True, [("-a", "b")])


def test_auto_marks_only_the_auto_band(tmp_path):
    write_candidates(table(ROWS), tmp_path / "c.csv", auto=True)
    marks = pd.read_csv(tmp_path / "c.csv", dtype=str, keep_default_na=False)["accept"].tolist()
    assert marks == ["yes", ""]


def test_without_auto_nothing_is_accepted(tmp_path):
    write_candidates(table(ROWS), tmp_path / "c.csv")
    assert read_reviewed(tmp_path / "c.csv") == []


def test_a_file_without_an_accept_column_accepts_every_row(tmp_path):
    (tmp_path / "c.csv").write_text("id_a,id_b\nx,y\n", encoding="utf-8")
    assert read_reviewed(tmp_path / "c.csv") == [("x", "y")]


def test_a_file_without_the_ids_is_an_error(tmp_path):
    (tmp_path / "c.csv").write_text("name_a,name_b\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks the columns id_a, id_b"):
        read_reviewed(tmp_path / "c.csv")


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(InputError, match="cannot read the candidates file"):
        read_reviewed(tmp_path / "nowhere.csv")
