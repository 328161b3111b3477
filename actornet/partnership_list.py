"""The office's own list of partnerships: the authority for the home city's partnerships.

A build recipe's ``[partnerships]`` table names a CSV file (``file``) and/or
inline ``rows``, each with ``city``, ``country``, ``since`` (or ``signed``: a
year or a date), ``until``, ``status`` (active, suspended, ended), optional
``aliases`` (``;``-separated), ``lat`` and ``lon``. Each listed city is
resolved like any town (the gazetteer: "Moskau" is Moscow); its partnership
with the home city gets the list's years and status, whatever public
sources say (their evidence is kept); a partnership of the home city that
public sources claim but the list lacks is kept and marked ``official = no``.
"""

from __future__ import annotations

import csv
import re

from actornet.graph.errors import InputError
from actornet.graph.gazetteer import city_place, find_place
from actornet.graph.merging import thawed
from actornet.graph.names import country_code, slug
from actornet.graph.network import ActorNetwork, tie_key
from actornet.graph.schema import fold_text
from actornet.loaders.csvfile import decode_text, detect_delimiter

__all__ = ["read_partnership_list", "apply_partnership_list", "home_city_id", "LIST_EVIDENCE"]

#: The evidence written on a tie the list states.
LIST_EVIDENCE = "the office's partnership list"


def _year(value):
    found = re.search(r"(?<!\d)(\d{4})(?!\d)", str(value)) if value not in (None, "") else None
    return int(found.group(1)) if found else None


def _number(value):
    try:
        return float(str(value).replace(",", ".")) if value not in (None, "") else None
    except ValueError:
        return None


def _read_file(path) -> list[dict]:
    """The rows of a partnership list file. A row with more cells than the
    header keeps the extra cells in its last column (an unquoted comma in a
    closing note, such as a source, is no reason to lose the row)."""
    try:
        text = decode_text(open(path, "rb").read(), file=str(path))
    except OSError as err:
        raise InputError(f"cannot read the partnership list ({err.strerror})",
                         file=str(path)) from err
    lines = text.splitlines()
    if not lines:
        raise InputError("the partnership list is empty", file=str(path))
    reader = csv.reader(lines, delimiter=detect_delimiter(lines[0]))
    header = [c.strip() for c in next(reader)]
    if "city" not in header:
        raise InputError("the partnership list has no city column", file=str(path))
    rows = []
    for cells in reader:
        if any(c.strip() for c in cells):
            if len(cells) > len(header):
                cells = cells[:len(header) - 1] + [",".join(cells[len(header) - 1:])]
            rows.append(dict(zip(header, (c.strip() for c in cells))))
    return rows


def read_partnership_list(spec) -> list[dict]:
    """The rows of a ``[partnerships]`` table: its file's, then its inline rows."""
    rows = _read_file(spec["file"]) if spec.get("file") else []
    rows += [dict(r) for r in spec.get("rows") or []]
    out = []
    for row in rows:
        if not str(row.get("city") or "").strip():
            raise InputError("a row of the partnership list names no city")
        aliases = [a.strip() for a in str(row.get("aliases") or "").split(";") if a.strip()]
        aliases += [str(row[k]).strip() for k in ("name_de",) if str(row.get(k) or "").strip()]
        out.append({"city": str(row["city"]).strip(), "country": row.get("country") or None,
                    "since": _year(row.get("since") or row.get("signed")),
                    "until": _year(row.get("until")),
                    "status": str(row.get("status") or "").strip() or "active",
                    "aliases": aliases, "lat": _number(row.get("lat")),
                    "lon": _number(row.get("lon"))})
    return out


def home_city_id(network, home) -> str | None:
    """The id of the city ``home`` names in ``network`` (an id, name, alias or
    another name in the gazetteer; a name several cities share is the one the
    gazetteer means, the largest)."""
    if home is None:
        return network.home_city
    G = network.graph
    if home in G and G.nodes[home]["kind"] == "city":
        return home

    place = find_place(home)
    if place is not None and place.id in G:
        return place.id
    found = [n for n, d in G.nodes(data=True) if d["kind"] == "city" and fold_text(home) in
             {fold_text(s) for s in (d.get("name", ""), *d.get("aliases", ()))}]
    if len(found) == 1:
        return found[0]
    raise InputError("the home city is not a city of the build" if not found else
                     "the home city matches several cities: " + ", ".join(sorted(found)),
                     hint="give the home city by its id in the recipe (home = \"berlin_de\")")


def _city_index(G) -> dict:
    """GeoNames id -> the city node that is that place."""
    index = {}
    for n, d in G.nodes(data=True):
        if d["kind"] == "city":
            place = city_place(d)
            if place is not None:
                index.setdefault(place, n)
    return index


def _listed_city(G, index, row) -> str:
    """The node of a listed city (added when no source has it)."""
    code = country_code(row["country"]) if row["country"] else None
    place = find_place(row["city"], code, row["lat"], row["lon"])
    if place is not None:
        node = index.get(place.geonameid) or place.id
        attrs = {"kind": "city", "name": place.name, "country": place.country,
                 "lat": place.lat, "lon": place.lon, "external_ids": [place.external_id]}
    else:
        node = slug(row["city"]) + (f"_{code.lower()}" if code else "")
        attrs = {"kind": "city", "name": row["city"], "country": code,
                 "lat": row["lat"], "lon": row["lon"]}
    if node not in G:
        G.add_node(node, **{k: v for k, v in attrs.items() if v is not None},
                   evidence=LIST_EVIDENCE)
    data = G.nodes[node]
    aliases = list(data.get("aliases", []))
    for spelling in (row["city"], *row["aliases"]):
        if spelling != data.get("name") and spelling not in aliases:
            aliases.append(spelling)
    if aliases:
        data["aliases"] = aliases
    return node


def _state_partnership(G, home, city, row) -> None:
    """Replace the ties between ``home`` and ``city`` by one with the list's facts,
    keeping the sources' evidence."""
    evidence = []
    for u, v in ((home, city), (city, home)):
        if G.has_edge(u, v):
            for key, d in list(G[u][v].items()):
                if d.get("type") == "PARTNER_OF":
                    for item in str(d.get("evidence") or "").split(";"):
                        if item.strip() and item.strip() not in evidence:
                            evidence.append(item.strip())
                    G.remove_edge(u, v, key)
    attrs = {"type": "PARTNER_OF", "status": row["status"], "official": "yes",
             "evidence": "; ".join([LIST_EVIDENCE, *evidence])}
    if row["since"] is not None:
        attrs["since"] = row["since"]
    if row["until"] is not None:
        attrs["until"] = row["until"]
    G.add_edge(home, city, key=tie_key(home, "PARTNER_OF", city, since=row["since"]), **attrs)


def apply_partnership_list(network, home, spec, stats=None, *, copy=True):
    """A copy of ``network`` whose home-city partnerships follow the list.

    ``stats`` (a dict) receives ``listed``, ``added`` (cities no source had)
    and ``unofficial`` (public claims the list lacks). With ``copy=False``
    the network's own graph is changed (for ``build``, whose graph it is).
    """
    if home is None:
        raise InputError("[partnerships] needs the home city (home = \"...\")")
    rows = read_partnership_list(spec)

    G = network.graph.copy() if copy else thawed(network.graph)
    index = _city_index(G)
    before = set(G)
    listed = set()
    for row in rows:
        city = _listed_city(G, index, row)
        if city == home:
            raise InputError("the partnership list names the home city itself")
        listed.add(city)
        _state_partnership(G, home, city, row)
    unofficial = 0
    for u, v, d in [*G.out_edges(home, data=True), *G.in_edges(home, data=True)]:
        if d.get("type") == "PARTNER_OF":
            if (v if u == home else u) not in listed:
                d["official"] = "no"
                unofficial += 1
    if stats is not None:
        stats.update({"listed": len(listed), "added": len(set(G) - before),
                      "unofficial": unofficial})
    return ActorNetwork._adopt(G, network.themes, name=network.name, home=home)
