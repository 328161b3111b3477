"""Generated networks of any size, for benchmarks and tests.

The shape imitates a city's partnership network: a home city and partner
cities, organisations clustered by city, people who are members of them,
cooperation mostly within a city and less often across, projects joining a few
actors. Seeded: the same arguments give the same network.
"""

from __future__ import annotations

import random

import networkx as nx

from actornet.graph.gc_pause import gc_paused
from actornet.graph.errors import UsageError
from actornet.graph.network import ActorNetwork, tie_key
from actornet.graph.schema import Kind, Theme, ThemeTable, TieType

__all__ = ["generated_network"]

_THEMES = [("business", 3), ("science", 3), ("culture", 3), ("climate", 3),
           ("integration", 2), ("youth", 1), ("justice", 1), ("sport", 1),
           ("urban_development", 1), ("transport", 1), ("administration", 1)]


def generated_network(actors: int = 1000, ties: int = 5000, *, cities: int = 19,
                      seed: int | None = 0, hubs: int = 0) -> ActorNetwork:
    """A random partnership-like network with about ``actors`` actors and
    exactly ``ties`` cooperation, membership, contact and project ties (plus
    one BASED_IN per actor and the partnerships).

    Parameters
    ----------
    actors : int
        Number of actors, cities included (at least ``cities``).
    ties : int
        Number of ties besides BASED_IN and PARTNER_OF.
    cities : int
        The home city plus partner cities.
    seed : int or None
        Random seed.
    hubs : int
        Hub organisations per city (0: none, the flat default). With hubs,
        the network is heavy-tailed as real ones are: half of the
        cooperation ends and project participants are drawn from the hubs,
        with Zipf weights (the first hub of a city gets the most), so a few
        organisations per city hold most ties.

    Examples
    --------
    >>> net = generated_network(200, 600, seed=1)
    >>> len(net.actors())
    200
    >>> net == generated_network(200, 600, seed=1)
    True
    >>> heavy = generated_network(2000, 8000, seed=1, hubs=3)
    >>> degrees = sorted((d for _, d in heavy.graph.degree()), reverse=True)
    >>> degrees[0] > 10 * degrees[len(degrees) // 2]
    True
    """
    if actors < cities or cities < 2:
        raise UsageError("need at least two cities and as many actors as cities")
    if isinstance(hubs, bool) or not isinstance(hubs, int) or hubs < 0:
        raise UsageError("hubs must be a whole number >= 0")
    with gc_paused():
        return _generate(actors, ties, cities, seed, hubs)


def _generate(actors, ties, cities, seed, hubs=0):
    rng = random.Random(seed)
    themes = ThemeTable(Theme(t, t.replace("_", " ").capitalize(), "", p) for t, p in _THEMES)
    theme_ids = [t for t, _ in _THEMES]
    G = nx.MultiDiGraph(name=f"generated {actors}/{ties}")
    for theme in themes:
        G.add_node(theme.id, kind=Kind.THEME.value, name=theme.label_en, priority=theme.priority)
    city_ids = _add_cities(G, rng, cities)
    by_city, orgs_in, organisations, people = _add_actors(G, rng, actors - cities, city_ids,
                                                          theme_ids)
    projects = _add_projects(G, rng, ties, theme_ids)
    _add_ties(G, rng, ties, hubs, theme_ids, city_ids, by_city, orgs_in, organisations, people,
              projects)
    return ActorNetwork._adopt(G, themes)


def _add_cities(G, rng, cities) -> list:
    """The cities, the first partnered with every other; their ids."""
    city_ids = [f"c{i:03d}" for i in range(cities)]
    for i, city in enumerate(city_ids):
        G.add_node(city, kind=Kind.CITY.value, name=f"City {i}")
    for city in city_ids[1:]:
        G.add_edge(city_ids[0], city, key=tie_key(city_ids[0], TieType.PARTNER_OF, city),
                   type=TieType.PARTNER_OF.value, since=rng.randint(1960, 2020))
    return city_ids


def _add_actors(G, rng, count, city_ids, theme_ids):
    """``count`` actors, each based in a city: ``(by_city, orgs_in, organisations, people)``."""
    kinds = [Kind.INSTITUTION] * 5 + [Kind.NGO] * 3 + [Kind.FEDERAL_BODY] + [Kind.PERSON] * 4
    by_city = {c: [c] for c in city_ids}
    orgs_in = {c: [] for c in city_ids}
    organisations, people = [], []
    # Half of everyone sits in the home city, as in a real international office's network.
    for i in range(count):
        kind = rng.choice(kinds)
        city = city_ids[0] if rng.random() < 0.5 else rng.choice(city_ids[1:])
        node = f"a{i:06d}"
        G.add_node(node, kind=kind.value, name=f"Actor {i}",
                   themes=sorted(rng.sample(theme_ids, rng.randint(0, 2))))
        G.add_edge(node, city, key=tie_key(node, TieType.BASED_IN, city), type=TieType.BASED_IN.value)
        by_city[city].append(node)
        if kind is Kind.PERSON:
            people.append((node, city))
        else:
            organisations.append((node, city))
            orgs_in[city].append(node)
    return by_city, orgs_in, organisations, people


def _add_projects(G, rng, ties, theme_ids) -> list:
    """One project per 50 ties (at least one); their ids."""
    projects = [f"prj{i:05d}" for i in range(max(1, ties // 50))]
    for i, project in enumerate(projects):
        since = rng.randint(1990, 2024)
        G.add_node(project, kind=Kind.PROJECT.value, name=f"Project {i}",
                   themes=[rng.choice(theme_ids)], since=since,
                   until=min(2026, since + rng.randint(1, 6)))
    return projects


def _add_ties(G, rng, ties, hubs, theme_ids, city_ids, by_city, orgs_in, organisations, people,
              projects):
    """``ties`` more ties: memberships, acquaintances, participations and cooperations."""
    non_people = [n for n, _ in organisations] + city_ids
    # Hubs: the first organisations of each city, drawn with Zipf weights.
    hub_of = {c: orgs_in[c][:hubs] for c in city_ids}
    hub_weights = {c: [1.0 / (r + 1) for r in range(len(hub_of[c]))] for c in city_ids}
    all_hubs = [(h, c) for c in city_ids for h in hub_of[c]]

    def pick(city):
        if hub_of[city] and rng.random() < 0.5:
            return rng.choices(hub_of[city], hub_weights[city])[0]
        return rng.choice(by_city[city])

    made = 0
    while made < ties:
        roll = rng.random()
        since = rng.randint(1990, 2026)
        if roll < 0.15 and people and organisations:
            person, city = rng.choice(people)
            if not orgs_in[city]:
                continue
            u, v, tie_type = person, rng.choice(orgs_in[city]), TieType.MEMBER_OF
        elif roll < 0.25 and len(people) > 1:
            (u, _), (v, _) = rng.sample(people, 2)
            tie_type = TieType.KNOWS
        elif roll < 0.40:
            if all_hubs and rng.random() < 0.5:
                u = pick(rng.choice(all_hubs)[1])
            else:
                u = rng.choice(non_people)
            v = rng.choice(projects)
            tie_type = TieType.PARTICIPATES_IN if rng.random() < 0.85 else TieType.FUNDS
        else:
            u_city = rng.choice(city_ids)
            u = pick(u_city)
            v_city = u_city if rng.random() < 0.6 else rng.choice(city_ids)
            v = pick(v_city)
            tie_type = TieType.COOPERATES_WITH
        if u == v:
            continue
        key = tie_key(u, tie_type, v, since=since)
        if G.has_edge(u, v, key):
            continue
        attrs = {"type": tie_type.value, "since": since, "weight": rng.randint(1, 5)}
        if tie_type is TieType.COOPERATES_WITH:
            attrs["themes"] = [rng.choice(theme_ids)]
            if rng.random() < 0.3:
                attrs["until"] = min(2026, since + rng.randint(0, 10))
        G.add_edge(u, v, key=key, **attrs)
        made += 1
