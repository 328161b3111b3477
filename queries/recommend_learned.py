"""What the recommender learns from a network's past, once per network, year and partnerships.

:func:`learned_from_past` fits the pair and actor models of
:mod:`actornet.queries.link_model` on the network's past up to a year, over
the home city's partnerships and twice as many pairs of its partner cities,
and keeps them with the network (dropped with it): the report and the page
ask many questions of one network through new recommenders. What a question
scores with is :class:`Learned`.

Pure analysis: nothing here reads files or talks to a store.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Callable

import numpy as np

from actornet.graph.schema import Kind
from actornet.queries.link_history import Past
from actornet.queries.link_model import LinkModel, fit_actor_model, fit_pair_model

__all__ = ["LearnedModels", "Learned", "learned_from_past", "learned_data", "adopt_learned"]

_CITY = Kind.CITY.value


@dataclass(frozen=True)
class LearnedModels:
    """The two models learned from a network's past, each with its ``note``.

    Attributes
    ----------
    pairs : object
        Scores introductions (see :func:`actornet.queries.link_model.fit_pair_model`).
    actors : object
        Scores ``bring_in`` and ``counterparts`` (see
        :func:`actornet.queries.link_model.fit_actor_model`).
    """

    pairs: object
    actors: object


@dataclass(frozen=True)
class Learned:
    """What a question scores with, after learning.

    Attributes
    ----------
    models : LearnedModels
    past : Past
        The network's past (every actor, by past index).
    history : object
        The past as of the year asked for (``past.as_of(as_of)``).
    past_side : callable
        ``past_side(city)``: which of the past's actors (people and
        organisations, no city node) sit in ``city``, as a boolean array.
    to_view : numpy.ndarray
        Past index -> projection index of the network read (-1: not in it).
    """

    models: LearnedModels
    past: Past
    history: object
    past_side: Callable
    to_view: np.ndarray


#: id(network) -> what was learned from it (dropped with the network).
_MEMO = {}


def _memo(network) -> dict:
    key = id(network)
    if key not in _MEMO:
        _MEMO[key] = {}
        weakref.finalize(network, _MEMO.pop, key, None)
    return _MEMO[key]


def learned_from_past(network, as_of, home, partners, index) -> Learned:
    """Learn the pair and actor scores from ``network``'s past up to ``as_of``.

    Parameters
    ----------
    network : ActorNetwork
    as_of : int or None
        The year asked for (None: the whole past).
    home : str
        The home city.
    partners : set of str
        Its partner cities.
    index : dict
        Actor id -> projection index of the network read.

    Returns
    -------
    Learned
        The models (fitted once per network, year and partnerships, then
        kept with the network) and what scoring with them reads.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> from actornet.queries.activity import home_partnerships
    >>> net = generated_network(300, 1500, seed=1)
    >>> home, partnerships = home_partnerships(net)
    >>> partners = {p["city"] for p in partnerships}
    >>> learned = learned_from_past(net, None, home, partners, {})
    >>> learned.models is learned_from_past(net, None, home, partners, {}).models
    True
    >>> bool(learned.past_side(home).any()), bool((learned.to_view == -1).all())
    (True, True)
    """
    memo = _memo(network)
    past = memo.get("past")
    if past is None:
        past = memo["past"] = Past(network)
    seats = network.cities()
    person = past.kinds != _CITY
    found = {}

    def sides(city):
        if city not in found:
            found[city] = np.array([seats.get(a) == city for a in past.actors],
                                   bool) & person
        return found[city]

    key = (as_of, home, tuple(sorted(partners)))
    if key not in memo:
        # The home city's partnerships, and twice as many pairs of its
        # partner cities: more of the network's past to learn from.
        pairs = [(home, c) for c in sorted(partners)]
        others = [(a, b) for a in sorted(partners) for b in sorted(partners) if a < b]
        rng = np.random.default_rng(0)
        pairs += [others[i] for i in
                  sorted(rng.permutation(len(others))[:2 * len(pairs)])]
        memo[key] = LearnedModels(fit_pair_model(past, as_of, pairs, sides),
                                  fit_actor_model(past, as_of, pairs, sides))
    to_view = np.array([index.get(a, -1) for a in past.actors], np.int64)
    return Learned(memo[key], past, past.as_of(as_of), sides, to_view)


def _is_key(key) -> bool:
    return isinstance(key, tuple) and len(key) == 3 and isinstance(key[1], str)


def learned_data(network) -> tuple[dict, dict]:
    """Everything learned from ``network``'s past so far, as data:
    ``(meta, arrays)``, JSON-able values and 1-d float64 arrays, for
    :func:`adopt_learned` in a later process (the cache keeps it).

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> from actornet.queries.activity import home_partnerships
    >>> net = generated_network(300, 1500, seed=1)
    >>> home, partnerships = home_partnerships(net)
    >>> partners = {p["city"] for p in partnerships}
    >>> learned = learned_from_past(net, 2025, home, partners, {})
    >>> meta, arrays = learned_data(net)
    >>> again = generated_network(300, 1500, seed=1)
    >>> adopt_learned(again, meta, arrays)
    1
    >>> learned_from_past(again, 2025, home, partners, {}).models.pairs.note == \\
    ...     learned.models.pairs.note
    True
    """
    entries, arrays = [], {}
    for key, models in _memo(network).items():
        if not _is_key(key):
            continue
        as_of, home, partners = key
        entry = {"as_of": as_of, "home": home, "partners": list(partners)}
        for part in ("pairs", "actors"):
            meta, values = getattr(models, part).to_data()
            prefix = f"{len(entries)}.{part}."
            entry[part] = {"meta": meta, "arrays": [prefix + name for name in values]}
            arrays.update((prefix + name, value) for name, value in values.items())
        entries.append(entry)
    return {"learned": entries}, arrays


def adopt_learned(network, meta, arrays) -> int:
    """Keep with ``network`` the models :func:`learned_data` gave (for the
    same network, read again): later questions score with them instead of
    learning again. Returns how many were adopted.

    Raises
    ------
    ValueError
        If ``meta`` or ``arrays`` are not what :func:`learned_data` writes.
    """
    entries = meta.get("learned") if isinstance(meta, dict) else None
    if not isinstance(entries, list):
        raise ValueError("not learned models' data")
    adopted = {}
    for entry in entries:
        try:
            as_of, home, partners = entry["as_of"], entry["home"], entry["partners"]
            if not (as_of is None or type(as_of) is int) or not isinstance(home, str) \
                    or not all(isinstance(p, str) for p in partners):
                raise ValueError("not learned models' data")
            parts = {}
            for part in ("pairs", "actors"):
                names = entry[part]["arrays"]
                values = {name.rsplit(".", 1)[1]: arrays[name] for name in names}
                parts[part] = LinkModel.from_data(entry[part]["meta"], values)
        except (KeyError, TypeError, AttributeError, IndexError) as err:
            raise ValueError("not learned models' data") from err
        adopted[(as_of, home, tuple(partners))] = LearnedModels(**parts)
    memo = _memo(network)
    for key, models in adopted.items():
        memo.setdefault(key, models)
    return len(adopted)
