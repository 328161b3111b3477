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
from actornet.queries.link_model import fit_actor_model, fit_pair_model

__all__ = ["LearnedModels", "Learned", "learned_from_past"]

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
