"""How big a whole network can the page draw and stay usable? Writes pages
with every actor drawn (``max_nodes`` = all) for generated networks and
measures, in headless Chromium (/usr/bin/chromium): writing the page, opening
it until vis-network has drawn, and one filter change. Nothing is asserted.

    .venv/bin/python benchmarks/page.py [--sizes 1000:5000,2500:12500,5000:25000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from actornet.graph.generate import generated_network  # noqa: E402
from actornet.network_page import network_page  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000:5000,2500:12500,5000:25000")
    args = parser.parse_args(argv)
    print("| actors / ties | drawn actors / ties | write s | MB | open + draw s | filter s |")
    print("| --- | --- | --- | --- | --- | --- |")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for pair in args.sizes.split(","):
            actors, ties = (int(x) for x in pair.split(":"))
            net = generated_network(actors, ties, seed=0)
            started = time.perf_counter()
            path = network_page(net, Path(tmp) / f"{actors}.html", max_nodes=len(net))
            written = time.perf_counter()
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(path.as_uri(), timeout=600_000)
            page.wait_for_function("window.network && window.network.body", timeout=600_000)
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            drawn = time.perf_counter()
            shown = page.evaluate("[window.network.body.data.nodes.length, window.network.body.data.edges.length]")
            page.uncheck("#kind-person")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            filtered = time.perf_counter()
            print(f"| {actors:,} / {ties:,} | {shown[0]:,} / {shown[1]:,} | {written - started:.1f} | "
                  f"{path.stat().st_size / 1e6:.1f} | {drawn - written:.1f} | {filtered - drawn:.2f} |",
                  flush=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
