"""Names as real sources write them: normalised for matching, never for display.

Real lists spell the same actor many ways: "TU Berlin" and "Technical
University of Berlin"; "Ecologic Institut gemeinnützige GmbH"; "BERLIN";
countries as "England", "England, United Kingdom", ``UK`` or ``EL`` (Greece
in CORDIS). This module holds the data and the small functions that fold
such spellings together (cities, "Warszawa" and "Warschau", are resolved
against a gazetteer: :mod:`actornet.graph.gazetteer`): it is used while
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
>>> slug("Frankfurt (Oder)"), clean_name("\u200fBerlin\u200e"), clean_name("\u200b")
('frankfurt_oder', 'Berlin', None)
"""

from __future__ import annotations

import functools
import re

from actornet.graph.schema import fold_text

__all__ = ["country_code", "match_key", "name_tokens", "name_key", "name_keys", "slug", "clean_name",
           "LEGAL_FORMS", "GENERIC_WORDS"]

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
    "usbekistan": "UZ", "mexiko": "MX", "schweden": "SE", "tschechische republik": "CZ",
    "allemagne": "DE", "autriche": "AT", "pologne": "PL", "belgique": "BE",
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


def _key(folded: str) -> str:
    if folded.isalnum():
        return folded
    return " ".join(_PUNCT.sub(" ", folded).replace("_", " ").split())


@functools.lru_cache(maxsize=65536)
def name_key(text) -> str:
    """A name folded for lookup: case, accents and punctuation dropped, words
    joined by one space (the key places are looked up under, and ids made of).

    Examples
    --------
    >>> name_key("Frankfurt (Oder)"), name_key("Mexiko-Stadt"), name_key("St. Pölten")
    ('frankfurt oder', 'mexiko stadt', 'st polten')
    """
    return _key(fold_text(text))


def name_keys(texts) -> list[str]:
    """:func:`name_key` of many names at once, remembering none of them (for a
    gazetteer's million names, which would only crowd the cache out).

    Examples
    --------
    >>> name_keys(["Kraków", "KRAKOW"])
    ['krakow', 'krakow']
    """
    fold = fold_text.__wrapped__
    return [_key(fold(t)) for t in texts]


def slug(text) -> str:
    """An id-friendly form of a name: its :func:`name_key`, words joined by ``_``.

    Examples
    --------
    >>> slug("Frankfurt (Oder)")
    'frankfurt_oder'
    """
    return name_key(text).replace(" ", "_") or "x"


# Unicode format characters (bidi controls, zero-width joiners and spaces, BOMs)
# are invisible: a name is read without them.
_INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                        r"\u2066-\u206f\ufeff\ufff9-\ufffb]")


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def clean_name(text) -> str | None:
    """A name as read at the door: Unicode format characters (bidi controls,
    zero-width characters) dropped, spaces collapsed; None when no letter or
    digit is left (an empty, invisible-only or emoji-only name is no name).

    Examples
    --------
    >>> clean_name("  Tel\u200b Aviv "), clean_name("\u202e\u200f"), clean_name("🎉🎉")
    ('Tel Aviv', None, None)
    """
    if text is None:
        return None
    text = str(text)
    if not text.isascii():
        import unicodedata

        text = "".join(c for c in _INVISIBLE.sub("", text)
                       if unicodedata.category(c) != "Cf")
    text = " ".join(text.split())
    return text if _LETTER_OR_DIGIT.search(text) else None
