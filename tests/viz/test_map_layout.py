"""Where the partnership map puts its cities (viz/map_layout.py) and what it
draws (viz/page_map.py): labels apart, spokes clear of them, compass order,
the 80 most active drawn, the year never in the future."""

from __future__ import annotations

import pytest

from actornet.graph.years import current_year
from actornet.queries.partnership_map import partnership_map
from actornet.viz.map_layout import LABEL_FONT, PLACEMENTS, compass_order, label_width, map_layout
from actornet.viz.page_data import page_data

from mapnets import WORLD_CITIES, partners_network

HOME = {"name": "Berlin", "lat": 52.52, "lon": 13.40}


def cities(n):
    return [{"name": name, "country": country, "lat": lat, "lon": lon}
            for name, country, lat, lon in WORLD_CITIES[:n]]


def box(point, name):
    x, y, side = point
    w, h = label_width(name), LABEL_FONT
    if side == "right":
        return (x + 12, y - h / 2, x + 12 + w, y + h / 2)
    if side == "left":
        return (x - 12 - w, y - h / 2, x - 12, y + h / 2)
    return (x - w / 2, y + 12, x + w / 2, y + 12 + h)


def apart(a, b):
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def crosses(end, rect):
    """The spoke (0, 0) -> end through the rectangle (sampled finely)."""
    return any(rect[0] < end[0] * t / 400 < rect[2] and rect[1] < end[1] * t / 400 < rect[3]
               for t in range(401))


@pytest.mark.parametrize("coordinates", [True, False])
@pytest.mark.parametrize("n", [1, 2, 5, 26, 47, 80])
def test_oval_labels_never_overlap_nor_meet_a_spoke(n, coordinates):
    given = cities(n)
    if not coordinates:  # twin-town lists: no coordinates, countries only
        given = [{**c, "lat": None, "lon": None} for c in given]
    points = map_layout(HOME, given)
    boxes = [box(p, c["name"]) for p, c in zip(points, given)]
    for i, a in enumerate(boxes):
        assert all(apart(a, b) for b in boxes[i + 1:])
        assert not any(crosses(p, a) for p in points)
    sides = [p[2] for p in points]
    assert sides.count("right") - sides.count("left") in (0, 1)


def test_oval_rows_keep_their_height_whatever_the_count():
    """The label size is set by the rows: 40 a side at 80 cities, each row
    1.6 labels high."""
    ys = sorted(p[1] for p in map_layout(HOME, cities(80)) if p[2] == "right")
    assert len(ys) == 40
    assert min(b - a for a, b in zip(ys, ys[1:])) == pytest.approx(1.6 * LABEL_FONT, abs=0.2)


def test_compass_order_puts_east_on_the_right():
    given = cities(18)
    points = dict(zip((c["name"] for c in given), map_layout(HOME, given)))
    assert points["Tokyo"][2] == "right" and points["Beijing"][2] == "right"
    assert points["Paris"][2] == "left" and points["Los Angeles"][2] == "left"
    order = [given[i]["name"] for i in compass_order(HOME, given)]
    assert order.index("Moscow") < order.index("Tokyo")  # clockwise from north


def test_without_coordinates_the_order_is_by_country_then_name():
    given = [{"name": n, "country": c, "lat": None, "lon": None}
             for n, c in [("Zagreb", "Croatia"), ("Aachen", "Germany"), ("Split", "Croatia"),
                          ("Nowhere", None)]]
    assert [given[i]["name"] for i in compass_order(HOME, given)] == [
        "Split", "Zagreb", "Aachen", "Nowhere"]


def test_a_long_name_is_measured_as_cut():
    assert label_width("x" * 80) == label_width("x" * 29)


def test_every_placement_places_every_city():
    for placement in PLACEMENTS:
        assert len(map_layout(HOME, cities(30), placement=placement)) == 30
    with pytest.raises(ValueError):
        map_layout(HOME, cities(3), placement="spiral")


def test_above_eighty_the_most_active_are_drawn():
    net = partners_network(95)
    partners = partnership_map(net)
    page = page_data(net, partners=partners)
    drawn = [c for c in page["map"]["cities"][1:] if c["onMap"]]
    rest = [c for c in page["map"]["cities"][1:] if not c["onMap"]]
    assert len(drawn) == 80 and page["map"]["more"] == 15 == len(rest)
    assert all("x" in c for c in drawn) and not any("x" in c for c in rest)
    assert min(c["ties"] + c["projects"] for c in drawn) >= max(c["ties"] + c["projects"] for c in rest)


def test_the_map_year_is_never_in_the_future():
    net = partners_network(5, until=current_year() + 1)
    assert partnership_map(net)["year"] == current_year()
    assert partnership_map(net, as_of=2020)["year"] == 2020


def test_a_network_without_years_has_no_map_year(tmp_path):
    """Twin-town lists give no years: the legend says "Partnerships", never "in 0"."""
    from actornet.network_page import network_page

    net = partners_network(5, dated=False)
    assert net.years() == (None, None)
    assert partnership_map(net)["year"] is None
    html = network_page(net, tmp_path / "p.html").read_text(encoding="utf-8")
    assert '<b id="map-year">Partnerships</b>' in html
    assert "the data gives no years" in html and " in 0" not in html
