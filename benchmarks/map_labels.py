"""How readable is the partnership map's first view at real sizes? For the
Berlin sample and for networks whose home city has 5, 26, 47 and 80 partner
cities (tests/mapnets.py), writes the page, opens it in headless Chromium
(/usr/bin/chromium) at 1400x900 and measures every city's label as drawn
(tests/maplabels.py): the smallest partner label's height on screen, the
pairs of labels that overlap, the labels something covers
(``document.elementFromPoint`` at both ends), the labels not wholly inside
the map, and the spokes that cross a partner label or the home city's label.
With ``--placements`` it compares the map's placements
(:data:`actornet.viz.map_layout.PLACEMENTS`). Nothing is asserted.

    .venv/bin/python benchmarks/map_labels.py [--placements all] [--shots /work/shots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from actornet.network_page import network_page  # noqa: E402
from maplabels import measure  # noqa: E402
from mapnets import partners_network  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
COUNTS = (5, 18, 26, 47, 80)


def networks(counts):
    from actornet.loaders import read_network
    from actornet.sample import sample_path

    for n in counts:
        if n == 18:
            yield "Berlin sample (18)", read_network(sample_path())
        else:
            yield f"{n} partner cities", partners_network(n)


def write(net, path, placement):
    if placement is None:
        return network_page(net, path)
    return network_page(net, path, map_placement=placement)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default=",".join(map(str, COUNTS)))
    parser.add_argument("--placements", default=None,
                        help="'all' or a comma-separated list (default: the page's own)")
    parser.add_argument("--shots", type=Path, default=None, help="save a screenshot of each map here")
    parser.add_argument("--size", default="1400x900")
    args = parser.parse_args(argv)
    width, height = (int(x) for x in args.size.split("x"))
    placements = [None]
    if args.placements:
        from actornet.viz.map_layout import PLACEMENTS

        placements = list(PLACEMENTS) if args.placements == "all" else args.placements.split(",")
    counts = [int(c) for c in args.counts.split(",")]
    print(f"| network | placement | min label px | overlapping pairs | covered | outside | "
          f"spokes across partner labels | spokes across home label |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for name, net in networks(counts):
            for placement in placements:
                path = write(net, Path(tmp) / "map.html", placement)
                page.goto(path.resolve().as_uri())
                page.wait_for_function("window.actornetReady === true", timeout=60_000)
                m = measure(page)
                if args.shots:
                    args.shots.mkdir(parents=True, exist_ok=True)
                    n = len(net.partnerships())
                    page.screenshot(path=str(args.shots / f"map-{n}-{placement or 'page'}.png"))
                print(f"| {name} | {placement or 'page'} | {m['min_px']:.1f} | {len(m['overlaps'])} | "
                      f"{len(m['covered'])} | {len(m['outside'])} | {m['crossings']} | "
                      f"{m['home_crossed']} |")
        browser.close()


if __name__ == "__main__":
    main()
