"""Names as real sources write them: normalised for matching, never for display.

Real lists spell the same actor many ways: "TU Berlin" and "Technical
University of Berlin"; "Ecologic Institut gemeinnützige GmbH"; "BERLIN";
countries as "England", "England, United Kingdom", ``UK`` or ``EL`` (Greece
in CORDIS); "Warszawa", "Warschau" and "Warsaw". This module holds the data
and the small functions that fold such spellings together: it is used while
importing (:mod:`actornet.loaders.imports`) and when proposing duplicates
(:mod:`actornet.graph.resolve`). Displayed names always stay as written.

Examples
--------
>>> country_code("England, United Kingdom"), country_code("EL"), country_code("Deutschland")
('GB', 'GR', 'DE')
>>> match_key("Ecologic Institut gemeinnützige GmbH")
'ecologic institute'
>>> match_key("TU Berlin") == match_key("Technical University of Berlin")
True
>>> canonical_city("Warschau")
'Warsaw'
"""

from __future__ import annotations

import functools
import re

from actornet.graph.schema import fold_text

__all__ = ["country_code", "match_key", "name_tokens", "canonical_city", "city_aliases",
           "slug", "LEGAL_FORMS", "GENERIC_WORDS"]

# Country spellings ISO 3166 (pycountry) does not know, folded -> alpha-2.
_COUNTRY_ALIASES = {
    "uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "great britain": "GB", "britain": "GB", "united kingdom": "GB",
    "el": "GR",  # CORDIS and Eurostat write Greece as EL
    "russia": "RU", "turkey": "TR", "turkiye": "TR", "republic of ireland": "IE",
    "georgia (country)": "GE", "palestine": "PS", "state of palestine": "PS", "kosovo": "XK",
    "cape verde": "CV", "ivory coast": "CI", "cote d'ivoire": "CI", "swaziland": "SZ",
    "burma": "MM", "east timor": "TL", "republic of macedonia": "MK", "macedonia": "MK",
    "north macedonia": "MK", "south korea": "KR", "korea, south": "KR", "north korea": "KP",
    "vatican city": "VA", "holland": "NL", "the netherlands": "NL", "czechia": "CZ",
    "democratic republic of the congo": "CD", "dr congo": "CD", "republic of the congo": "CG",
    "the gambia": "GM", "brunei": "BN", "micronesia": "FM", "laos": "LA", "syria": "SY",
    "xk": "XK", "usa": "US", "united states of america": "US", "deutschland": "DE", "osterreich": "AT",
    "schweiz": "CH", "frankreich": "FR", "polen": "PL", "italien": "IT", "spanien": "ES",
    "tschechien": "CZ", "niederlande": "NL", "belgien": "BE", "ungarn": "HU",
    "russland": "RU", "turkei": "TR", "griechenland": "GR", "danemark": "DK",
}

#: Legal-form words dropped before names are compared ("gGmbH", "e.V.", "Ltd").
LEGAL_FORMS = frozenset({
    "gmbh", "ggmbh", "mbh", "ag", "kg", "gbr", "ug", "ev", "e v", "gemeinnutzige",
    "gemeinnutziger", "gemeinnutziges", "gesellschaft", "ltd", "limited", "plc", "llc",
    "inc", "corp", "co", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "as",
    "aps", "sp z o o", "spzoo", "doo", "d o o", "kft", "zrt", "sro", "s r o", "asbl", "vzw",
    "ggmbh", "stiftung", "foundation", "ry", "ohg", "eg", "se",
})
# Words that say what an organisation is, not which one (not evidence of a match alone).
GENERIC_WORDS = frozenset({
    "university", "universitat", "universita", "universidad", "universite", "uniwersytet",
    "technical", "technische", "of", "the", "for", "and", "und", "der", "die", "das", "de",
    "des", "du", "la", "le", "di", "del", "fur", "city", "stadt", "municipality",
    "institute", "institut", "instituto", "istituto", "centre", "center", "zentrum",
    "applied", "sciences", "hochschule", "college", "school", "agency", "association",
    "chamber", "council", "region", "regional", "development", "research", "network",
})
_STOP = frozenset({"of", "the", "for", "and", "und", "der", "die", "das", "de", "des", "du",
                   "la", "le", "di", "del", "fur", "von", "zu"})

# Spellings that mean the same word in organisation names, folded -> English.
_WORDS = {
    "universitat": "university", "universita": "university", "universidad": "university",
    "universite": "university", "uniwersytet": "university", "univerza": "university",
    "univerzita": "university", "uni": "university", "technische": "technical",
    "technischen": "technical", "tecnica": "technical", "stadt": "city", "ville": "city",
    "citta": "city", "ciudad": "city", "miasto": "city", "mesto": "city",
    "institut": "institute", "instituto": "institute", "istituto": "institute",
    "zentrum": "centre", "center": "centre", "centro": "centre",
}
# Abbreviations written for a run of words ("TU" for "Technical University").
_ABBREVIATIONS = {
    "tu": "technical university", "fu": "free university", "hu": "humboldt university",
    "fh": "university of applied sciences", "hs": "hochschule", "uni": "university",
}

# Exonyms and local names of cities (English first): "Warschau" finds Warsaw.
_CITY_NAMES = [
    ["Warsaw", "Warszawa", "Warschau", "Varsovie"],
    ["Prague", "Praha", "Prag"],
    ["Beijing", "Peking", "Pékin"],
    ["Kyiv", "Kiev", "Kiew", "Kyjiw", "Київ"],
    ["Moscow", "Moskau", "Moskva", "Moscou"],
    ["Vienna", "Wien", "Vienne"],
    ["Munich", "München", "Muenchen"],
    ["Cologne", "Köln", "Koeln"],
    ["Brussels", "Bruxelles", "Brüssel", "Brussel"],
    ["Rome", "Roma", "Rom"],
    ["Milan", "Milano", "Mailand"],
    ["Venice", "Venezia", "Venedig"],
    ["Florence", "Firenze", "Florenz"],
    ["Naples", "Napoli", "Neapel"],
    ["Turin", "Torino"],
    ["Lisbon", "Lisboa", "Lissabon"],
    ["Copenhagen", "København", "Kopenhagen"],
    ["Athens", "Athina", "Athen"],
    ["Bucharest", "București", "Bukarest"],
    ["Belgrade", "Beograd", "Belgrad"],
    ["Sofia", "Sofiya", "Sofija"],
    ["Budapest"],
    ["Krakow", "Kraków", "Krakau", "Cracow"],
    ["Wroclaw", "Wrocław", "Breslau"],
    ["Gdansk", "Gdańsk", "Danzig"],
    ["Poznan", "Poznań", "Posen"],
    ["Szczecin", "Stettin"],
    ["Lodz", "Łódź"],
    ["Bratislava", "Pressburg"],
    ["Ljubljana", "Laibach"],
    ["Zagreb", "Agram"],
    ["Vilnius", "Wilna"],
    ["Riga"],
    ["Tallinn", "Reval"],
    ["Saint Petersburg", "Sankt Petersburg", "St. Petersburg", "Sankt-Peterburg"],
    ["Istanbul", "İstanbul"],
    ["Mexico City", "Mexiko-Stadt", "Ciudad de México"],
    ["Tokyo", "Tokio"],
    ["Jakarta", "Djakarta"],
    ["Tashkent", "Taschkent", "Toshkent"],
    ["Buenos Aires"],
    ["Los Angeles"],
    ["London", "Londres"],
    ["Paris"],
    ["Madrid"],
    ["Windhoek", "Windhuk"],
    ["The Hague", "Den Haag", "Den Haag"],
    ["Antwerp", "Antwerpen", "Anvers"],
    ["Ghent", "Gent", "Gand"],
    ["Bruges", "Brugge", "Brügge"],
    ["Leuven", "Louvain", "Löwen"],
    ["Geneva", "Genf", "Genève"],
    ["Zurich", "Zürich"],
    ["Gothenburg", "Göteborg"],
    ["Nuremberg", "Nürnberg"],
    ["Hanover", "Hannover"],
    ["Frankfurt am Main", "Frankfurt"],
    ["Thessaloniki", "Saloniki"],
    ["Plovdiv"],
    ["Tel Aviv", "Tel Aviv-Yafo"],
]
_CITY_CANONICAL = {fold_text(s): names[0] for names in _CITY_NAMES for s in names}
_CITY_ALIASES = {names[0]: names[1:] for names in _CITY_NAMES}

_PUNCT = re.compile(r"[^\w\s]+")


@functools.lru_cache(maxsize=8192)
def country_code(text) -> str | None:
    """The ISO 3166 alpha-2 code a country cell means, or None.

    Accepts names (English, some German), alpha-2 and alpha-3 codes, CORDIS'
    ``EL`` (Greece) and ``UK``, and "Region, Country" (the last part counts).

    Examples
    --------
    >>> country_code("Germany"), country_code("deu"), country_code("UK")
    ('DE', 'DE', 'GB')
    >>> country_code("Atlantis") is None, country_code("in Italy")
    (True, 'IT')
    >>> country_code("IN Atlantis") is None  # not India
    True
    """
    if text is None:
        return None
    key = fold_text(text)
    if not key:
        return None
    if key in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[key]
    import pycountry

    for candidate in (key, key.split(",")[-1].strip(), key.removeprefix("in ").strip()):
        if candidate in _COUNTRY_ALIASES:
            return _COUNTRY_ALIASES[candidate]
        try:
            return pycountry.countries.lookup(candidate).alpha_2
        except LookupError:
            continue
    # "DE Germany / DEUTSCHLAND" (keep.eu's country code column): a code first
    first = key.split()[0].upper() if " / " in key else ""
    if len(first) == 2 and (first in ("EL", "UK") or pycountry.countries.get(alpha_2=first)):
        return {"EL": "GR", "UK": "GB"}.get(first, first)
    return None


def canonical_city(name) -> str:
    """The English name of a city known under several names, else ``name`` as written.

    Examples
    --------
    >>> canonical_city("Praha"), canonical_city("Wismar")
    ('Prague', 'Wismar')
    """
    return _CITY_CANONICAL.get(fold_text(name), name)


def city_aliases(name) -> list[str]:
    """The other names of a city (exonyms, local names), not ``name`` itself.

    Examples
    --------
    >>> city_aliases("Peking")
    ['Beijing', 'Pékin']
    """
    canonical = canonical_city(name)
    names = [canonical, *_CITY_ALIASES.get(canonical, [])]
    return [n for n in names if fold_text(n) != fold_text(name)]


@functools.lru_cache(maxsize=65536)
def name_tokens(text) -> tuple[str, ...]:
    """The words of a name for matching: folded, punctuation dropped, words in
    other languages in English, abbreviations spelled out, legal forms and
    joining words ("of", "der") dropped.

    Examples
    --------
    >>> name_tokens("Technische Universität Graz")
    ('technical', 'university', 'graz')
    >>> name_tokens("TU Graz - Technische Universität Graz")
    ('technical', 'university', 'graz', 'technical', 'university', 'graz')
    """
    words = _PUNCT.sub(" ", fold_text(text).replace("e.v.", " ").replace("e. v.", " ")).split()
    out = []
    for word in words:
        if word in LEGAL_FORMS or word in _STOP:
            continue
        expanded = _ABBREVIATIONS.get(word, word) if len(words) > 1 else word
        for part in expanded.split():
            if part in _STOP or (len(part) == 1 and part.isalpha()):
                continue  # joining words; initials of a legal form ("S.A." -> s, a)
            out.append(_WORDS.get(part, part))
    return tuple(out)


def match_key(text) -> str:
    """A name folded for matching (see :func:`name_tokens`), words kept in order."""
    return " ".join(name_tokens(text))


def slug(text) -> str:
    """An id-friendly form of a name: folded, words joined by ``_``.

    Examples
    --------
    >>> slug("Frankfurt (Oder)")
    'frankfurt_oder'
    """
    return "_".join(_PUNCT.sub(" ", fold_text(text)).split()) or "x"
