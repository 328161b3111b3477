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

Nothing is asserted. Usage:

    .venv/bin/python benchmarks/recommend_eval.py [--years 2012,2016,2019] [--k 10]
        [--generated 2000:10000]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx  # noqa: E402

from actornet.sample import sample_path  # noqa: E402
from graph.errors import ActornetError  # noqa: E402
from graph.generate import generated_network  # noqa: E402
from loaders import read_network  # noqa: E402
from queries.recommend import Recommender  # noqa: E402

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
    args = parser.parse_args(argv)
    years = [int(y) for y in args.years.split(",")]
    rows = evaluate(read_network(sample_path()), years, args.k, "Berlin sample")
    if args.generated:
        actors, ties = (int(x) for x in args.generated.split(":"))
        rows += evaluate(generated_network(actors, ties, seed=0), years, args.k,
                         f"generated {actors}/{ties}")
    print(f"| network | Y | queries | method | hits | precision@{args.k} | recall@{args.k} |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, year, queries, name, hits, suggested, relevant in rows:
        precision = hits / suggested if suggested else float("nan")
        recall = hits / relevant if relevant else float("nan")
        print(f"| {label} | {year} | {queries} | {name} | {hits} | {precision:.3f} | {recall:.3f} |")


if __name__ == "__main__":
    main()
