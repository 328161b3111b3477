"""Gaps, recommendations and communities on generated networks, against networkx.

Times, on ``actornet.graph.generate.generated_network(actors, ties, seed=0)``:
``coverage``, ``under_served`` (with the ``fragility`` it calls, measured
alone), ``dormant``, ``recommend`` (one theme, the first partner city) and
``communities`` with each method; each next to a plain networkx
implementation of the same work in the same run, and their ratio:

- fragility: ``networkx.algorithms.connectivity.local_node_connectivity``
  from a super source (joined to the partner city's actors) to a super sink
  (joined from the home city's actors) on one auxiliary digraph built once,
  per partnership; the route counts are compared and a mismatch printed;
- recommend: ``nx.adamic_adar_index`` and ``nx.resource_allocation_index``
  over the same candidate pairs of the same working graph; where the pairs
  are many, a sample of ``--pairs`` of them is timed and the rest
  extrapolated (marked ``est.``);
- communities: ``nx.community.louvain_communities`` on the same weights (the
  modularity of each partition is printed too);
- coverage and dormant have no networkx counterpart (ratio ``—``).

Every baseline starts from the network, as actornet does: its time includes
``actor_graph()`` (shown on its own row). A baseline whose time, estimated
from the previous size, would exceed ``--baseline-seconds`` is skipped and
said so. Peak memory is the process's maximum resident set
(``resource.getrusage``) after generation and after the size's last step;
it only grows, so run the big size alone for its own figure. Nothing is
asserted: the machines are shared and noisy.

    .venv/bin/python benchmarks/gaps.py [--sizes 1000:5000,10000:100000,100000:1000000]
        [--baseline-seconds 120] [--pairs 200000]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import resource
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from actornet.graph.generate import generated_network  # noqa: E402
from actornet.queries.communities import METHODS, communities  # noqa: E402
from actornet.queries.fragility import NOT_ROUTES, fragility  # noqa: E402
from actornet.queries.coverage import coverage  # noqa: E402
from actornet.queries.dormant import dormant  # noqa: E402
from actornet.queries.under_served import under_served  # noqa: E402
from actornet.queries.recommend import Recommender, recommend  # noqa: E402

THEME = "business"


def timed(func, *args, **kwargs):
    gc.collect()
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def peak_gib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux


def working_graph(A):
    """The actor graph without ties that are only a formal partnership."""
    W = nx.Graph()
    W.add_nodes_from(A)
    W.add_edges_from((u, v, {"strength": d["strength"]}) for u, v, d in A.edges(data=True)
                     if u != v and any(t not in NOT_ROUTES for t in d["types"]))
    return W


# -- the networkx baselines ------------------------------------------------------------
def nx_routes(net, year, budget):
    """Node-disjoint routes per partnership with networkx's node connectivity
    (ties as of ``year``; where actors sit from the whole network, as
    ``fragility`` does).

    Returns ``(counts, seconds, estimated)``: when the partnerships done so
    far predict more than ``budget`` seconds for all, it stops there and
    extrapolates the rest (per-partnership time x partnerships)."""
    start = time.perf_counter()
    from networkx.algorithms.connectivity import (build_auxiliary_node_connectivity,
                                                  local_node_connectivity)
    from networkx.algorithms.flow import build_residual_network

    W = working_graph(net.as_of(year).actor_graph())
    home = net.home_city
    D = nx.DiGraph(W)  # both directions of every working tie
    partners = [p["city"] for p in net.partnerships()]
    for n in W:
        c = net.city_of(n)
        if c == home:
            D.add_edge(n, ("sink",))
        elif c in partners:
            D.add_edge(("source", c), n)  # only out of the source: no route through it
    H = build_auxiliary_node_connectivity(D)
    R = build_residual_network(H, "capacity")
    counts = {}
    setup = time.perf_counter() - start
    for done, c in enumerate(partners, start=1):
        source = ("source", c)
        counts[c] = (local_node_connectivity(D, source, ("sink",), auxiliary=H, residual=R)
                     if source in D else 0)
        flows = time.perf_counter() - start - setup
        guess = setup + flows / done * len(partners)
        if guess > budget and done < len(partners):
            return counts, guess, True
    return counts, time.perf_counter() - start, False


def candidate_pairs(net, city, limit):
    """recommend's working graph, the number of its candidate pairs (not
    tied, not the same actor) and at most about ``limit`` of them (whole rows
    of home candidates, evenly spread), never the full list: at 1M ties there
    are some 10^8."""
    A = net.actor_graph()
    home = net.home_city
    theme_id = net.themes.resolve(THEME).id
    in_theme = {n for n, themes in A.nodes(data="themes") if theme_id in themes}
    in_theme |= {u for u, v, _, _ in net.ties(["WORKS_ON"]) if v == theme_id}
    in_theme |= {x for u, v, themes in A.edges(data="themes") if theme_id in themes
                 for x in (u, v)}
    home_side = [n for n in A if net.city_of(n) == home]
    partner_side = [n for n in A if net.city_of(n) == city]
    home_cands = [n for n in home_side if n in in_theme] or home_side
    partner_cands = [n for n in partner_side if n in in_theme] or partner_side
    partner_set = set(partner_cands)
    count = sum(len(partner_set) - len(partner_set & set(A[h])) - (h in partner_set)
                for h in home_cands)
    step = max(1, -(-count // limit))
    pairs = [(h, p) for h in home_cands[::step] for p in partner_cands
             if h != p and p not in A[h]]
    return working_graph(A), count, pairs


def nx_scores(W, pairs, k=10):
    """Adamic-Adar and resource allocation of every pair, and the k best."""
    aa = {(u, v): s for u, v, s in nx.adamic_adar_index(W, pairs)}
    ra = {(u, v): s for u, v, s in nx.resource_allocation_index(W, pairs)}
    return sorted(aa, key=lambda pair: -(aa[pair] + ra[pair]))[:k]


def nx_louvain(net, seed=0):
    W = working_graph(net.actor_graph())
    found = nx.community.louvain_communities(W, weight="strength", seed=seed)
    return nx.community.modularity(W, found, weight="strength")


# -- the run ---------------------------------------------------------------------------
class Table:
    COLUMNS = ["actors", "ties", "step", "seconds", "baseline", "baseline s", "ratio", "note"]

    def __init__(self):
        print("| " + " | ".join(self.COLUMNS) + " |")
        print("|" + "|".join(" --- " for _ in self.COLUMNS) + "|")

    def row(self, actors, ties, step, seconds, baseline="—", base=None, note="", est=False):
        ratio = "—" if base is None or not seconds else f"{base / seconds:.1f}x"
        shown = "—" if base is None else f"{'~' if est else ''}{base:.2f}"
        if est and base is not None:
            ratio = "~" + ratio
        print(f"| {actors} | {ties} | {step} | {'—' if seconds is None else f'{seconds:.2f}'} | {baseline} | {shown} | {ratio} "
              f"| {note} |", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000:5000,10000:100000",
                        help="actors:ties pairs, comma-separated")
    parser.add_argument("--baseline-seconds", type=float, default=120.0,
                        help="skip a networkx baseline estimated to take longer than this")
    parser.add_argument("--pairs", type=int, default=200_000,
                        help="time at most this many candidate pairs with networkx; "
                             "extrapolate the rest")
    parser.add_argument("--methods", default=",".join(m for m in METHODS if m != "networkx"),
                        help="community methods to time (networkx's is the baseline)")
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",")]
    methods = [m for m in args.methods.split(",") if m]
    budget = args.baseline_seconds
    previous = {}  # baseline name -> (ties, seconds) at the last size it ran

    def too_slow(name, ties):
        """The estimated seconds when over budget (from the last size, m^1.1), else None."""
        if name not in previous:
            return None
        ties0, seconds0 = previous[name]
        guess = seconds0 * (ties / ties0) ** 1.1
        return guess if guess > budget else None

    table = Table()
    for actors, ties in sizes:
        seconds, net = timed(generated_network, actors, ties, seed=0)
        table.row(actors, ties, "generated_network", seconds,
                  note=f"peak RSS {peak_gib():.2f} GiB after")
        seconds, A = timed(net.actor_graph)
        table.row(actors, ties, "actor_graph()", seconds,
                  note=f"{A.number_of_nodes()} nodes, {A.number_of_edges()} edges")
        del A
        year = net.years()[1]
        city = net.partnerships()[0]["city"]

        seconds, _ = timed(coverage, net)
        table.row(actors, ties, "coverage", seconds, note="no networkx counterpart")
        seconds, _ = timed(under_served, net)
        table.row(actors, ties, "under_served", seconds, note="fragility below")
        seconds, ours = timed(fragility, net, as_of=year)
        guess = too_slow("routes", ties)
        if guess is None:
            gc.collect()
            theirs, base, est = nx_routes(net, year, budget)
            previous["routes"] = (ties, base)
            mine = dict(zip(ours["city"], ours["routes"].astype(int)))
            wrong = [c for c in theirs if theirs[c] != mine[c]]
            note = (f"{len(theirs)} of {len(mine)} partnerships run"
                    + ("" if not est else f", the rest extrapolated")
                    + ("; route counts agree" if not wrong
                       else f"; MISMATCH in {len(wrong)}: {wrong[:3]}"))
            table.row(actors, ties, "  fragility (alone)", seconds, "local_node_connectivity",
                      base, note, est=est)
        else:
            table.row(actors, ties, "  fragility (alone)", seconds, "local_node_connectivity",
                      note=f"baseline skipped: ~{guess:.0f} s estimated > {budget:.0f} s")
        seconds, _ = timed(dormant, net)
        table.row(actors, ties, "dormant (5 years)", seconds, note="no networkx counterpart")

        seconds, _ = timed(recommend, net, THEME, city)
        start = time.perf_counter()
        W, count, sample = candidate_pairs(net, city, args.pairs)
        setup = time.perf_counter() - start
        scoring, _ = timed(nx_scores, W, sample)
        base = setup + scoring * count / max(len(sample), 1)
        est = len(sample) < count
        table.row(actors, ties, f"recommend {THEME} / {city}, k=10", seconds,
                  "adamic_adar + resource_allocation", base,
                  f"one call, from the network; {count} candidate pairs"
                  + (f", {len(sample)} timed" if est else ""), est=est)
        del W, sample
        prepare, ask = timed(Recommender, net)
        table.row(actors, ties, "  Recommender(net) (prepare once)", prepare,
                  note="reads every tie once")
        asked = []
        for theme, partner in itertools.product((THEME, "climate"),
                                                [p["city"] for p in net.partnerships()[:3]]):
            asked.append(timed(ask.recommend, theme, partner)[0])
        table.row(actors, ties, "  then each question (median of 6)", sorted(asked)[3],
                  "adamic_adar + resource_allocation", base,
                  f"2 themes x 3 partner cities; slowest {max(asked):.2f} s", est=est)
        del ask

        guess = too_slow("louvain", ties)
        if guess is None:
            base, q_nx = timed(nx_louvain, net)
            previous["louvain"] = (ties, base)
        for method in methods:
            seconds, found = timed(communities, net, method=method, top=0, seed=0)
            q = found.attrs["modularity"]
            if guess is None:
                table.row(actors, ties, f"communities {method}", seconds, "louvain_communities",
                          base, f"modularity {q:.4f} (networkx {q_nx:.4f})")
            else:
                table.row(actors, ties, f"communities {method}", seconds, "louvain_communities",
                          note=f"modularity {q:.4f}; baseline skipped: ~{guess:.0f} s "
                               f"estimated > {budget:.0f} s")
            del found
        table.row(actors, ties, "(peak memory)", None, note=f"peak RSS {peak_gib():.2f} GiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
