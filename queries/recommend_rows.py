"""The recommender's answer and its rows: evidence, warm paths and why, in words.

:class:`Recommendation` is what :func:`actornet.queries.recommend.recommend`
returns: three tables with the columns :data:`SIDE_COLUMNS` (``bring_in``,
``counterparts``) and :data:`RECOMMEND_COLUMNS` (``introductions``). Here each
row is made from what the lists ranked (:mod:`actornet.queries.recommend_sides`,
:mod:`actornet.queries.recommend_pairs`) and a prepared network
(:class:`actornet.queries.recommend_prepared.PreparedNetwork`, ``ask`` below):
its evidence, its warm path with each step's ties, and a ``why`` a person reads.

Pure analysis: nothing here reads files or talks to a store.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from actornet.queries.paths import route_caveat

__all__ = [
    "Recommendation",
    "SideAsked",
    "RECOMMEND_COLUMNS",
    "SIDE_COLUMNS",
    "STEP_KEYS",
    "EVIDENCE_LIMIT",
    "listed",
    "reversed_steps",
    "pair_row",
    "side_contacts",
    "side_row",
]

#: The columns of the ``introductions`` table, in order.
RECOMMEND_COLUMNS = [
    "rank", "home_actor", "home_name", "home_kind", "partner_actor", "partner_name",
    "partner_kind", "score", "adamic_adar", "resource_allocation", "theme", "bridging",
    "common_contacts", "path", "path_names", "steps", "why",
]

#: The columns of the ``bring_in`` and ``counterparts`` tables, in order.
SIDE_COLUMNS = [
    "rank", "actor", "name", "kind", "score", "theme", "contacts", "reach", "roles",
    "theme_evidence", "direct_contacts", "via", "path", "path_names", "steps", "why",
]

#: The keys of each step in a ``steps`` list (the evidence of one step of a
#: warm path, as in :class:`actornet.queries.paths.IntroductionStep`).
STEP_KEYS = ["from", "to", "types", "themes", "since", "until", "evidence", "projects", "ties"]

#: How many ids an evidence list names at most.
EVIDENCE_LIMIT = 5


@dataclass(frozen=True)
class Recommendation:
    """The answer for one project: three ranked tables.

    Attributes
    ----------
    theme, city, home : str
        The theme's id, the partner city's id and the home city's id.
    as_of : int or None
        The year the network was read in (None: every tie).
    bring_in, counterparts : pandas.DataFrame
        Actors, with the columns :data:`SIDE_COLUMNS`.
    introductions : pandas.DataFrame
        Pairs, with the columns :data:`RECOMMEND_COLUMNS`.
    notes : tuple of str
        Plain sentences on what the tables cannot give (e.g. that no
        home-city actor is active in the theme, so there is nobody to bring
        in).
    """

    theme: str
    city: str
    home: str
    as_of: int | None
    bring_in: pd.DataFrame
    counterparts: pd.DataFrame
    introductions: pd.DataFrame
    notes: tuple = ()


@dataclass(frozen=True)
class SideAsked:
    """What one side list is asked for, the same for each of its rows.

    Attributes
    ----------
    other : numpy.ndarray of bool
        The actors (projection indices) of the other side.
    is_target : numpy.ndarray of bool
        Where a warm route may end: the other side's people and
        organisations, never a city node.
    outward : bool
        True for ``bring_in`` (routes from the row's actor to the other
        side), False for ``counterparts`` (routes from the other side to it).
    here, there : str
        The row's city and the other side's city (ids).
    theme_id, theme_name : str
        The project's theme: its id and the name a person reads.
    reaching : numpy.ndarray, optional
        Per actor, how many contacts it has on the other side (computed
        per row when not given).
    """

    other: np.ndarray
    is_target: np.ndarray
    outward: bool
    here: str
    there: str
    theme_id: str
    theme_name: str
    reaching: np.ndarray = None


def listed(names) -> str:
    """``a``, ``a and b``, ``a, b and c``.

    Examples
    --------
    >>> listed([]), listed(["a"]), listed(["a", "b"]), listed(["a", "b", "c"])
    ('', 'a', 'a and b', 'a, b and c')
    """
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def reversed_steps(steps):
    """The steps of a warm path walked the other way (``from`` and ``to`` swapped).

    Examples
    --------
    >>> reversed_steps([{"from": "a", "to": "b", "ties": ["t1"]},
    ...                 {"from": "b", "to": "c", "ties": ["t2"]}])
    [{'from': 'c', 'to': 'b', 'ties': ['t2']}, {'from': 'b', 'to': 'a', 'ties': ['t1']}]
    """
    return [{**s, "from": s["to"], "to": s["from"]} for s in reversed(steps)]


def _warm_route_why(ask, path):
    """The sentences on a warm route: the route, and its caveat when it runs
    through a city node or a suspended partnership."""
    why = ["Warm route: " + ask.route_text(path) + "."]
    caveat = route_caveat(ask.network, path, suspended=ask.suspended)
    if caveat:
        why.append(caveat)
    return why


def pair_row(ask, rank, hi, pj, score, parts, context, active_flags, carried=None):
    """One introductions row (the columns :data:`RECOMMEND_COLUMNS`).

    Parameters
    ----------
    ask : PreparedNetwork
    rank : int
    hi, pj : int
        The home actor and the counterpart (projection indices).
    score : float
    parts : dict
        Part -> value (``adamic_adar``, ``resource_allocation``, ``theme``,
        ``bridging``).
    context : tuple
        ``(home, partner, theme_id, theme_name)``.
    active_flags : tuple of bool
        Whether each of the two is active in the theme.
    carried : str, optional
        A sentence on what carried a learned score.
    """
    home, partner, theme_id, theme_name = context
    G = ask.network.graph
    h, p = ask.nodes[hi], ask.nodes[pj]
    common = sorted(set(ask.nodes[x] for x in ask.neighbours(hi))
                    & set(ask.nodes[x] for x in ask.neighbours(pj)) - {home, partner})
    is_partner = np.zeros(len(ask.nodes), bool)
    is_partner[pj] = True
    path, steps = ask.warm_path(hi, is_partner)
    why = [f"Bring in {ask.label(h)} to meet {ask.label(p)} in "
           f"{ask.name(partner)}."]
    if carried:
        why.append(carried)
    active = [x for x, on in zip((h, p), active_flags) if on]
    if active:
        why.append(f"Active in {theme_name}: {ask.listed_labels(active)}.")
    elif carried:
        why.append(f"Neither is active in {theme_name} yet.")
    else:
        why.append(f"Neither is active in {theme_name} yet (no one on either side is).")
    if common:
        shown = ask.listed_labels(common[:EVIDENCE_LIMIT])
        more = (f" and {len(common) - EVIDENCE_LIMIT} more"
                if len(common) > EVIDENCE_LIMIT else "")
        why.append(f"Shared contacts: {shown}{more}.")
    if parts["bridging"] == 1:
        why.append(f"Neither has a working tie across yet: a new route between "
                   f"{ask.name(home)} and {ask.name(partner)}.")
    if path:
        why.append("Introduction: " + ask.route_text(path) + ".")
        caveat = route_caveat(ask.network, path, suspended=ask.suspended)
        if caveat:
            why.append(caveat)
    else:
        why.append("No chain of ties links them yet: a cold introduction.")
    return {
        "rank": rank, "home_actor": h, "home_name": ask.name(h),
        "home_kind": G.nodes[h]["kind"], "partner_actor": p,
        "partner_name": ask.name(p), "partner_kind": G.nodes[p]["kind"],
        "score": float(score), **parts, "common_contacts": common, "path": path,
        "path_names": [ask.name(x) for x in path], "steps": steps,
        "why": " ".join(why),
    }


def side_contacts(ask, i, other, reaching=None):
    """Actor ``i``'s contacts on the other side (``across``: strongest tie
    first) and its contacts who are tied there (``via``: most ties there
    first), as projection indices; ties by id.

    ``reaching``: per actor, how many contacts it has on the other side
    (``ask.linked @ other``; computed here when not given).
    """
    if reaching is None:
        reaching = ask.linked @ other.astype(float)
    R = ask.route
    start, end = R.indptr[i], R.indptr[i + 1]
    mine, strength = R.indices[start:end], R.data[start:end]
    there = other[mine]
    names = ask.nodes
    across = sorted(zip(mine[there].tolist(), strength[there].tolist()),
                    key=lambda js: (-js[1], names[js[0]]))
    counts = reaching[mine]
    beside = ~there & (counts > 0)
    via = sorted(zip(mine[beside].tolist(), counts[beside].tolist()),
                 key=lambda jc: (-jc[1], names[jc[0]]))
    return [j for j, _ in across], [j for j, _ in via]


def _side_roles(ask, asked, level, evidence, across, via, reach):
    """The short roles of a side row: active in (or declaring) the theme,
    tied to the other side, reaching it through a contact."""
    there = ask.name(asked.there)
    roles = []
    if level == 1:
        count = len(evidence)
        roles.append(f"active in {asked.theme_name} ({count} "
                     f"{'tie or project' if count == 1 else 'ties and projects'})")
    elif level > 0:
        roles.append(f"declares {asked.theme_name}")
    if across:
        roles.append(f"tied to {len(across)} in {there} "
                     f"(e.g. {ask.label(ask.nodes[across[0]])})")
    if reach > 0 and via:
        roles.append(f"reaches {int(reach)} in {there} via "
                     f"{ask.label(ask.nodes[via[0]])}")
    return roles


def _side_why(ask, asked, node, level, found, carried, across, via, reach, path):
    """The ``why`` of a side row: the theme (with the partners and projects
    ``found`` in it), what carried a learned score, the ties and reach across,
    and the warm route."""
    theme_name, there = asked.theme_name, ask.name(asked.there)
    partners, projects = found
    why = [f"{ask.label(node)}:"]
    if level == 1:
        found = ([f"ties with {ask.listed_labels(partners)}"] if partners else []) + \
            ([f"projects {ask.listed_labels(projects)}"] if projects else [])
        why.append(f"works on {theme_name}"
                   + (f" ({'; '.join(found)})." if found else "."))
    elif level > 0:
        why.append(f"declares {theme_name} but has no tie in it yet.")
    else:
        why.append(f"not active in {theme_name} yet.")
    if carried is not None:
        why.append(carried)
    if across:
        names = ask.listed_labels([ask.nodes[j] for j in across[:EVIDENCE_LIMIT]])
        more = f" and {len(across) - EVIDENCE_LIMIT} more" if len(across) > \
            EVIDENCE_LIMIT else ""
        why.append(f"Tied into {there}: {names}{more}.")
    if reach > 0 and via:
        names = ask.listed_labels([ask.nodes[j] for j in via[:3]])
        count = int(reach)
        why.append(f"Reaches {count} more {'actor' if count == 1 else 'actors'} in "
                   f"{there} through {names}.")
    if len(path) > 1:
        why += _warm_route_why(ask, path)
    elif not path:
        why.append(f"No chain of ties reaches {there} from "
                   f"{ask.name(asked.here)}'s side yet.")
    return " ".join(why)


def side_row(ask, asked, rank, i, score, parts, reach, carried=None):
    """One ``bring_in`` or ``counterparts`` row (the columns :data:`SIDE_COLUMNS`).

    Parameters
    ----------
    ask : PreparedNetwork
    asked : SideAsked
    rank : int
    i : int
        The actor (projection index).
    score : float
    parts : dict
        Part -> value (``theme``: 1 with ties or projects in the theme, 0.5
        declaring it, 0 otherwise; ``contacts``; ``reach``).
    reach : float
        How many actors of the other side it reaches in two steps.
    carried : str, optional
        A sentence on what carried a learned score.
    """
    node = ask.nodes[i]
    level = parts["theme"]
    across, via = side_contacts(ask, i, asked.other, asked.reaching)
    path, steps = ask.warm_path(i, asked.is_target)
    if not asked.outward:
        path, steps = path[::-1], reversed_steps(steps)
    evidence, partners, projects = (ask.theme_evidence(node, asked.theme_id)
                                    if level == 1 else ([], [], []))
    return {
        "rank": rank, "actor": node, "name": ask.name(node),
        "kind": ask.network.graph.nodes[node]["kind"], "score": float(score),
        **{name: float(value) for name, value in parts.items()},
        "roles": _side_roles(ask, asked, level, evidence, across, via, reach),
        "theme_evidence": evidence,
        "direct_contacts": [ask.nodes[j] for j in across],
        "via": [ask.nodes[j] for j in via[:EVIDENCE_LIMIT]],
        "path": path, "path_names": [ask.name(p) for p in path], "steps": steps,
        "why": _side_why(ask, asked, node, level, (partners, projects), carried,
                         across, via, reach, path),
    }
