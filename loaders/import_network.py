"""The network an import builds: its actors, groups and ties, and the folder written.

Names are tidied at the door (:func:`display_name`: invisible characters
dropped, "BERLIN" written Berlin) and towns are resolved to cities through
the gazetteer (:class:`Places`, :mod:`actornet.graph.gazetteer`): every
spelling of a city becomes one actor with one id, its GeoNames id kept in
``external_ids`` and each spelling seen kept as an alias. Actors and groups
are kept one per distinct actor; ties come in as columns.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from actornet.graph.names import clean_name, slug
from actornet.graph.load_report import Problem
from actornet.graph.schema import Kind, fold_text
from actornet.loaders.folder import network_folder
from actornet.loaders.network_toml import SETTINGS_FILE, write_settings

__all__ = ["display_name", "Places", "ImportedNetwork", "write_settings", "ACTOR_COLUMNS"]

#: The first columns of an imported ``actors.csv`` (others follow as found).
ACTOR_COLUMNS = ["id", "kind", "name", "city", "country", "aliases", "external_ids", "lat", "lon"]
_EXAMPLES = 5
_LOWER_WORDS = frozenset({"of", "de", "la", "le", "les", "the", "and", "for", "und", "der",
                          "die", "das", "des", "du", "di", "del", "della", "van", "von", "fur",
                          "für", "et", "en", "y", "e", "i", "a", "zu", "am", "im"})


def display_name(name) -> str | None:
    """A name for people to read, or None for no name: invisible characters
    dropped (:func:`~actornet.graph.names.clean_name`); "BERLIN" -> "Berlin",
    "UNIVERSITY OF PLYMOUTH" -> "University of Plymouth"; short words of a name
    in capitals stay (CNRS, LTD); a name in mixed case stays as written.

    Examples
    --------
    >>> display_name("CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE CNRS")
    'Centre National de la Recherche Scientifique CNRS'
    >>> display_name("BERLIN"), display_name("TU Berlin"), display_name("\\u200f")
    ('Berlin', 'TU Berlin', None)
    """
    name = clean_name(name)
    if name is None or not name.isupper() or len(name) <= 3:
        return name
    words = name.split()
    if len(words) == 1:
        return name.title()
    out = []
    for i, word in enumerate(words):
        if word.casefold() in _LOWER_WORDS and i > 0:
            out.append(word.casefold())
        elif len(word) <= 4:
            out.append(word)  # an acronym or a legal form: CNRS, GMBH, LTD
        else:
            out.append(word.title())
    return " ".join(out)


class ImportedNetwork:
    """Actors and groups (one dict per distinct actor), written as a network folder."""

    def __init__(self, evidence: str | None):
        self.actors: dict[str, dict] = {}
        self.groups: dict[str, dict] = {}
        self.evidence = evidence
        #: while True, new actors wait in :attr:`staged` until a kept row commits them
        self.staging = False
        self.staged: dict[str, list] = {}

    def known(self, actor_id) -> bool:
        """Whether ``actor_id`` is an actor, or waits to become one."""
        return actor_id in self.actors or actor_id in self.staged

    def commit(self, ids) -> None:
        """Make the staged actors ``ids`` actors (the ones kept rows name)."""
        for actor_id in ids:
            for kind, name, attrs in self.staged.pop(actor_id, ()):
                self.actor(actor_id, kind, name, **attrs)

    def actor(self, actor_id, kind, name, **attrs) -> dict | None:
        """Add the actor (or another spelling of it: kept as an alias) and return its row."""
        if self.staging and actor_id not in self.actors:
            self.staged.setdefault(actor_id, []).append((kind, name, attrs))
            return None
        row = self.actors.get(actor_id)
        if row is None:
            row = self.actors[actor_id] = {"id": actor_id, "kind": kind, "name": name,
                                           "aliases": []}
            if self.evidence:
                row["evidence"] = self.evidence
        elif name and name != row["name"] and name not in row["aliases"]:
            row["aliases"].append(name)
        for key, value in attrs.items():
            if value in (None, "", []):
                continue
            if key in ("aliases", "external_ids"):
                have = row.setdefault(key, [])
                have += [a for a in value if a not in have and a != row["name"]]
            else:
                row.setdefault(key, value)
        return row

    def free_id(self, actor_id, kind) -> str:
        """``actor_id``, or ``actor_id_kind`` when an actor of another kind has it
        (an organisation named "Ghent" beside the city of Ghent)."""
        row = self.actors.get(actor_id)
        if row is None and actor_id in self.staged:
            row = {"kind": self.staged[actor_id][0][0]}
        if row is not None and row["kind"] != kind:
            return f"{actor_id}_{kind}"
        return actor_id

    def write(self, output, ties: pd.DataFrame, *, home, source, summary, themes=None) -> None:
        """Write ``actors.csv``, ``ties.csv``, ``projects.csv`` (when there are
        projects), ``themes.csv`` (when ``themes`` has rows) and ``network.toml``
        into ``output``; fill the summary's counts."""
        actors = list(self.actors.values())  # empty cells are written empty
        projects = [{k: v for k, v in g.items() if k != "kind"}
                    for g in self.groups.values() if g["kind"] == Kind.PROJECT.value]
        actors += [g for g in self.groups.values() if g["kind"] == Kind.NETWORK.value]
        settings = {"home": self.home_id(home, summary), "source": source}
        # Written whole into a temporary sibling and swapped in: an interrupted
        # import leaves the earlier folder as it was.
        with network_folder(Path(output), settings=settings) as out:
            _write_rows(out / "actors.csv", ACTOR_COLUMNS[:3], actors)
            ties.to_csv(out / "ties.csv", index=False, quoting=csv.QUOTE_MINIMAL)
            if projects:
                _write_rows(out / "projects.csv", ["id", "name"], projects)
            if themes:
                columns = list(dict.fromkeys(c for row in themes for c in row))
                with open(out / "themes.csv", "w", encoding="utf-8", newline="") as handle:
                    writer = csv.DictWriter(handle, fieldnames=columns)
                    writer.writeheader()
                    writer.writerows(themes)
        summary.actors, summary.groups, summary.ties = len(self.actors), len(self.groups), \
            len(ties)

    def home_id(self, home, summary):
        """The home city's id when ``home`` names exactly one city; else ``home``
        as given, with a warning (several cities: listed with their country)."""
        if home is None:
            return None
        cities = {i: row for i, row in self.actors.items() if row["kind"] == Kind.CITY.value}
        if home in cities:
            return home
        key = fold_text(home)
        found = sorted(i for i, row in cities.items()
                       if key in {fold_text(n) for n in [row["name"], *row.get("aliases", [])]})
        if len(found) == 1:
            return found[0]
        if not found:
            from actornet.graph.gazetteer import find_place

            place = find_place(home)  # another name of a city ("Warschau")
            if place is not None and place.id in cities:
                return place.id
        reason = ("the home city matches several cities: " + ", ".join(
            f"{i} ({cities[i].get('country') or 'country unknown'})" for i in found)
            if found else "the home city is not a city of this import")
        summary.warnings.append(Problem(SETTINGS_FILE, None, "home", reason,
                                        "give the home city by its id with --home"))
        return home


class Places:
    """Towns resolved to city actors of ``network``, each distinct town once.

    With ``gazetteer`` (the default) a town the gazetteer knows becomes its
    city (id, name, country and coordinates from GeoNames, ``geonames:`` id
    kept, the spelling an alias); any other town stays as written, its id
    made from its name and country, and is counted as unresolved.
    """

    def __init__(self, network: ImportedNetwork, summary, *, gazetteer: bool = True):
        self.network, self.summary, self.gazetteer = network, summary, gazetteer
        self._ids: dict[tuple, str | None] = {}
        self._unresolved: set[str] = set()

    def city(self, name, code=None, lat=None, lon=None) -> str | None:
        """The id of the city ``name`` (in country ``code``, at ``lat``/``lon``),
        added to the network if new; None for no name."""
        key = (name, code, lat, lon)
        found = self._ids.get(key, False)
        if found is False:
            found = self._ids[key] = self._resolve(name, code, lat, lon)
        return found

    def _resolve(self, name, code, lat, lon):
        shown = display_name(name)
        if shown is None:
            return None
        place = None
        if self.gazetteer:
            from actornet.graph.gazetteer import find_place

            place = find_place(shown, code, lat, lon)
        net = self.network
        if place is not None:
            city_id = place.id
            if net.free_id(city_id, Kind.CITY.value) != city_id:
                city_id += "_city"
            new = not net.known(city_id)
            net.actor(city_id, Kind.CITY.value, place.name, country=place.country,
                      lat=place.lat, lon=place.lon, external_ids=[place.external_id],
                      aliases=[shown] if fold_text(shown) != fold_text(place.name) else [])
            self.summary.resolved += new
            return city_id
        city_id = slug(shown) + (f"_{code.lower()}" if code else "")
        if net.free_id(city_id, Kind.CITY.value) != city_id:
            city_id += "_city"
        net.actor(city_id, Kind.CITY.value, shown, country=code, lat=lat, lon=lon)
        if self.gazetteer:
            self.unresolved(shown, code)
        return city_id

    def unresolved(self, shown, code=None) -> None:
        """Count a town the gazetteer did not resolve (each spelling once)."""
        folded = fold_text(shown)
        if folded not in self._unresolved:
            self._unresolved.add(folded)
            self.summary.unresolved += 1
            if len(self.summary.unresolved_examples) < _EXAMPLES:
                self.summary.unresolved_examples.append(shown + (f" ({code})" if code else ""))


def _write_rows(path, first, rows) -> None:
    columns = list(first)
    seen = set(columns)
    for row in rows:
        for c in row:
            if c not in seen:
                seen.add(c)
                columns.append(c)
    order = [c for c in ACTOR_COLUMNS if c in seen] + [c for c in columns
                                                        if c not in ACTOR_COLUMNS]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=order, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ";".join(map(str, v)) if isinstance(v, list) else v
                             for k, v in row.items()})
