"""The attribute dicts of many plain tie rows at once.

Rows with the same set of attributes present get their dicts from one
function built for that set (a dict display: about twice as fast per row as
``dict(zip(...))``), the values taken column by column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["tie_attrs", "dict_maker"]


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


def tie_attrs(columns, plain):
    """The attribute dict of each plain row (None for the others), as a list."""
    n = columns.cells.size
    rows = np.flatnonzero(plain)
    attrs = np.full(n, None, dtype=object)
    if not len(rows):
        return attrs.tolist()
    present = _present(columns)
    # which attributes each row has, as bits (in pieces of 60 columns)
    pieces = [np.zeros(len(rows), dtype=np.int64) for _ in range(1 + (len(present) - 1) // 60)]
    masks = []
    for bit, (_, values) in enumerate(present[1:]):
        has = values[rows] != None  # noqa: E711 (elementwise)
        if present[bit + 1][0] == "themes":
            has &= np.array([bool(v) for v in values[rows]], dtype=bool)
        masks.append(has)
        pieces[bit // 60] |= has.astype(np.int64) << (bit % 60)
    pattern = pieces[0] if len(pieces) == 1 else \
        pd.MultiIndex.from_arrays(pieces).to_flat_index()
    codes, patterns = pd.factorize(pattern)
    for p in range(len(patterns)):
        which = np.flatnonzero(codes == p)
        chosen = [0] + [b + 1 for b, mask in enumerate(masks) if mask[which[0]]]
        names = [present[b][0] for b in chosen]
        values = [present[b][1][rows[which]].tolist() for b in chosen]
        if "themes" in names:
            at = names.index("themes")
            values[at] = list(map(list, values[at]))
        made = list(map(dict_maker(names), *values))
        block = np.empty(len(made), dtype=object)
        block[:] = made
        attrs[rows[which]] = block
    out = attrs.tolist()
    if not columns.cells.textual:
        for row in rows.tolist():
            out[row].update(columns.cells.extras(row))
    return out
