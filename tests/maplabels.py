"""Measuring the partnership map's labels in a real browser (Playwright page).

:func:`measure` reads every label the map draws (vis-network measures each
while drawing) and returns its box on screen, its height, whether something
covers either end (``document.elementFromPoint``: the map's canvas must be
the topmost element there) and the spokes that cross it. Used by the browser
tests (tests/viz/test_page_map_browser.py) and benchmarks/map_labels.py.
"""

from __future__ import annotations

# Every labelled node of the map: its label's box in page pixels, whether the
# map's canvas is the topmost element at both ends of the label, and the
# spokes (edges) as segments in page pixels.
MEASURE_JS = """() => {
  const net = window.mapNetwork, frame = document.getElementById('map').getBoundingClientRect();
  const home = window.actornet.data.map.cities[0];
  const threshold = net.body.nodes[net.body.nodeIndices[0]].options.scaling.label.drawThreshold;
  const scale = net.getScale();
  const toPage = p => { const d = net.canvasToDOM(p); return {x: d.x + frame.left, y: d.y + frame.top}; };
  const topmost = (x, y) => {
    const e = document.elementFromPoint(x, y);
    return !!e && e.tagName === 'CANVAS' && document.getElementById('map').contains(e);
  };
  const labels = [];
  net.body.nodeIndices.forEach(id => {
    const node = net.body.nodes[id], label = node.options.label;
    if (!label || node.options.hidden) return;
    const s = node.labelModule.size;
    const a = toPage({x: s.left, y: s.top}), b = toPage({x: s.left + s.width, y: s.top + s.height});
    const mid = (a.y + b.y) / 2;
    labels.push({id: String(id), label: String(label), left: a.x, top: a.y, right: b.x, bottom: b.y,
                 px: b.y - a.y, font: node.labelModule.fontOptions.size * scale,
                 drawn: node.labelModule.fontOptions.size * scale >= threshold,
                 home: String(label) === String(home.name) && (String(id) === String(home.id)
                       || String(id) === 'label:' + home.id),
                 boxed: node.options.shape === 'box',
                 uncovered: topmost(a.x + 1, mid) && topmost(b.x - 1, mid)});
  });
  const spokes = net.body.edgeIndices.map(id => {
    const e = net.body.edges[id];
    return {id: String(id), from: toPage(net.getPosition(e.fromId)), to: toPage(net.getPosition(e.toId))};
  });
  return {labels, spokes, frame: {left: frame.left, top: frame.top, right: frame.right, bottom: frame.bottom}};
}"""


def _crosses(spoke, box) -> bool:
    """Whether the segment ``spoke`` passes through the rectangle ``box``
    (Liang-Barsky clipping)."""
    x0, y0 = spoke["from"]["x"], spoke["from"]["y"]
    dx, dy = spoke["to"]["x"] - x0, spoke["to"]["y"] - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - box["left"]), (dx, box["right"] - x0),
                 (-dy, y0 - box["top"]), (dy, box["bottom"] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _overlap(a, b) -> bool:
    return not (a["right"] <= b["left"] or b["right"] <= a["left"]
                or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])


def measure(page) -> dict:
    """The map's labels as drawn in ``page`` (a Playwright page showing the
    map), with figures: ``labels`` (each with ``inside``, ``crossings``),
    ``min_px`` (the smallest partner label's height), ``overlaps`` (pairs of
    labels that overlap), ``covered`` (labels with something on top at an
    end), ``outside`` (labels not wholly inside the map), ``crossings``
    (spokes through partner labels), ``home`` (the home label) and
    ``home_crossed`` (spokes drawn over the home label: 0 when its label is
    inside its own box node, drawn above the spokes)."""
    got = page.evaluate(MEASURE_JS)
    frame, labels = got["frame"], got["labels"]
    for label in labels:
        label["inside"] = (frame["left"] <= label["left"] and label["right"] <= frame["right"]
                           and frame["top"] <= label["top"] and label["bottom"] <= frame["bottom"])
        label["crossings"] = sum(_crosses(s, label) for s in got["spokes"])
    partners = [l for l in labels if not l["home"]]
    home = next((l for l in labels if l["home"]), None)
    overlaps = [(a["label"], b["label"]) for i, a in enumerate(labels) for b in labels[i + 1:]
                if _overlap(a, b)]
    return {
        "labels": labels,
        "partners": partners,
        "home": home,
        "min_px": min((l["px"] for l in partners), default=None),
        "overlaps": overlaps,
        "covered": [l["label"] for l in labels if not l["uncovered"]],
        "outside": [l["label"] for l in labels if not l["inside"]],
        "crossings": sum(l["crossings"] for l in partners),
        "home_crossed": 0 if home is None or home["boxed"] else home["crossings"],
    }
