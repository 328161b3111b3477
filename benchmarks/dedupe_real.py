"""`dedupe` on the merged real sources: the bands' sizes, the wall time, and samples to judge.

Builds the merged network from ``../shared/real`` with today's commands
(``actornet import twin-towns``, ``wikidata-p190``, ``keep``, ``cordis``, then
``actornet merge``; H19a's ``build`` will do it in one step), then times
``actornet dedupe`` on it (its own process; wall time and peak RSS) beside a
baseline measured in the same run (``actornet info`` on the same folder, which
reads and validates it), and prints the size of each band.

Until the importers write the ``external_ids`` column (issue 19, H19a), the
benchmark adds it to the imported folders where it is missing, as the
importers will: ``wikidata:<QID>`` for the Wikidata cities and ``pic:<PIC>``
for the CORDIS organisations (``--no-external-ids`` leaves them out).

With ``--samples DIR`` it also writes two files to judge by hand into DIR
(outside the repository: the data is third-party and never committed): a
seeded random sample of ``--auto-sample`` auto-band pairs (all of them when
the band is smaller) and the first 100 review-band pairs by probability, each
with an empty ``right`` column to mark yes/no. ``--judged DIR`` reads those
files back once marked and prints the precision of each (counts only).

Nothing is asserted; the machine is shared. Skips with a message when the data
is absent.

    .venv/bin/python benchmarks/dedupe_real.py [--real ../shared/real] [--work DIR]
        [--samples DIR] [--seed 19] [--auto-sample 120] [--judged DIR]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from h2020 import actornet_command, measured  # noqa: E402

_FILES = ("auto_sample.csv", "review_first100.csv")


def imports(real: Path, work: Path, cli) -> list:
    """The import and merge commands of the merged real network (name, argv)."""
    r = real
    return [
        ("import twin-towns", cli + ["import", "twin-towns",
                                     str(r / "twin_towns" / "twin_cities_excerpt.csv"),
                                     "-o", str(work / "twins"), "--home", "Berlin"]),
        ("import wikidata-p190", cli + ["import", "wikidata-p190",
                                        str(r / "wikidata_p190" / "relations_excerpt.tsv"),
                                        str(r / "wikidata_p190" / "names_excerpt.tsv"),
                                        "-o", str(work / "p190")]),
        ("import keep", cli + ["import", "keep",
                               str(r / "keep_interreg" / "keep_partnership_excerpt.csv"),
                               "-o", str(work / "keep")]),
        ("import cordis", cli + ["import", "cordis", str(r / "cordis_h2020" / "h2020.csv.gz"),
                                 "--organisations",
                                 str(r / "cordis_h2020" / "organisations_2017.csv"),
                                 "--themes", str(r / "cordis_h2020" / "programme_parts.csv.gz"),
                                 "-o", str(work / "cordis")]),
        ("merge", cli + ["merge", *(str(work / n) for n in ("twins", "p190", "keep", "cordis")),
                         "-o", str(work / "merged"), "--home", "berlin_de"]),
    ]


def add_external_ids(work: Path) -> None:
    """``external_ids`` where the importers do not write it yet: Wikidata QIDs
    and CORDIS PICs, the ids those sources give their actors."""
    import pandas as pd

    for folder, scheme, pattern in (("p190", "wikidata", r"Q[1-9][0-9]*"),
                                    ("cordis", "pic", r"[0-9]{9}")):
        path = work / folder / "actors.csv"
        actors = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "external_ids" in actors.columns:
            continue
        ids = actors["id"].where(actors["id"].str.fullmatch(pattern), "")
        actors["external_ids"] = ids.map(lambda i: f"{scheme}:{i}" if i else "")
        actors.to_csv(path, index=False)


def write_samples(candidates: Path, folder: Path, seed: int, size: int) -> None:
    import pandas as pd

    table = pd.read_csv(candidates, dtype=str, keep_default_na=False)
    table["probability"] = table["probability"].astype(float)
    auto = table[table["band"] == "auto"]
    auto = auto.sample(min(size, len(auto)), random_state=seed) if len(auto) else auto
    review = table[table["band"] == "review"].sort_values("probability", ascending=False,
                                                          kind="stable").head(100)
    folder.mkdir(parents=True, exist_ok=True)
    for name, part in zip(_FILES, (auto, review)):
        part.assign(right="").to_csv(folder / name, index=False)
        print(f"wrote {len(part)} pairs to judge: {folder / name}")


def judged(folder: Path) -> None:
    print("\n| sample | pairs | right | wrong | unjudged | precision |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name in _FILES:
        with open(folder / name, encoding="utf-8", newline="") as handle:
            marks = [row["right"].strip().casefold() for row in csv.DictReader(handle)]
        right = sum(m in ("yes", "y", "1") for m in marks)
        wrong = sum(m in ("no", "n", "0") for m in marks)
        share = right / (right + wrong) if right + wrong else float("nan")
        print(f"| {name} | {len(marks)} | {right} | {wrong} | {len(marks) - right - wrong} | "
              f"{share:.3f} |")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", help="folder holding the real sources (default ../shared/real)")
    parser.add_argument("--work", help="where the network folders go (default: a temporary one)")
    parser.add_argument("--samples", help="write the samples to judge into this folder")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--auto-sample", type=int, default=120)
    parser.add_argument("--judged", help="print the precision of samples marked by hand")
    parser.add_argument("--no-external-ids", action="store_true",
                        help="do not add the external ids the importers do not write yet")
    args = parser.parse_args(argv)
    if args.judged:
        judged(Path(args.judged))
        return
    real = Path(args.real) if args.real else ROOT.parent / "shared" / "real"
    if not (real / "twin_towns").is_dir():
        print(f"skipped: the real sources are not at {real} (pass --real DIR)")
        return
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="dedupe-real-"))
    cli = actornet_command()
    for name, command in imports(real, work, cli):
        if name == "merge" and not args.no_external_ids:
            add_external_ids(work)
        result = measured(command)
        print(f"  {name}: {result['seconds']:.1f} s (exit {result['status']})", file=sys.stderr)
        if result["status"]:
            sys.exit(f"{name} failed: {result['tail']}")
    merged, candidates = work / "merged", work / "candidates.csv"
    info = measured(cli + ["info", str(merged), "--no-cache"])
    dedupe = measured(cli + ["dedupe", str(merged), "-o", str(candidates), "--no-cache"])
    print(f"\nload average: {os.getloadavg()[0]:.2f}, {os.getloadavg()[1]:.2f}, "
          f"{os.getloadavg()[2]:.2f}")
    print("\n| command | wall s | peak RSS MiB | / info |")
    print("| --- | ---: | ---: | ---: |")
    for name, r in (("info (read + validate, baseline)", info), ("dedupe", dedupe)):
        print(f"| `{name}` | {r['seconds']:.1f} | {r['rss'] / 2**20:.0f} | "
              f"{r['seconds'] / info['seconds']:.1f} |")
    with open(candidates, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    print("\n| band | pairs | of which cities | organisations of two kinds |")
    print("| --- | ---: | ---: | ---: |")
    for band in ("auto", "review", "unlikely"):
        mine = [r for r in rows if r["band"] == band]
        print(f"| {band} | {len(mine)} | {sum(r['kind'] == 'city' for r in mine)} | "
              f"{sum(' / ' in r['kind'] for r in mine)} |")
    if args.samples:
        write_samples(candidates, Path(args.samples), args.seed, args.auto_sample)


if __name__ == "__main__":
    main()
