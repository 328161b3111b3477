"""The records that record linkage compares, and the pairs it compares (blocking).

:func:`actor_records` turns the actors of a network into one table, a row
per actor, with what the match model of :mod:`actornet.graph.linkage` reads:
the words of every spelling of its name (its name and aliases, normalised by
:func:`actornet.graph.names.name_tokens`), its country, its city, its
external ids and its neighbours (partners and projects). :func:`blocking_pairs`
gives the pairs worth comparing: those sharing a rare word, a word and a
city, the same words, or an external id. Comparing every pair of 50,000
actors would take 1.25 billion comparisons; blocking keeps the few hundred
thousand that can be the same actor.

Institutions, companies and NGOs are one group (a source may list as a
company what another lists as an institution); every other kind is a group
of its own. Only actors of one group are compared.
"""

from __future__ import annotations

import functools

import re
from collections import Counter

import numpy as np
import pandas as pd

from actornet.graph.names import GENERIC_WORDS, name_tokens
from actornet.graph.schema import ACTOR_KINDS, Kind

__all__ = ["actor_records", "blocking_pairs", "external_ids", "ORGANISATION_KINDS",
           "LINKED_KINDS"]

#: Kinds compared with each other: a source may call a company what another calls
#: an institution.
ORGANISATION_KINDS = frozenset({Kind.INSTITUTION.value, Kind.COMPANY.value, Kind.NGO.value})
#: Every kind `dedupe` compares by default: the actors and networks.
LINKED_KINDS = frozenset({k.value for k in ACTOR_KINDS} | {Kind.NETWORK.value})

# A word shared by more actors of a group than this makes no block on its own
# (it still makes one with a city, or as part of the same words).
_RARE_BLOCK = 15
# The largest block of actors of one city sharing a word, or sharing all words.
_CITY_BLOCK = 150
_TRANSLITERATED = (("ae", "a"), ("oe", "o"), ("ue", "u"))
# A place's qualifier: "Langen (Hessen)", "Kusatsu, Gunma"; one that at most this
# many city names carry names a place (a type, "(district)", qualifies many).
_QUALIFIER = re.compile(r"\s*[(,]")
_PLACE_QUALIFIER = 3
_TYPE_WORD = 10


def external_ids(value) -> dict:
    """An ``external_ids`` cell as ``{scheme: {value, ...}}``.

    Accepts a list of ``scheme:value`` strings or one ``;``-separated string;
    an entry without a scheme is ignored.

    Examples
    --------
    >>> external_ids("wikidata:Q64; geonames:2950159")
    {'wikidata': {'Q64'}, 'geonames': {'2950159'}}
    >>> external_ids(None)
    {}
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return {}
    items = value if isinstance(value, (list, tuple, set, frozenset)) else str(value).split(";")
    out = {}
    for item in items:
        scheme, sep, ident = str(item).strip().partition(":")
        if sep and scheme.strip() and ident.strip():
            out.setdefault(scheme.strip().casefold(), set()).add(ident.strip())
    return out


def _named(name, node) -> bool:
    """A real name: one with a letter, and not the id standing in for a missing one."""
    text = str(name or "")
    return any(c.isalpha() for c in text) and not (text == str(node) and text.isdigit())


def _transliterations(vocabulary) -> dict:
    """Words written with ae/oe/ue for ä/ö/ü ("universitaet", "muenchen") -> the word
    the same name gives with the umlaut, when that word occurs too (``None``: a
    joining word such as "fuer")."""
    out = {}
    for word in vocabulary:
        if not any(pair in word for pair, _ in _TRANSLITERATED):
            continue
        plain = word
        for pair, single in _TRANSLITERATED:
            plain = plain.replace(pair, single)
        tokens = name_tokens(plain)
        if not tokens:
            out[word] = None
        elif len(tokens) == 1 and tokens[0] != word and tokens[0] in vocabulary:
            out[word] = tokens[0]
    return out


def actor_records(network, kinds=None, *, neighbours=None) -> pd.DataFrame:
    """One row per actor to compare, in the network's node order.

    Columns: ``id``, ``kind``, ``group`` (``organisation`` for institutions,
    companies and NGOs, else the kind), ``name``, ``spellings`` (a tuple of
    word tuples: the name's, then each alias's), ``plain`` (a city's names
    without a qualifier naming a place: "Langen" for "Langen (Hessen)"), ``words`` (all of them, as a
    frozenset), ``country``, ``city`` (id), ``city_name``, ``ids`` (external
    ids, ``{scheme: set}``), ``neighbours`` (frozenset of partners, projects
    and networks; only for the groups named in ``neighbours``, when given:
    the match model compares cities' partners only). Actors without a real
    name (a CORDIS organisation whose id stands in for it) are left out.

    Examples
    --------
    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="company", name="Ecologic GmbH", aliases=["Ecologic Institute"])
    >>> G.add_node("999", kind="company", name="999")
    >>> actor_records(ActorNetwork(G))[["id", "group", "spellings"]].values.tolist()
    [['a', 'organisation', (('ecologic',), ('ecologic', 'institute'))]]
    """
    G = network.graph
    wanted = LINKED_KINDS if kinds is None else {Kind(k).value for k in kinds}
    rows, none = [], frozenset()
    place_words = functools.cache(lambda city, country: _place_words(G, city, country))
    for node, data in G.nodes(data=True):
        kind = data["kind"]
        if kind not in wanted or not _named(data.get("name"), node):
            continue
        texts = [data["name"], *data.get("aliases", ())]
        spellings = _spellings(texts)
        if not spellings:
            continue
        # "Langen (Hessen)", "Kusatsu, Gunma": also "Langen", when the qualifier names a place
        parts = [_QUALIFIER.split(t, 1) for t in texts] if kind == Kind.CITY.value else []
        qualified = [(_spellings([p[0]]), _spellings([p[1]])) for p in parts if len(p) == 2]
        city = network.city_of(node) if kind != Kind.CITY.value else None
        group = kind if kind not in ORGANISATION_KINDS else "organisation"
        near = _neighbours(G, node) if neighbours is None or group in neighbours else none
        rows.append((str(node), kind, group,
                     data["name"], spellings, qualified, _text(data.get("country")), city,
                     _text(G.nodes[city].get("name", city)) if city is not None else None,
                     external_ids(data.get("external_ids")), near))
    table = pd.DataFrame(rows, columns=["id", "kind", "group", "name", "spellings", "qualified",
                                        "country", "city", "city_name", "ids", "neighbours"])
    for column in ("country", "city", "city_name"):
        table[column] = table[column].astype(object).where(table[column].notna(), None)
    vocabulary = Counter(w for spellings in table["spellings"] for s in spellings for w in s)
    respell = _transliterations(vocabulary)

    def respelled(spellings):
        return tuple(_respelled(s, respell) for s in spellings if _respelled(s, respell)) or \
            tuple(spellings)

    table["spellings"] = [respelled(spellings) for spellings in table["spellings"]]
    table["qualified"] = [[(respelled(b), q) for b, q in qualified if b]
                          for qualified in table["qualified"]]
    table["plain"] = _plain(table)
    table["words"] = [frozenset(w for s in spellings for w in s) for spellings in table["spellings"]]
    table["city_words"] = [place_words(city, country)
                           for city, country in zip(table["city"], table["country"])]
    return table


def _spellings(texts) -> list:
    """The distinct word tuples of ``texts`` (empty ones left out)."""
    out = []
    for text in texts:
        words = tuple(dict.fromkeys(name_tokens(text)))
        if words and words not in out:
            out.append(words)
    return out


def _plain(table) -> list:
    """Per record, its names without a qualifier that names a place: "Langen"
    for "Langen (Hessen)", "Pankow" for "Pankow (Berlin)"; not "Dębica" for
    "Dębica (rural gmina)". A qualifier names a place when it is a city's
    name in the data, or when few names carry it and none of its words is
    common among city names (a type, "district" or "rural gmina", qualifies
    many)."""
    cities = table[table["kind"] == Kind.CITY.value]
    names = {s for spellings in cities["spellings"] for s in spellings}
    carried = Counter(q for qualified in cities["qualified"] for _, qs in qualified for q in qs)
    used = Counter(w for spellings in cities["spellings"] for s in spellings for w in set(s))

    def names_place(q):
        return q in names or (carried[q] <= _PLACE_QUALIFIER and
                              all(used[w] < _TYPE_WORD for w in q))

    out = []
    for spellings, qualified in zip(table["spellings"], table["qualified"]):
        plain = []
        for bare, qualifier in qualified:
            if any(names_place(q) for q in qualifier):
                plain += [b for b in bare if b not in spellings and b not in plain]
        out.append(tuple(plain))
    return out


def _place_words(G, city, country) -> frozenset:
    """The words of a city's name and aliases, and of its country's name ("Graz"
    and "Austria" for an actor in Graz)."""
    if city is None:
        return frozenset()
    data = G.nodes[city]
    texts = [data.get("name") or "", *data.get("aliases", ())]
    if country:
        import pycountry

        found = pycountry.countries.get(alpha_2=country)
        texts += [getattr(found, a, "") for a in ("name", "common_name")] if found else []
    return frozenset(w for text in texts for w in name_tokens(text))


def _text(value):
    """A text cell, or None for an empty or missing one."""
    return value.strip() or None if isinstance(value, str) else None


def _respelled(words, plain) -> tuple:
    out = []
    for w in words:
        w = plain.get(w, w)
        if w is not None and w not in out:
            out.append(w)
    return tuple(out)


def _neighbours(G, node) -> frozenset:
    """Partners, projects and networks: every tie's other end but seats and themes."""
    found = set()
    for _, v, d in G.out_edges(node, data="type"):
        if d != "BASED_IN" and G.nodes[v]["kind"] != Kind.THEME.value:
            found.add(v)
    for u, _, d in G.in_edges(node, data="type"):
        if d != "BASED_IN":
            found.add(u)
    found.discard(node)
    return frozenset(found)


def blocking_pairs(records: pd.DataFrame) -> pd.DataFrame:
    """The pairs of rows of ``records`` worth comparing, as columns ``a``, ``b``
    (row positions, ``a < b``), sorted.

    Two actors of one group are compared when they share a rare word (one
    at most 15 actors of the group use), a word that is not generic
    ("university", "institute": ``names.GENERIC_WORDS``) and their city, all
    their words, or an external id.

    Examples
    --------
    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> for n, name in [("a", "TU Graz"), ("b", "Universität Graz"), ("c", "Ecologic")]:
    ...     G.add_node(n, kind="institution", name=name)
    >>> blocking_pairs(actor_records(ActorNetwork(G))).values.tolist()
    [[0, 1]]
    """
    keys = []
    for group, part in records.groupby("group", sort=True):
        frequency = Counter(w for words in part["words"] for w in words)
        for row, words, city, spellings, plain, ids in zip(
                part.index, part["words"], part["city"], part["spellings"], part["plain"],
                part["ids"]):
            for w in words:
                if frequency[w] <= _RARE_BLOCK:
                    keys.append((f"w\x1f{group}\x1f{w}", row))
                if city is not None and w not in GENERIC_WORDS:
                    keys.append((f"c\x1f{group}\x1f{city}\x1f{w}", row))
            for s in spellings + plain:
                keys.append((f"s\x1f{group}\x1f{' '.join(sorted(s))}", row))
            for scheme, values in ids.items():
                keys.extend((f"x\x1f{group}\x1f{scheme}:{v}", row) for v in values)
    if not keys:
        return pd.DataFrame({"a": [], "b": []}, dtype="int64")
    long = pd.DataFrame(keys, columns=["key", "row"]).drop_duplicates()
    sizes = long.groupby("key")["row"].transform("size")
    exact = long["key"].str.startswith("x\x1f")
    long = long[(sizes >= 2) & ((sizes <= _CITY_BLOCK) | exact)]
    pairs = long.merge(long, on="key")
    pairs = pairs[pairs["row_x"] < pairs["row_y"]]
    out = pd.DataFrame({"a": pairs["row_x"].to_numpy(), "b": pairs["row_y"].to_numpy()})
    return out.drop_duplicates().sort_values(["a", "b"]).reset_index(drop=True)

