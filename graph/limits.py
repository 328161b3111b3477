"""The limits on what the readers accept: a clear error beyond each, never a hang.

Each is checked in time linear in the input's size. They are far above what
a network's tables need, and low enough that a hostile or broken file fails
fast with a message naming the limit instead of an internal error.

Examples
--------
>>> MAX_CELL_CHARS, MAX_COLUMNS, MAX_JSON_DEPTH
(1000000, 2000, 64)
"""

__all__ = ["MAX_CELL_CHARS", "MAX_COLUMNS", "MAX_JSON_DEPTH"]

#: Characters in one CSV cell (or one JSON text value).
MAX_CELL_CHARS = 1_000_000
#: Columns in one table (a CSV header, a sheet's header, the keys of JSON items).
MAX_COLUMNS = 2_000
#: Levels of nesting in a JSON file (node-link JSON needs four).
MAX_JSON_DEPTH = 64
