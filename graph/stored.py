"""A prepared network as named arrays of plain numbers: what the cache keeps.

:func:`network_arrays` turns a validated, prepared
:class:`~actornet.graph.network.ActorNetwork` into a dict of NumPy arrays
(numbers, and JSON text as ``uint8``): the graph as column tables
(:mod:`actornet.graph.columns`), the actor projection's arrays, the facts a
summary reads (where actors sit, the formal partnerships, the years, the
counts), the load report and the themes table. :func:`network_from_arrays`
gives the network back: the projection and the facts at once, checked so
that no index points outside its array (the kernels read them unchecked);
the graph is made from its tables when first used.

Nothing here names the folder the network was read from: the caller gives
the name (and states the home city) when loading, so that the same files
under two names are two names of one entry.

Examples
--------
>>> from actornet.graph.generate import generated_network
>>> net = generated_network(40, 90, cities=3, seed=4).prepare()
>>> again = network_from_arrays(network_arrays(net), name="again")
>>> again == net, again.name, again.projection().edges() == net.projection().edges()
(True, 'again', True)
"""

from __future__ import annotations

import operator
from itertools import chain, repeat

import networkx as nx
import numpy as np

from actornet.graph._deferred import GraphBox
from actornet.graph.columns import (
    GraphTables, checked_codes, from_json_array, graph_tables, json_array,
)
from actornet.graph.errors import DamagedEntry, NotStorable
from actornet.graph.network import ActorNetwork
from actornet.graph.projection import LINK_TYPES, ActorProjection
from actornet.graph.load_report import FileCount, LoadReport, Problem
from actornet.graph.schema import Theme, ThemeTable

__all__ = ["FORMAT", "network_arrays", "network_from_arrays"]

#: The layout of the arrays: a network stored in another layout is read again from its files.
FORMAT = 1

#: The arrays of a projection, by name and dtype.
_PROJECTION_ARRAYS = {"city": "int64", "tie_source": "int64", "tie_target": "int64",
                      "_tie_bit": "int64", "member_actor": "int64", "member_group": "int64",
                      "member_weight": "float64", "hubs": "int64", "indptr": "int64",
                      "indices": "int64", "rev": "int64", "flags": "int64",
                      "strength": "float64", "distance": "float64"}


def network_arrays(network: ActorNetwork) -> dict:
    """The network (prepared first, see :meth:`ActorNetwork.prepare`) as named arrays.

    Raises
    ------
    NotStorable
        If something in it cannot be stored exactly.
    """
    network.prepare()
    tables = network.__dict__.get("_tables")  # the graph's, as below (prepare() made them)
    if tables is not None:
        arrays = dict(tables.arrays)
        nodes = tables.node_ids
    else:
        arrays = {}
        graph_tables(network.graph, arrays, leave_out=("name",))
        nodes = network.graph._node
    index = {n: i for i, n in enumerate(nodes)}
    state = network.__dict__
    cities = state["_cities"]
    arrays["cities.actor"] = np.fromiter(map(index.__getitem__, cities), np.int32, len(cities))
    arrays["cities.city"] = np.fromiter(map(index.__getitem__, cities.values()), np.int32,
                                        len(cities))
    counts = dict(state["_counts"])
    counts["seated"] = list(map(list, counts["seated"].items()))  # a seat may be None
    arrays["facts"] = json_array({
        "partners": [[a, b, item["ties"], sorted(item["claims"]), item["since"], item["status"]]
                     for (a, b), item in state["_partner_pairs"].items()],
        "home_inference": None if state["home_inference"] is None else list(state["home_inference"]),
        "years": list(state["_years"]), "counts": counts})
    report = network.report
    arrays["report"] = json_array({
        "files": [[c.file, c.read, c.kept, c.rejected] for c in report.files.values()],
        "problems": [_problem(p) for p in report.problems],
        "warnings": [_problem(p) for p in report.warnings],
        "extra_columns": report.extra_columns})
    arrays["themes"] = json_array([[t.id, t.label_en, t.label_de, t.priority, t.properties]
                                   for t in network.themes])
    projections = state["_projections"]
    arrays["projections"] = json_array(list(projections))
    for at, P in enumerate(projections.values()):
        _projection_arrays(P, index, arrays, f"projection.{at}")
    return arrays


def _problem(p: Problem) -> list:
    return [p.file, None if p.line is None else int(p.line), p.column, p.reason, p.hint, p.where]


def _exact_numbers(values: list, name) -> tuple:
    """Numbers as float64 and which of them are ints (so that 2 stays 2, not 2.0)."""
    floats = np.asarray(values, np.float64) if values else np.empty(0)
    kinds = set(map(type, values))
    if not kinds <= {int, float} or not np.array_equal(
            np.fromiter(map(float, values), np.float64, len(values)), floats):  # NaN: unequal
        raise NotStorable(f"{name} holds a value other than a number")
    if len(kinds) == 1:  # all ints or all floats
        return floats, np.full(len(values), int in kinds, np.uint8)
    ints = np.fromiter(map(operator.is_, map(type, values), repeat(int)), np.uint8, len(values))
    return floats, ints


def _projection_arrays(P: ActorProjection, index: dict, arrays: dict, prefix: str) -> None:
    state = P.__dict__
    for name, dtype in _PROJECTION_ARRAYS.items():
        arrays[f"{prefix}.{name}"] = np.ascontiguousarray(state[name], dtype)
    arrays[f"{prefix}.nodes"] = np.fromiter(map(index.__getitem__, P.nodes), np.int32, P.n)
    arrays[f"{prefix}.groups"] = np.fromiter(map(index.__getitem__, P.groups), np.int32,
                                             len(P.groups))
    arrays[f"{prefix}.lists"] = json_array({
        "default_intensity": P.default_intensity, "kinds": P.kinds, "names": P.names,
        "cities": P.cities, "tie_ids": P.tie_ids,
        "declared": {t: sorted(found) for t, found in state["_declared_by_ties"].items()}})
    arrays[f"{prefix}.tie_weight"], arrays[f"{prefix}.tie_weight_int"] = _exact_numbers(
        state["_tie_weight"], "a tie weight")
    weights = list(chain.from_iterable(map(dict.values, state["_members"])))
    exact, ints = _exact_numbers(weights, "a participation")
    if not np.array_equal(exact, P.member_weight):
        raise NotStorable("the participations differ from the projection's")
    arrays[f"{prefix}.member_weight_int"] = ints


def network_from_arrays(arrays: dict, *, name: str, on_damage=None) -> ActorNetwork:
    """The network :func:`network_arrays` stored, named ``name``.

    The projections and facts are read and checked now; the graph is made
    from its tables when first used (its tables are checked then, before
    anything is made; if they do not fit together, ``on_damage()`` is
    called and :class:`DamagedEntry` raised, asking to run again).

    Raises
    ------
    DamagedEntry
        If the arrays do not fit together.
    KeyError
        If an array is missing.
    """
    nodes = from_json_array(arrays["nodes.id"])
    if not isinstance(nodes, list) or not set(map(type, nodes)) <= {str, int}:
        raise DamagedEntry("the node ids")
    n = len(nodes)
    table = np.fromiter(nodes, object, n)

    def make_graph():
        try:
            tables = GraphTables(arrays)
        except (DamagedEntry, KeyError) as err:
            if on_damage is not None:
                on_damage()
            raise DamagedEntry("the copy of the network kept from an earlier command is "
                               "damaged and was dropped; run the command again") from err
        return nx.freeze(tables.make(name=name))

    box = GraphBox(make_graph)
    net = ActorNetwork.__new__(ActorNetwork)
    state = net.__dict__
    state.update(_graph_box=box, name=name, _home=None)
    actor = _picked(table, checked_codes(arrays["cities.actor"], n, arrays["cities.actor"].shape[0]))
    city = _picked(table, checked_codes(arrays["cities.city"], n, len(actor)))
    state["_cities"] = dict(zip(actor, city))
    _read_facts(from_json_array(arrays["facts"]), state)
    state["report"] = _read_report(from_json_array(arrays["report"]))
    themes = from_json_array(arrays["themes"])
    try:
        state["themes"] = ThemeTable(Theme(i, en, de, priority, properties)
                                     for i, en, de, priority, properties in themes)
    except Exception as err:  # noqa: BLE001 -- any shape or value a theme refuses: damaged
        raise DamagedEntry("the themes") from err
    intensities = from_json_array(arrays["projections"])
    if not isinstance(intensities, list):
        raise DamagedEntry("the projections")
    state["_projections"] = {
        intensity: _read_projection(arrays, f"projection.{at}", table, box)
        for at, intensity in enumerate(intensities)}
    return net


def _picked(table, codes) -> list:
    """``[table[i] for i in codes]`` (``table``: an object array)."""
    return table[codes].tolist()


def _read_facts(facts, state) -> None:
    try:
        state["_partner_pairs"] = {
            (a, b): {"ties": list(ties), "claims": set(claims), "since": since, "status": status}
            for a, b, ties, claims, since, status in facts["partners"]}
        inferred = facts["home_inference"]
        state["home_inference"] = None if inferred is None else tuple(inferred)
        state["_years"] = tuple(facts["years"])
        counts = dict(facts["counts"])
        counts["seated"] = {seat: count for seat, count in counts["seated"]}
        state["_counts"] = counts
    except (TypeError, ValueError, KeyError) as err:
        raise DamagedEntry("the facts") from err


def _read_report(doc) -> LoadReport:
    try:
        report = LoadReport()
        for file, read, kept, rejected in doc["files"]:
            report.files[file] = FileCount(file, read, kept, rejected)
        report.problems = [Problem(*p) for p in doc["problems"]]
        report.warnings = [Problem(*p) for p in doc["warnings"]]
        report.extra_columns = dict(doc["extra_columns"])
        return report
    except (TypeError, ValueError, KeyError) as err:
        raise DamagedEntry("the report") from err


def _read_projection(arrays, prefix, nodes, box) -> ActorProjection:
    P = ActorProjection.__new__(ActorProjection)
    state = P.__dict__
    for name, dtype in _PROJECTION_ARRAYS.items():
        array = arrays[f"{prefix}.{name}"]
        if array.dtype != np.dtype(dtype) or array.ndim != 1:
            raise DamagedEntry(f"the projection's {name}")
        state[name] = array
    lists = from_json_array(arrays[f"{prefix}.lists"])
    try:
        state["default_intensity"] = lists["default_intensity"]
        kinds, names, cities, tie_ids = (lists[k] for k in ("kinds", "names", "cities", "tie_ids"))
        declared = {theme: set(found) for theme, found in lists["declared"].items()}
    except (TypeError, KeyError, AttributeError) as err:
        raise DamagedEntry("the projection's lists") from err
    codes = arrays[f"{prefix}.nodes"]
    n = codes.shape[0]
    actors = _picked(nodes, checked_codes(codes, nodes.shape[0], n))
    groups = _picked(nodes, checked_codes(arrays[f"{prefix}.groups"], nodes.shape[0],
                                          arrays[f"{prefix}.groups"].shape[0]))
    if not (all(isinstance(x, list) for x in (kinds, names, cities, tie_ids))
            and len(kinds) == len(names) == n and len(tie_ids) == state["tie_source"].shape[0]):
        raise DamagedEntry("the projection's lists")
    _check_projection(state, n, len(cities), len(groups), declared)
    weight = arrays[f"{prefix}.tie_weight"]
    weight_int = checked_codes(arrays[f"{prefix}.tie_weight_int"].astype(np.int64), 2,
                               len(tie_ids))
    member_int = checked_codes(arrays[f"{prefix}.member_weight_int"].astype(np.int64), 2,
                               state["member_weight"].shape[0])
    if weight.dtype != np.float64 or weight.shape[0] != len(tie_ids):
        raise DamagedEntry("the projection's tie weights")
    state.update(_graph_box=box, nodes=actors, index=dict(zip(actors, range(n))), kinds=kinds,
                 names=names, cities=cities, _city_code={c: i for i, c in enumerate(cities)},
                 tie_ids=tie_ids, groups=groups, _declared_by_ties=declared)

    def members():
        weights = _numbers(state["member_weight"], member_int)
        actor_codes = state["member_actor"].tolist()
        ends = np.searchsorted(state["member_group"], np.arange(1, len(groups) + 1)).tolist()
        return [dict(zip(actor_codes[a:b], weights[a:b])) for a, b in zip([0, *ends[:-1]], ends)]

    # Made when first asked for (checked now: nothing can fail then).
    state["_deferred"] = {"_members": members,
                          "_tie_weight": lambda: _numbers(weight, weight_int)}
    return P


def _numbers(floats, ints) -> list:
    values = floats.tolist()
    if ints.any():
        for i in np.flatnonzero(ints).tolist():
            values[i] = int(values[i])
    return values


def _check_projection(state, n, cities, groups, declared) -> None:
    """Every index inside the array it points into, the rows of the CSR in
    order (the kernels read them unchecked: a planted entry must not make
    them read outside an array)."""
    indptr, indices, rev = state["indptr"], state["indices"], state["rev"]
    nnz = indices.shape[0]
    ties = state["tie_source"].shape[0]
    members = state["member_actor"].shape[0]
    ok = (indptr.shape[0] == n + 1 and indptr[0] == 0 and indptr[-1] == nnz
          and not np.any(np.diff(indptr) < 0)
          and all(state[k].shape[0] == nnz for k in ("rev", "flags", "strength", "distance"))
          and state["city"].shape[0] == n
          and all(state[k].shape[0] == ties for k in ("tie_target", "_tie_bit"))
          and all(state[k].shape[0] == members for k in ("member_group", "member_weight")))
    if not ok:
        raise DamagedEntry("the projection's arrays do not fit together")
    checked_codes(indices, n, nnz)
    checked_codes(rev, max(nnz, 1), nnz)
    checked_codes(state["city"], cities, n, absent=True)
    checked_codes(state["tie_source"], n, ties)
    checked_codes(state["tie_target"], n, ties)
    checked_codes(state["member_actor"], n, members)
    checked_codes(state["member_group"], groups, members)
    checked_codes(state["hubs"], groups, state["hubs"].shape[0])
    if np.any(np.diff(state["member_group"]) < 0) or np.any(np.diff(state["hubs"]) <= 0):
        raise DamagedEntry("the projection's groups are not in order")
    if not np.isin(state["_tie_bit"], [1 << i for i in range(len(LINK_TYPES))]).all():
        raise DamagedEntry("the projection's tie types")
    for found in declared.values():
        if any(type(i) is not int or not 0 <= i < n for i in found):
            raise DamagedEntry("the projection's themes")
