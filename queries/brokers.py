"""Who brokers between the partner cities (or kinds, or countries): a table for people.

:func:`brokers` puts the broker measures of one actor in one row: betweenness
(plain and across groups), Burt's structural holes, Gould & Fernandez's
roles, and a plain-language ``why``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from actornet.graph.errors import MeasureError
from actornet.queries import path_sums
from actornet.queries.brokerage import ROLES, role_null_model
from actornet.queries.graph_arrays import actor_csr
from actornet.queries.groups import ELSEWHERE, actor_groups
from actornet.queries.option_choices import BY, MODES
from actornet.queries.path_sums import PathGraph
from actornet.queries.structural_holes import holes_arrays

__all__ = ["brokers", "BY", "MODES", "COLUMNS"]

#: The columns of the table, in order.
COLUMNS = ["actor", "name", "kind", "city", "group", "betweenness", "cross_group_betweenness",
           "constraint", "effective_size", "efficiency", "hierarchy", *ROLES,
           "dominant_role", "why"]

# Exact below this much work (sources x CSR entries); above it, sampled with
# about this much. 10k actors / 100k ties (2.8e9) is exact: about a minute on
# 2 idle cores. Sampling is much faster but on networks whose top brokers are
# close to each other it does not find the same top 20 (benchmarks/brokers.py).
EXACT_WORK = 3e9
SAMPLED_WORK = 1.0e8
MIN_SAMPLE = 32
# Adaptive sampling (mode "sampled" without k): batches of at least MIN_BATCH
# sources until, by resampling the sources, another sample would keep
# SETTLED_LEVEL of the first TOP_SETTLED rows in its top (on the heavy-tailed
# 100k/1M generator that share tracks the overlap with a 1000-source
# reference, benchmarks/brokers.py); at most MAX_SAMPLE_FACTOR x the first
# sample and half the actors (a sample stays a sample).
MIN_BATCH = 12
TOP_SETTLED = 20
SETTLED_LEVEL = 0.9
MAX_SAMPLE_FACTOR = 8
# ... and at most this much work (sources x CSR entries) in all: on H2020
# (41k actors, 1.5M entries) about 650 sources, 40-60 s on 2 loaded cores.
MAX_WORK = 1.0e9
#: At most this many sources behind the share quoted in why when their paths
#: were not kept (a second round of shortest paths from each: on H2020 the
#: whole sample cost 28 s, a fifth of the table).
PAIR_SOURCES = 256
WHY_ROWS = 200  # rows whose why quotes a share of the paths between two groups

_NOUNS = {"partner_city": ("partner city", "partner cities"), "kind": ("kind", "kinds"),
          "country": ("country", "countries")}


def brokers(network, *, by="partner_city", top=20, as_of=None, mode="auto", k=None, seed=0,
            backend="auto", progress=None) -> pd.DataFrame:
    """The actors who broker between groups, best first, with the reasons why.

    Parameters
    ----------
    network : ActorNetwork
    by : str
        The groups: ``"partner_city"`` (the home city, each of its partner
        cities -- an actor is in the group of the city it is based in, a city
        in its own -- and one group "elsewhere" for every other city; without
        a home city each city, at most 30, the rest elsewhere), ``"kind"``, ``"country"`` (the actor's country, or
        its city's), or the name of any other actor attribute.
    top : int or None
        How many rows (None or 0: every actor).
    as_of : int, optional
        Analyse the network as it stood in that year (:meth:`ActorNetwork.as_of`).
    mode : {"auto", "exact", "sampled"}
        Betweenness from every actor ("exact") or from a sample of sources
        ("sampled": drawn per group in proportion to its size, estimates by
        linear scaling, see :func:`~actornet.queries.betweenness.betweenness`); "auto"
        takes exact while the work stays moderate (n x 2m up to 3e9, e.g.
        10k actors with 100k ties: about a minute on 2 cores) and samples
        otherwise. Structural holes and roles are always exact.
    k : int, optional
        Sampled sources. Without it, sampling is adaptive: it starts with
        about 1e8 / 2m sources (at least 32, at most a tenth of the actors
        beyond those 32) and adds batches until the first 20 rows are
        settled: resampling the sources drawn so far (a stratified
        bootstrap), another sample of the same size would keep 90% of them
        in its first 20 (an estimate of the top-20 overlap with exact); or
        that share rose by at most 0.02 since half as many sources (a
        crowded top: more sources would barely settle it); or 8 times the
        first sample (at most half the actors, and at most 1e9 / 2m
        sources) is spent. ``attrs["confidence"]`` is that share,
        ``attrs["stopped"]`` says why it stopped ("stable", "plateau" or
        "budget"). A sample that covers every actor is exact, and
        ``attrs["mode"]`` says so.
    seed : int
        For the sample; the same seed gives the same table.
    backend : {"auto", "numba", "python"}
    progress : callable, optional
        Called with the number of sources done after each batch of an
        adaptive sample.

    Returns
    -------
    pandas.DataFrame
        One row per actor, sorted by cross-group betweenness, then
        betweenness. Columns:

        ``actor`` (id), ``name``, ``kind``, ``city`` (name of the city it is
        based in), ``group`` (its group under ``by``), ``betweenness``
        (normalised, on distance = 1/strength), ``cross_group_betweenness``
        (normalised: the average share of shortest paths between actors of
        different groups through it), ``constraint``, ``effective_size``,
        ``efficiency``, ``hierarchy`` (Burt, on strength; NaN for isolates,
        hierarchy also for one contact), ``coordinator``, ``itinerant``,
        ``representative``, ``gatekeeper``, ``liaison`` (Gould & Fernandez
        counts), ``dominant_role`` (the role with the highest z-score under
        the null model, among roles it plays at all; empty if none) and
        ``why`` (the share of paths between two groups it quotes is given
        for the first 200 rows).

        ``attrs`` holds ``mode`` ("exact" or "sampled"), ``sources`` (how
        many sources the betweenness used), ``actors``, ``by``, ``seed``,
        ``as_of`` and ``pair_sources``: the sources behind the share quoted
        in ``why`` (all of ``sources`` unless their paths would need more
        than 256 MiB, or an adaptive sample used more than 256: then a
        sample of them, per group, and the share is an estimate; the measures
        in the columns are unaffected).

    Raises
    ------
    MeasureError
        For an unknown ``mode``, a ``by`` no actor has a value for, or a bad
        ``k`` or ``top``.

    Notes
    -----
    People, organisations and cities all count as actors; paths run over
    the actor graph (:meth:`ActorNetwork.actor_graph`). Actors with no value
    for ``by`` carry paths but belong to no group (see
    :func:`~actornet.queries.betweenness.cross_group_betweenness`).

    A group (project, network) of more than
    :data:`~actornet.graph.projection.BIG_GROUP` members is never expanded
    into its pairs: paths run through it as one hub node
    (:meth:`~actornet.graph.projection.ActorProjection.path_csr`), as long as
    a link of Newman's weight 1/(n-1); the hub is never a source, target or
    broker, and no row. Structural holes and roles read the actor links only,
    so such a group does not count as contacts there.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> table = brokers(generated_network(60, 200, cities=3, seed=1), top=3)
    >>> len(table), table.attrs["mode"]
    (3, 'exact')
    >>> list(table.columns[:5])
    ['actor', 'name', 'kind', 'city', 'group']
    """
    if mode not in MODES:
        raise MeasureError(f"mode must be one of {', '.join(MODES)}")
    if top is not None and (not isinstance(top, (int, np.integer)) or top < 0):
        raise MeasureError("top must be a whole number >= 0")
    if as_of is not None:
        network = network.as_of(as_of)
    csr_len, csr_str = actor_csr(network)  # lengths 1/strength; strengths
    nodes = csr_len.nodes
    codes, labels, shown = actor_groups(network, nodes, by)
    n_groups = len(labels)
    # Paths run over the actors and one hub per large group (never expanded
    # into pairs, see actornet.graph.projection); holes and roles on the actor links.
    path_csr = network.projection().path_csr("distance")
    paths = PathGraph.from_csr(path_csr, codes=codes, labels=labels, actors=len(nodes))
    nnz = max(1, path_csr.indices.shape[0])
    n = len(nodes)
    if mode == "auto":
        mode = "exact" if n * nnz <= EXACT_WORK else "sampled"
    if mode == "sampled" and k is None:
        # Adaptive: start with as many sources as the work budget allows (at
        # most a tenth of the actors beyond the minimum), then add batches
        # until the top rows are settled or the budget is spent.
        k_first = min(max(MIN_SAMPLE, int(SAMPLED_WORK / nnz)), max(MIN_SAMPLE, n // 10))
        rows = top if top else TOP_SETTLED
        result = paths.run_adaptive(top=min(rows, TOP_SETTLED), k_first=k_first,
                                    batch=max(MIN_BATCH, -(-k_first // 4 // 4) * 4),
                                    k_max=min(MAX_SAMPLE_FACTOR * k_first, max(k_first, n // 2),
                                              max(k_first, int(MAX_WORK / nnz))),
                                    seed=seed,
                                    backend=backend, level=SETTLED_LEVEL, progress=progress)
    else:
        result = paths.run(k=k if mode == "sampled" else None, seed=seed, backend=backend,
                           sample_pairs=True)
    if mode == "sampled" and not result.sampled:
        mode = "exact"  # k covered every actor
    bc = result.betweenness(True)[:n]
    cross = result.cross(True)[:n]
    holes = holes_arrays(csr_str, codes, n_groups, backend=backend)
    order = sorted(range(n), key=lambda i: (-_key(cross[i]), -_key(bc[i]), str(nodes[i])))
    if top:
        order = order[:top]
    # The share quoted in why, for the first rows only: each needs its own
    # shortest paths (n distances and counts) and a pass over the sources.
    explained = min(len(order), WHY_ROWS, max(1, path_sums.STORE_BYTES // max(1, 16 * n)))
    shares = result.pair_breakdown(order[:explained], backend=backend, max_sources=PAIR_SOURCES)
    shares += [None] * (len(order) - explained)
    z = _zscores(holes.roles, codes, network, csr_len, n_groups)
    graph = network.graph
    rows = []
    for share, i in zip(shares, order):
        node = nodes[i]
        data = graph.nodes[node]
        city = network.city_of(node)
        roles = holes.roles[i]
        dominant = _dominant(roles, z[i])
        rows.append({
            "actor": node, "name": data.get("name", node), "kind": data.get("kind"),
            "city": graph.nodes[city].get("name", city) if city is not None else None,
            "group": shown[codes[i]] if codes[i] >= 0 else None,
            "betweenness": float(bc[i]), "cross_group_betweenness": float(cross[i]),
            "constraint": float(holes.constraint[i]), "effective_size": float(holes.effective_size[i]),
            "efficiency": float(holes.efficiency[i]), "hierarchy": float(holes.hierarchy[i]),
            **{role: float(roles[r]) for r, role in enumerate(ROLES)},
            "dominant_role": dominant,
            "why": (_why(i, csr_len, codes, shown, share, dominant, by) if n_groups else
                    _why_ungrouped(bc[i], holes.effective_size[i], holes.constraint[i])),
        })
    table = pd.DataFrame(rows, columns=COLUMNS)
    note = None
    if n_groups == 0:
        note = ("no actor is based in a city (no BASED_IN ties or city column): betweenness "
                "and structural holes only; group roles need groups (try --by kind)")
    table.attrs.update({"note": note, "mode": mode, "sources": result.k, "actors": n, "by": by, "seed": seed,
                        "as_of": as_of, "pair_sources": result.pair_sources,
                        "confidence": result.confidence, "stopped": result.stopped})
    return table


def _key(value):
    return -math.inf if math.isnan(value) else value


def _zscores(roles, codes, network, csr, n_groups):
    grouped = codes >= 0
    sizes = np.bincount(codes[grouped], minlength=n_groups).astype(float)
    rows = csr.row_of()
    both = grouped[rows] & grouped[csr.indices]
    ties = int(both.sum()) // 2
    mean, sd = role_null_model(sizes, ties)
    z = np.full(roles.shape, np.nan)
    idx = np.where(grouped)[0]
    m = mean[codes[idx], :5]
    s = sd[codes[idx], :5]
    with np.errstate(divide="ignore", invalid="ignore"):
        z[idx] = np.where(s > 0, (roles[idx] - m) / np.where(s > 0, s, 1), np.nan)
    return z


def _dominant(roles, z):
    """The role played more than any other relative to chance (highest z), among
    roles played at all; by count where z is undefined."""
    best, best_key = None, None
    for r, role in enumerate(ROLES):
        if not roles[r] > 0:
            continue
        key = (z[r] if not math.isnan(z[r]) else -math.inf, roles[r])
        if best_key is None or key > best_key:
            best, best_key = role, key
    return best or ""


def _why(i, csr, codes, shown, share, dominant, by):
    singular, plural = _NOUNS.get(by, (by, f"{by} groups"))
    parts = []
    own = codes[i]
    neighbours = csr.indices[csr.indptr[i]:csr.indptr[i + 1]]
    others = sorted({shown[c] for c in codes[neighbours].tolist() if c >= 0 and c != own})
    # "elsewhere" (cities that are neither home nor partner) is no city: said apart
    outside = by == "partner_city" and ELSEWHERE in others
    if outside:
        others.remove(ELSEWHERE)
    if others:
        listed = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
        noun = singular if len(others) == 1 else plural
        other = own >= 0 and not (by == "partner_city" and shown[own] == ELSEWHERE)
        text = f"links {len(others)} {'other ' if other else ''}{noun} ({listed})"
        parts.append(text + (" and actors in other cities" if outside else ""))
    elif outside:
        parts.append("links actors in other cities")
    share, pairs = share if share is not None else (np.empty((0, 0)), None)
    if share.size and not np.isnan(share).all():
        # The pair of groups most of its cross-group paths run between.
        through = np.where(np.isnan(share), 0.0, share * pairs)
        g, h = np.unravel_index(np.argmax(through), through.shape)
        best = share[g, h]
        if through[g, h] > 0:
            if by == "partner_city" and ELSEWHERE in (shown[g], shown[h]):
                between = f"{_actors(shown[g], by)} and {_actors(shown[h], by)}"
            else:
                between = f"{shown[g]} and {shown[h]} actors"
            parts.append(f"{_percent(best)} of shortest paths between {between} pass through it")
    if dominant and own >= 0:
        if by == "partner_city" and shown[own] == ELSEWHERE:
            # its own group is no city: "within elsewhere" would read as one
            parts.append({
                "coordinator": "coordinator among actors in other cities",
                "itinerant": "itinerant broker between members of a partner city",
                "representative": "representative of actors in other cities",
                "gatekeeper": "gatekeeper for actors in other cities",
                "liaison": "liaison between partner cities",
            }[dominant])
        else:
            parts.append({
                "coordinator": f"coordinator within {shown[own]}",
                "itinerant": f"itinerant broker between members of another {singular}",
                "representative": f"representative of {shown[own]}",
                "gatekeeper": f"gatekeeper for {shown[own]}",
                "liaison": f"liaison between {plural} other than {shown[own]}",
            }[dominant])
    return "; ".join(parts) if parts else "brokers no paths between groups"


def _actors(label, by):
    """The actors of a group, in prose: "Berlin actors"; "actors in other
    cities" for :data:`ELSEWHERE`, which is no city."""
    if by == "partner_city" and label == ELSEWHERE:
        return "actors in other cities"
    return f"{label} actors"


def _why_ungrouped(bc, effective_size, constraint):
    """The reason without groups: betweenness and structural holes."""
    parts = [f"betweenness {bc:.3f}" + (" (on no shortest path between others)"
                                          if not bc > 0 else "")]
    if not math.isnan(effective_size):
        parts.append(f"effective size {effective_size:.1f} (non-redundant contacts)")
    if not math.isnan(constraint):
        parts.append(f"constraint {constraint:.2f} (lower: more structural holes)")
    return "; ".join(parts)


def _percent(x):
    pct = 100 * x
    if pct >= 10:
        return f"{pct:.0f}%"
    if pct >= 1:
        return f"{pct:.1f}%".replace(".0%", "%")
    return f"{pct:.2g}%"
