"""The validation rules of the input tables, each stated once, over whole columns.

A rule takes a column (every row's cell of one table, as a reader handed
it over) and returns the values it reads, one per row, and the rows that
fail it with the reason: a :class:`Flaw` per failing row. A flaw either
rejects the row (a broken required field) or leaves an optional value empty
with a warning. Each rule works its answer out once per distinct cell (a
kind, type, year or weight cell repeats across many rows), so a million
rows cost a few thousand checks. :mod:`actornet.graph.build` applies the
rules to each table and reports the flaws with file, line, column and
reason. Messages never repeat a cell's value: cells may hold personal data.

Examples
--------
>>> import numpy as np
>>> years, flaws = year(np.array(["1994", "", "19x4"], dtype=object), "since")
>>> years.tolist()
[1994, None, None]
>>> flaws
[(2, Flaw(column='since', reason='since is not a year', hint='write a year such as 1994, or leave the cell empty', rejects=False))]
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from actornet.graph.errors import SchemaError
from actornet.graph.schema import (
    MAX_INTENSITY, MIN_INTENSITY, Kind, TieType, parse_external_ids, parse_kind, parse_tie_type,
)

__all__ = ["Flaw", "ReaderTexts", "reader_texts",
           "MIN_YEAR", "MAX_YEAR", "WEIGHT_HINT", "cell_text", "cell_items",
           "distinct", "per_cell", "texts", "items", "required", "actor_kind", "fixed_kind",
           "tie_type", "kinds_allowed", "self_tie", "year", "number", "period",
           "external_ids", "project", "kind_names", "objects"]

#: Years outside this range are taken to be typing mistakes: left empty with a
#: warning. The oldest city partnership (Paderborn-Le Mans) dates from 836.
MIN_YEAR = 500
MAX_YEAR = 2100
WEIGHT_HINT = f"intensity runs from {MIN_INTENSITY} (weak) to {MAX_INTENSITY} (strong)"

_YEAR = re.compile(r"[0-9]{3,4}")


class Flaw(NamedTuple):
    """Why one cell fails a rule: ``rejects`` the row, or its value is left
    empty with a warning (the reason then gains "; left empty")."""

    column: str | None
    reason: str
    hint: str
    rejects: bool


def cell_text(value):
    """A cell as a stripped string, or None when empty.

    Examples
    --------
    >>> cell_text("  Berlin "), cell_text(""), cell_text(1994.0), cell_text(True)
    ('Berlin', None, '1994', 'true')
    """
    if value is None:
        return None
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, int):
        value = str(value)
    elif isinstance(value, float):
        if math.isnan(value):
            return None
        value = str(int(value)) if value.is_integer() else repr(value)
    elif not isinstance(value, str):
        value = str(value)
    value = value.strip()
    return value or None


def cell_items(value):
    """A ``;``-separated cell (or a JSON list) as a list of stripped strings,
    each once.

    Examples
    --------
    >>> cell_items("a; b;;a"), cell_items(["x", " y "]), cell_items(None)
    (['a', 'b'], ['x', 'y'], [])
    """
    if value is None:
        return []
    parts = value if isinstance(value, (list, tuple)) else str(value).split(";")
    out = []
    for item in parts:
        text = cell_text(item)
        if text is not None and text not in out:
            out.append(text)
    return out


class ReaderTexts(np.ndarray):
    """A column of a reader's texts: every cell a stripped ``str``, ``""`` when
    empty (CSV files). Rules read such a column whole, without looking at
    each cell's type; any other column (JSON, spreadsheets) cell by cell."""


def reader_texts(values):
    """``values`` (a reader's stripped texts) marked as :class:`ReaderTexts`."""
    return np.asarray(values, dtype=object).view(ReaderTexts)


def _empty_as_none(values):
    """A reader's texts with None for each empty cell, and where those are."""
    empty = np.asarray(values == "", dtype=bool)
    out = np.asarray(values).copy()
    out[empty] = None
    return out, empty


def objects(values):
    """A 1-d object array of ``values`` (tuples and lists stay single items)."""
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        out[i] = value
    return out


def _typed_key(value):
    """A hashable key that keeps apart cells equal in Python but read apart
    (``True`` and ``1``, ``1`` and ``1.0`` stay apart; lists by their items)."""
    if isinstance(value, list):
        return (list, tuple(_typed_key(v) for v in value))
    return (type(value), value) if value == value else (type(value), "nan")


def distinct(values):
    """``(codes, uniques)``: each row's index into the distinct cells of a column.

    Text columns (a reader's strings) are factorised by pandas, in C; other
    cells (JSON, spreadsheets: numbers, lists) keep their type apart.
    """
    if isinstance(values, ReaderTexts) or len(values) and type(values[0]) is str and \
            pd.api.types.infer_dtype(values, skipna=False) == "string":
        codes, uniques = pd.factorize(np.asarray(values))
        return codes, list(uniques)
    index, uniques, codes = {}, [], np.empty(len(values), dtype=np.int64)
    for i, value in enumerate(values):
        key = _typed_key(value)
        code = index.get(key)
        if code is None:
            code = index[key] = len(uniques)
            uniques.append(value)
        codes[i] = code
    return codes, uniques


def per_cell(values, check, *, coded=False):
    """Apply ``check(cell) -> (value, flaws)`` once per distinct cell of a column.

    Returns the value of every row (an object array) and the flaws as
    ``(row, flaw)`` pairs in row order (a cell may have several flaws);
    ``coded``: ``(codes, distinct values, flaws)`` instead, each row's
    index into the distinct values.
    """
    codes, uniques = distinct(values)
    answers = [check(cell) for cell in uniques]
    flawed = [i for i, (_, flaws) in enumerate(answers) if flaws]
    rows = np.flatnonzero(np.isin(codes, flawed)) if flawed else np.empty(0, dtype=np.int64)
    flaws = [(row, flaw) for row in rows.tolist() for flaw in answers[codes[row]][1]]
    if coded:
        return codes, [value for value, _ in answers], flaws
    out = objects([value for value, _ in answers])[codes] if len(codes) else \
        np.empty(0, dtype=object)
    return out, flaws


def texts(values):
    """Each cell's stripped text, None when empty (no rule: any text goes)."""
    if isinstance(values, ReaderTexts):
        return _empty_as_none(values)[0]
    return per_cell(values, lambda cell: (cell_text(cell), ()))[0]


def items(values):
    """Each cell's list of items (aliases), ``[]`` when empty."""
    return per_cell(values, lambda cell: (tuple(cell_items(cell)), ()))[0]


def required(values, column, hint):
    """A required field (an id, name, source, target, type): empty rejects the row."""
    flaw = (Flaw(column, f"{column} is empty", hint, True),)
    if isinstance(values, ReaderTexts):
        out, empty = _empty_as_none(values)
        return out, [(row, flaw[0]) for row in np.flatnonzero(empty).tolist()]
    return per_cell(values, lambda cell: (text := cell_text(cell), () if text else flaw))


def actor_kind(values):
    """An actors row's kind: empty, unknown or theme rejects the row."""
    allowed = "allowed: " + ", ".join(k.value for k in Kind if k is not Kind.THEME)

    def check(cell):
        text = cell_text(cell)
        if text is None:
            return None, (Flaw("kind", "kind is empty", allowed, True),)
        try:
            kind = parse_kind(text)
        except SchemaError as err:
            return None, (Flaw("kind", "unknown kind", str(err).removeprefix("unknown kind; "),
                               True),)
        if kind is Kind.THEME:
            return None, (Flaw("kind", "themes are not actors", "list themes in themes.csv",
                               True),)
        return kind, ()
    return per_cell(values, check)


def fixed_kind(values, kind):
    """A kind cell in a table of one kind (projects, themes) must be empty or name it."""
    flaw = (Flaw("kind", f"kind must be {kind.value} in this table",
                 f"leave it empty: every row here is a {kind.value}", True),)

    def check(cell):
        text = cell_text(cell)
        if text is None:
            return kind, ()
        try:
            ok = parse_kind(text) is kind
        except SchemaError:
            ok = False
        return (kind, ()) if ok else (None, flaw)
    return per_cell(values, check)


def tie_type(values):
    """A tie's type: empty or unknown rejects the row.

    Returns ``(codes, types, flaws)``: each row's index into the distinct
    types (None for an empty or unknown one), and the failing rows."""
    def check(cell):
        text = cell_text(cell)
        if text is None:
            return None, (Flaw("type", "type is empty",
                               "allowed: " + ", ".join(t.value for t in TieType), True),)
        try:
            return parse_tie_type(text), ()
        except SchemaError as err:
            return None, (Flaw("type", "unknown tie type",
                               str(err).removeprefix("unknown tie type; "), True),)
    return per_cell(values, check, coded=True)


def kind_names(kinds) -> str:
    """``city`` or ``{city, ngo}``: the kinds a tie type allows at one end."""
    names = sorted(k.value for k in kinds)
    return names[0] if len(names) == 1 else "{" + ", ".join(names) + "}"


def kinds_allowed(types, type_codes, kinds, source_codes, target_codes):
    """The tie's type must allow the kinds of its ends (checked where all three are known).

    ``types`` and ``kinds`` are the distinct tie types and kinds (None for
    one that is not known); the codes index them per row. Returns the
    ``(row, flaw)`` pairs.
    """
    table = np.zeros((len(types) + 1, len(kinds) + 1, len(kinds) + 1), dtype=np.int64)
    flaws = [None]
    for t, tie in enumerate(types):
        for s, source in enumerate(kinds):
            for g, target in enumerate(kinds):
                if None in (tie, source, target) or tie.allows(source, target):
                    continue
                table[t, s, g] = len(flaws)
                flaws.append(Flaw(
                    "type", f"a {tie.value} tie cannot go from {source.value} to {target.value}",
                    f"{tie.value} goes from {kind_names(tie.sources)} to "
                    f"{kind_names(tie.targets)}", True))
    answer = table[type_codes, source_codes, target_codes]  # code -1: the last, all zero
    rows = np.flatnonzero(answer)
    return [(row, flaws[code]) for row, code in zip(rows.tolist(), answer[rows].tolist())]


def self_tie(sources, targets, known):
    """A tie from an actor to itself rejects the row (where the source is ``known``)."""
    flaw = Flaw("target", "a tie from an actor to itself", "remove the row", True)
    rows = np.flatnonzero(known & (sources == targets))
    return [(row, flaw) for row in rows.tolist()]


def _year(cell, column):
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = cell_text(cell)
    if text is None:
        return None, ()
    if not _YEAR.fullmatch(text):
        return None, (Flaw(column, f"{column} is not a year",
                           "write a year such as 1994, or leave the cell empty", False),)
    value = int(text)
    if not MIN_YEAR <= value <= MAX_YEAR:
        return None, (Flaw(column, f"{column} is outside the years {MIN_YEAR}-{MAX_YEAR}",
                           "check for a typing mistake", False),)
    return value, ()


def year(values, column):
    """A year (since, until): not a year, or outside MIN_YEAR-MAX_YEAR, is left empty."""
    return per_cell(values, lambda cell: _year(cell, column))


def number(values, column, low, high, hint):
    """A number in ``low``-``high`` (weight, lat, lon, priority), else left empty.

    Whole numbers are read as int, others as float.
    """
    def check(cell):
        if isinstance(cell, str):
            cell = cell_text(cell)
        if cell is None:
            return None, ()
        try:
            value = float(cell) if not isinstance(cell, bool) else math.nan
        except (TypeError, ValueError):
            value = math.nan
        if math.isnan(value) or math.isinf(value):
            return None, (Flaw(column, f"{column} is not a number", hint, False),)
        if not low <= value <= high:
            return None, (Flaw(column, f"{column} is outside {low:g}-{high:g}", hint, False),)
        return (int(value) if value.is_integer() else value), ()
    return per_cell(values, check)


def period(since, until):
    """``until`` before ``since`` is left empty; returns ``until`` and the flaws."""
    both = np.flatnonzero((since != None) & (until != None))  # noqa: E711 (elementwise)
    if not len(both):
        return until, []
    bad = both[until[both] < since[both]]
    if not len(bad):
        return until, []
    until = until.copy()
    until[bad] = None
    flaw = Flaw("until", "until is before since", "a tie ends in or after the year it starts",
                False)
    return until, [(row, flaw) for row in bad.tolist()]


def external_ids(values):
    """An actor's external ids: an item not ``scheme:value`` of a known scheme
    leaves it out, with a warning."""
    flaw = (Flaw("external_ids", "an external id is not scheme:value of a known scheme",
                 "write e.g. wikidata:Q64, geonames:2950159 or pic:999986678", False),)

    def check(cell):
        ids, bad = parse_external_ids(cell)
        return tuple(ids), (flaw if bad else ())
    return per_cell(values, check)


def project(values, kinds):
    """A tie's project must be the id of a project (``kinds``: id -> Kind), else left empty."""
    flaw = (Flaw("project", "project is not the id of a project",
                 "list the project in projects.csv", False),)

    def check(cell):
        text = cell_text(cell)
        if text is None:
            return None, ()
        return (text, ()) if kinds.get(text) is Kind.PROJECT else (None, flaw)
    return per_cell(values, check)
