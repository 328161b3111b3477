"""Many plain tie rows at once: their attributes as columns, or as dicts.

A plain row (no rule flagged it) keeps the attributes it has, in a fixed
order: ``type``, ``themes``, ``since``, ``until``, ``weight``, ``project``,
the texts (``role``, ``status``, ``evidence``, ``claimed_by``) and the extra
columns. :class:`PlainTies` holds them as the table's columns with, per row,
which of them it has (its *pattern*): the network's column tables are made
from these directly (:mod:`actornet.graph.built_tables`). A table of rows
from JSON, a spreadsheet or the store (whose extra cells follow each row's
own order) gets a dict per row instead (:meth:`PlainTies.dicts`), made by
one function per pattern (a dict display: about twice as fast per row as
``dict(zip(...))``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["PlainTies", "TieRun", "dict_maker"]


def dict_maker(names):
    """A function of len(names) arguments returning ``dict(zip(names, args))``,
    built as a dict display. The names are passed in as values, never written
    into the code.

    Examples
    --------
    >>> dict_maker(["type", "since"])("PARTNER_OF", 1994)
    {'type': 'PARTNER_OF', 'since': 1994}
    """
    scope = {f"k{i}": name for i, name in enumerate(names)}
    args = ", ".join(f"a{i}" for i in range(len(names)))
    body = ", ".join(f"k{i}: a{i}" for i in range(len(names)))
    return eval(f"lambda {args}: {{{body}}}", scope)  # noqa: S307 (no input text in it)


def _present(columns):
    """``(name, values per row)`` of every attribute a tie may have, in the
    order a tie's dict has them (None where a row lacks it)."""
    cells = columns.cells
    types = np.array([t.value if t is not None else "" for t in columns.types],
                     dtype=object)[columns.type_codes]
    present = [("type", types)]
    if columns.themes is not None:
        present.append(("themes", columns.themes))
    present += [("since", columns.since), ("until", columns.until), ("weight", columns.weight),
                ("project", columns.project), *columns.texts.items()]
    if cells.textual:  # a JSON item's extra cells follow its own order: added row by row
        for name in cells.extra_columns:
            values = cells.column(name)
            present.append((name, np.where(values == "", None, values)))
    return present


class PlainTies:
    """The plain rows (``plain``, a mask) of one ties table (``columns``, a
    :class:`~actornet.graph.build_ties.TieColumns`): their ends, keys and
    attributes as columns.

    Attributes
    ----------
    source, target, keys : numpy.ndarray
        Per row of the table (object arrays).
    places : numpy.ndarray
        The places of the rows' ends among the graph's nodes: the sources',
        then the targets' (-1 for an end that is no node).
    names : list of str
        The attributes a tie may have, in a dict's order.
    values : list of numpy.ndarray
        Per name, its value in each row (object arrays).
    has : list of numpy.ndarray
        Per name, which rows have it (``type``: every plain row).
    pattern : numpy.ndarray
        Per row, a code into :attr:`patterns` (-1 for a row that is not plain).
    patterns : list of tuple
        The distinct lists of names the plain rows have, in a dict's order.
    """

    def __init__(self, columns, plain, keys):
        self.cells = columns.cells
        self.source, self.target, self.keys = columns.source, columns.target, keys
        self.places = columns.end_places  # both ends' nodes' places: sources, then targets
        present = _present(columns)
        self.names = [name for name, _ in present]
        self.values = [values for _, values in present]
        n = self.cells.size
        rows = np.flatnonzero(plain)
        self.has = [plain]
        # which attributes each row has, as bits (in pieces of 60 columns)
        pieces = [np.zeros(len(rows), dtype=np.int64) for _ in range(1 + (len(present) - 1) // 60)]
        for bit, (name, values) in enumerate(present[1:]):
            picked = values[rows]
            has = picked != None  # noqa: E711 (elementwise)
            if name == "themes":
                has &= np.fromiter(map(bool, picked), bool, len(picked))
            pieces[bit // 60] |= has.astype(np.int64) << (bit % 60)
            full = np.zeros(n, bool)
            full[rows] = has
            self.has.append(full)
        pattern = pieces[0] if len(pieces) == 1 else \
            pd.MultiIndex.from_arrays(pieces).to_flat_index()
        codes, distinct = pd.factorize(pattern)
        self.pattern = np.full(n, -1, np.int64)
        self.pattern[rows] = codes
        self.patterns = []
        for p in range(len(distinct)):
            first = rows[np.flatnonzero(codes == p)[0]]
            self.patterns.append(tuple(name for name, has in zip(self.names, self.has)
                                       if has[first]))

    def value_column(self, j, rows):
        """The values of attribute ``j`` at ``rows`` (which have it), as a dict holds them."""
        picked = self.values[j][rows]
        if self.names[j] == "themes":  # a list of its own per tie
            out = np.empty(len(picked), dtype=object)
            out[:] = list(map(list, picked))
            return out
        return picked

    def dicts(self) -> list:
        """The attribute dict of each plain row (None for the others), as a
        list; a row from JSON, a spreadsheet or the store gets its extra cells
        after the others, in its own order."""
        n = self.cells.size
        attrs = np.full(n, None, dtype=object)
        for p, names in enumerate(self.patterns):
            which = np.flatnonzero(self.pattern == p)
            made = list(map(dict_maker(names), *(
                self.value_column(self.names.index(name), which).tolist() for name in names)))
            block = np.empty(len(made), dtype=object)
            block[:] = made
            attrs[which] = block
        out = attrs.tolist()
        if not self.cells.textual:
            for row in np.flatnonzero(self.pattern >= 0).tolist():
                out[row].update(self.cells.extras(row))
        return out


class TieRun:
    """The plain rows ``start:stop`` of a :class:`PlainTies`, kept in order
    (one item of the builder's list of kept ties)."""

    __slots__ = ("ties", "start", "stop")

    def __init__(self, ties: PlainTies, start: int, stop: int):
        self.ties, self.start, self.stop = ties, start, stop
