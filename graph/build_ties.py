"""Validate the ties tables and keep their rows as the network's edges.

Every rule (:mod:`actornet.graph.rules`) runs over whole columns: the
endpoints by their distinct ids, each type, year, weight, themes and project
cell once per distinct text, whether the type allows the ends' kinds by a
table lookup, the keys (given or derived) and their duplicates at once. The
rows no rule flags are kept in runs, their attribute dicts built in bulk;
every other row is settled alone, in order, from the same rules' findings
(:func:`_settle`), so that a duplicate key is the first kept row's and the
report lists rows in file order.
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd

from actornet.graph.build_state import BuildState, where
from actornet.graph.rules import (
    WEIGHT_HINT, Flaw, cell_text, kinds_allowed, number, objects, per_cell, period, project,
    required, self_tie, texts, tie_type, year,
)
from actornet.graph.network import tie_key
from actornet.graph.schema import MAX_INTENSITY, MIN_INTENSITY, Kind, normalize_token
from actornet.graph.table_cells import TableCells
from actornet.graph.tie_bulk import PlainTies, TieRun

__all__ = ["add_ties", "TieColumns"]

_KINDS = list(Kind)
_NOT_A_NODE = "ties name actors by their id in actors.csv; check the spelling"


def end_of(state: BuildState, text, column, works_on=False, new_themes=None):
    """The rule for a tie's end: ``(id, kind, flaw)``.

    An end is the id of a node, or names a theme; without a themes table
    the target of a works_on tie names a theme of its own (its id goes to
    ``new_themes``)."""
    kind = state.kinds.get(text)
    if kind is not None:
        return text, kind, None
    theme = state.themes.find(text)
    if theme is not None:
        return theme.id, Kind.THEME, None
    if works_on and not state.themes_given and column == "target":
        theme_id, flaw = state.inferred_id(text, column)
        if flaw is None:
            new_themes.append(theme_id)
            return theme_id, Kind.THEME, None
        return None, None, flaw
    if text in state.rejected_ids:
        return None, None, Flaw(column, f"{column} refers to a row that was rejected at "
                                + where(state.rejected_ids[text]), "fix that row first", True)
    return None, None, Flaw(column, f"{column} is not the id of any actor, project or theme",
                            _NOT_A_NODE, True)


class TieColumns:
    """Every rule of one ties table over its whole columns: the values each
    reads per row and, rule by rule, the failing rows' flaws."""

    def __init__(self, state: BuildState, cells: TableCells):
        self.state, self.cells = state, cells
        column = cells.column
        self.type_codes, self.types, type_flaws = tie_type(column("type"))
        self.type_texts = column("type")
        self.flaws = {"type": _by_row(type_flaws)}
        self._ends(column("source"), column("target"))
        self.flaws["allowed"] = _by_row(kinds_allowed(
            self.types, self.type_codes, _KINDS, self.source_kind, self.target_kind))
        n = cells.size
        self.flaws["self"] = _by_row(self_tie(self.end_codes[:n], self.end_codes[n:],
                                              self.source != None))  # noqa: E711
        self.since, since_flaws = year(column("since"), "since")
        until, until_flaws = year(column("until"), "until")
        self.until, period_flaws = period(self.since, until)
        self.weight, weight_flaws = number(column("weight"), "weight", MIN_INTENSITY,
                                           MAX_INTENSITY, WEIGHT_HINT)
        self.themes_cells = column("themes")
        theme_flaws, self.themes = [], None
        if state.themes_given:  # else the themes a row names depend on the rows kept before
            self.themes, theme_flaws = per_cell(self.themes_cells,
                                                lambda cell: state.theme_ids(cell, []))
        self.project, project_flaws = project(column("project"), state.kinds)
        self.given_keys = texts(column("id"))
        self.has_id = cells.has_column("id")
        self.texts = {name: texts(column(name))
                      for name in ("role", "status", "evidence", "claimed_by")}
        self.warnings = _by_row(since_flaws, until_flaws, period_flaws, weight_flaws,
                                theme_flaws, project_flaws)
        self.flagged = np.zeros(n, dtype=bool)
        for flaws in (*self.flaws.values(), self.warnings):
            self.flagged[list(flaws)] = True
        if not state.themes_given:  # a row naming themes waits for the rows before it
            self.flagged |= ~self.static_end | np.array(
                [cell_text(cell) is not None for cell in self.themes_cells], dtype=bool)

    def _ends(self, sources, targets):
        """Both ends at once, by their distinct texts (each resolved once): their
        ids, kinds (codes into Kind, -1 unknown) and flaws."""
        n, state = self.cells.size, self.state
        source_texts, source_empty = required(sources, "source", "name the actor by its id")
        target_texts, target_empty = required(targets, "target", "name the actor by its id")
        self.end_texts = (source_texts, target_texts)
        codes, distinct_texts = pd.factorize(np.concatenate((source_texts, target_texts)))
        canonical = {node: node for node in state.kinds}  # the graph's own id objects
        distinct_texts = [canonical.get(t, t) for t in distinct_texts]
        kind_code = {k: i for i, k in enumerate(_KINDS)}
        self.static_end = np.ones(n, dtype=bool)  # ends no row kept before can change
        known = np.array([t in state.kinds for t in distinct_texts] + [True])
        for side, column, empty in ((codes[:n], "source", source_empty),
                                    (codes[n:], "target", target_empty)):
            answers = [end_of(state, t, column) for t in distinct_texts]
            setattr(self, column, objects([a[0] for a in answers] + [None])[side])
            setattr(self, column + "_kind",
                    np.array([kind_code.get(a[1], -1) for a in answers] + [-1])[side])
            bad = [i for i, a in enumerate(answers) if a[2] is not None]
            rows = np.flatnonzero(np.isin(side, bad)).tolist()
            self.flaws[column] = _by_row(empty, [(row, answers[side[row]][2]) for row in rows])
            self.static_end &= known[side]
        # the ends as codes of their ids (a text resolves to the same id at either end)
        id_codes = pd.factorize(objects([a[0] for a in answers] + [None]))[0]
        self.end_codes = id_codes[codes]
        # and as the nodes' places in the graph (-1: not a node yet), for its tables
        place = dict(zip(state.graph._node, range(len(state.graph._node))))
        self.end_places = np.array([place.get(a[0], -1) for a in answers] + [-1])[codes]

    def rejecting(self, row):
        """A row's rejecting flaws, in the rules' order (before the key's)."""
        return [f for rule in ("source", "target", "type", "allowed", "self")
                for f in self.flaws[rule].get(row, ())]

    def settled_ends(self, row, new_themes):
        """A row's ends and their rejecting flaws, worked out alone: without a
        themes table its ends may name themes that rows kept before added."""
        state, flaws, ends = self.state, [], []
        works_on = normalize_token(cell_text(self.type_texts[row]) or "") == "works_on"
        for column, texts_ in zip(("source", "target"), self.end_texts):
            if texts_[row] is None:
                flaws += self.flaws[column][row]
                ends.append((None, -1))
                continue
            end_id, kind, flaw = end_of(state, texts_[row], column, works_on, new_themes)
            flaws += [flaw] if flaw is not None else []
            ends.append((end_id, -1 if kind is None else _KINDS.index(kind)))
        (source, source_kind), (target, target_kind) = ends
        flaws += self.flaws["type"].get(row, [])
        flaws += [f for _, f in kinds_allowed(self.types, self.type_codes[row:row + 1], _KINDS,
                                              np.array([source_kind]), np.array([target_kind]))]
        flaws += [f for _, f in self_tie(np.array([source], dtype=object),
                                         np.array([target], dtype=object),
                                         np.array([source is not None]))]
        return source, target, flaws


def _by_row(*flaw_lists):
    """Row -> its flaws, rule by rule in the order given."""
    by_row = {}
    for flaws in flaw_lists:
        for row, flaw in flaws:
            by_row.setdefault(row, []).append(flaw)
    return by_row


def _settle(columns: TieColumns, row):
    """Check one flagged row alone, with every rule's finding, in order: keep
    it (appended to the state's edges) or report it."""
    state, cells = columns.state, columns.cells
    origin = cells.origin(row)
    new_themes = []
    if columns.static_end[row]:
        source, target = columns.source[row], columns.target[row]
        flaws = columns.rejecting(row)
    else:
        source, target, flaws = columns.settled_ends(row, new_themes)
    for flaw in columns.warnings.get(row, ()):
        state.warn(origin, flaw)
    if columns.themes is not None:
        themes = columns.themes[row]
    else:
        themes, theme_flaws = state.theme_ids(columns.themes_cells[row], new_themes)
        flaws += theme_flaws  # no themes table: only rejections
    tie = columns.types[columns.type_codes[row]]
    since, project_id = columns.since[row], columns.project[row]
    key = columns.given_keys[row]
    if key is None and not flaws:  # a derived key from bad values would be meaningless
        key = tie_key(source, tie, target, since=since, project=project_id)
        reason = "duplicate tie: same source, type, target, since and project as "
        hint = "merge the two rows, or give each tie an id in an id column"
    else:
        reason, hint = "duplicate tie id: also used at ", "tie ids must be unique"
    if key is not None and key in state.tie_origin:
        flaws.append(Flaw("id" if columns.has_id[row] else None,
                          reason + where(state.tie_origin[key]), hint, True))
    if flaws:
        state.reject(origin, flaws)
        return
    attrs = {"type": tie.value}
    if themes:
        attrs["themes"] = list(themes)
    for name, value in (("since", since), ("until", columns.until[row]),
                        ("weight", columns.weight[row]), ("project", project_id)):
        if value is not None:
            attrs[name] = value
    for name, values in columns.texts.items():
        if values[row] is not None:
            attrs[name] = values[row]
    attrs.update(cells.extras(row))
    state.add_inferred(new_themes)
    state.edges.append((source, target, key, attrs))
    state.tie_origin[key] = origin
    state.report.count(cells.file).kept += 1


def _plain_keys(columns: TieColumns, plain):
    """The keys of every row: the id given, else tie_key's (spelled out for the
    plain rows; the others' are worked out when they are settled)."""
    keys = columns.given_keys.copy()
    derive = np.flatnonzero((keys == None) & plain)  # noqa: E711 (elementwise)
    if len(derive):  # tie_key's, spelled out
        type_values = [t.value if t is not None else "" for t in columns.types]
        keys[derive] = [
            f"{s}>{type_values[t]}>{g}" + ("" if y is None else f"@{y}")
            + ("" if p is None else f"#{p}")
            for s, t, g, y, p in zip(columns.source[derive].tolist(),
                                     columns.type_codes[derive].tolist(),
                                     columns.target[derive].tolist(),
                                     columns.since[derive].tolist(),
                                     columns.project[derive].tolist())]
    keys[~plain] = None
    return keys


def _tie_table(state: BuildState, table):
    """Check one ties table: keep its plain rows in runs, settle the others in order."""
    cells = TableCells(table)
    n = cells.size
    if n == 0:
        return
    columns = TieColumns(state, cells)
    plain = ~columns.flagged
    keys = _plain_keys(columns, plain)
    plain &= ~pd.Index(keys).duplicated(keep=False) | (keys == None)  # noqa: E711
    ties = PlainTies(columns, plain, keys)
    _keep_runs(columns, plain, keys.tolist(), ties)


def _keep_runs(columns: TieColumns, plain, keys, ties: PlainTies):
    """Keep the runs of plain rows in bulk (as runs of columns, or for rows
    from JSON, a spreadsheet or the store as dicts); settle the others
    alone, in order.

    A plain row whose key a tie kept earlier already has (an earlier
    table's, a seat's, or one settled in this table) is settled too, which
    reports the duplicate."""
    state, cells = columns.state, columns.cells
    attrs = None if cells.textual else ties.dicts()
    sources, targets = columns.source.tolist(), columns.target.tolist()
    file, origin, edges, n = cells.file, state.tie_origin, state.edges, cells.size
    rows = np.flatnonzero(plain)
    block = origin.block(file, [keys[i] for i in rows.tolist()], rows, cells.lines,
                         cells.wheres)
    plain[rows[np.flatnonzero(block.taken_before())]] = False  # keys kept before this table
    waiting = np.flatnonzero(~plain).tolist()  # sorted: a heap already
    kept, start = 0, 0
    while True:
        stop = heapq.heappop(waiting) if waiting else n
        if stop < start:
            continue  # already handled
        if start < stop:
            if attrs is None:
                edges.append(TieRun(ties, start, stop))
            else:
                edges.extend(zip(sources[start:stop], targets[start:stop], keys[start:stop],
                                 attrs[start:stop]))
            block.show(start, stop)
            kept += stop - start
        if stop == n:
            state.advance(stop - start)
            break
        before = len(edges)
        _settle(columns, stop)
        if len(edges) > before:  # kept: a later plain row with its key is a duplicate
            later = block.row_of(edges[-1][2])
            if later is not None and later > stop and plain[later]:
                plain[later] = False
                heapq.heappush(waiting, later)
        state.advance(stop + 1 - start)
        start = stop + 1
    state.report.count(file).kept += kept


def add_ties(state: BuildState):
    """Validate the ties tables and keep their rows as edges (added in bulk later)."""
    for table in state.tables.ties:
        _tie_table(state, table)
