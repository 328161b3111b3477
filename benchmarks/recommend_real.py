""""Who to connect" judged on what really happened: CORDIS Horizon 2020.

The network is CORDIS H2020 (``../shared/real/cordis_h2020``: participations,
organisations for names and cities, programme parts for themes), imported
with ``actornet import cordis`` into a work folder, with a home city's
formal partnerships added in memory as PARTNER_OF ties:

- Berlin with its own partner cities (``../shared/data/berlin_partner_cities.csv``,
  those CORDIS has organisations in), Y = 2016, 2017, 2018;
- other home cities (``--homes``, default 2: the cities with the most
  organisations that have a city in ``organisations_2017.csv``, Berlin left
  out: London and Brussels), each partnered with the 18 largest other
  cities, Y = 2017.

A *query* is a (theme, partner city) pair. Its *truth* is every pair (home
organisation, organisation of that city) that had shared no project by Y
and first shared one starting after Y, in a project of that theme (the
projects of the first year they shared one). Queries without truth are
left out. Rankers (each gives its top k pairs not tied by Y):

- ``actornet``: ``Recommender(net, as_of=Y).recommend(theme, city).introductions``;
- ``actornet (fixed)``: the same with the fixed weights (``learn=False``),
  with ``--fixed``;
- common neighbours (CN), Adamic-Adar (AA), preferential attachment (PA):
  on everything that had started by Y (``queries.link_history``);
- theme activity: the product of the two organisations' project counts in
  the theme by Y.

Ties in a score are broken by ids. ``bring_in`` and ``counterparts``: the
truth is the home (partner-city) organisations that take part in a project
of that theme starting after Y together with an organisation of the other
city; baselines: theme activity (the organisation's project count in the
theme by Y) and activity (all its projects by Y).

Reported: hits@k summed over queries, precision@k (hits over suggestions),
recall@k (hits over truth, summed), queries with a hit; and the seconds a
prepared recommender takes per question. Nothing is asserted. The data is
third-party: it is read where it lies, the imported folder goes to
``--work``; skips with a message when the data is absent.

    .venv/bin/python benchmarks/recommend_real.py [--real ../shared/real]
        [--work /tmp/actornet-recommend-real] [--homes 2] [--k 10] [--quick] [--fixed]
        [--splits berlin_de:2016,london_uk]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402

from actornet.console import progress_bar  # noqa: E402
from actornet.graph.errors import ActornetError  # noqa: E402
from actornet.graph.network import ActorNetwork  # noqa: E402
from actornet.loaders import read_network  # noqa: E402
from actornet.queries.link_history import Past  # noqa: E402
from actornet.queries.recommend import Recommender  # noqa: E402

BERLIN_YEARS = (2016, 2017, 2018)
OTHER_YEAR = 2017
PARTNERS = 18


def find_real(given):
    for c in ([Path(given)] if given else [ROOT.parent / "shared" / "real"]):
        if (c / "cordis_h2020" / "h2020.csv.gz").exists():
            return c
    return None


def imported(real, work):
    """The H2020 network folder in ``work`` (imported once, then reused)."""
    folder = work / "h2020"
    if not (folder / "network.toml").exists():
        src = real / "cordis_h2020"
        exe = Path(sys.executable).with_name("actornet")
        if folder.exists():
            shutil.rmtree(folder)
        subprocess.run([str(exe), "import", "cordis", str(src / "h2020.csv.gz"),
                        "--organisations", str(src / "organisations_2017.csv"),
                        "--themes", str(src / "programme_parts.csv.gz"),
                        "-o", str(folder)], check=True, capture_output=True)
    return read_network(folder)


def with_partners(base, home, partners, signed=None):
    """``base`` with ``home`` stated and PARTNER_OF ties to ``partners``."""
    G = nx.MultiDiGraph(base.graph)
    for city in partners:
        since = (signed or {}).get(city)
        G.add_edge(home, city, key=f"partnership {home} {city}", type="PARTNER_OF",
                   since=since, evidence="benchmark")
    return ActorNetwork._adopt(G, base.themes, name=f"H2020, home {home}", home=home)


def berlin_partners(base, real):
    path = real.parent / "data" / "berlin_partner_cities.csv"
    seated = defaultdict(int)
    for city in base.cities().values():
        seated[city] += 1
    cities = set(seated)
    found, signed = [], {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            try:
                city = base.resolve(row["city"])
            except ActornetError:
                # An ambiguous name (London: also in Canada): the city of that
                # name with the most organisations.
                named = [c for c in cities if base.name_of(c) == row["city"]]
                if not named:
                    continue
                city = max(named, key=lambda c: (seated[c], c))
            if city in cities:
                found.append(city)
                signed[city] = int(row["signed"][:4])
    return found, signed


def splits_plan(base, real, homes):
    """The splits, ``[(home, partners, signed, years), ...]`` (Berlin first),
    and the other home cities: the ``homes`` largest by organisation count,
    each with the 18 largest other cities."""
    partners, signed = berlin_partners(base, real)
    counts = defaultdict(int)
    for actor, city in base.cities().items():
        if base.graph.nodes[actor]["kind"] != "city":
            counts[city] += 1
    largest = sorted(counts, key=lambda c: (-counts[c], c))
    others = [c for c in largest if c != "berlin_de"][:homes]
    plan = [("berlin_de", partners, signed, BERLIN_YEARS)]
    plan += [(h, [c for c in largest if c != h][:PARTNERS], None, (OTHER_YEAR,))
             for h in others]
    return plan, others


def top_pairs(score, H, P, names, k):
    """The k best (h, p) cells of ``score`` (NaN: not a candidate), ties by ids."""
    flat = score.ravel()
    ok = np.flatnonzero(~np.isnan(flat))
    if ok.size == 0:
        return []
    cut = np.sort(flat[ok])[::-1][min(k, ok.size) - 1]
    keep = ok[flat[ok] >= cut]
    rows, cols = np.divmod(keep, score.shape[1])
    order = sorted(range(keep.size), key=lambda x: (-flat[keep[x]], names[H[rows[x]]],
                                                    names[P[cols[x]]]))[:k]
    return [(int(H[rows[x]]), int(P[cols[x]])) for x in order]


def top_actors(score, A, names, k):
    ok = [x for x in range(len(A)) if not np.isnan(score[x])]
    ok.sort(key=lambda x: (-score[x], names[A[x]]))
    return [int(A[x]) for x in ok[:k]]


class Tally:
    def __init__(self):
        self.hits = defaultdict(int)
        self.suggested = defaultdict(int)
        self.truth = defaultdict(int)
        self.with_hit = defaultdict(int)
        self.queries = 0

    def add(self, ranker, suggested, truth):
        hits = len(set(suggested) & truth)
        self.hits[ranker] += hits
        self.suggested[ranker] += len(suggested)
        self.truth[ranker] += len(truth)
        self.with_hit[ranker] += hits > 0


def evaluate(net, past, year, partners, k, bar, timings, fixed):
    """Tallies for introductions, bring_in and counterparts at ``year``."""
    seats = net.cities()
    home = net.home_city
    idx = past.index
    names = past.actors
    by_city = defaultdict(list)
    for actor, city in seats.items():
        if actor in idx and past.kinds[idx[actor]] != "city":
            by_city[city].append(idx[actor])
    H = np.array(sorted(by_city[home]), np.int64)
    hist = past.as_of(year)
    L = hist.linked
    deg = hist.degree.astype(float)
    inv_log = np.where(deg > 1, 1 / np.log(np.maximum(deg, 2)), 0.0)
    tc = hist.theme_counts
    theme_col = {t: i for i, t in enumerate(past.themes)}
    start = time.perf_counter()
    ask = Recommender(net, as_of=year)
    ask.fit()  # learning from the past is part of preparing
    plain = Recommender(net, as_of=year, learn=False) if fixed else None
    timings.append(("prepare", time.perf_counter() - start))
    pairs, bring, counter = Tally(), Tally(), Tally()
    window = past._window(year, None)
    for city in partners:
        P = np.array(sorted(by_city[city]), np.int64)
        if P.size == 0:
            continue
        truth = past.first_shared(year, rows=H, cols=P)
        LH, LP = L[H], L[:, P].tocsc()
        tied = (LH[:, P]).toarray() > 0
        cn = (LH @ LP).toarray()
        aa = (LH @ sparse.diags(inv_log) @ LP).toarray()
        pa = np.outer(deg[H], deg[P])
        for theme, rows in truth.groupby("theme"):
            relevant = set(zip(rows["source"].tolist(), rows["target"].tolist()))
            t = theme_col[theme]
            ta = np.outer(tc[H, t], tc[P, t])
            pairs.queries += 1
            for name, score in (("CN", cn), ("AA", aa), ("PA", pa), ("theme activity", ta)):
                s = score.astype(float).copy()
                s[tied] = np.nan
                pairs.add(name, top_pairs(s, H, P, names, k), relevant)
            sides = _side_truth(past, window, theme, H, P)
            for label, rec in (("actornet", ask), ("actornet (fixed)", plain)):
                if rec is None:
                    continue
                start = time.perf_counter()
                try:
                    answer = rec.recommend(theme, city, k=k)
                except ActornetError:
                    answer = None
                if label == "actornet":
                    timings.append(("question", time.perf_counter() - start))
                table = answer.introductions if answer is not None else None
                ours = ([] if table is None else
                        [(idx[a], idx[b]) for a, b in zip(table["home_actor"],
                                                          table["partner_actor"])])
                pairs.add(label, ours, relevant)
                for tally, side in ((bring, "bring_in"), (counter, "counterparts")):
                    listed = [] if answer is None else [idx[a] for a in
                                                         getattr(answer, side)["actor"]]
                    tally.add(label, listed, sides[side])
            # The side lists' baselines.
            for tally, A, side in ((bring, H, "bring_in"), (counter, P, "counterparts")):
                tally.queries += 1
                for name, score in (("theme activity", tc[A, t]),
                                    ("activity", hist.projects[A])):
                    tally.add(name, top_actors(score.astype(float), A, names, k), sides[side])
        if bar is not None:
            bar.advance()
    return pairs, bring, counter


def _side_truth(past, window, theme, H, P):
    """Home and partner organisations that share a project of ``theme``
    starting in ``window`` with one of the other side."""
    t = past.themes.index(theme)
    in_theme = past._group_themes[:, t].toarray().ravel().astype(np.float32)
    B = past._incidence(window) @ sparse.diags(in_theme)
    S = (B[H] @ B[P].T).tocoo()
    return {"bring_in": set(H[np.unique(S.row)].tolist()),
            "counterparts": set(P[np.unique(S.col)].tolist())}


class Bar:
    """``advance()`` on an actornet progress callback (or nothing when piped)."""

    def __init__(self, callback, total):
        self.callback, self.total, self.done = callback, total, 0

    def advance(self):
        self.done += 1
        if self.callback is not None:
            self.callback(self.done, self.total)


def table(title, splits, rankers, k, what):
    print(f"\n{title}\n")
    head = "| split | queries | truth |" + "".join(f" {r} |" for r in rankers)
    print(head)
    print("|---|---:|---:|" + "---:|" * len(rankers))
    for label, tally in splits:
        truth = tally.truth.get(rankers[-1], 0)
        best = max((tally.hits[r] for r in rankers if not r.startswith("actornet")),
                   default=0)
        cells = []
        for r in rankers:
            h = tally.hits[r]
            mark = f"**{h}**" if h == max(tally.hits[x] for x in rankers) else str(h)
            if r == "actornet" and best:
                mark += f" ({h / best:.2f}x)"
            cells.append(mark)
        print(f"| {label} | {tally.queries} | {truth} | " + " | ".join(cells) + " |")
    print(f"\n{what}: precision@{k} / recall@{k} / queries with a hit\n")
    print("| split |" + "".join(f" {r} |" for r in rankers))
    print("|---|" + "---|" * len(rankers))
    for label, tally in splits:
        cells = []
        for r in rankers:
            p = tally.hits[r] / tally.suggested[r] if tally.suggested[r] else 0.0
            rc = tally.hits[r] / tally.truth[r] if tally.truth[r] else 0.0
            cells.append(f"{p:.3f} / {rc:.3f} / {tally.with_hit[r]}")
        print(f"| {label} | " + " | ".join(cells) + " |")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", default=None)
    parser.add_argument("--work", default="/tmp/actornet-recommend-real")
    parser.add_argument("--homes", type=int, default=2,
                        help="other home cities (the largest by organisation count)")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="Berlin 2017 only")
    parser.add_argument("--splits", default=None,
                        help="only these splits, e.g. berlin_de:2016,berlin_de:2018 "
                             "(a home city id, or HOME alone for all its years)")
    parser.add_argument("--fixed", action="store_true",
                        help="also rank with the fixed weights (learn=False): slower")
    args = parser.parse_args(argv)
    real = find_real(args.real)
    if real is None:
        print("skipped: ../shared/real/cordis_h2020 is not here (pass --real DIR)")
        return 0
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    base = imported(real, work)
    load_seconds = time.perf_counter() - began
    learn = args.fixed
    plan, others = splits_plan(base, real, args.homes)
    partners, signed = plan[0][1], plan[0][2]
    if args.quick:
        plan = [("berlin_de", partners, signed, (2017,))]
    if args.splits:
        wanted = [w.split(":") for w in args.splits.split(",")]
        plan = [(h, ps, sg, tuple(y for y in years if any(
                    w[0] == h and (len(w) == 1 or w[1] == str(y)) for w in wanted)))
                for h, ps, sg, years in plan]
        plan = [p for p in plan if p[3]]
        if not plan:
            parser.error(f"--splits {args.splits}: no such split")
    splits = {"introductions": [], "bring_in": [], "counterparts": []}
    timings = []
    total = sum(len(years) * len(ps) for _, ps, _, years in plan)
    with progress_bar("recommend on H2020") as callback:
        bar = Bar(callback, total)
        for home, ps, sg, years in plan:
            net = with_partners(base, home, ps, sg)
            past = Past(net)
            for year in years:
                label = (f"{net.name_of(home)}, {len(ps)} partners, Y = {year}")
                got = evaluate(net, past, year, ps, args.k, bar, timings, learn)
                for what, tally in zip(splits, got):
                    splits[what].append((label, tally))
    rankers = (["actornet"] + (["actornet (fixed)"] if learn else [])
               + ["CN", "AA", "PA", "theme activity"])
    side = (["actornet"] + (["actornet (fixed)"] if learn else [])
            + ["activity", "theme activity"])
    table(f"Introductions: hits@{args.k} summed over queries (x: over the best baseline)",
          splits["introductions"], rankers, args.k, "introductions")
    table(f"bring_in: hits@{args.k}", splits["bring_in"], side, args.k, "bring_in")
    table(f"counterparts: hits@{args.k}", splits["counterparts"], side, args.k,
          "counterparts")
    prep = [s for w, s in timings if w == "prepare"]
    asks = sorted(s for w, s in timings if w == "question")
    print(f"\nRead H2020: {load_seconds:.1f} s. Recommender prepared: median "
          f"{np.median(prep):.1f} s over {len(prep)}; a question: median "
          f"{np.median(asks):.2f} s, max {max(asks):.2f} s over {len(asks)}. "
          f"Whole run {time.perf_counter() - began:.0f} s. Other home cities: "
          f"{', '.join(base.name_of(h) for h in others)} (the largest by organisation "
          "count with a city in organisations_2017.csv), each with the 18 largest other cities.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
