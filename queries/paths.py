"""Warm introduction paths: who can introduce whom, and on what evidence.

:func:`introduction_path` finds the chain of ties from one actor to another
that runs over the strongest ties (shortest by ``distance`` = 1 / strength in
the actor graph), and up to ``k`` alternatives. Each step carries the
evidence behind it, read from the original ties: tie types, themes, years,
evidence source, shared projects. Paths run over the actor graph only:
projects and themes are evidence, never steps.

Pure analysis: nothing here reads files or talks to a store.

References
----------
.. [1] Dijkstra, E. W. (1959). A note on two problems in connexion with
   graphs. Numerische Mathematik 1, 269-271.
.. [2] Yen, J. Y. (1971). Finding the k shortest loopless paths in a network.
   Management Science 17(11), 712-716.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

import networkx as nx
import numpy as np
import pandas as pd

from actornet.graph.errors import NoPathError, QueryError, ResolveError
from actornet.graph.describe import describe_actor
from actornet.graph.projection import ActorProjection
from actornet.graph.schema import Kind, Projection
from actornet.queries.reach import separation

__all__ = ["IntroductionStep", "IntroductionPath", "introduction_path", "paths_frame", "path_along",
           "route_lengths", "route_caveat", "STEP_COLUMNS", "CITY_DETOUR", "SUSPENDED_DETOUR"]

#: What passing through a city node (a whole city's administration) adds to a
#: route's length: more than any route over ties of strength 1/1000 or more,
#: so a route through a city is taken only when no other route exists.
CITY_DETOUR = 1000.0
#: What passing through an actor of a city whose partnership is suspended
#: adds to a route's length (taken only when nothing else links the two).
SUSPENDED_DETOUR = 1_000_000.0

#: The columns of :meth:`IntroductionPath.to_frame`, in order
#: (:func:`paths_frame` puts ``path`` and ``path_distance`` first).
STEP_COLUMNS = ["step", "from", "from_name", "to", "to_name", "types", "themes", "since",
                "until", "evidence", "projects", "strength", "distance"]


@dataclass(frozen=True)
class IntroductionStep:
    """One step of a path: two actors and the ties between them.

    Attributes
    ----------
    source, target : str
        Actor ids, in the path's direction.
    source_name, target_name : str
    strength : float
        Summed intensity of the ties behind the step (actor-graph ``strength``).
    distance : float
        ``1 / strength``.
    types : list of str
        Tie types behind the step; ``SHARED_PROJECT`` when the two take part
        in a project together.
    themes : list of str
    since, until : int or None
        The earliest start of any tie behind the step, and the latest end
        (None when a tie is open-ended or no tie states one).
    evidence : list of str
        The distinct evidence sources of those ties (``evidence`` attribute).
    projects : list of str
        Ids of the projects the two share.
    ties : list of dict
        Each original tie: ``tie`` (id), ``type``, ``from``, ``to``,
        ``themes``, ``since``, ``until`` (a project tie takes its project's
        years), ``evidence``, ``role``, ``project``.
    """

    source: str
    target: str
    source_name: str
    target_name: str
    strength: float
    distance: float
    types: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    since: int | None = None
    until: int | None = None
    evidence: list = field(default_factory=list)
    projects: list = field(default_factory=list)
    ties: list = field(default_factory=list)


@dataclass(frozen=True)
class IntroductionPath:
    """A chain of ties from one actor to another.

    Attributes
    ----------
    actors : list of str
        Actor ids from source to target.
    names : list of str
        Their names.
    steps : list of IntroductionStep
        ``len(actors) - 1`` steps.
    distance : float
        Sum of the steps' distances: lower means stronger ties.
    """

    actors: list
    names: list
    steps: list
    distance: float

    @property
    def hops(self) -> int:
        """The number of steps (0 when source and target are the same actor)."""
        return len(self.steps)

    def to_frame(self) -> pd.DataFrame:
        """One row per step, with the columns :data:`STEP_COLUMNS`."""
        rows = [{"step": i, "from": s.source, "from_name": s.source_name, "to": s.target,
                 "to_name": s.target_name, "types": s.types, "themes": s.themes,
                 "since": s.since, "until": s.until, "evidence": s.evidence,
                 "projects": s.projects, "strength": s.strength, "distance": s.distance}
                for i, s in enumerate(self.steps, start=1)]
        return pd.DataFrame(rows, columns=STEP_COLUMNS)


def paths_frame(paths) -> pd.DataFrame:
    """The steps of several paths as one table.

    Columns ``path`` (1 for the best), ``path_distance``, then
    :data:`STEP_COLUMNS`.
    """
    frames = []
    for i, path in enumerate(paths, start=1):
        frame = path.to_frame()
        frame.insert(0, "path_distance", path.distance)
        frame.insert(0, "path", i)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["path", "path_distance", *STEP_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def _suspended(network):
    """(pairs of cities whose partnership is suspended, the home city's
    partner cities whose partnership is suspended), from the whole network."""
    pairs = set()
    for u, v, d in network.graph.edges(data=True):
        if d.get("type") == "PARTNER_OF" and str(d.get("status") or "").lower() == "suspended":
            pairs.add(frozenset((u, v)))
    try:
        cities = {p["city"] for p in network.partnerships() if p["status"] == "suspended"}
    except Exception:  # noqa: BLE001 - no home city to speak of: pairs only
        cities = set()
    return pairs, cities


def route_lengths(network, P) -> np.ndarray:
    """The length of each link of the projection ``P`` for a warm route: the
    one rule every route search uses (recommendations, ``actornet path``).

    A link's length is its ``distance`` (1 / strength), plus half of
    :data:`CITY_DETOUR` for each end that is a city node (a whole city's
    administration) and half of :data:`SUSPENDED_DETOUR` for each end seated
    in a partner city whose partnership is suspended; a link formed by a
    suspended partnership alone is no route at all (``inf``). Passing
    through such a node thus costs the whole detour, and a route takes it
    only when no other route exists; the ends of a route pay a constant.

    Parameters
    ----------
    network : ActorNetwork
        The whole network (the partnerships' status is read from it).
    P : ActorProjection
        The projection searched (the network's or a view's such as ``as_of``).

    Returns
    -------
    numpy.ndarray of float
        One length per CSR position of ``P``.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> net = generated_network(60, 200, cities=3, seed=2)
    >>> P = net.projection()
    >>> lengths = route_lengths(net, P)
    >>> bool((lengths >= P.distance).all())
    True
    """
    pen = np.zeros(P.n)
    is_city = np.array([k == Kind.CITY.value for k in P.kinds], bool)
    pen[is_city] += CITY_DETOUR / 2
    pairs, cities = _suspended(network)
    for c in cities:
        code = P.city_code(c)
        if code >= 0:
            pen[P.city == code] += SUSPENDED_DETOUR / 2
        if c in P.index:
            pen[P.index[c]] += SUSPENDED_DETOUR / 2
    rows = np.repeat(np.arange(P.n), np.diff(P.indptr))
    lengths = P.distance + pen[rows] + pen[P.indices]
    if pairs:
        only_partner = P.flags == P.mask(["PARTNER_OF"])
        for e in np.flatnonzero(only_partner):
            if frozenset((P.nodes[rows[e]], P.nodes[P.indices[e]])) in pairs:
                lengths[e] = np.inf
    return lengths


def route_caveat(network, actors, *, suspended=None) -> str:
    """A sentence saying why a route runs through a city node or a suspended
    partner city (the rule of :func:`route_lengths` lets it only when nothing
    else links its ends), or "" when it does not. ``suspended``: the
    suspended partner cities, when the caller knows them already."""
    inner = list(actors[1:-1])
    if not inner:
        return ""
    nodes = network.graph.nodes
    cities = _suspended(network)[1] if suspended is None else suspended
    seats = network.cities()
    suspended = [a for a in inner if a in cities or seats.get(a) in cities]
    towns = [a for a in inner if nodes[a].get("kind") == Kind.CITY.value and a not in suspended]
    out = []
    if suspended:
        names = ", ".join(_name(network, a) for a in suspended)
        out.append(f"it runs through {names}, in a partnership that is suspended")
    if towns:
        names = ", ".join(_name(network, a) for a in towns)
        out.append(f"it runs through {names} (a whole city's administration, not a person "
                   "to ask)")
    if not out:
        return ""
    return "No other chain of ties exists: " + "; ".join(out) + "."


def _actor(network, text) -> str:
    node = network.resolve(text)
    if not network.kind(node).is_actor:
        raise ResolveError(f"{node} is a {network.kind(node).value}, not an actor; paths run "
                           "between actors", [node])
    return node


def _tie_record(network, u, v, key) -> dict:
    data = network.graph.edges[u, v, key]
    since, until = network.period(u, v, key)
    project = data.get("project")
    if project is None and network.tie_role(u, v, key) is Projection.PROJECT:
        project = v
    return {"tie": key, "type": data["type"], "from": u, "to": v,
            "themes": list(data.get("themes", ())), "since": since, "until": until,
            "evidence": data.get("evidence"), "role": data.get("role"), "project": project}


def _step(network, A, u, v) -> IntroductionStep:
    G = network.graph
    edge = A.edge(u, v) if isinstance(A, ActorProjection) else A.edges[u, v]
    ties = []
    for key in edge["ties"]:
        if G.has_edge(u, v, key):
            ties.append(_tie_record(network, u, v, key))
        else:
            ties.append(_tie_record(network, v, u, key))
    for project in edge["projects"]:
        for member in (u, v):
            for key in G[member].get(project, {}):
                if network.tie_role(member, project, key) is Projection.PROJECT:
                    ties.append(_tie_record(network, member, project, key))
    starts = [t["since"] for t in ties if t["since"] is not None]
    ends = [t["until"] for t in ties]
    until = None if not ends or any(e is None for e in ends) else max(ends)
    evidence = []
    for t in ties:
        if t["evidence"] and t["evidence"] not in evidence:
            evidence.append(t["evidence"])
    return IntroductionStep(
        source=u, target=v, source_name=_name(network, u), target_name=_name(network, v), strength=edge["strength"],
        distance=edge["distance"], types=list(edge["types"]), themes=list(edge["themes"]),
        since=min(starts) if starts else None, until=until, evidence=evidence,
        projects=list(edge["projects"]), ties=ties)


def _name(network, node) -> str:
    return network.graph.nodes[node].get("name", node)


def path_along(network, A, actors) -> IntroductionPath:
    """The path along ``actors`` with each step's evidence.

    Parameters
    ----------
    network : ActorNetwork
    A : networkx.Graph or ActorProjection
        Where the steps' evidence is read: the network's actor graph or its
        projection (``network.projection()``).
    actors : sequence
        Actor ids, each tied to the next.

    Returns
    -------
    IntroductionPath

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> net = generated_network(40, 120, seed=1)
    >>> P = net.projection()
    >>> a = P.nodes[0]
    >>> b = P.nodes[int(P.indices[P.indptr[0]])]  # a neighbour of a
    >>> path = path_along(net, P, [a, b])
    >>> path.actors == [a, b], len(path.steps)
    (True, 1)
    """
    steps = [_step(network, A, u, v) for u, v in zip(actors, actors[1:])]
    return IntroductionPath(actors=list(actors),
                            names=[_name(network, n) for n in actors],
                            steps=steps, distance=float(sum(s.distance for s in steps)))


def introduction_path(network, source, target, *, k=1, as_of=None) -> list[IntroductionPath]:
    """The warm introduction path from one actor to another, and alternatives.

    Parameters
    ----------
    network : ActorNetwork
    source, target : str
        Actors: ids, names or aliases (see ``ActorNetwork.resolve``).
    k : int
        How many paths at most: the best and up to ``k - 1`` alternatives.
    as_of : int, optional
        Use only ties valid in that year (see ``ActorNetwork.as_of``).

    Returns
    -------
    list of IntroductionPath
        Between 1 and ``k`` distinct simple paths, shortest ``distance``
        first (fewer than ``k`` when fewer exist). When source and target
        are the same actor: one path of 0 hops.

    Raises
    ------
    ResolveError
        If ``source`` or ``target`` names no actor, several, or a project.
    NoPathError
        If no chain of ties links the two (in ``as_of``'s year).
    QueryError
        If ``k`` is less than 1.

    Notes
    -----
    Paths run over the actor graph (``ActorNetwork.actor_graph``): direct
    ties (a formal partnership between two cities is one) and shared
    projects; projects and themes are never steps. The length of a step is
    its ``distance`` = 1 / strength, so a path over strong ties beats a
    shorter one over weak ties, plus the detours of :func:`route_lengths`
    (the rule the recommendations use too): a path never crosses a
    suspended partnership and passes through a city node (a whole city's
    administration) or an actor of a suspended partner city only when no
    other path exists (:func:`route_caveat` says so). The best path is
    Dijkstra's [1]_; the alternatives come from
    ``networkx.shortest_simple_paths`` (Yen's algorithm [2]_).

    Examples
    --------
    A strong two-step chain beats a weak direct tie:

    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> for n in ["ana", "ben", "cem"]:
    ...     G.add_node(n, kind="person", name=n.title())
    >>> _ = G.add_edge("ana", "cem", key="weak", type="KNOWS", weight=1, since=2020)
    >>> _ = G.add_edge("ana", "ben", key="t1", type="KNOWS", weight=5, evidence="minutes")
    >>> _ = G.add_edge("ben", "cem", key="t2", type="KNOWS", weight=4, since=2018)
    >>> best, second = introduction_path(ActorNetwork(G), "Ana", "cem", k=2)
    >>> best.actors, best.hops, round(best.distance, 2)
    (['ana', 'ben', 'cem'], 2, 0.45)
    >>> best.steps[0].evidence, best.steps[1].since
    (['minutes'], 2018)
    >>> second.actors, second.distance
    (['ana', 'cem'], 1.0)
    """
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise QueryError("k must be a whole number, 1 or more")
    s = _actor(network, source)
    t = _actor(network, target)
    view = network if as_of is None else network.as_of(as_of)
    P = view.projection()
    if s == t:
        return [path_along(view, P, [s])]
    lengths = route_lengths(network, P)
    when = f" in {int(as_of)}" if as_of is not None else ""
    message = (f"no chain of ties links {describe_actor(network, s)} and "
               f"{describe_actor(network, t)}{when}")
    if k == 1:
        from actornet.queries.nearest_kernel import nearest_path

        target = np.zeros(P.n, bool)
        target[P.index[t]] = True
        found_path, _ = nearest_path(P.indptr, P.indices, lengths, P.index[s], target)
        if not found_path:
            raise NoPathError(message + separation(view, P, lengths, s, t))
        return [path_along(view, P, [P.nodes[i] for i in found_path])]
    A = view.actor_graph()

    def length(u, v, _data):
        i, j = P.index[u], P.index[v]
        row = P.indices[P.indptr[i]:P.indptr[i + 1]]
        at = int(np.searchsorted(row, j))
        if at >= row.shape[0] or row[at] != j:
            return None  # a self-loop or no link: not a step
        value = float(lengths[P.indptr[i] + at])
        return None if value == np.inf else value

    try:
        found = list(islice(nx.shortest_simple_paths(A, s, t, weight=length), k))
    except nx.NetworkXNoPath as err:
        raise NoPathError(message + separation(view, P, lengths, s, t)) from err
    return [path_along(view, P, path) for path in found]
