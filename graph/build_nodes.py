"""Validate the actors and projects tables and add their rows as nodes.

The cell rules (:mod:`actornet.graph.rules`) run over whole columns; one
pass in row order then applies the rules that depend on the rows kept
before (a duplicate id, a theme the data names), reports each failing row
and keeps the others. Cities are resolved once every actor is known (an
actor's city may be listed after it).
"""

from __future__ import annotations

from itertools import repeat

import numpy as np
import pandas as pd

from actornet.graph.build_state import BuildState, where
from actornet.graph.rules import (
    Flaw, actor_kind, external_ids, fixed_kind, items, number, objects, per_cell, period, required,
    texts, year,
)
from actornet.graph.schema import Kind, TieType, fold_text, normalize_token
from actornet.graph.table_cells import TableCells
from actornet.graph.tie_bulk import dict_maker

__all__ = ["add_nodes"]

_DUPLICATE_HINT = "ids must be unique across actors, projects and themes"


def _flaws_by_row(*flaw_lists):
    """Row -> its flaws, rule by rule in the order given."""
    by_row = {}
    for flaws in flaw_lists:
        for row, flaw in flaws:
            by_row.setdefault(row, []).append(flaw)
    return by_row


def _node_columns(state: BuildState, cells: TableCells, is_project: bool):
    """Every cell rule of a node table over its whole columns: the values per
    column and the rows' flaws (rejecting and warning, in the rules' order)."""
    column = cells.column
    ids, id_flaws = required(column("id"), "id", "give every row a unique id")
    if is_project:
        kinds, kind_flaws = fixed_kind(column("kind"), Kind.PROJECT)
    else:
        kinds, kind_flaws = actor_kind(column("kind"))
    names, name_flaws = required(column("name"), "name", "give every row a name")
    values = {"id": ids, "kind": kinds, "name": names, "country": texts(column("country")),
              "evidence": texts(column("evidence")), "aliases": items(column("aliases")),
              "themes": column("themes")}
    warnings = []
    if state.themes_given:  # the themes cell's rule depends on no row: once per cell
        themes, theme_flaws = _per_theme_cell(state, values["themes"])
        values["themes"] = themes
        warnings.append(theme_flaws)
    if is_project:
        values["since"], since_flaws = year(column("since"), "since")
        until, until_flaws = year(column("until"), "until")
        values["until"], period_flaws = period(values["since"], until)
        warnings += [since_flaws, until_flaws, period_flaws]
    else:
        values["external_ids"], external_flaws = external_ids(column("external_ids"))
        values["lat"], lat_flaws = number(column("lat"), "lat", -90, 90,
                                          "latitude in decimal degrees, -90 to 90")
        values["lon"], lon_flaws = number(column("lon"), "lon", -180, 180,
                                          "longitude in decimal degrees, -180 to 180")
        values["city"] = texts(column("city"))
        warnings += [external_flaws, lat_flaws, lon_flaws]
    values = {name: column.tolist() if hasattr(column, "tolist") else column
              for name, column in values.items()}  # lists: faster to index one by one
    return values, _flaws_by_row(id_flaws, kind_flaws, name_flaws), _flaws_by_row(*warnings)


def _per_theme_cell(state, cells):
    return per_cell(cells, lambda cell: state.theme_ids(cell, []))


def _duplicate_id(state, node_id):
    """The rule for a node id used before: a flaw, or None."""
    earlier = state.node_origin.get(node_id) or state.pending_ids.get(node_id)
    if earlier is not None:
        return Flaw("id", "duplicate id: first used at " + where(earlier), _DUPLICATE_HINT, True)
    if node_id in state.themes or state.named_themes and \
            normalize_token(fold_text(node_id)) in state.named_themes:
        return Flaw("id", "duplicate id: a theme has this id", _DUPLICATE_HINT, True)
    return None


def _attrs(values, row, is_project, themes, cells):
    """The node attributes of a kept row."""
    attrs = {"kind": values["kind"][row].value, "name": values["name"][row]}
    for name in ("country", "evidence"):
        if values[name][row] is not None:
            attrs[name] = values[name][row]
    if themes:
        attrs["themes"] = list(themes)
    if values["aliases"][row]:
        attrs["aliases"] = list(values["aliases"][row])
    if is_project:
        for name in ("since", "until"):
            if values[name][row] is not None:
                attrs[name] = values[name][row]
    else:
        if values["external_ids"][row]:
            attrs["external_ids"] = list(values["external_ids"][row])
        for name in ("lat", "lon"):
            if values[name][row] is not None:
                attrs[name] = float(values[name][row])
    attrs.update(cells.extras(row))
    return attrs


def _plain_rows(state: BuildState, cells: TableCells, values, rejecting, warnings):
    """The rows no rule flags and whose id no row has before or after them
    (None for a table whose rows must each be settled alone: rows from JSON,
    a spreadsheet or the store, or themes the data names)."""
    if not (cells.textual and state.themes_given):
        return None
    ids = values["id"]
    plain = np.ones(cells.size, bool)
    plain[list(rejecting)] = False
    plain[list(warnings)] = False
    plain &= ~pd.Index(objects(ids)).duplicated(keep=False)
    taken = state.node_origin.keys() | state.pending_ids.keys() | {t.id for t in state.themes}
    if state.named_themes:
        taken |= {node_id for node_id in ids if node_id is not None
                  and normalize_token(fold_text(node_id)) in state.named_themes}
    plain &= ~np.fromiter(map(taken.__contains__, ids), bool, len(ids))
    return plain


def _keep_plain(state: BuildState, cells: TableCells, values, rows, attrs, is_project, pending):
    """Queue the plain ``rows`` (one run, in order) with their attribute dicts."""
    file, lines = cells.file, cells.lines
    origins = [(file, lines[row], None) for row in rows]
    ids = [values["id"][row] for row in rows]
    cities = repeat(None) if is_project else [values["city"][row] for row in rows]
    state.pending_ids.update(zip(ids, origins))
    pending.extend(zip(origins, ids, attrs, cities, repeat(())))


def node_attrs(values, plain, is_project, cells) -> list:
    """The attribute dicts of the ``plain`` rows of a table of text columns,
    in order: what :func:`_attrs` makes of each, made a pattern at a time
    (rows having the same attributes share one dict maker)."""
    rows = np.flatnonzero(plain).tolist()

    def take(name):
        column = values[name]
        return [column[row] for row in rows]

    present = [("kind", [kind.value for kind in take("kind")]), ("name", take("name"))]
    present += [(name, take(name)) for name in ("country", "evidence")]
    present += [(name, [list(v) if v else None for v in take(name)])
                for name in ("themes", "aliases")]
    if is_project:
        present += [(name, take(name)) for name in ("since", "until")]
    else:
        present.append(("external_ids", [list(v) if v else None for v in take("external_ids")]))
        present += [(name, [None if v is None else float(v) for v in take(name)])
                    for name in ("lat", "lon")]
    data = cells.table.data
    for name in cells.extra_columns:
        column = data[name]
        present.append((name, [column[row] or None for row in rows]))
    shapes = list(zip(*[[v is not None for v in column] for _, column in present[2:]]))
    out = [None] * len(rows)
    for shape, at in _indices_by(shapes).items():
        names = ["kind", "name"] + [name for (name, _), has in zip(present[2:], shape) if has]
        columns = [[present_column[i] for i in at] for name, present_column in present
                   if name in names]
        for i, made in zip(at, map(dict_maker(names), *columns)):
            out[i] = made
    return out


def _indices_by(keys) -> dict:
    """Key -> the positions having it, in order."""
    found = {}
    for i, key in enumerate(keys):
        found.setdefault(key, []).append(i)
    return found


def _node_rows(state: BuildState, table, is_project: bool, pending: list):
    """Check one node table and queue its kept rows in ``pending``, in order:
    the plain rows in runs, the others alone."""
    cells = TableCells(table)
    values, rejecting, warnings = _node_columns(state, cells, is_project)
    ids, themes_given = values["id"], state.themes_given
    plain = _plain_rows(state, cells, values, rejecting, warnings)
    plain_attrs = {} if plain is None else dict(zip(
        np.flatnonzero(plain).tolist(), node_attrs(values, plain, is_project, cells)))
    start, n = 0, cells.size
    for stop in (np.flatnonzero(~plain).tolist() + [n] if plain is not None else range(n + 1)):
        if start < stop:
            rows = range(start, stop)
            _keep_plain(state, cells, values, rows, [plain_attrs[row] for row in rows],
                        is_project, pending)
        start = stop + 1
        if stop < n:
            _node_row(state, cells, values, rejecting, warnings, is_project, pending, stop)
    state.advance(cells.size)


def _node_row(state, cells, values, rejecting, warnings, is_project, pending, row):
    """Check one row alone, with every rule's finding: queue it or report it."""
    ids, themes_given = values["id"], state.themes_given
    origin = cells.origin(row)
    flaws = rejecting.get(row, [])
    node_id = ids[row]
    if node_id is not None:
        duplicate = _duplicate_id(state, node_id)
        if duplicate is not None:
            flaws = [*flaws, duplicate]
    new_themes = []
    if themes_given:
        themes = values["themes"][row]
    else:  # the themes the data names depend on the rows kept before
        themes, theme_flaws = state.theme_ids(values["themes"][row], new_themes)
        flaws = flaws + theme_flaws  # only rejections: no table, no warnings
    for flaw in warnings.get(row, ()):
        state.warn(origin, flaw)
    if flaws:
        state.reject(origin, flaws)
        if node_id is not None:
            state.rejected_ids.setdefault(node_id, origin)
        return
    state.pending_ids[node_id] = origin
    city = None if is_project else values["city"][row]
    pending.append((origin, node_id, _attrs(values, row, is_project, themes, cells), city,
                    new_themes))


def add_nodes(state: BuildState):
    """Validate the actors and projects tables; add the kept rows as nodes, in
    order, and each actor's seat (a BASED_IN tie to its city)."""
    pending = []  # (origin, node_id, attrs, city_text, new_themes)
    for tables, is_project in ((state.tables.actors, False), (state.tables.projects, True)):
        for table in tables:
            _node_rows(state, table, is_project, pending)
    city_value = Kind.CITY.value
    cities = {node_id: attrs for _, node_id, attrs, _, _ in pending
              if attrs["kind"] == city_value}
    seats = _CitySeats(state, cities)
    kind_of = {k.value: k for k in Kind}
    graph, based_in, kept = state.graph, [], {}
    node_dicts, succ, pred = graph._node, graph._succ, graph._pred
    for origin, node_id, attrs, city_text, new_themes in pending:
        if city_text is not None:
            city_id = seats.city_of(city_text, attrs, origin)
            if city_id is not None:
                based_in.append((node_id, city_id))
        if new_themes:
            state.add_inferred(new_themes)
        # graph.add_node(node_id, **attrs) of a new node, without its checks
        succ[node_id], pred[node_id], node_dicts[node_id] = {}, {}, attrs
        state.kinds[node_id] = kind_of[attrs["kind"]]
        state.node_origin[node_id] = origin
        kept[origin[0]] = kept.get(origin[0], 0) + 1
    for file, count in kept.items():
        state.report.count(file).kept += count
    based_in_type = TieType.BASED_IN.value
    for node_id, city_id in based_in:
        if city_id in state.kinds:  # a node of the graph
            key = f"{node_id}>{based_in_type}>{city_id}"  # tie_key's
            state.edges.append((node_id, city_id, key, {"type": based_in_type}))
            state.tie_origin[key] = state.node_origin[node_id]
        # else: the city row itself was rejected; it is reported there.


class _CitySeats:
    """The rule for an actor's city: the id, name or alias of a city of the table."""

    def __init__(self, state, cities):
        self.state, self.cities, self._places = state, cities, None
        self.lookup = {}
        for city_id, attrs in cities.items():
            for spelling in [attrs.get("name"), *attrs.get("aliases", [])]:
                if spelling:
                    self.lookup.setdefault(fold_text(spelling), set()).add(city_id)
        # kinds whose city is plainly theirs (the others are warned about)
        self.seated = {k.value for k in TieType.BASED_IN.sources} - {
            Kind.CITY.value, Kind.PROJECT.value}

    def city_of(self, text, attrs, origin):
        """The city's id, or None with a warning (the actor is kept)."""
        if text in self.cities and attrs["kind"] in self.seated:
            return text
        city_id, flaw = self._resolve(text, attrs)
        if flaw is not None:
            self.state.warn(origin, flaw)
        return city_id

    def _resolve(self, text, attrs):
        kind = attrs["kind"]
        if kind == Kind.CITY.value:
            return None, Flaw("city", "a city cannot sit in a city",
                              "leave the city column empty for cities", False)
        if kind == Kind.PROJECT.value:
            return None, Flaw("city", "a project has no city column",
                              "link the project to its actors with PARTICIPATES_IN ties", False)
        if Kind(kind) not in TieType.BASED_IN.sources:
            return None, Flaw("city", f"a {kind} has no city column",
                              "link its members to it with MEMBER_OF ties", False)
        if text in self.cities:
            return text, None
        matches = self.lookup.get(fold_text(text), set())
        if len(matches) == 1:
            return next(iter(matches)), None
        if not matches:  # another spelling of a city of the table ("Warschau": Warsaw)
            if self._places is None:
                from actornet.graph.gazetteer import PlaceIndex

                self._places = PlaceIndex(self.cities)
            found = self._places.city_named(text, attrs.get("country"))
            if found is not None:
                return found, None
        if len(matches) > 1:
            return None, Flaw("city", "city matches several cities",
                              "write the city's id from actors.csv", False)
        rejected = self.state.rejected_ids
        if text in rejected:
            return None, Flaw("city", "city refers to a row that was rejected at "
                              + where(rejected[text]), "fix that row first", False)
        return None, Flaw("city", "city is not the id, name or alias of a city in the actors "
                          "table", "add the city as an actor of kind city, or correct the "
                          "spelling", False)
