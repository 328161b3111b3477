"""The one DataFrame-to-JSON conversion every command uses."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from actornet.console import cell_text, plain, plain_records


def test_missing_values_become_none():
    assert [plain(v) for v in (None, float("nan"), np.nan, pd.NA, pd.NaT)] == [None] * 5


def test_numpy_scalars_become_python():
    values = [plain(np.int64(3)), plain(np.float64(0.5)), plain(np.bool_(True))]
    assert values == [3, 0.5, True]
    assert [type(v) for v in values] == [int, float, bool]


def test_containers_and_text_stay():
    assert plain(["a", "b"]) == ["a", "b"] and plain(("a",)) == ("a",)
    assert plain({"k": 1}) == {"k": 1} and plain("x") == "x"


def test_options_round_and_join():
    assert plain(2 / 3, digits=3) == 0.667 and plain(7, digits=3) == 7
    assert plain(["a", 1], join="; ") == "a; 1" and plain([], join="; ") == ""
    assert plain(float("nan"), digits=3) is None


def test_records_are_valid_json():
    table = pd.DataFrame({"a": [1, 2], "b": [0.5, math.nan], "c": [["x"], []]})
    rows = plain_records(table)
    assert rows == [{"a": 1, "b": 0.5, "c": ["x"]}, {"a": 2, "b": None, "c": []}]
    assert json.loads(json.dumps(rows, allow_nan=False)) == rows


def test_cell_text():
    assert [cell_text(v) for v in (["a", "b"], 0.25, 3, "x")] == ["a; b", "0.25", "3", "x"]
