"""Record linkage: the probability that two actors are one, by a Fellegi–Sunter model.

Each candidate pair (see :mod:`actornet.graph.linkage_records` for which
pairs are compared) is scored by comparisons, each giving a weight of
evidence ``log2(m / u)`` in bits, where ``m`` is how often the comparison
comes out this way for two records of the same actor and ``u`` for two
different actors (Fellegi and Sunter 1969):

* **names**, word by word, with term-frequency adjustment (Winkler 1989):
  the words both names have weigh ``log2(k / f)`` where ``f`` is the share
  of the group's other names that hold them all (a word set is at least as
  rare as its rarest word; 1000 background names keep a small network from
  taking every word for a common one) and ``k`` the chance that another
  spelling keeps them, so a rare word ("Graz", "Medyczny") weighs a lot and
  a common one ("University", "Institut") little; a word only one name has
  weighs ``log2(e / (1 - f))``, where ``e``, the chance that another
  spelling of the same actor lacks the word, runs from 0.03 for a rare word
  to 0.4 for a common one (0.01 to 0.05 for cities, whose names seldom gain
  a word). Between two actors of the same city, words are as frequent as
  they are among that city's actors, and the city's and the country's own
  names are common there (so "Graz" says little about two actors in Graz).
  Names and aliases are all compared; the best pair of spellings counts;
* **place**: the same country, a different one, or one unknown; then, in
  the same country, the same city or not;
* **kind**: institutions, companies and NGOs are compared with each other,
  a different kind weighing against;
* **neighbours** (cities only): shared partners;
* **external ids**: a shared id (``wikidata:Q64``) makes the pair certain,
  and two different ids of one scheme make it impossible (never proposed).

The ``u`` of place, kind and neighbours is measured on a seeded random sample
of pairs of the same group; the ``m`` values are fixed (:class:`MatchModel`),
and so is the prior, the share of pairs that are matches (0.1 duplicates per
actor). The posterior is ``p = 1 / (1 + 2 ** -(prior + sum of weights))``. A
pair is in the **auto** band at ``p >= 0.99``, **review** at ``p >= 0.5``,
else **unlikely**. The same network always gives the same table, in the same
order. Precision judged by hand on the real sources, and the calibration, are
in benchmarks/README.md.

splink (Fellegi–Sunter on DuckDB) was tried first: its EM, on one
bag-of-words name column and a few weak fields, ran to degenerate ``m``
values, and its term-frequency adjustment weighs whole values, not words;
the model here is small enough to be read whole.

References
----------
Fellegi, I. P. and Sunter, A. B. (1969). A theory for record linkage.
Journal of the American Statistical Association 64(328), 1183-1210.

Winkler, W. E. (1989). Frequency-based matching in Fellegi-Sunter model of
record linkage. Proceedings of the Section on Survey Research Methods,
American Statistical Association, 778-783.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from actornet.graph.linkage_records import actor_records, blocking_pairs
from actornet.graph.names import GENERIC_WORDS
from actornet.graph.match_thresholds import AUTO_PROBABILITY, REVIEW_PROBABILITY

__all__ = ["MatchModel", "score_candidates", "band_of", "BANDS", "LINK_COLUMNS"]

#: The bands, best first.
BANDS = ("auto", "review", "unlikely")
#: Columns of :func:`score_candidates`' table.
LINK_COLUMNS = ["id_a", "name_a", "id_b", "name_b", "kind", "country", "city", "probability",
                "band", "reason"]


@dataclass(frozen=True)
class MatchModel:
    """The fixed parameters of the match model (see the module's notes).

    Attributes
    ----------
    rare_drop, common_drop : float
        ``e`` for a rare and a common word: the chance that another spelling
        of the same actor lacks it.
    drops : dict
        ``(rare_drop, common_drop)`` for the groups that differ: a city's
        name seldom gains or loses a word ("Głogów" and "Głogów County" are
        two places; a qualifier in brackets or after a comma, "Langen
        (Hessen)", is compared as another spelling).
    common_share : float
        A word in at least this share of a group's names is common.
    background_names : int
        Names assumed beside the network's own when counting words, so that
        a small network does not take every word for a common one.
    generic_share, rare_share : float
        A word's share among those background names: words that say what an
        actor is, not which (``names.GENERIC_WORDS``), and all others.
    same_country, same_city : float
        ``m``: the share of an actor's two records in the same country, and
        (in the same country, both cities known) in the same city.
    same_kind : float
        ``m``: the share of an actor's two records of the same kind.
    shared_neighbour : dict
        ``m``: the share of an actor's two records sharing a partner, per
        group; groups not named (organisations: two organisations of one
        project are partners, not one) are not compared on neighbours.
    city_word_share : float
        The background share, among the actors of a city, of names holding
        the city's own name or its country's ("Graz" or "Austria" in Graz).
    city_names : int
        How many names the group's share of a word counts for when it is
        measured among one city's actors.
    duplicates : float
        The prior as the expected number of other records per record that are
        the same actor. (Estimating it by EM on the candidate pairs was tried:
        with names this strong, EM runs to a prior of almost nothing.)
    sample : int
        Random pairs per group on which ``u`` is measured.
    seed : int
        Seed of that sample.
    auto, review : float
        The lowest probability of the auto and the review band.
    """

    rare_drop: float = 0.03
    common_drop: float = 0.4
    drops: dict = field(default_factory=lambda: {"city": (0.01, 0.05)})
    common_share: float = 0.01
    background_names: int = 1000
    generic_share: float = 0.03
    rare_share: float = 1e-4
    same_country: float = 0.97
    same_city: float = 0.8
    same_kind: float = 0.9
    shared_neighbour: dict = field(default_factory=lambda: {"city": 0.05})
    city_word_share: float = 0.25
    city_names: int = 50
    duplicates: float = 0.1
    sample: int = 200_000
    seed: int = 0
    auto: float = AUTO_PROBABILITY
    review: float = REVIEW_PROBABILITY


def band_of(probability, model: MatchModel | None = None) -> str:
    """The band of a match probability.

    Examples
    --------
    >>> band_of(0.995), band_of(0.7), band_of(0.1)
    ('auto', 'review', 'unlikely')
    """
    model = model or MatchModel()
    if probability >= model.auto:
        return "auto"
    return "review" if probability >= model.review else "unlikely"


def _bits(m, u) -> float:
    return math.log2(max(m, 1e-12) / max(u, 1e-12))


class _Group:
    """What the model knows of one group: who holds which word, cities, and the ``u``s."""

    def __init__(self, name, part: pd.DataFrame, model: MatchModel):
        self.name = name
        self.model = model
        self.size = len(part)
        self.holders = {}
        for row, words in zip(part.index, part["words"]):
            for w in words:
                self.holders.setdefault(w, set()).add(row)
        self.in_city, self.city_words = {}, {}
        for row, city, city_words in zip(part.index, part["city"], part["city_words"]):
            if city is not None:
                self.in_city.setdefault(city, set()).add(row)
                self.city_words[city] = city_words
        self.exactly = {}
        for row, spellings in zip(part.index, part["spellings"]):
            for spelling in spellings:
                self.exactly.setdefault(frozenset(spelling), set()).add(row)
        self._joint, self._words = {}, {}
        self._measure_u(part, model)

    def share(self, word) -> float:
        """The share of names holding ``word``, counting the background names."""
        return self._word(word)[0]

    def _word(self, word) -> tuple:
        """(share, bits when only one name has it, chance another spelling keeps it)."""
        known = self._words.get(word)
        if known is None:
            share = self._share(len(self.holders.get(word, ())), self.size, (word,))
            drop = self.drop(share)
            known = self._words[word] = (share, _bits(drop, 1 - share), 1 - drop)
        return known

    def _share(self, count, among, words, city=None) -> float:
        m = self.model
        own = self.city_words.get(city, ())
        # a set of words is as rare as a rare word at most; generic words multiply
        background = max(m.rare_share, math.prod(
            m.city_word_share if _names_place(w, own) else m.generic_share
            if w in GENERIC_WORDS else m.rare_share for w in words))
        return (count + m.background_names * background) / (max(0, among) + m.background_names)

    def drop(self, share) -> float:
        m = self.model
        rare, common = m.drops.get(self.name, (m.rare_drop, m.common_drop))
        return rare + (common - rare) * min(1.0, share / m.common_share)

    def joint(self, words, city, pair=()):
        """(share, others): how many names besides the ``pair``'s hold all of
        ``words`` (a sorted tuple) and more (a name of just these words is
        the same name again), and their share among the other names of the
        group; for two actors of one city, their share among that city's
        other actors when that is more (shrunk towards the group's share)."""
        key = (words, city)
        if key not in self._joint:
            sets = sorted((self.holders.get(w, set()) for w in words), key=len)
            both = set(sets[0]).intersection(*sets[1:]) if sets else set()
            both -= self.exactly.get(frozenset(words), set())
            seated = self.in_city.get(city, set()) if city is not None else set()
            self._joint[key] = (both, both & seated, len(seated))
        both, local, seated = self._joint[key]
        others = len(both) - sum(1 for row in pair if row in both)
        share = self._share(others, self.size - 2, words, city if seated > 1 else None)
        if seated > 1:
            others = len(local) - sum(1 for row in pair if row in local)
            strength = self.model.city_names
            share = max(share, (others + strength * share) / (seated - 2 + strength))
        return share, others

    def agree(self, words, city, pair=()) -> float:
        """Bits for two names that both hold ``words`` (a sorted tuple)."""
        share, _ = self.joint(words, city, pair)
        keep = math.prod(self._word(w)[2] for w in words)
        return _bits(keep, share)

    def only(self, word) -> float:
        """Bits for a word only one of two names has."""
        return self._word(word)[1]

    def _measure_u(self, part, model):
        """``u`` of country, city, kind and neighbours on seeded random pairs."""
        n = self.size
        self.u = {"country": 0.5, "city": 0.5, "kind": 0.5, "neighbour": 0.5}
        if n < 2:
            return
        rng = np.random.default_rng(model.seed)
        count = min(model.sample, n * (n - 1) // 2 * 4)
        a = rng.integers(n, size=count)
        b = rng.integers(n - 1, size=count)
        b = b + (b >= a)
        country = part["country"].to_numpy(dtype=object)
        city = part["city"].to_numpy(dtype=object)
        kind = part["kind"].to_numpy(dtype=object)
        near = part["neighbours"].to_numpy(dtype=object)

        def rate(agree, known):
            known = np.asarray(known, dtype=bool)
            total = int(known.sum())
            return (int((np.asarray(agree, dtype=bool) & known).sum()) + 1) / (total + 2)

        has_country = pd.notna(country[a]) & pd.notna(country[b])
        same_country = has_country & (country[a] == country[b])
        self.u["country"] = rate(same_country, has_country)
        has_city = same_country & pd.notna(city[a]) & pd.notna(city[b])
        self.u["city"] = rate(has_city & (city[a] == city[b]), has_city)
        self.u["kind"] = rate(kind[a] == kind[b], np.ones(count, dtype=bool))
        if self.name not in model.shared_neighbour:
            return  # not compared on neighbours (organisations)
        has_near = np.fromiter((bool(near[i]) and bool(near[j]) for i, j in zip(a, b)),
                               dtype=bool, count=count)
        shared = np.fromiter((has and not near[i].isdisjoint(near[j])
                              for i, j, has in zip(a, b, has_near)), dtype=bool, count=count)
        self.u["neighbour"] = rate(shared, has_near)


def _names_place(word, place_words) -> bool:
    """Whether ``word`` is, or is formed from, a word of a city's name
    ("graz", "grazer"; "warszawa", "warszawski"; "berliner")."""
    for place in place_words:
        if word == place or (len(place) >= 4 and len(word) > len(place) - 2
                             and word.startswith(place[:max(4, len(place) - 2)])):
            return True
    return False


def _name_evidence(group: _Group, rec_a, rec_b, city, pair):
    """The best pair of spellings: (bits, shared words, their bits, only in a,
    only in b). A city's name without its qualifier ("Langen" for "Langen
    (Hessen)") is compared with the other's names when those have no
    qualifier (two Behringens of two districts stay two)."""
    best = None
    pairs = [(sa, sb) for sa in rec_a.spellings for sb in rec_b.spellings]
    if not rec_a.qualified:
        pairs += [(sa, sb) for sa in rec_a.spellings for sb in rec_b.plain]
    if not rec_b.qualified:
        pairs += [(sa, sb) for sa in rec_a.plain for sb in rec_b.spellings]
    for sa, sb in pairs:
        shared = tuple(sorted(set(sa) & set(sb)))
        agree = group.agree(shared, city, pair) if shared else 0.0
        only_a = [(w, group.only(w)) for w in sa if w not in shared]
        only_b = [(w, group.only(w)) for w in sb if w not in shared]
        bits = agree + sum(x for _, x in only_a) + sum(x for _, x in only_b)
        if best is None or bits > best[0]:
            best = (bits, shared, agree, only_a, only_b)
    return best


def _other_evidence(group: _Group, rec_a, rec_b):
    """Place, kind and neighbours: a list of (bits, words)."""
    m, u = group.model, group.u
    out = []
    if rec_a.country is not None and rec_b.country is not None:
        if rec_a.country != rec_b.country:
            out.append((_bits(1 - m.same_country, 1 - u["country"]),
                        f"countries differ ({rec_a.country}, {rec_b.country})"))
        elif rec_a.city is not None and rec_b.city is not None:
            if rec_a.city == rec_b.city:
                out.append((_bits(m.same_country, u["country"]) + _bits(m.same_city, u["city"]),
                            f"same city ({rec_a.city_name})"))
            else:
                out.append((_bits(m.same_country, u["country"])
                            + _bits(1 - m.same_city, 1 - u["city"]),
                            f"same country ({rec_a.country}), cities differ "
                            f"({rec_a.city_name}, {rec_b.city_name})"))
        else:
            out.append((_bits(m.same_country, u["country"]), f"same country ({rec_a.country})"))
    if rec_a.kind == rec_b.kind:
        out.append((_bits(m.same_kind, u["kind"]), f"both {rec_a.kind}"))
    else:
        out.append((_bits(1 - m.same_kind, 1 - u["kind"]),
                    f"kinds differ ({rec_a.kind}, {rec_b.kind})"))
    m_near = m.shared_neighbour.get(rec_a.group)
    if m_near is not None and rec_a.neighbours and rec_b.neighbours:
        shared = len(rec_a.neighbours & rec_b.neighbours)
        if shared:
            out.append((_bits(m_near, u["neighbour"]),
                        f"{shared} shared partner{'s' if shared != 1 else ''} or project"
                        f"{'s' if shared != 1 else ''}"))
        else:
            out.append((_bits(1 - m_near, 1 - u["neighbour"]), ""))
    return out


def _external(rec_a, rec_b):
    """'same' (with the shared id), 'conflict', or None."""
    for scheme in sorted(rec_a.ids.keys() & rec_b.ids.keys()):
        common = rec_a.ids[scheme] & rec_b.ids[scheme]
        if common:
            return "same", f"same {scheme} id ({sorted(common)[0]})"
    for scheme in rec_a.ids.keys() & rec_b.ids.keys():
        if rec_a.ids[scheme].isdisjoint(rec_b.ids[scheme]):
            return "conflict", scheme
    return None, ""


def _signed(bits) -> str:
    return f"{'+' if bits >= 0 else '−'}{abs(bits):.1f}"


def _name_reason(group, rec_a, rec_b, name, city, pair) -> str:
    bits, shared, agree, only_a, only_b = name
    if shared:
        others = group.joint(shared, city, pair)[1]
        text = (f"{'same' if not only_a and not only_b else 'shared'} words "
                f"{', '.join(shared)} (in {others or 'no'} other name{'s' if others != 1 else ''}"
                f"{' of the city' if city is not None else ''}: {_signed(agree)})")
    else:
        text = "no shared word"
    for rec, only in ((rec_a, only_a), (rec_b, only_b)):
        if only:
            text += f"; only in {rec.name}: " + ", ".join(f"{w} ({_signed(x)})" for w, x in only)
    return f"names {_signed(bits)}: {text}"


def _score_group(group: _Group, records, pairs, tick):
    """Evidence for the pairs of one group (pairs ruled out by external ids dropped):
    ``(a, b, bits, certain, evidence)``; :func:`_reason` words the evidence."""
    rows = []
    for at, (a, b) in enumerate(pairs):
        if at % 4096 == 0:
            tick(at)
        rec_a, rec_b = records[a], records[b]
        status, said = _external(rec_a, rec_b)
        if status == "conflict":
            continue
        city = rec_a.city if rec_a.city is not None and rec_a.city == rec_b.city else None
        name = _name_evidence(group, rec_a, rec_b, city, (a, b))
        others = _other_evidence(group, rec_a, rec_b)
        bits = name[0] + sum(x for x, _ in others)
        rows.append((a, b, bits, status == "same", (said, name, others, city)))
    return rows


def _reason(group, rec_a, rec_b, pair, evidence) -> str:
    """Which fields agreed, and by how many bits, in words."""
    said, name, others, city = evidence
    parts = ([said] if said else []) + [_name_reason(group, rec_a, rec_b, name, city, pair)]
    return "; ".join(parts + [f"{text} {_signed(x)}" for x, text in others if text])


def _prior(size, model) -> float:
    """The prior log-odds (bits) that two actors of a group of ``size`` are one:
    ``model.duplicates`` other records per record are the same actor."""
    share = min(0.5, model.duplicates / max(1, size - 1))
    return math.log2(share / (1 - share))


def score_candidates(network, *, kinds=None, threshold=0.0, model: MatchModel | None = None,
                     progress=None) -> pd.DataFrame:
    """The candidate pairs of ``network`` with their match probability, band and reason.

    Parameters
    ----------
    network : ActorNetwork
    kinds : iterable of str, optional
        Only these kinds (default: every actor kind and networks).
    threshold : float
        The lowest probability listed.
    model : MatchModel, optional
    progress : callable, optional
        Called as ``progress(done, total)`` with the pairs compared so far.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LINK_COLUMNS`, the most probable first (then by names and ids).

    Examples
    --------
    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="institution", name="Ecologic Institut", external_ids="wikidata:Q1")
    >>> G.add_node("b", kind="company", name="Ecologic GmbH", external_ids="wikidata:Q1")
    >>> score_candidates(ActorNetwork(G))[["id_a", "id_b", "probability", "band"]].values.tolist()
    [['b', 'a', 1.0, 'auto']]
    """
    from actornet.graph.gc_pause import gc_paused

    with gc_paused():  # records and pairs are many small containers, none in a cycle
        return _scored(network, kinds, threshold, model or MatchModel(), progress)


def _scored(network, kinds, threshold, model, progress) -> pd.DataFrame:
    records = actor_records(network, kinds, neighbours=set(model.shared_neighbour))
    pairs = blocking_pairs(records)
    items = list(records.itertuples(index=False))
    out, priors, done = [], {}, 0
    group_of = records["group"].to_numpy(dtype=object)[pairs["a"].to_numpy(dtype=np.int64)]
    for group, part in records.groupby("group", sort=True):
        chosen = pairs[group_of == group]
        mine = list(zip(chosen["a"].tolist(), chosen["b"].tolist()))
        if not mine:
            continue

        def tick(at, base=done):
            if progress is not None:
                progress(base + at, len(pairs))

        scoring = _Group(group, part, model)
        scored = _score_group(scoring, items, mine, tick)
        done += len(mine)
        if not scored:
            continue
        bits = np.array([r[2] for r in scored])
        certain = np.array([r[3] for r in scored])
        prior = priors[group] = _prior(len(part), model)
        probability = np.where(certain, 1.0, 1 / (1 + np.exp2(-(prior + bits))))
        for (a, b, _, _, evidence), p in zip(scored, probability):
            if p >= threshold:
                reason = _reason(scoring, items[a], items[b], (a, b), evidence)
                out.append(_row(items[a], items[b], float(p), reason, model))
    if progress is not None:
        progress(len(pairs), len(pairs))
    table = pd.DataFrame(out, columns=LINK_COLUMNS)
    if not table.empty:
        table = table.sort_values(["probability", "name_a", "name_b", "id_a", "id_b"],
                                  ascending=[False, True, True, True, True],
                                  kind="stable").reset_index(drop=True)
    table.attrs["prior_bits"] = priors
    return table


def _row(rec_a, rec_b, probability, reason, model) -> tuple:
    if (rec_b.name, rec_b.id) < (rec_a.name, rec_a.id):
        rec_a, rec_b = rec_b, rec_a
    kind = rec_a.kind if rec_a.kind == rec_b.kind else " / ".join(sorted((rec_a.kind,
                                                                           rec_b.kind)))
    city = rec_a.city_name if rec_a.city is not None and rec_a.city == rec_b.city else ""
    probability = round(probability, 6)
    return (rec_a.id, rec_a.name, rec_b.id, rec_b.name, kind,
            rec_a.country or rec_b.country or "", city or "", probability,
            band_of(probability, model), reason)
