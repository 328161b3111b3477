"""The rows read back from the store as the input format's tables, column by column.

:func:`store_tables` makes, from the store's rows (:class:`StoreParts`), the
tables a CSV reader would give for the same network: actors (an actor's
plain BASED_IN tie as its ``city`` column), projects, themes and ties, each
as text columns where every value is plain text, a number or a list of words
(the builder's column-wise path), else as rows with their values. It gives
what :func:`actornet.loaders.write.tables_of` and :func:`raw_table` give of
the same rows (tests/loaders/test_store_tables.py checks it), without a dict
per row: a table's columns are taken from the store's dicts at C speed.
"""

from __future__ import annotations

from itertools import chain, compress, repeat
from numbers import Integral, Real
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from actornet.graph.schema import Kind, TieType, tie_key
from actornet.graph.tables import ACTORS, PROJECTS, THEMES, TIES, RawTable, Record
from actornet.loaders.write import column_order

__all__ = ["StoreParts", "store_tables", "raw_table", "theme_rows"]


class StoreParts(NamedTuple):
    """A network's nodes and ties as read from the store, in load order, as columns.

    ``node_props`` and ``tie_props`` are the store's dicts without its own
    properties; a node's has its ``kind``, a tie's its ``type``.
    """

    node_ids: list
    node_props: list
    tie_sources: list
    tie_targets: list
    tie_keys: list
    tie_props: list

    def nodes(self):
        """``(id, attributes)`` pairs."""
        return list(zip(self.node_ids, self.node_props))

    def ties(self):
        """``(source, target, key, attributes)`` tuples."""
        return list(zip(self.tie_sources, self.tie_targets, self.tie_keys, self.tie_props))


#: Per table, the columns a CSV reader's text stands for another type:
#: whole numbers, numbers and ``;``-separated lists (every other column's
#: text is kept as text, so only text goes there as text).
_TYPED_COLUMNS = {
    "actors": (frozenset(), frozenset({"lat", "lon"}),
               frozenset({"themes", "aliases", "external_ids"})),
    "projects": (frozenset({"since", "until"}), frozenset(), frozenset({"themes", "aliases"})),
    "ties": (frozenset({"since", "until"}), frozenset({"weight"}), frozenset({"themes"})),
    "themes": (frozenset(), frozenset({"priority"}), frozenset()),
}


def _text(value, column, table):
    """``value`` as the text a CSV cell of ``column`` (of ``table``) would
    hold, or None when text would not give the value back (then the table is
    handed over as rows)."""
    whole, numbers, lists = _TYPED_COLUMNS[table]
    if value is None:
        return ""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value if column not in whole and column not in numbers and column not in lists \
            and value == value.strip() else None
    if isinstance(value, Integral) and (column in whole or column in numbers):
        return str(int(value))
    if isinstance(value, Real) and column in numbers:
        return repr(float(value))
    if isinstance(value, (list, tuple)) and column in lists and all(
            isinstance(v, str) and v and v == v.strip() and ";" not in v for v in value):
        return ";".join(value)
    return None


_KEYED = (str, int, type(None))
#: The types a whole-number column (False) or a number column (True) takes
#: as their text all at once.
_NUMBERS = {False: {int, type(None)}, True: {int, float, type(None)}}


def _column_texts(values, column, table):
    """The texts of one column's ``values`` (see :func:`_text`), or None."""
    whole, numbers, lists = _TYPED_COLUMNS[table]
    types = set(map(type, values))
    if column not in whole and column not in numbers and column not in lists:
        # A text column: the common case, checked without a call per cell.
        texts = list(values) if types <= {str} else ["" if v is None else v for v in values] \
            if types <= {str, type(None)} else None
        if texts is not None and texts == list(map(str.strip, texts)):
            return texts
    elif (column in whole or column in numbers) and types <= _NUMBERS[column in numbers]:
        return ["" if v is None else repr(v) for v in values]  # an int's repr is its str
    elif column in lists and types <= {list, type(None)}:
        words = list(chain.from_iterable(v for v in values if v is not None))
        if set(map(type, words)) <= {str} and all(words) and ";" not in "".join(words) \
                and words == list(map(str.strip, words)):
            return ["" if v is None else ";".join(v) for v in values]
    # Each distinct text, whole number, list of texts or None once (True, 1
    # and 1.0 apart; floats each: 0.0 and -0.0 are equal, their texts are not).
    known, texts = {}, []
    for value in values:
        kind = type(value)
        if kind is list and set(map(type, value)) <= {str}:  # a list of texts
            key = (list, tuple(value))
        elif kind in _KEYED:
            key = (kind, value)
        elif kind is float:  # as _text gives it
            texts.append(repr(value) if column in numbers else None)
            continue
        else:
            texts.append(_text(value, column, table))
            continue
        text = known.get(key)
        if text is None:
            text = known[key] = _text(value, column, table)
        texts.append(text)
    return None if None in texts else texts


def columns_table(spec, file, columns, values, count) -> RawTable:
    """A table of ``count`` rows whose column ``c`` holds ``values[c]``: as
    text columns when every value is plain (the builder's column-wise path),
    else as rows with their values."""
    data = {}
    for c in columns:
        texts = _column_texts(values[c], c, spec.name)
        if texts is None:
            cells = zip(*(values[c] for c in columns)) if columns else repeat((), count)
            records = [Record(i + 2, dict(zip(columns, row))) for i, row in enumerate(cells)]
            return RawTable(spec, file, columns, records, rows_read=count)
        data[c] = texts
    return RawTable(spec, file, columns, rows_read=count,
                    data={c: np.array(v, dtype=object) for c, v in data.items()},
                    lines=np.arange(2, count + 2, dtype=np.int64))


def raw_table(spec, file, columns, rows) -> RawTable:
    """A table of ``rows`` (dicts), as :func:`columns_table` gives it."""
    return columns_table(spec, file, columns,
                         {c: list(map(dict.get, rows, repeat(c))) for c in columns}, len(rows))


def _table(spec, props, leading, given, drop=()):
    """``(columns, values)`` of a table whose rows are ``leading`` columns
    (their values ``given`` where not the dict's own) updated with ``props``
    (the rows' dicts), less the ``drop`` columns: as ``{**row, **props}``
    would give them, in the order :func:`actornet.loaders.write.tables_of`
    gives them."""
    own = dict.fromkeys(chain.from_iterable(props))
    keys = dict.fromkeys(leading if props else ())  # a table of no rows: no columns seen
    keys.update(own)
    for c in drop:
        keys.pop(c, None)
    values = {}
    for c in column_order(spec, keys):
        if c not in given:
            values[c] = list(map(dict.get, props, repeat(c)))
        elif c in own:  # a dict's own value wins, as update gives it
            values[c] = [p[c] if c in p else v for p, v in zip(props, given[c])]
        else:
            values[c] = given[c]
    return list(values), values


def theme_rows(ids, props, order):
    """The themes table's rows of the theme nodes among ``ids``/``props``,
    in the order of the theme ids ``order`` (others after them, as they come)."""
    rows = []
    theme = Kind.THEME.value
    for node, data in zip(ids, props):
        if data.get("kind") != theme:
            continue
        row = {"id": node, "label_en": data.get("name"), "label_de": data.get("label_de"),
               "priority": data.get("priority")}
        row.update({k: v for k, v in data.items()
                    if k not in ("kind", "name", "label_de", "priority")})
        rows.append(row)
    rank = {theme: i for i, theme in enumerate(order or [])}
    rows.sort(key=lambda r: rank.get(r["id"], len(rank)))  # stable: load order otherwise
    return rows


def _cities(parts, types):
    """Each actor's city from its first plain BASED_IN tie, and those ties' keys."""
    based_in = TieType.BASED_IN.value
    city, keys = {}, set()
    for i in (i for i, t in enumerate(types) if t == based_in):
        u, v, key = parts.tie_sources[i], parts.tie_targets[i], parts.tie_keys[i]
        if u not in city and parts.tie_props[i] == {"type": based_in} \
                and key == tie_key(u, TieType.BASED_IN, v):
            city[u] = v
            keys.add(key)
    return city, keys


def store_tables(parts: StoreParts, theme_order=None) -> dict[str, RawTable]:
    """The tables a file would give for ``parts``: name -> :class:`RawTable`
    (``actors``, ``projects``, ``themes``, ``ties``; file ``neo4j:NAME``).

    Examples
    --------
    >>> parts = StoreParts(["berlin", "tu"], [{"kind": "city", "name": "Berlin"},
    ...                    {"kind": "institution", "name": "TU"}],
    ...                    ["tu"], ["berlin"], ["tu>BASED_IN>berlin"], [{"type": "BASED_IN"}])
    >>> tables = store_tables(parts)
    >>> [list(tables["actors"].data[c]) for c in ("id", "city")]
    [['berlin', 'tu'], ['', 'berlin']]
    >>> tables["ties"].rows_read
    0
    """
    types = list(map(itemgetter("type"), parts.tie_props))
    city, city_keys = _cities(parts, types)
    kinds = list(map(itemgetter("kind"), parts.node_props))
    skip = {Kind.THEME.value, Kind.PROJECT.value}
    is_actor = [k not in skip for k in kinds]
    is_project = [k == Kind.PROJECT.value for k in kinds]
    actor_ids = list(compress(parts.node_ids, is_actor))
    actor_props = list(compress(parts.node_props, is_actor))
    project_ids = list(compress(parts.node_ids, is_project))
    project_props = list(compress(parts.node_props, is_project))
    kept = [key not in city_keys for key in parts.tie_keys] if city_keys else None
    pick = (lambda column: list(compress(column, kept))) if kept else list
    sources, targets, keys = pick(parts.tie_sources), pick(parts.tie_targets), pick(parts.tie_keys)
    tie_props, types = pick(parts.tie_props), pick(types)
    tie_ids = [None if key == tie_key(u, t, v, since=p.get("since"), project=p.get("project"))
               else key for u, v, key, t, p in zip(sources, targets, keys, types, tie_props)]
    tables = {
        "actors": (ACTORS, actor_props, ("id", "kind", "name", "city"),
                   {"id": actor_ids, "city": list(map(city.get, actor_ids))}, ()),
        "projects": (PROJECTS, project_props, ("id", "name"), {"id": project_ids}, ("kind",)),
        "ties": (TIES, tie_props, ("source", "target", "type", "id"),
                 {"source": sources, "target": targets, "id": tie_ids}, ()),
    }
    out = {}
    for name, (spec, props, leading, given, drop) in tables.items():
        columns, values = _table(spec, props, leading, given, drop)
        out[name] = columns_table(spec, f"neo4j:{name}", columns, values, len(props))
    themes = theme_rows(parts.node_ids, parts.node_props, theme_order)
    out["themes"] = raw_table(THEMES, "neo4j:themes",
                              column_order(THEMES, dict.fromkeys(chain.from_iterable(themes))),
                              themes)
    return {name: out[name] for name in ("actors", "projects", "themes", "ties")}
