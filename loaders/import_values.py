"""Cells of an imported column read as values, each distinct text once.

A column of a million rows holds a few thousand distinct towns, countries
or years: :func:`per_distinct` works each out once and spreads the answers
back over the rows. The readers of optional values (:func:`countries`,
:func:`years`, :func:`coordinates`) leave a bad value empty and warn with
the row's line; "NA", "n/a" and "null" are no value.

Examples
--------
>>> import numpy as np
>>> per_distinct(np.array(["a", "b", "a"], dtype=object), str.upper).tolist()
['A', 'B', 'A']
>>> parse_coordinate("52,52"), parse_coordinate("x"), parse_coordinate("200", 180)
(52.52, None, None)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from actornet.graph.names import country_code
from actornet.loaders.import_rows import MISSING

__all__ = ["per_distinct", "group_rows", "countries", "years", "coordinates",
           "parse_coordinate", "YEAR_RANGE", "is_missing"]

YEAR_RANGE = (500, 2100)


def is_missing(text) -> bool:
    """True for an empty cell and for "NA", "n/a", "null" (no value)."""
    return not text or text.casefold() in MISSING


def per_distinct(values, func, *, dtype=object) -> np.ndarray:
    """``func`` of each cell of ``values``, called once per distinct cell."""
    values = np.asarray(values, dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    answers = np.empty(len(uniques), dtype=dtype)
    for i, value in enumerate(uniques):
        answers[i] = func(value)
    return answers[codes] if len(values) else np.empty(0, dtype=dtype)


def group_rows(*columns) -> tuple[np.ndarray, np.ndarray]:
    """Rows grouped by their cells in ``columns``: each row's group number and,
    per group, the first row of it (groups numbered in order of appearance).

    Examples
    --------
    >>> codes, first = group_rows(["a", "b", "a"], ["x", "y", "x"])
    >>> codes.tolist(), first.tolist()
    ([0, 1, 0], [0, 1])
    """
    n = len(columns[0])
    code = np.zeros(n, dtype=np.int64)
    for column in columns:
        part, uniques = pd.factorize(np.asarray(column, dtype=object), use_na_sentinel=False)
        code, _ = pd.factorize(code * (len(uniques) + 1) + part)
    code = np.asarray(code, dtype=np.int64)
    _, first = np.unique(code, return_index=True)
    return code, first


def _warn_rows(sink, lines, bad, column, reason, hint):
    if bad.any():
        sink.blank_lines(lines[bad], column, reason, hint)


def countries(values, lines, column, sink) -> np.ndarray:
    """ISO 3166 alpha-2 codes of a country column (None where empty or unknown;
    an unknown country is left empty with a warning)."""
    codes = per_distinct(values, lambda t: None if is_missing(t) else country_code(t) or "?")
    bad = codes == "?"
    _warn_rows(sink, lines, bad, column, "country is not a country name or ISO 3166 code",
               "write a country name or code such as Germany or DE")
    codes[bad] = None
    return codes


def _year(text):
    if is_missing(text):
        return None
    value = text[:-2] if text.endswith(".0") else text
    if not value.isdigit():
        return "not"
    year = int(value)
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else "range"


def years(values, lines, column, sink) -> np.ndarray:
    """The years of a column (None where empty; a bad year left empty with a warning)."""
    found = per_distinct(values, _year)
    for flag, reason, hint in (("not", f"{column} is not a year", "write a year such as 1994"),
                               ("range", f"{column} is outside the years "
                                f"{YEAR_RANGE[0]}-{YEAR_RANGE[1]}", "check for a typing mistake")):
        bad = np.fromiter((v == flag for v in found), dtype=bool, count=len(found))
        _warn_rows(sink, lines, bad, column, reason, hint)
        found[bad] = None
    return found


def parse_coordinate(text, limit=90.0):
    """A coordinate in decimal degrees (a decimal comma accepted), None when
    empty, not a number or beyond ``limit``."""
    if is_missing(text):
        return None
    try:
        value = float(text.replace(",", ".").replace(" ", ""))
    except ValueError:
        return None
    return value if abs(value) <= limit and value == value else None


def coordinates(lat_values, lon_values, lines, columns, sink):
    """Latitudes and longitudes of two columns (None where either is empty or bad;
    a bad one is left empty with a warning)."""
    out = []
    for values, column, limit in ((lat_values, columns[0], 90.0),
                                  (lon_values, columns[1], 180.0)):
        if values is None:
            return None, None
        found = per_distinct(values, lambda t, lim=limit: parse_coordinate(t, lim))
        given = per_distinct(values, lambda t: not is_missing(t), dtype=bool)
        bad = given & np.fromiter((v is None for v in found), dtype=bool, count=len(found))
        _warn_rows(sink, lines, bad, column, f"{column} is not a coordinate in decimal degrees",
                   "write e.g. 52.52 (latitude) or 13.40 (longitude)")
        out.append(found)
    missing = np.fromiter((a is None or b is None for a, b in zip(*out)), dtype=bool,
                          count=len(out[0]))
    out[0][missing] = None
    out[1][missing] = None
    return out[0], out[1]
