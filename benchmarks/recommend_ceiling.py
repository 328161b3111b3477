"""How far can a simple rule go? The introductions' ceiling on H2020.

``recommend_real.py`` measures actornet against theme activity. This asks
what the network's own past can give at best, with a family of rules a user
could write by hand: theme activity times shared contacts,

    score = ta * (1 + cn) ** b * (1 + tcn) ** c

where ``ta`` is the product of the two organisations' project counts in the
theme by Y, ``cn`` their common neighbours and ``tcn`` their common
neighbours within the theme, for b and c in 0, 0.25, ..., 1 (b = c = 0 is
theme activity). For each split of ``recommend_real.py`` (same queries, same
truth, same tie-breaks), it prints:

- the hits of every (b, c) on the split itself: the best of them is a
  ceiling, since it is chosen by looking at the answers;
- the (b, c) a user would pick from the past alone: most hits on the same
  kind of queries in the windows before Y (features as of Y - 2 and Y - 1,
  outcomes up to Y: the windows the learned recommender fits on), and its
  hits at Y.

Nothing is asserted. Skips with a message when ``../shared/real`` is absent.

    .venv/bin/python benchmarks/recommend_ceiling.py [--real ../shared/real]
        [--work /tmp/actornet-recommend-real] [--homes 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

import recommend_real as real_bench  # noqa: E402
from actornet.queries.link_history import Past  # noqa: E402

GRID = [(b, c) for b in (0, .25, .5, .75, 1) for c in (0, .25, .5, .75, 1)]
LOOK_BACK = (2, 1)


def sides(net, past):
    """Actor rows per city (organisations only, sorted)."""
    by_city = defaultdict(list)
    for actor, city in net.cities().items():
        i = past.index.get(actor)
        if i is not None and past.kinds[i] != "city":
            by_city[city].append(i)
    return {c: np.array(sorted(rows), np.int64) for c, rows in by_city.items()}


def grid_hits(past, side_of, year, until, city_pairs, k):
    """Hits@k of every rule of GRID, summed over the (theme, city pair)
    queries whose new pairs start in ``(year, until]``."""
    hist = past.as_of(year)
    linked, tc = hist.linked, hist.theme_counts
    theme_col = {t: i for i, t in enumerate(past.themes)}
    hits = defaultdict(int)
    queries = 0
    for a, b in city_pairs:
        A, B = side_of.get(a), side_of.get(b)
        if A is None or B is None or A.size == 0 or B.size == 0:
            continue
        truth = past.first_shared(year, until, rows=A, cols=B)
        if truth.empty:
            continue
        LA, LB = linked[A], linked[:, B].tocsc()
        tied = LA[:, B].toarray() > 0
        log_cn = np.log1p((LA @ LB).toarray())
        for theme, rows in truth.groupby("theme"):
            t = theme_col[theme]
            Lt = hist.theme_linked(theme)
            log_tcn = np.log1p((Lt[A] @ Lt[:, B].tocsc()).toarray())
            ta = np.outer(tc[A, t], tc[B, t])
            with np.errstate(divide="ignore"):
                log_ta = np.log(ta)
            relevant = set(zip(rows["source"].tolist(), rows["target"].tolist()))
            queries += 1
            for b_cn, c_tcn in GRID:
                # log(0) = -inf: a pair with no theme activity ranks after
                # every active one, ties broken by names as for theme activity.
                score = log_ta + b_cn * log_cn + c_tcn * log_tcn
                score[tied] = np.nan
                top = real_bench.top_pairs(score, A, B, past.actors, k)
                hits[(b_cn, c_tcn)] += len(set(top) & relevant)
    return queries, hits


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", default=None)
    parser.add_argument("--work", default="/tmp/actornet-recommend-real")
    parser.add_argument("--homes", type=int, default=2)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args(argv)
    real = real_bench.find_real(args.real)
    if real is None:
        print("skipped: ../shared/real/cordis_h2020 is not here (pass --real DIR)")
        return 0
    began = time.perf_counter()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    base = real_bench.imported(real, work)
    plan, _ = real_bench.splits_plan(base, real, args.homes)
    print("| split | theme activity | best (b, c) at Y: hits (x) | picked from the past "
          "(b, c): hits (x) |")
    print("|---|---:|---:|---:|")
    rng = np.random.default_rng(0)
    for home, ps, sg, years in plan:
        net = real_bench.with_partners(base, home, ps, sg)
        past = Past(net)
        side_of = sides(net, past)
        # As the learned recommender: twice as many pairs of partner cities
        # as partners, to learn from.
        among = [(a, b) for a in ps for b in ps if a < b]
        rng.shuffle(among)
        ask = [(home, p) for p in ps]
        for year in years:
            _, test = grid_hits(past, side_of, year, None, ask, args.k)
            learned = defaultdict(int)
            for h in LOOK_BACK:
                _, got = grid_hits(past, side_of, year - h, year,
                                   ask + among[:2 * len(ps)], args.k)
                for rule, n in got.items():
                    learned[rule] += n
            picked = max(GRID, key=lambda g: (learned[g], -g[0] - g[1]))
            best = max(GRID, key=lambda g: (test[g], -g[0] - g[1]))
            base_hits = test[(0, 0)] or 1
            print(f"| {net.name_of(home)}, Y = {year} | {test[(0, 0)]} | {best}: {test[best]} "
                  f"({test[best] / base_hits:.2f}x) | {picked}: {test[picked]} "
                  f"({test[picked] / base_hits:.2f}x) |", flush=True)
    print(f"\nWhole run {time.perf_counter() - began:.0f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
