"""How good are the recommendations? Hold out the ties that started after a
year Y, recommend from the network as of Y, and count how many held-out ties
the top k suggestions foresaw: precision@k and recall@k, against a baseline
(common neighbours alone) on the same queries, in the same run.

A query is a (theme, partner city) pair that has at least one held-out tie:
a direct tie (COOPERATES_WITH, KNOWS, MEMBER_OF) started after Y between a
home-city actor and an actor of that partner city, not tied as of Y, whose
themes include the theme. The baseline ranks every untied pair of a home
actor and a partner-city actor by their number of common contacts in the
actor graph as of Y (formal partnership ties left out), ties broken by id.

Three networks: the Berlin sample; ``generated_network`` (its ties are drawn
at random, so nothing can foresee them: a control, where every method should
score about 0); and a *grown* network (:func:`grown_network`) whose ties
arrive year by year and, with probability ``--closure``, close a triangle
(a contact of a contact), as cooperation tends to: there the ties after Y are
partly foreseeable from the network as of Y.

Nothing is asserted. Usage:

    .venv/bin/python benchmarks/recommend_eval.py [--years 2012,2016,2019] [--k 10]
        [--generated 2000:10000] [--grown 2000:10000] [--closure 0.5]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx  # noqa: E402

from actornet.sample import sample_path  # noqa: E402
from actornet.graph.errors import ActornetError  # noqa: E402
from actornet.graph.generate import generated_network  # noqa: E402
from actornet.graph.network import ActorNetwork, tie_key  # noqa: E402
from actornet.loaders import read_network  # noqa: E402
from actornet.queries.recommend import Recommender  # noqa: E402

DIRECT = {"COOPERATES_WITH", "KNOWS", "MEMBER_OF"}


def held_out(network, year):
    """(theme, city) -> set of (home actor, partner actor) tied only after ``year``."""
    home = network.home_city
    before = network.as_of(year).actor_graph()
    queries = defaultdict(set)
    for u, v, key, data in network.ties(DIRECT):
        since = data.get("since")
        if since is None or since <= year:
            continue
        cu, cv = network.city_of(u), network.city_of(v)
        if cu == home and cv not in (home, None):
            pair, city = (u, v), cv
        elif cv == home and cu not in (home, None):
            pair, city = (v, u), cu
        else:
            continue
        if before.has_edge(*pair):
            continue
        for theme in data.get("themes") or []:
            queries[theme, city].add(pair)
    return queries


def common_neighbour_ranking(network, year, city, k):
    G = network.as_of(year).actor_graph()
    G = nx.Graph((u, v) for u, v, d in G.edges(data=True) if "PARTNER_OF" not in d.get("types", []))
    home = network.home_city
    home_side = [n for n in network.actors() if network.city_of(n) == home and n in G]
    partner_side = [n for n in network.actors() if network.city_of(n) == city and n in G]
    scored = []
    for a in home_side:
        na = set(G[a])
        for b in partner_side:
            if a == b or G.has_edge(a, b):
                continue
            scored.append((-len(na & set(G[b])), a, b))
    scored.sort()
    return [(a, b) for _, a, b in scored[:k]]


def grown_network(actors, ties, *, closure=0.5, cities=19, seed=0):
    """A network grown tie by tie from 1990 to 2026: each new cooperation
    joins, with probability ``closure``, an actor to a contact of one of its
    contacts (same themes as the tie that led there), else two actors drawn
    at random (60% in the same city). Actors, cities, themes and
    partnerships as in ``generated_network``."""
    rng = random.Random(seed)
    base = generated_network(actors, 0, cities=cities, seed=seed)
    G = nx.MultiDiGraph(base.graph)
    city_of = base.city_of
    by_city = defaultdict(list)
    people = [n for n in base.actors() if G.nodes[n]["kind"] != "city"]
    for n in people:
        by_city[city_of(n)].append(n)
    themes = [t.id for t in base.themes]
    neighbours = defaultdict(list)  # actor -> [(contact, theme)]
    made = 0
    while made < ties:
        year = 1990 + made * 37 // ties
        u = rng.choice(people)
        if neighbours[u] and rng.random() < closure:
            x, _ = rng.choice(neighbours[u])
            if not neighbours[x]:
                continue
            v, theme = rng.choice(neighbours[x])
        else:
            city = city_of(u) if rng.random() < 0.6 else rng.choice(list(by_city))
            v = rng.choice(by_city[city])
            own = G.nodes[u].get("themes") or themes
            theme = rng.choice(own)
        if u == v or G.has_edge(u, v) or G.has_edge(v, u):
            continue
        G.add_edge(u, v, key=tie_key(u, "COOPERATES_WITH", v, since=year),
                   type="COOPERATES_WITH", since=year, weight=rng.randint(1, 5), themes=[theme])
        neighbours[u].append((v, theme))
        neighbours[v].append((u, theme))
        made += 1
    return ActorNetwork(G, base.themes, name=f"grown {actors}/{ties}")


def evaluate(network, years, k, label):
    rows = []
    for year in years:
        queries = held_out(network, year)
        totals = {"actornet": [0, 0, 0], "common neighbours": [0, 0, 0]}  # hits, suggested, relevant
        ask = Recommender(network, as_of=year)  # prepared once per year, asked per query
        for (theme, city), relevant in sorted(queries.items()):
            try:
                table = ask.recommend(theme, city, k=k).introductions
            except ActornetError:
                continue  # e.g. a partnership not signed yet in that year
            ours = list(zip(table["home_actor"], table["partner_actor"]))
            base = common_neighbour_ranking(network, year, city, k)
            for name, suggested in (("actornet", ours), ("common neighbours", base)):
                hits = len(set(suggested) & relevant)
                totals[name][0] += hits
                totals[name][1] += len(suggested)
                totals[name][2] += len(relevant)
        for name, (hits, suggested, relevant) in totals.items():
            rows.append((label, year, len(queries), name, hits, suggested, relevant))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="2012,2016,2019")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--generated", default="2000:10000",
                        help="actors:ties of a generated network to evaluate too ('' for none)")
    parser.add_argument("--grown", default="2000:10000",
                        help="actors:ties of a grown network (triadic closure) ('' for none)")
    parser.add_argument("--closure", type=float, default=0.5,
                        help="share of the grown network's ties that close a triangle")
    args = parser.parse_args(argv)
    years = [int(y) for y in args.years.split(",")]
    rows = evaluate(read_network(sample_path()), years, args.k, "Berlin sample")
    if args.generated:
        actors, ties = (int(x) for x in args.generated.split(":"))
        rows += evaluate(generated_network(actors, ties, seed=0), years, args.k,
                         f"generated {actors}/{ties}")
    if args.grown:
        actors, ties = (int(x) for x in args.grown.split(":"))
        rows += evaluate(grown_network(actors, ties, closure=args.closure, seed=0), years,
                         args.k, f"grown {actors}/{ties}, closure {args.closure:g}")
    print(f"| network | Y | queries | method | hits | precision@{args.k} | recall@{args.k} |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, year, queries, name, hits, suggested, relevant in rows:
        precision = hits / suggested if suggested else float("nan")
        recall = hits / relevant if relevant else float("nan")
        print(f"| {label} | {year} | {queries} | {name} | {hits} | {precision:.3f} | {recall:.3f} |")


if __name__ == "__main__":
    main()
