"""The home city's brokers on Horizon 2020 with Berlin's partnerships (issue 20): speed and top 20.

Builds CORDIS H2020 with Berlin's partner list (``../shared/real/cordis_h2020``
and ``../shared/data/berlin_partner_cities.csv``, with ``actornet build`` into
a temporary folder or ``--work``; nothing is copied into the repository),
then, in one process on the loaded network: ``home_brokers`` (the default of
``actornet brokers``) twice (the first compiles), and the whole-network
``brokers`` once, and prints their seconds as a ratio, the mode of each, and
the top 20 of the home city's brokers with their side and why. Where the
whole-network ranking puts the first Berlin actors is printed too. Asserts
nothing; skips with a message when the data is absent.

    .venv/bin/python benchmarks/home_brokers.py [--work out/bench-home-brokers] [--top 20]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

RECIPE = """home = "Berlin"

[[source]]
recipe = "cordis"
files = ["{real}/h2020.csv.gz"]
options = {{ organisations = "{real}/organisations_2017.csv", themes = "{real}/programme_parts.csv.gz" }}

[partnerships]
file = "{partners}"
"""


def build(work: Path) -> Path:
    folder = work / "cordis-berlin"
    if (folder / "actors.csv").exists():
        return folder
    recipe = work / "cordis_berlin.toml"
    recipe.write_text(RECIPE.format(real=SHARED / "real" / "cordis_h2020",
                                    partners=SHARED / "data" / "berlin_partner_cities.csv"),
                      encoding="utf-8")
    subprocess.run([sys.executable, "-m", "actornet", "build", str(recipe), "-o", str(folder)],
                   check=True, stdout=subprocess.DEVNULL)
    return folder


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    if not (SHARED / "real" / "cordis_h2020" / "h2020.csv.gz").exists():
        print("skipped: ../shared/real/cordis_h2020 is not here")
        return
    from actornet.loaders import read_network
    from actornet.queries.brokers import brokers
    from actornet.queries.home_brokers import home_brokers

    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        net = read_network(build(work))
        net.projection()
        start = time.perf_counter()
        home_brokers(net, top=args.top)
        first = time.perf_counter() - start
        start = time.perf_counter()
        table = home_brokers(net, top=args.top)
        home_s = time.perf_counter() - start
        start = time.perf_counter()
        whole = brokers(net, top=None)
        network_s = time.perf_counter() - start
    home = net.home_city
    print(f"\nhome_brokers: {home_s:.1f} s ({table.attrs['mode']}; first call with compiling "
          f"{first:.1f} s); brokers --scope network: {network_s:.1f} s "
          f"({whole.attrs['mode']}, {whole.attrs['sources']} sources); "
          f"ratio {network_s / home_s:.1f}x\n")
    at_home = [i + 1 for i, actor in enumerate(whole["actor"]) if net.city_of(actor) == home]
    print(f"whole network: first Berlin actors at ranks {at_home[:5]}\n")
    print("| # | organisation | city | side | share of routes | why |")
    print("| ---: | --- | --- | --- | ---: | --- |")
    for i, r in enumerate(table.itertuples(), 1):
        print(f"| {i} | {r.name} | {r.city} | {r.side} | {100 * r.share:.1f}% | {r.why} |")


if __name__ == "__main__":
    main()
