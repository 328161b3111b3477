"""The candidates file of ``actornet dedupe``: written for a person, read back once reviewed.

:func:`write_candidates` writes the table of
:func:`actornet.graph.resolve.duplicate_candidates` as CSV (whole or not at
all; spreadsheet formulas neutralised, since names come from the data), with
the ``accept`` column filled with ``yes`` for the auto band when asked.
:func:`read_reviewed` reads the pairs a person accepted, for ``merge
--accept`` and ``build``.
"""

from __future__ import annotations

import csv

from actornet.graph.atomic import atomic_write
from actornet.graph.errors import InputError
from actornet.loaders.cells import escape_cell, read_cell

__all__ = ["read_reviewed", "read_decisions", "write_candidates", "YES", "NO"]

#: Accept cells that mean yes, and no (case-insensitive).
YES = frozenset({"yes", "y", "true", "1", "x", "ja"})
NO = frozenset({"no", "n", "false", "0", "nein"})
_NUMBERS = frozenset({"probability"})


def write_candidates(table, path, *, auto: bool = False):
    """Write the candidates ``table`` to ``path`` (CSV, UTF-8).

    With ``auto``, the ``accept`` cell of every pair in the auto band says
    ``yes``. Text cells a spreadsheet would run as a formula are escaped as
    ``actornet export`` escapes them; the reader takes the escape away again.
    Returns the number of rows written.
    """
    columns = list(table.columns)
    rows = table.to_dict("records")
    with atomic_write(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            if auto and row.get("band") == "auto" and not row.get("accept"):
                row["accept"] = "yes"
            writer.writerow([_cell(c, row[c]) for c in columns])
    return len(rows)


def _cell(column, value):
    if value is None or value != value:  # None or NaN
        return ""
    if column in _NUMBERS:
        return repr(float(value))
    return escape_cell(str(value))


def read_reviewed(path) -> list[tuple[str, str]]:
    """The accepted pairs of a candidates file: rows whose ``accept`` says yes.

    A file without an ``accept`` column accepts every row (delete the rows
    you reject). An accept cell that is neither yes nor no (nor empty) is an
    error naming its line.

    Raises
    ------
    InputError
        If the file cannot be read, lacks ``id_a``/``id_b``, or an accept
        cell is neither yes nor no.
    """
    return read_decisions(path)[0]


def read_decisions(path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The pairs of a candidates file a person accepted, and those rejected
    (``accept`` says no): a build merges the first and keeps the second apart
    even when the match model puts them in its auto band.

    Raises
    ------
    InputError
        As :func:`read_reviewed`.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise InputError("cannot read the candidates file", file=str(path)) from err
    header = [h.strip() for h in rows[0]] if rows else []
    missing = [c for c in ("id_a", "id_b") if c not in header]
    if missing:
        raise InputError("the candidates file lacks the columns " + ", ".join(missing),
                         file=str(path), hint="write it with `actornet dedupe`")
    a, b = header.index("id_a"), header.index("id_b")
    accept = header.index("accept") if "accept" in header else None
    accepted, rejected = [], []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [read_cell(cell) for cell in row] + [""] * len(header)
        word = cells[accept].casefold() if accept is not None else "yes"
        if word in YES:
            accepted.append((cells[a], cells[b]))
        elif word in NO:
            rejected.append((cells[a], cells[b]))
        elif word:
            raise InputError("accept must be yes, no or empty", file=str(path), line=line,
                             column="accept")
    return accepted, rejected
