"""One input table's cells as columns, whatever form the reader handed it over in.

The CSV reader hands a table over as columns of stripped texts (``""`` for
an empty cell); JSON, spreadsheets and the store hand over rows
(:class:`~actornet.graph.tables.Record`), whose cells may be numbers or lists.
:class:`TableCells` gives the builder one view of both: a column as an
object array with one cell per row, the row's origin for messages, and its
extra columns. The rules (:mod:`actornet.graph.rules`) read both kinds of
cells alike.

Examples
--------
>>> from actornet.graph.tables import ACTORS, RawTable, Record
>>> table = RawTable(ACTORS, "actors.json", ["id", "kind", "name"],
...                  [Record(None, {"id": 7, "kind": "city", "name": "X", "note": 1}, "nodes[0]")])
>>> cells = TableCells(table)
>>> cells.column("id").tolist(), cells.origin(0), cells.extras(0)
([7], ('actors.json', None, 'nodes[0]'), {'note': 1})
"""

from __future__ import annotations

import numpy as np

from actornet.graph.rules import objects, reader_texts

__all__ = ["TableCells"]


class TableCells:
    """The cells of one :class:`~actornet.graph.tables.RawTable`, by column."""

    def __init__(self, table):
        self.table, self.file, self.known = table, table.file, frozenset(table.spec.known)
        self.textual = table.data is not None
        if self.textual:
            self.size = len(table.lines)
            lines = table.lines
            self.lines = lines.tolist() if hasattr(lines, "tolist") else [int(x) for x in lines]
            self.wheres = None
            self.records = None
            self.extra_columns = [c for c in table.data if c not in self.known]
        else:
            self.records = table.records
            self.size = len(self.records)
            self.lines = [record.line for record in self.records]
            self.wheres = [record.where for record in self.records]
            seen = {}
            for record in self.records:
                seen.update(dict.fromkeys(c for c in record.values if c not in self.known))
            self.extra_columns = list(seen)

    def column(self, name):
        """The cells of column ``name``, one per row (``""`` or None where empty)."""
        if self.textual:
            values = self.table.data.get(name)
            return reader_texts(np.full(self.size, "", dtype=object) if values is None
                                else values)
        return objects([record.values.get(name) for record in self.records])

    def has_column(self, name):
        """Whether each row has the column ``name`` at all (a JSON item may lack it)."""
        if self.textual:
            return np.full(self.size, name in self.table.data, dtype=bool)
        return np.array([name in record.values for record in self.records], dtype=bool)

    def origin(self, row):
        """``(file, line, where)`` of a row, for messages."""
        return self.file, self.lines[row], None if self.wheres is None else self.wheres[row]

    def extras(self, row):
        """A row's cells of the columns actornet does not know, kept as properties."""
        if self.textual:
            data = self.table.data
            return {c: data[c][row] for c in self.extra_columns if data[c][row]}
        return {c: v for c, v in self.records[row].values.items()
                if c not in self.known and v is not None}
