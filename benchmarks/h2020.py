"""Every command on the whole of Horizon 2020, and on a 10,000-member group: wall time and peak RSS.

Imports CORDIS H2020 (``../shared/real/cordis_h2020``: participations,
organisations, programme parts) with ``actornet import cordis --home CITY``
(the data has no formal partnerships, so the home city is stated; with the
default home, Berlin's 16 partnerships found in CORDIS's cities are added to
the imported folder so that gaps and recommend have partnerships), then runs
validate, info, brokers, gaps, recommend, communities, viz and report on it,
each as its own process, and prints a table of wall time and peak resident
set (the child's own ``ru_maxrss`` from ``os.wait4``). The same for a
generated network with one 10,000-member group (brokers, communities, viz).
With ``--overlap``, also the top-20 overlap of the sampled broker table with
a large-sample reference on ``generated_network(100000, 1000000, hubs=3)``
(slow: minutes).

Goals (issue 13): each command on H2020 <= 60 s and <= 4 GiB on an idle
2-core machine. Nothing is asserted: the machines are shared and noisy; the
table says what was measured. The data is third-party: it is read where it
lies and never copied into the repository (the network folder goes to a
temporary directory or ``--work``). Skips with a message when it is absent.

    .venv/bin/python benchmarks/h2020.py [--real ../shared/real] [--home berlin_de]
        [--work out/bench-h2020] [--no-cache] [--overlap]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GIB = 2**30
LIMIT_SECONDS, LIMIT_BYTES = 60.0, 4 * GIB


def actornet_command() -> list:
    exe = Path(sys.executable).with_name("actornet")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "actornet.cli"]


def measured(args, *, cwd=None) -> dict:
    """Run one command; its wall time, peak RSS (bytes), exit status and last line."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(args, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        err.seek(0)
        out.seek(0)
        tail = (err.read().decode(errors="replace").strip().splitlines() or
                out.read().decode(errors="replace").strip().splitlines() or [""])[-1]
    # Linux reports ru_maxrss in KiB.
    return {"seconds": wall, "rss": usage.ru_maxrss * 1024, "status": child.returncode,
            "tail": tail[:90]}


def print_table(title, rows):
    print(f"\n{title}\n")
    print("| command | wall s | peak RSS MiB | exit | within 60 s / 4 GiB | note |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for name, r in rows:
        ok = r["seconds"] <= LIMIT_SECONDS and r["rss"] <= LIMIT_BYTES and r["status"] == 0
        note = r["tail"] if r["status"] else ""
        print(f"| `{name}` | {r['seconds']:.1f} | {r['rss'] / 2**20:.0f} | {r['status']} | "
              f"{'yes' if ok else 'no'} | {note} |", flush=True)


def find_real(given):
    candidates = [Path(given)] if given else [ROOT.parent / "shared" / "real",
                                              ROOT.parents[1] / "shared" / "real"]
    for c in candidates:
        if (c / "cordis_h2020" / "h2020.csv.gz").exists():
            return c / "cordis_h2020"
    return None


#: Berlin's formal partner cities (public facts; data/berlin has them with
#: their years) under their CORDIS city ids, where CORDIS has the city.
BERLIN_PARTNERS = ["brussels_be", "budapest_hu", "buenos_aires_ar", "istanbul_tr", "kyiv_ua",
                   "london_gb", "los_angeles_us", "madrid_es", "mexico_mx", "moscow_ru",
                   "paris_fr", "beijing_cn", "prague_cz", "tokyo_jp", "warsaw_pl",
                   "windhoek_na"]


def add_partnerships(folder):
    """H2020 has no formal partnerships: add Berlin's to the imported folder
    (in the benchmark's work folder only) so gaps, recommend and report have
    partnerships to rank and a partner city to ask about."""
    with open(folder / "actors.csv", encoding="utf-8") as f:
        known = {line.split(",", 1)[0] for line in f}
    with open(folder / "ties.csv", "a", encoding="utf-8") as f:
        for city in BERLIN_PARTNERS:
            if city in known:
                f.write(f"berlin_de,{city},PARTNER_OF,,,public fact (Berlin's partnerships)\n")


def h2020(args, work, cli):
    real = find_real(args.real)
    if real is None:
        print("skipped H2020: ../shared/real/cordis_h2020 is not here "
              "(pass --real DIR holding cordis_h2020/)")
        return
    folder = work / "h2020"
    extra = ["--no-cache"] if args.no_cache else []
    rows = [("import cordis", measured(cli + [
        "import", "cordis", str(real / "h2020.csv.gz"),
        "--organisations", str(real / "organisations_2017.csv"),
        "--themes", str(real / "programme_parts.csv.gz"),
        "--home", args.home, "-o", str(folder)]))]
    if args.home == "berlin_de":
        add_partnerships(folder)
    steps = [
        ("validate", ["validate", str(folder)]),
        ("info", ["info", str(folder)]),
        ("brokers", ["brokers", str(folder)]),
        ("gaps", ["gaps", str(folder)]),
        ("recommend", ["recommend", str(folder), "--theme", args.theme, "--city", args.city]),
        ("communities", ["communities", str(folder)]),
        ("viz", ["viz", str(folder), "-o", str(work / "h2020.html")]),
        ("report", ["report", str(folder), "-o", str(work / "h2020-report.html")]),
    ]
    for name, argv in steps:
        rows.append((name, measured(cli + argv[:1] + extra + argv[1:])))
        print(f"  {name}: {rows[-1][1]['seconds']:.1f} s", file=sys.stderr, flush=True)
    print_table(f"Horizon 2020 ({real}), home {args.home}"
                f"{', --no-cache' if args.no_cache else ' (cache on: the first command fills it)'}",
                rows)


def big_group_folder(folder, members=10_000, ties=20_000, seed=7):
    """A network folder: ``members`` NGOs in 30 cities, all in one city
    network, with ``ties`` random cooperations and Berlin's partnerships."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    cities = [f"city{i}" for i in range(30)]
    with open(folder / "actors.csv", "w", encoding="utf-8") as f:
        f.write("id,kind,name,city\n")
        for c in cities:
            f.write(f"{c},city,City {c[4:]},\n")
        f.write("covenant,network,Covenant,\n")
        for i in range(members):
            f.write(f"n{i},ngo,NGO {i},{rng.choice(cities)}\n")
    with open(folder / "ties.csv", "w", encoding="utf-8") as f:
        f.write("source,target,type,weight\n")
        for c in cities[1:8]:
            f.write(f"city0,{c},PARTNER_OF,\n")
        for i in range(members):
            f.write(f"n{i},covenant,MEMBER_OF,\n")
        for _ in range(ties):
            u, v = rng.sample(range(members), 2)
            f.write(f"n{u},n{v},COOPERATES_WITH,{rng.randint(1, 5)}\n")
    (folder / "network.toml").write_text('home = "city0"\n', encoding="utf-8")


def big_group(args, work, cli):
    folder = work / "big-group"
    big_group_folder(folder)
    extra = ["--no-cache"] if args.no_cache else []
    rows = []
    for name, argv in [("brokers", ["brokers", str(folder)]),
                       ("communities", ["communities", str(folder)]),
                       ("viz", ["viz", str(folder), "-o", str(work / "big.html")])]:
        rows.append((name, measured(cli + argv[:1] + extra + argv[1:])))
    print_table("A 10,000-member network (10,030 actors, 20,000 cooperations, one group of "
                "10,000: 50 million pairs if expanded)", rows)


def _load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def _top20(cross, bc, nodes):
    order = sorted(range(len(nodes)), key=lambda i: (-cross[i], -bc[i]))[:20]
    return {nodes[i] for i in order}


def _overlap_rows(label, net, reference_k, seeds):
    """The adaptive broker table for each seed against a reference: exact, or
    a ``reference_k``-source sample (then timed: its seconds per source is
    the baseline for the same machine load)."""
    from actornet.queries.brokers import brokers
    from actornet.queries.groups import actor_groups
    from actornet.queries.path_sums import PathGraph

    start = time.perf_counter()
    P = net.projection()
    projection_s = time.perf_counter() - start
    codes, labels, _ = actor_groups(net, P.nodes, "partner_city")
    paths = PathGraph.from_csr(P.path_csr(), codes=codes, labels=labels, actors=P.n)
    rows = []
    for seed in seeds:
        load = _load()
        start, cpu = time.perf_counter(), time.process_time()
        table = brokers(net, top=20, mode="sampled", seed=seed)
        rows.append([label, f"adaptive, seed {seed}", table.attrs["sources"],
                     time.perf_counter() - start, time.process_time() - cpu,
                     table.attrs["confidence"], table.attrs["stopped"], set(table["actor"]), load])
    load = _load()
    start, cpu = time.perf_counter(), time.process_time()
    exact = reference_k is None or reference_k >= P.n
    ref = paths.run(k=None if exact else reference_k, seed=11)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    reference = _top20(ref.cross(True)[:P.n], ref.betweenness(True)[:P.n], P.nodes)
    rows.append([label, "exact" if exact else "reference sample", ref.k, seconds, cpu, None,
                 "", reference, load])
    for row in rows:
        row[7] = len(row[7] & reference) / 20
    return rows, projection_s


def overlap(args):
    """Sampled (adaptive) broker table vs a large-sample reference (100k/1M)
    and vs exact (smaller heavy-tailed networks), top 20, per seed."""
    from actornet.graph.generate import generated_network
    from actornet.queries.brokers import brokers

    brokers(generated_network(300, 900, seed=1, hubs=3), top=3)  # compiled kernels loaded
    seeds = [int(s) for s in args.overlap_seeds.split(",")]
    rows, notes = [], []
    for actors, ties in [(5_000, 25_000), (10_000, 50_000)]:
        net = generated_network(actors, ties, hubs=3, seed=5)
        got, projection_s = _overlap_rows(f"{actors // 1000}k/{ties // 1000}k", net, None, seeds)
        rows += got
        print(f"# done {actors}/{ties}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    net = generated_network(100_000, 1_000_000, hubs=3, seed=5)
    made = time.perf_counter() - start
    got, projection_s = _overlap_rows("100k/1M", net, args.reference_k, seeds)
    rows += got
    notes.append(f"100k/1M generated in {made:.0f} s; its projection (built once, before "
                 f"the first table, included in no row) took {projection_s:.1f} s")
    print("\nSampled broker table (brokers(net, top=20, mode='sampled', seed=...)) on "
          "generated_network(actors, ties, hubs=3, seed=5), top-20 overlap with the "
          "reference\n")
    print("| network | table | sources | seconds | CPU s | s/source | confidence | stopped | "
          "top-20 overlap | load (1 min) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |")
    for label, what, k, seconds, cpu, confidence, stopped, ov, load in rows:
        conf = f"{confidence:.2f}" if confidence is not None else ""
        print(f"| {label} | {what} | {k} | {seconds:.1f} | {cpu:.1f} | {seconds / k:.3f} | "
              f"{conf} | {stopped} | {ov:.2f} | {load} |")
    for note in notes:
        print(f"\n{note}.")
    sys.stdout.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", help="folder holding cordis_h2020/ (default ../shared/real)")
    parser.add_argument("--home", default="berlin_de", help="the home city (default berlin_de)")
    parser.add_argument("--city", default="paris_fr", help="the city recommend asks about")
    parser.add_argument("--theme", default="ERC", help="the theme recommend asks about")
    parser.add_argument("--work", help="where the network folders and pages go "
                                       "(default: a temporary folder, removed)")
    parser.add_argument("--no-cache", action="store_true", help="pass --no-cache to each command")
    parser.add_argument("--skip-h2020", action="store_true")
    parser.add_argument("--skip-big-group", action="store_true")
    parser.add_argument("--overlap", action="store_true",
                        help="also the sampled-vs-reference overlap at 100k/1M (slow)")
    parser.add_argument("--reference-k", type=int, default=1000,
                        help="sources of the 100k/1M reference (--overlap)")
    parser.add_argument("--overlap-seeds", default="0,1,2",
                        help="sampling seeds of the adaptive tables (--overlap)")
    args = parser.parse_args(argv)
    cli = actornet_command()
    with tempfile.TemporaryDirectory(prefix="actornet-h2020-") as tmp:
        work = Path(args.work) if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if not args.skip_h2020:
            h2020(args, work, cli)
        if not args.skip_big_group:
            big_group(args, work, cli)
    if args.overlap:
        overlap(args)


if __name__ == "__main__":
    main()
