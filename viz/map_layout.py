"""Where the partnership map puts its partner cities and their labels.

The home city sits in the centre; each partner city gets a point and a side
for its label (``right``, ``left``, ``below``, ``above``: the label starts
beside the point on that side). Positions are in the map's own units, laid
out for labels :data:`LABEL_FONT` units tall; the page scales the whole
drawing to the window, so what counts is the proportions.

Placements (:data:`PLACEMENTS`), compared in ``benchmarks/map_labels.py``:

``oval`` (the page's)
    The partner cities in compass order (their direction from the home city
    on a flat map, north at the top, east on the right, when coordinates are
    known), half on the right of an oval and half on the left, one label row
    each, evenly spaced; labels point outwards, so no two overlap, no spoke
    crosses a label, and the label size depends only on the number of rows.
``rings``
    Concentric rings, neighbours alternating between them; labels point
    outwards.
``ring``
    One circle, in name order, labels below the points (the first map).
``geo``
    The cities at their coordinates around the home city (a flat map),
    each label on the first free side.

Every placement returns ``[(x, y, side), ...]`` in the order of the cities
given, with the home city at ``(0, 0)``.
"""

from __future__ import annotations

import math

__all__ = ["PLACEMENTS", "LABEL_FONT", "map_layout", "compass_order", "label_width",
           "LABEL_CHARS"]

PLACEMENTS = ("oval", "rings", "ring", "geo")
#: The labels' height, in the layout's units.
LABEL_FONT = 14.0
#: Labels longer than this many characters are cut (with an ellipsis).
LABEL_CHARS = 28
# An average character's width, in label heights (system sans-serif: ~0.55).
_CHAR = 0.6
# A row's height, in label heights; the gap between a point and its label.
_PITCH = 1.6
_GAP = 12.0
# The smallest height of the drawing, and its width over its height
# (the map's part of a 1400x900 window).
_HEIGHT = 640.0
_ASPECT = 1.3


def label_width(name, font=LABEL_FONT) -> float:
    """A generous estimate of a label's width, in the layout's units.

    Examples
    --------
    >>> label_width("Paris")
    42.0
    """
    return round(_CHAR * font * min(len(str(name)), LABEL_CHARS + 1), 1)


def compass_order(home, cities) -> list:
    """The cities' indices clockwise from north, by their direction from
    ``home`` on a flat map (longitude scaled by the cosine of the home
    city's latitude); cities without coordinates (or with no home
    coordinates: all of them) follow, by country and name.

    ``home`` and each city: dicts with ``lat``, ``lon`` (None when unknown),
    ``name`` and ``country``.

    Examples
    --------
    >>> home = {"lat": 52.5, "lon": 13.4}
    >>> cities = [{"name": "Paris", "country": "France", "lat": 48.9, "lon": 2.4},
    ...           {"name": "Warsaw", "country": "Poland", "lat": 52.2, "lon": 21.0},
    ...           {"name": "Atlantis", "country": None, "lat": None, "lon": None}]
    >>> compass_order(home, cities)
    [1, 0, 2]
    """
    placed, rest = [], []
    for i, c in enumerate(cities):
        direction = _direction(home, c)
        if direction is None:
            rest.append((str(c.get("country") or "\uffff").casefold(),
                         str(c.get("name")).casefold(), i))
        else:
            placed.append((direction, str(c.get("name")).casefold(), i))
    return [i for *_, i in sorted(placed)] + [i for *_, i in sorted(rest)]


def _direction(home, city):
    """Degrees clockwise from north, or None without coordinates."""
    if None in (home.get("lat"), home.get("lon"), city.get("lat"), city.get("lon")):
        return None
    dlon = (float(city["lon"]) - float(home["lon"]) + 180.0) % 360.0 - 180.0
    dx = dlon * math.cos(math.radians(float(home["lat"])))
    dy = float(city["lat"]) - float(home["lat"])
    if dx == 0 and dy == 0:
        return 0.0
    return math.degrees(math.atan2(dx, dy)) % 360.0


def map_layout(home, cities, *, placement="oval", font=LABEL_FONT, home_width=None) -> list:
    """Each partner city's point and label side: ``[(x, y, side), ...]``.

    Parameters
    ----------
    home : dict
        The home city: ``name``, ``lat``, ``lon`` (None when unknown).
    cities : list of dict
        The partner cities: ``name``, ``country``, ``lat``, ``lon``.
    placement : {"oval", "rings", "ring", "geo"}
    font : float
        The labels' height, in the layout's units.
    home_width : float, optional
        The width of the home city's badge in the centre (default: from its
        name, 1.7 times as tall as the partner labels).

    Examples
    --------
    >>> home = {"name": "Berlin", "lat": 52.5, "lon": 13.4}
    >>> cities = [{"name": n, "country": None, "lat": None, "lon": None} for n in "ABC"]
    >>> [side for _, _, side in map_layout(home, cities)]
    ['right', 'right', 'left']
    """
    if placement not in PLACEMENTS:
        raise ValueError(f"unknown placement {placement!r}; use one of {', '.join(PLACEMENTS)}")
    if not cities:
        return []
    if home_width is None:
        home_width = label_width(home.get("name", ""), 1.7 * font) + 24
    if placement == "oval":
        return _oval(home, cities, font, home_width)
    if placement == "rings":
        return _rings(home, cities, font, home_width)
    if placement == "ring":
        return _ring(cities, font)
    return _geo(home, cities, font)


def _rows(count, span):
    """``count`` row heights evenly over ``span``, top to bottom."""
    return [-span / 2 + (k + 0.5) * span / count for k in range(count)]


def _halves(home, cities, order):
    """The compass order cut in two: the right side (top to bottom) and the
    left (bottom to top), turned so that as few cities as possible sit on
    the side away from their direction (east on the right, west on the
    left; measured in degrees beyond the meridian)."""
    n = len(order)
    half = (n + 1) // 2
    angles = [_direction(home, cities[i]) for i in order]
    if n < 2 or any(a is None for a in angles):
        return order[:half], order[half:]

    def cost(start):
        total = 0.0
        for k in range(n):
            a = angles[(start + k) % n]
            east = k < half
            beyond = (a - 180.0 if a > 180.0 else 0.0) if east else (180.0 - a if a < 180.0 else 0.0)
            total += min(beyond, 180.0 - beyond) if beyond else 0.0
        return total

    start = min(range(n), key=lambda s: (cost(s), s))
    turned = order[start:] + order[:start]
    return turned[:half], turned[half:]


def _oval(home, cities, font, home_width):
    order = compass_order(home, cities)
    right, left = _halves(home, cities, order)
    pitch = _PITCH * font
    span = max(len(right) * pitch, _HEIGHT)
    widest = {side: max((label_width(cities[i]["name"], font) for i in part), default=0.0)
              for side, part in (("right", right), ("left", left))}
    # The oval's half-width: the drawing as wide as _ASPECT times its height,
    # never so narrow that the spokes crowd the home city's badge.
    a = max(home_width / 2 + 6 * font,
            (_ASPECT * (span + 2 * pitch) - widest["right"] - widest["left"]) / 2 - _GAP)
    b = span / 2 + pitch  # the top and bottom rows keep off the vertical axis
    out = [None] * len(order)
    for part, sign, side, ys in ((right, 1, "right", _rows(len(right), span)),
                                 (left, -1, "left", _rows(len(left), span)[::-1])):
        for i, y in zip(part, ys):
            x = a * math.sqrt(max(0.0, 1 - (y / b) ** 2))
            out[i] = (round(sign * x, 1), round(y, 1), side)
    return out


def _rings(home, cities, font, home_width):
    order = compass_order(home, cities)
    n = len(order)
    per_ring = 24
    count = max(1, math.ceil(n / per_ring))
    pitch = _PITCH * font
    # The outer ring: its rows on each side at least a label apart.
    outer = max(_HEIGHT / 2, (n / count) * pitch / math.pi * 1.2)
    inner = max(home_width / 2 + 4 * font, outer / 2)
    radii = [outer] if count == 1 else [inner + (outer - inner) * k / (count - 1)
                                        for k in range(count)]
    out = [None] * len(order)
    for k, i in enumerate(order):
        angle = 2 * math.pi * k / n
        r = radii[k % count]
        x, y = r * math.sin(angle), -r * math.cos(angle)
        side = ("above" if y < 0 else "below") if abs(x) < 0.2 * r else ("right" if x > 0 else "left")
        out[i] = (round(x, 1), round(y, 1), side)
    return out


def _ring(cities, font):
    """The first map: one circle in name order, labels below the points."""
    from actornet.viz.layout import circle_layout

    names = sorted(range(len(cities)), key=lambda i: (str(cities[i]["name"]).casefold(), i))
    points = circle_layout([cities[i]["name"] for i in names], font=font)
    out = [None] * len(cities)
    for i, (x, y) in zip(names, points):
        out[i] = (x, y, "below")
    return out


def _geo(home, cities, font):
    """A flat map around the home city, fitted to the _ASPECT box; cities
    without coordinates in a row below; each label on its first free side."""
    lat0, lon0 = home.get("lat"), home.get("lon")
    known = lat0 is not None and lon0 is not None
    raw = []
    for c in cities:
        if known and c.get("lat") is not None and c.get("lon") is not None:
            dlon = (float(c["lon"]) - float(lon0) + 180.0) % 360.0 - 180.0
            raw.append((dlon * math.cos(math.radians(float(lat0))), -(float(c["lat"]) - float(lat0))))
        else:
            raw.append(None)
    spread = max([max(abs(p[0]) / _ASPECT, abs(p[1])) for p in raw if p is not None] or [1.0]) or 1.0
    k = (_HEIGHT / 2) / spread
    boxes, out = [], []
    unknown = 0
    bottom = _HEIGHT / 2 + 3 * font
    for c, p in zip(cities, raw):
        if p is None:
            p = (-_ASPECT * _HEIGHT / 2 + (unknown % 8) * 140.0, bottom + (unknown // 8) * 2 * font)
            unknown += 1
        else:
            p = (p[0] * k, p[1] * k)
        w = label_width(c["name"], font)
        side = "right"
        for side in ("right", "left", "above", "below"):
            box = _label_box(p, side, w, font)
            if not any(_overlaps(box, other) for other in boxes):
                break
        boxes.append(_label_box(p, side, w, font))
        out.append((round(p[0], 1), round(p[1], 1), side))
    return out


def _label_box(p, side, w, h):
    x, y = p
    if side == "right":
        return (x + _GAP, y - h / 2, x + _GAP + w, y + h / 2)
    if side == "left":
        return (x - _GAP - w, y - h / 2, x - _GAP, y + h / 2)
    if side == "above":
        return (x - w / 2, y - _GAP - h, x + w / 2, y - _GAP)
    return (x - w / 2, y + _GAP, x + w / 2, y + _GAP + h)


def _overlaps(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])
