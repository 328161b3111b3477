"""Berlin from the real sources in one command (issue 19): the checks of its closing note.

Runs ``actornet build benchmarks/berlin_build.toml -o DIR`` once (the only
command: no reviewed candidates file yet) and checks on the result: wall time
(goal: 60 s or less on this machine), Berlin's partners each exactly once with
Moscow suspended, the ten exonym pairs each one node, and ``actornet path``
from a Berlin CORDIS organisation to an organisation in Kyiv, Prague and
Warsaw. Prints a markdown table and the load average; asserts nothing.
Skips with a message when ../shared/real is absent.

    .venv/bin/python benchmarks/berlin_build.py [--out /tmp/berlin-build]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECIPE = HERE / "berlin_build.toml"
REAL = HERE.parent.parent / "shared" / "real"
EXONYMS = [("Warsaw", "Warschau", "Warszawa"), ("Prague", "Prag", "Praha"),
           ("Beijing", "Peking"), ("Moscow", "Moskau"), ("Kyiv", "Kiew", "Kiev"),
           ("Brussels", "Brüssel", "Bruxelles"), ("Tashkent", "Taschkent"),
           ("Mexico City", "Mexiko-Stadt"), ("Tokyo", "Präfektur Tokio", "Tokio"),
           ("Berlin", "Ville de Berlin")]
ACTORNET = [sys.executable, "-m", "actornet"]


def _org_in(net, city):
    """The organisation based in ``city`` with the most ties (a CORDIS one)."""
    found = [n for n, d in net.graph.nodes(data=True)
             if d["kind"] in ("institution", "company", "ngo") and net.city_of(n) == city]
    return max(found, key=lambda n: (net.graph.degree(n), n)) if found else None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/berlin-build")
    args = parser.parse_args(argv)
    if not REAL.is_dir():
        print(f"skipped: {REAL} is absent (the real data is not part of the project)")
        return
    print(f"load average before: {os.getloadavg()}")
    command = ACTORNET + ["build", str(RECIPE), "-o", args.out, "--format", "json"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    print(f"load average after: {os.getloadavg()}")
    if done.returncode:
        print("build failed:", done.stderr.strip()[-500:])
        return
    summary = json.loads(done.stdout)
    from actornet.loaders import read_network

    net = read_network(args.out)
    partners = net.partnerships()
    listed = {"warsaw_pl", "prague_cz", "beijing_cn", "moscow_ru", "kyiv_ua", "brussels_be",
              "tashkent_uz", "mexico_city_mx", "tokyo_jp", "paris_fr", "madrid_es",
              "istanbul_tr", "budapest_hu", "jakarta_id", "buenos_aires_ar", "windhoek_na",
              "london_gb", "los_angeles_us"}
    cities = [p["city"] for p in partners if p["city"] in listed]
    moscow = next((p["status"] for p in partners if p["city"] == "moscow_ru"), None)
    one_node = []
    for spellings in EXONYMS:
        ids = set()
        for s in spellings:
            try:
                ids.add(net.resolve(s))
            except Exception:  # several or none: not one node
                ids.add(f"? {s}")
        one_node.append((spellings, ids))
    tu = next((n for n, d in net.graph.nodes(data=True)
               if d.get("name", "").casefold().startswith("technische universitat berlin")
               or d.get("name", "").casefold().startswith("technische universität berlin")),
              None)
    paths = {}
    for city in ("kyiv_ua", "prague_cz", "warsaw_pl"):
        org = _org_in(net, city)
        run = subprocess.run(ACTORNET + ["path", tu, org, args.out, "--format", "json"],
                             capture_output=True, text=True, check=False) if tu and org else None
        paths[city] = (org, run.returncode == 0 if run else False,
                       len(json.loads(run.stdout)[0]["steps"]) if run and run.returncode == 0
                       and run.stdout.strip().startswith("[") else None)
    print("\n| check | result |\n|---|---|")
    print(f"| commands | 1 build, 0 reviewed candidates files |")
    print(f"| wall time of the build | {wall:.1f} s (its own count: {summary['seconds']:.1f} s) |")
    print(f"| network | {summary['actors']} actors, {summary['ties']} ties, home {summary['home']} |")
    print(f"| Berlin's 18 listed partners present, each once | {len(set(cities))} of 18, "
          f"{len(cities)} rows |")
    print(f"| Moscow | {moscow} |")
    print(f"| exonym sets that are one node | {sum(len(i) == 1 for _, i in one_node)} of 10 |")
    for spellings, ids in one_node:
        if len(ids) != 1:
            print(f"|   {' / '.join(spellings)} | {sorted(ids)} |")
    print(f"| path from {tu} | " + "; ".join(
        f"{c}: {'ok' if ok else 'FAILED'} ({org})" for c, (org, ok, _) in paths.items()) + " |")
    print(f"| dedupe bands | {summary.get('bands') or 'no bands yet (before the match model)'} |")
    print(f"| places resolved / not | " + "; ".join(
        f"{s['source'].split(':')[0]} {s['places']['resolved']}/{s['places']['unresolved']}"
        for s in summary["sources"]) + " |")


if __name__ == "__main__":
    main()
