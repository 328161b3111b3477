"""Where each kept tie came from, by its key: the duplicate rule's memory.

A dict, plus one block per table of plain rows (their keys checked against
earlier keys with pandas, in C, and looked up one by one only when asked),
each row visible once it is kept. Saves a million tuples and dict entries
at a million ties.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["TieOrigins", "KeyBlock"]


class TieOrigins:
    """Where each kept tie came from: tie key -> (file, line, where).

    A dict, plus one block per table read into columns: the keys of its
    plain rows with their lines (checked against earlier keys with pandas,
    in C; looked up one by one only once a row of the reference path asks),
    each row visible once it is kept. Saves a million tuples and dict
    entries at a million ties.
    """

    def __init__(self):
        self._main = {}
        self._blocks = []

    def block(self, file, keys, rows, lines, wheres=None):
        """The block of one table's plain rows: their ``keys``, at ``rows``
        of the table, whose rows are at ``lines`` (and ``wheres``)."""
        block = KeyBlock(self, file, keys, rows, lines, wheres)
        self._blocks.append(block)
        return block

    def __contains__(self, key):
        return key in self._main or any(b.origin_of(key) is not None for b in self._blocks)

    def __getitem__(self, key):
        found = self._main.get(key)
        if found is not None:
            return found
        for block in self._blocks:
            found = block.origin_of(key)
            if found is not None:
                return found
        raise KeyError(key)

    def __setitem__(self, key, origin):
        self._main[key] = origin


class KeyBlock:
    """The plain rows' keys of one table (unique among them), and which are kept."""

    def __init__(self, origins, file, keys, rows, lines, wheres=None):
        self.origins, self.file = origins, file
        self.keys, self.rows, self.lines, self.wheres = keys, rows, lines, wheres
        self._index = None
        self._row = None
        self._shown = np.zeros(len(lines), dtype=bool)  # per row of the table

    @property
    def index(self):
        if self._index is None:
            self._index = pd.Index(self.keys, dtype=object)
        return self._index

    def taken_before(self):
        """Which keys a tie kept before this block already has."""
        main = self.origins._main
        # a set lookup per key: faster than hashing them all again in pandas
        taken = np.fromiter(map(main.__contains__, self.keys), dtype=bool,
                            count=len(self.keys)) if main else \
            np.zeros(len(self.keys), dtype=bool)
        for block in self.origins._blocks:
            if block is not self:
                taken |= self.index.isin(block.index[block._shown[block.rows]])
        return taken

    def show(self, start, stop):
        self._shown[start:stop] = True

    def row_of(self, key):
        """The table row of a plain row with this key, or None."""
        if self._row is None:  # made on the first question: one lookup each after
            self._row = dict(zip(self.keys, self.rows.tolist()))
        return self._row.get(key)

    def origin_of(self, key):
        """``(file, line, where)`` of the kept row with this key, or None."""
        row = self.row_of(key)
        if row is None or not self._shown[row]:
            return None
        return (self.file, self.lines[row], None if self.wheres is None else self.wheres[row])
