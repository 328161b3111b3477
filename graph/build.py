"""Validate input tables and build an :class:`~actornet.graph.network.ActorNetwork`.

Every row is checked, by rules each stated once (:mod:`actornet.graph.rules`)
and applied to whole columns. A row whose required field is broken (an id,
kind or name; a tie's source, target or type) is rejected whole; an
unparseable or implausible optional value (a year, weight, coordinate,
priority, city, theme, project) is left empty with a warning, so that one bad
optional cell never drops a row and everything tied to it. Each rejection
and warning is reported with file, line, column, reason and a fix hint, and
rows read = rows kept + rows rejected, per file. Messages never repeat a
cell's value: cells may hold personal data.

The steps: the themes tables (here), the actors and projects
(:mod:`actornet.graph.build_nodes`), the ties
(:mod:`actornet.graph.build_ties`), sharing a
:class:`~actornet.graph.build_state.BuildState`.
"""

from __future__ import annotations

from actornet.graph.gc_pause import gc_paused
from actornet.graph.build_nodes import add_nodes
from actornet.graph.build_state import BuildState
from actornet.graph.build_ties import add_ties
from actornet.graph.built_tables import kept_ties, tables_with_edges
from actornet.graph.errors import InputError, NotStorable
from actornet.graph.network import ActorNetwork
from actornet.graph.rules import MAX_YEAR, MIN_YEAR, Flaw, fixed_kind, number, required, texts
from actornet.graph.schema import ACTOR_KINDS, Kind, Theme
from actornet.graph.table_cells import TableCells
from actornet.graph.tables import NetworkTables

__all__ = ["build_network", "add_edges", "MIN_YEAR", "MAX_YEAR"]

_PRIORITY_HINT = "a priority weight is a number, 0 or more (higher is more important)"


def _add_themes(state: BuildState, table):
    """Validate one themes table and add its rows as themes, in order."""
    cells = TableCells(table)
    column = cells.column
    ids, id_flaws = required(column("id"), "id", "give every theme a unique id")
    _, kind_flaws = fixed_kind(column("kind"), Kind.THEME)
    priorities, priority_flaws = number(column("priority"), "priority", 0, 1e9,
                                        _PRIORITY_HINT)
    labels_en, labels_de = texts(column("label_en")), texts(column("label_de"))
    rejecting, kinds, warnings = dict(id_flaws), dict(kind_flaws), dict(priority_flaws)
    for row in range(cells.size):
        origin, theme_id = cells.origin(row), ids[row]
        flaws = [rejecting[row]] if row in rejecting else []
        if theme_id is not None and (state.themes.find(theme_id, loosest=1) is not None
                                     or theme_id in state.node_origin):
            # another theme's label may be this id
            flaws.append(Flaw("id", "duplicate theme id",
                              "each theme is listed once; remove or rename one", True))
        if row in kinds:
            flaws.append(kinds[row])
        if row in warnings:
            state.warn(origin, warnings[row])
        if flaws:
            state.reject(origin, flaws)
            continue
        priority = priorities[row]
        theme = Theme(theme_id, labels_en[row] or theme_id, labels_de[row] or "",
                      1.0 if priority is None else priority, cells.extras(row))
        state.themes.add(theme)
        state.add_theme_node(theme)
        state.node_origin[theme_id] = origin
        state.report.count(cells.file).kept += 1
    state.advance(cells.size)


def add_edges(graph, edges):
    """Add keyed edges whose keys are new, in order, as ``add_edge`` would.

    Writes the adjacency dictionaries of the new graph directly: one dict
    lookup per edge instead of ``add_edge``'s checks (the builder has checked
    every key is unique and both ends are nodes). Writing a node's
    successors at once (grouped with numpy, one ``dict.update`` each) was
    tried and measured slower at 1M edges."""
    succ, pred = graph._succ, graph._pred
    for source, target, key, attrs in edges:
        successors = succ[source]
        keys = successors.get(target)
        if keys is None:  # the first tie between the two: its keys dict made whole
            successors[target] = pred[target][source] = {key: attrs}
        else:
            keys[key] = attrs


def build_network(tables: NetworkTables, *, progress=None) -> ActorNetwork:
    """Validate ``tables`` and build the network from the rows that pass.

    Parameters
    ----------
    tables : NetworkTables
        The raw tables from any reader (columns of text from CSV files, rows
        of values from JSON, spreadsheets and the store: the same rules).
    progress : callable, optional
        Called as ``progress(rows_done, rows_total)`` now and then, for a
        progress bar; the library itself never prints.

    Returns
    -------
    ActorNetwork
        The network; its ``report`` lists every rejected row and the counts
        per file (rows read = kept + rejected).

    Raises
    ------
    InputError
        If no actor at all could be kept.

    Examples
    --------
    >>> from actornet.graph.tables import ACTORS, TIES, RawTable, Record
    >>> actors = RawTable(ACTORS, "actors.csv", ["id", "kind", "name", "city"], [
    ...     Record(2, {"id": "berlin", "kind": "city", "name": "Berlin", "city": None}),
    ...     Record(3, {"id": "007", "kind": "Federal Body", "name": "Agency", "city": "Berlin"}),
    ...     Record(4, {"id": "x", "kind": "planet", "name": "X", "city": None})], rows_read=3)
    >>> ties = RawTable(TIES, "ties.csv", ["source", "target", "type"], [], rows_read=0)
    >>> net = build_network(NetworkTables([actors], [ties]))
    >>> sorted(net.graph.nodes)
    ['007', 'berlin']
    >>> net.city_of("007")
    'berlin'
    >>> print(net.report.problems[0])
    actors.csv, line 4, column "kind": unknown kind (allowed: city, institution, company, federal_body, ngo, person, project, network, theme)
    >>> net.report.files["actors.csv"].kept, net.report.files["actors.csv"].rejected
    (2, 1)
    """
    with gc_paused():
        state = BuildState(tables, progress)
        for group in (tables.themes, tables.actors, tables.projects, tables.ties):
            for table in group:
                state.register(table)
        for table in tables.themes:
            _add_themes(state, table)
        add_nodes(state)
        add_ties(state)
        if progress is not None:
            progress(state.total, state.total)  # rows the readers rejected count as done
        actor_kinds = {k.value for k in ACTOR_KINDS}
        if not any(k in actor_kinds for _, k in state.graph.nodes(data="kind")):
            raise InputError("no actor could be kept: every row was rejected or the tables "
                             "are empty", file=tables.name,
                             hint="run `actornet validate` to see every problem")
        try:  # the network as column tables; its graph is made when first used
            arrays = tables_with_edges(state.graph, state.edges, leave_out=("name",))
        except NotStorable:  # a value no table holds (from JSON or a spreadsheet)
            add_edges(state.graph, kept_ties(state.edges))
            return ActorNetwork._adopt(state.graph, state.themes, report=state.report,
                                      name=tables.name)
        state.edges = None
        return ActorNetwork._adopt(arrays, state.themes, report=state.report, name=tables.name)
