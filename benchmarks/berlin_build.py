"""Berlin from the real sources in one command (issue 19): the checks of its closing note.

Runs ``actornet build benchmarks/berlin_build.toml -o DIR`` once (the only
command: no reviewed candidates file yet) and checks on the result: wall time
(goal: 60 s or less on this machine), Berlin's partners each exactly once with
Moscow suspended, the ten exonym pairs each one node, and ``actornet path``
from a Berlin CORDIS organisation to an organisation in Kyiv, Prague and
Warsaw. Prints a markdown table and the load average; asserts nothing.
Skips with a message when ../shared/real is absent.

    .venv/bin/python benchmarks/berlin_build.py [--out /tmp/berlin-build] [--reviewed FILE]
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


def _nodes_named(net, spellings):
    """The city nodes any of ``spellings`` names (name or alias) in the country of
    the city the gazetteer takes the first spelling for (Berlin in Germany, not
    Berlin, New Hampshire): one node when the spellings met."""
    from actornet.graph.gazetteer import find_place
    from actornet.graph.names import country_code
    from actornet.graph.schema import fold_text

    country = find_place(spellings[0]).country
    keys = {fold_text(s) for s in spellings}
    return {n for n, d in net.graph.nodes(data=True) if d["kind"] == "city"
            and country_code(d.get("country")) in (country, None)
            and keys & {fold_text(x) for x in (d.get("name", ""), *d.get("aliases", ()))}}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/berlin-build")
    parser.add_argument("--reviewed", default=None,
                        help="a reviewed candidates file (id_a,id_b,accept) to build with")
    args = parser.parse_args(argv)
    if not REAL.is_dir():
        print(f"skipped: {REAL} is absent (the real data is not part of the project)")
        return
    recipe = RECIPE
    if args.reviewed:  # the same recipe, with [dedupe] reviewed = the file
        recipe = Path(args.out + ".toml")
        text = RECIPE.read_text(encoding="utf-8").replace('"../../shared', f'"{HERE}/../../shared')
        recipe.write_text(text.replace('accept = "auto"', 'accept = "auto"\nreviewed = "'
                                       + str(Path(args.reviewed).resolve()) + '"'),
                          encoding="utf-8")
    print(f"load average before: {os.getloadavg()}")
    command = ACTORNET + ["build", str(recipe), "-o", args.out, "--format", "json"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    print(f"load average after: {os.getloadavg()}")
    if done.returncode:
        print("build failed:", done.stderr.strip()[-500:])
        return
    summary = json.loads(done.stdout)
    from actornet.graph.names import name_key
    from actornet.loaders import read_network

    net = read_network(args.out)
    partners = net.partnerships()
    listed = {"warsaw_pl", "prague_cz", "beijing_cn", "moscow_ru", "kyiv_ua", "brussels_be",
              "tashkent_uz", "mexico_city_mx", "tokyo_jp", "paris_fr", "madrid_es",
              "istanbul_tr", "budapest_hu", "jakarta_id", "buenos_aires_ar", "windhoek_na",
              "london_gb", "los_angeles_us"}
    cities = [p["city"] for p in partners if p["city"] in listed]
    moscow = next((p["status"] for p in partners if p["city"] == "moscow_ru"), None)
    one_node = [(spellings, _nodes_named(net, spellings)) for spellings in EXONYMS]
    tu = next((n for n, d in net.graph.nodes(data=True) if d["kind"] == "institution"
               and any(e.startswith("pic:") for e in d.get("external_ids") or ())
               and name_key(d.get("name", "")) in (
                   "technische universitaet berlin", "technische universitat berlin",
                   "technical university of berlin")), None)
    paths = {}
    for city in ("kyiv_ua", "prague_cz", "warsaw_pl"):
        org = _org_in(net, city)
        path_command = ACTORNET + ["path", tu, org, args.out, "--format", "json"]
        run = subprocess.run(path_command, capture_output=True, text=True,
                             check=False) if tu and org else None
        paths[city] = (org, run.returncode == 0 if run else False, None)
    print("\n| check | result |\n|---|---|")
    print(f"| commands | 1 build, {1 if args.reviewed else 0} reviewed candidates file |")
    print(f"| wall time of the build | {wall:.1f} s (its own count: {summary['seconds']:.1f} s) |")
    print(f"| network | {summary['actors']} actors, {summary['ties']} ties, home {summary['home']} |")
    print(f"| Berlin's 18 listed partners present, each once | {len(set(cities))} of 18, "
          f"{len(cities)} rows |")
    print(f"| Moscow | {moscow} |")
    print(f"| exonym sets that are one node | {sum(len(i) == 1 for _, i in one_node)} of 10 |")
    for spellings, ids in one_node:
        if len(ids) != 1:
            print(f"|   {' / '.join(spellings)} | {', '.join(sorted(ids))} |")
    print(f"| actornet path {tu} ORG DIR | " + "; ".join(
        f"{c}: {'ok' if ok else 'FAILED'} ({org})" for c, (org, ok, _) in paths.items()) + " |")
    print(f"| dedupe bands | {summary.get('bands') or 'no bands yet (before the match model)'} |")
    print(f"| places resolved / not | " + "; ".join(
        f"{s['source'].split(':')[0]} {s['places']['resolved']}/{s['places']['unresolved']}"
        for s in summary["sources"]) + " |")


if __name__ == "__main__":
    main()
