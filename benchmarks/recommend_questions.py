"""Every question to a prepared recommender on H2020, timed (issue 20).

The network is CORDIS H2020 with Berlin's partnerships, loaded exactly as
``recommend_real.py`` loads it (``../shared/real/cordis_h2020`` imported once
into ``--work``, Berlin's partner cities added in memory). For each year Y
(default 2016, 2017, 2018) a ``Recommender(net, as_of=Y)`` is prepared and
fitted (not timed here), then asked ``recommend(theme, city, k=10)`` for
every theme and every partner city. Each question is timed in CPU seconds
(``time.process_time``: the machine is shared) and wall seconds; printed per
year and overall: median, 95th percentile and max (and the max less the CPU
seconds of the garbage collector's full collections, a pause over the whole
heap that lands in whichever question sets it off), and the 10 slowest
questions. ``--save DIR`` writes every answer (all three tables and the
notes, one CSV per table) to compare two versions of the code:
``--compare DIR`` checks the answers against such a folder and says which
questions differ. Nothing is asserted; skips with a message when the data is
absent.

    nice .venv/bin/python benchmarks/recommend_questions.py [--real ../shared/real]
        [--work /tmp/actornet-recommend-real] [--years 2016,2017,2018] [--k 10]
        [--save DIR | --compare DIR]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from recommend_real import (  # noqa: E402
    BERLIN_YEARS, berlin_partners, find_real, imported, with_partners,
)

from actornet.graph.errors import ActornetError  # noqa: E402
from actornet.queries.recommend import Recommender  # noqa: E402

TABLES = ("bring_in", "counterparts", "introductions")


def answer_frames(year, theme, city, answer, error):
    """The answer's tables with the question in front, and its notes."""
    # Named apart from the tables' own columns (``theme`` is a part there).
    head = {"question_year": year, "question_theme": theme, "question_city": city}
    frames = {}
    for name in TABLES:
        table = getattr(answer, name) if answer is not None else pd.DataFrame()
        frame = table.astype(str) if not table.empty else pd.DataFrame({"empty": ["yes"]})
        frames[name] = frame.assign(**head)[[*head, *frame.columns]]
    notes = " | ".join(answer.notes) if answer is not None else f"Error: {error}"
    frames["notes"] = pd.DataFrame([{**head, "notes": notes}])
    return frames


class FullCollections:
    """CPU seconds spent in the cyclic garbage collector's full collections
    (generation 2): a pause over the whole heap (the network's millions of
    objects) that lands in whichever question happens to set it off."""

    def __init__(self):
        self.seconds = 0.0
        self._began = None
        gc.callbacks.append(self)

    def __call__(self, phase, info):
        if info["generation"] != 2:
            return
        if phase == "start":
            self._began = time.process_time()
        elif self._began is not None:
            self.seconds += time.process_time() - self._began
            self._began = None


COLLECTIONS = FullCollections()


def ask_all(net, year, partners, k, answers):
    """Prepare for ``year`` and ask every (theme, partner city); returns the
    timings as (cpu, wall, year, theme, city) and the preparing seconds."""
    began = time.process_time()
    ask = Recommender(net, as_of=year)
    ask.fit()
    prepared = time.process_time() - began
    timings = []
    for city in partners:
        for theme in (t.id for t in net.themes):
            cpu, wall = time.process_time(), time.perf_counter()
            collected = COLLECTIONS.seconds
            answer, error = None, None
            try:
                answer = ask.recommend(theme, city, k=k)
            except ActornetError as exc:
                error = str(exc)
            timings.append((time.process_time() - cpu, time.perf_counter() - wall,
                            year, theme, city, COLLECTIONS.seconds - collected))
            if answers is not None:
                for name, frame in answer_frames(year, theme, city, answer, error).items():
                    answers.setdefault(name, []).append(frame)
    return timings, prepared


def summary(label, timings):
    cpu = np.array([t[0] for t in timings])
    wall = np.array([t[1] for t in timings])
    bare = cpu - np.array([t[5] for t in timings])
    return (f"{label}: {len(timings)} questions; CPU s median {np.median(cpu):.3f}, "
            f"p95 {np.percentile(cpu, 95):.3f}, max {cpu.max():.3f} (max "
            f"{bare.max():.3f} less full garbage collections); wall s median "
            f"{np.median(wall):.3f}, p95 {np.percentile(wall, 95):.3f}, max {wall.max():.3f}")


def written(answers):
    return {name: pd.concat(frames, ignore_index=True).astype(str)
            for name, frames in answers.items()}


def compare(answers, folder):
    """The questions whose answers differ from those saved in ``folder``."""
    differ = set()
    for name, now in written(answers).items():
        before = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        # Only the years asked now (a folder may hold more).
        asked = set(now["question_year"])
        before = before[before["question_year"].isin(asked)].reset_index(drop=True)
        now = now.reset_index(drop=True)
        if list(before.columns) != list(now.columns) or len(before) != len(now):
            differ.add(f"{name}: shape {before.shape} against {now.shape}")
            continue
        same = (before.values == now.values).all(axis=1)
        for _, row in now[~same].iterrows():
            differ.add(f"{name}: {row['question_year']} {row['question_theme']} "
                       f"{row['question_city']}")
    return sorted(differ)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", default=None)
    parser.add_argument("--work", default="/tmp/actornet-recommend-real")
    parser.add_argument("--years", default=",".join(str(y) for y in BERLIN_YEARS))
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--save", default=None, help="write every answer to this folder")
    parser.add_argument("--compare", default=None,
                        help="compare every answer with those saved in this folder")
    args = parser.parse_args(argv)
    real = find_real(args.real)
    if real is None:
        print("skipped: ../shared/real/cordis_h2020 is not here (pass --real DIR)")
        return 0
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    base = imported(real, work)
    partners, signed = berlin_partners(base, real)
    net = with_partners(base, "berlin_de", partners, signed)
    keep = args.save is not None or args.compare is not None
    answers = {} if keep else None
    timings = []
    for year in (int(y) for y in args.years.split(",")):
        got, prepared = ask_all(net, year, partners, args.k, answers)
        timings += got
        print(summary(f"Y = {year} (prepared and fitted in {prepared:.1f} CPU s)", got),
              flush=True)
    print(summary("all", timings))
    print("\nThe 10 slowest questions (CPU s, wall s, CPU s in full garbage collections):")
    for cpu, wall, year, theme, city, collected in sorted(timings, key=lambda t: -t[0])[:10]:
        print(f"  {cpu:.3f}  {wall:.3f}  {collected:.3f}  Y = {year}  {theme}  "
              f"{net.name_of(city)}")
    if args.save is not None:
        folder = Path(args.save)
        folder.mkdir(parents=True, exist_ok=True)
        for name, frame in written(answers).items():
            frame.to_csv(folder / f"{name}.csv", index=False)
        print(f"\nSaved every answer in {folder}")
    if args.compare is not None:
        differ = compare(answers, Path(args.compare))
        print(f"\nAnswers against {args.compare}: "
              + ("the same" if not differ else f"{len(differ)} differ"))
        for line in differ[:20]:
            print("  " + line)
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
