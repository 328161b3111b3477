"""The partnership map as the page draws it: the home city in the centre,
its partner cities around it (:mod:`actornet.viz.map_layout`), each
partnership's state, gaps, introductions and most important actors.

:func:`map_view` turns the partnership map's data
(:func:`actornet.queries.partnership_map.partnership_map`, keyed by actor
ids) into the page's JSON, under the names the page shows (people under
pseudonyms with a key).
"""

from __future__ import annotations

import math

from actornet.graph.schema import Kind
from actornet.viz.map_layout import PLACEMENTS, map_layout
from actornet.viz.page_names import page_id, page_label
from actornet.viz.style import KIND_STYLE, LINK_STATE_STYLE

__all__ = ["map_view", "city_actors", "CITY_ACTORS", "MAP_CITIES", "PLACEMENTS"]

#: Actors listed per city in the partnership map (the most important; the
#: page gives the count of the rest).
CITY_ACTORS = 30
#: Partner cities drawn on the map at most: the most active; the rest are
#: listed under a "N more" control.
MAP_CITIES = 80


def city_actors(view, ranked) -> dict:
    """City -> its actors (not the city itself), most important first."""
    by_city = {}
    for a in ranked:
        c = view.city_of(a)
        if c is not None and c != a:
            by_city.setdefault(c, []).append(a)
    return by_city


def _coordinates(graph, c) -> dict:
    d = graph.nodes[c]
    lat, lon = d.get("lat"), d.get("lon")
    try:
        lat = None if lat is None else float(lat)
        lon = None if lon is None else float(lon)
    except (TypeError, ValueError):
        lat = lon = None
    if lat is not None and lon is not None and (lat != lat or lon != lon):
        lat = lon = None
    return {"lat": lat, "lon": lon}


def map_view(view, partners, by_city, rank, keep, key, *, placement="oval",
             most=MAP_CITIES) -> dict:
    """The partnership map's page data: ``year`` (and ``asked``: whether
    the year was asked for), ``cities`` (the home city
    first, then the partner cities by name; those drawn have ``onMap``
    true and a point ``x``, ``y`` with their label's ``side``), ``more``
    (how many partner cities are not drawn: beyond the ``most`` most
    active) and ``states`` (the link states' legend)."""
    graph = view.graph
    home = partners["home"]
    rows = [p for p in partners["partners"] if p["city"] in graph]
    top = max((p["ties"] + p["projects"] for p in rows), default=0) or 1
    cities = [_city(view, home, by_city, rank, keep, key, {"home": True, "onMap": True})]
    drawn = {p["city"] for p in sorted(rows, key=lambda p: (
        -(p["ties"] + p["projects"]), -p["activity"], str(graph.nodes[p["city"]].get("name", "")),
        str(p["city"])))[:most]}
    for p in rows:
        cities.append(_city(view, p["city"], by_city, rank, keep, key, {
            **_partnership(view, p, key, top), "onMap": p["city"] in drawn}))
    cities[1:] = sorted(cities[1:], key=lambda c: (str(c["name"]).casefold(), c["id"]))
    on_map = [c for c in cities[1:] if c["onMap"]]
    at_home = _coordinates(graph, home)
    places = map_layout({"name": cities[0]["name"], **at_home},
                        [{"name": c["name"], "country": c["country"], **c.pop("_at")}
                         for c in on_map], placement=placement)
    for c in cities[1:]:
        c.pop("_at", None)
    cities[0].pop("_at")
    cities[0].update(x=0.0, y=0.0, side="center")
    for c, (x, y, side) in zip(on_map, places):
        c.update(x=x, y=y, side=side)
    states = {c.get("state") for c in cities}
    return {
        "year": partners["year"],
        "asked": bool(partners.get("asked")),
        "cities": cities,
        "more": len(cities) - 1 - len(on_map),
        "placement": placement,
        # whether the map reads as a compass around the home city
        "compass": placement in ("oval", "rings") and at_home["lat"] is not None
        and any(c["lat"] is not None for c in (_coordinates(graph, p["city"]) for p in rows)),
        "states": [{"state": s, **style} for s, style in LINK_STATE_STYLE.items() if s in states],
    }


def _city(view, c, by_city, rank, keep, key, extra) -> dict:
    graph = view.graph
    listed = by_city.get(c, [])
    return {"id": page_id(view, c, key), "name": page_label(view, c, key),
            "country": graph.nodes[c].get("country") if c in graph else None,
            "drawn": c in keep,
            "actors": [[page_id(view, a, key), page_label(view, a, key), graph.nodes[a]["kind"],
                        rank.get(a), a in keep] for a in listed[:CITY_ACTORS]],
            "more": max(0, len(listed) - CITY_ACTORS), "_at": _coordinates(graph, c), **extra}


def _partnership(view, p, key, top) -> dict:
    """One partnership's facts for the page: its state, activity, gaps and
    introductions (names, or pseudonyms under ``key``)."""
    themes = view.themes
    graph = view.graph

    def theme(t):
        return {"id": t, "label": themes[t].label_en if t in themes else str(t)}

    def person(a):
        return {"id": page_id(view, a, key), "name": page_label(view, a, key)}

    return {
        "home": False, "since": p["since"], "status": p["status"], "state": p["state"],
        "ties": p["ties"], "projects": p["projects"], "activity": p["activity"],
        "width": round(1.5 + 10 * math.sqrt((p["ties"] + p["projects"]) / top), 2),
        "lastActive": p["last_active"], "yearsDormant": p["years_dormant"],
        "routes": p["routes"], "single": [person(a) for a in p["single_points"] if a in graph],
        "missing": [theme(t) for t in p["missing"]],
        "kinds": [KIND_STYLE[Kind(k)]["label"] for k in p["kinds"]],
        "intros": [{"theme": theme(i["theme"]), "rows": [
            {"home": person(r["home"]), "partner": person(r["partner"]),
             "path": [page_label(view, a, key) for a in r["path"] if a in graph],
             "score": r["score"]} for r in i["rows"] if r["home"] in graph and r["partner"] in graph]}
            for i in p["introductions"]],
    }
