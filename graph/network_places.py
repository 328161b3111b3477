"""Where a network's actors sit, its home city and partnerships, and finding
actors by name: the part of :class:`~actornet.graph.network.ActorNetwork`
that answers "which city, which actor?".

:class:`NetworkPlaces` is a base class of ``ActorNetwork``; it reads the
network's graph (``self._graph``) and its stated home (``self._home``).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from functools import cached_property
from types import MappingProxyType

from actornet.graph.gc_pause import gc_paused
from actornet.graph.columns import graph_tables
from actornet.graph.errors import NotStorable, ResolveError
from actornet.graph.schema import Kind, TieType, fold_text
from actornet.graph.table_facts import NetworkColumns, city_seats, partner_ties

__all__ = ["NetworkPlaces", "external_spellings"]


class NetworkPlaces:
    """Cities, the home city, partnerships and names of a network (a base class
    of :class:`~actornet.graph.network.ActorNetwork`)."""

    def column_tables(self):
        """The graph as column tables (:class:`~actornet.graph.table_facts.NetworkColumns`:
        nodes and ties in the graph's order, each attribute as codes into its
        distinct values), or None where the graph is walked instead (a view,
        a value no table can hold). Read them, never change them."""
        return self._column_tables()

    def _column_tables(self):
        """The graph as column tables (:class:`~actornet.graph.table_facts.NetworkColumns`),
        made once and kept (the cache stores them as they are,
        :mod:`actornet.graph.stored`); the facts every analysis starts from
        are computed from them. None for a view (it walks its graph), for a
        graph still in its box and for a graph holding a value no table can."""
        state = self.__dict__
        if "_tables" not in state:
            if "_graph" not in state:
                return None
            arrays = {}
            try:
                with gc_paused():
                    graph_tables(state["_graph"], arrays, leave_out=("name",))
                state["_tables"] = NetworkColumns(arrays, state["_graph"])
            except NotStorable:
                state["_tables"] = None
        return state["_tables"]

    # -- where actors sit --------------------------------------------------
    @cached_property
    def _cities(self) -> dict:
        tables = self._column_tables()
        if tables is not None:
            return city_seats(tables)
        G = self._graph
        based_in, member_of = TieType.BASED_IN.value, TieType.MEMBER_OF.value
        city, memberships = {}, []
        for u, neighbours in G._succ.items():  # plain dicts: one pass, in edge order
            for v, keyed in neighbours.items():
                for data in keyed.values():
                    tie_type = data["type"]
                    if tie_type == based_in:
                        city.setdefault(u, v)
                    elif tie_type == member_of:
                        memberships.append((u, v))
        city_kind = Kind.CITY.value
        for n, data in G._node.items():
            if data["kind"] == city_kind:
                city[n] = n
        # A person with no seat of their own sits where their organisation does.
        for u, v in memberships:
            if u not in city and v in city:
                city[u] = city[v]
        return city

    def cities(self):
        """Where every actor sits: a read-only mapping actor id -> city id
        (actors that sit nowhere known are left out; a city sits in itself).

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> seats = generated_network(30, 60, cities=2, seed=1).cities()
        >>> seats["c001"], seats.get("nobody")
        ('c001', None)
        """
        return MappingProxyType(self._cities)

    def city_of(self, node):
        """The city ``node`` sits in (a city sits in itself), or None.

        From the actor's first BASED_IN tie; a person with none sits where the
        first organisation they are a member of sits.
        """
        return self._cities.get(node)

    @cached_property
    def _partner_pairs(self) -> dict:
        """Formal partnerships, undirected: ``(a, b)`` with ``a <= b`` -> the
        ties saying so and the sides that claim them.

        A->B and B->A are one partnership. A tie's ``claimed_by`` (written by
        ``actornet import`` for directed sources such as Wikidata) names the
        one side that claims it; a tie without it, or ties in both
        directions, count as claimed by both sides.
        """
        tables = self._column_tables()
        pairs = {}
        for u, v, key, data in (self.ties([TieType.PARTNER_OF]) if tables is None
                                else partner_ties(tables)):
            pair = (u, v) if u <= v else (v, u)
            item = pairs.setdefault(pair, {"ties": [], "claims": set(), "since": None,
                                           "status": None})
            item["ties"].append(key)
            claimed = data.get("claimed_by")
            item["claims"].update({claimed} if claimed in (u, v) else {u, v})
            since = data.get("since")
            if since is not None and (item["since"] is None or since < item["since"]):
                item["since"] = since
            if item["status"] is None and data.get("status"):
                item["status"] = data["status"]
        return pairs

    @cached_property
    def home_inference(self):
        """How the home city would be inferred: ``(chosen, partners, runner_up,
        partners)`` where partners counts distinct partner cities; None without
        partnerships. ``runner_up`` is None when only one city has any."""
        counts = defaultdict(int)
        for a, b in self._partner_pairs:
            counts[a] += 1
            counts[b] += 1
        if not counts:
            return None
        ranked = sorted(counts, key=lambda c: (-counts[c], c))
        runner = ranked[1] if len(ranked) > 1 else None
        return ranked[0], counts[ranked[0]], runner, counts[runner] if runner else 0

    @property
    def stated_home(self):
        """The home city as stated (``home``: an id, name or alias), or None."""
        return self._home

    @property
    def home_stated(self) -> bool:
        """True when the home city was stated (``home``), not inferred."""
        return self._home is not None

    @cached_property
    def home_city(self):
        """The home city: the one stated (``home``), else the city with the
        most partner cities (see :attr:`home_inference`), or None.

        Raises
        ------
        ResolveError
            If the stated home names no city, or several (the message lists
            them with their country).
        """
        if self._home is not None:
            return self._resolve_city(self._home)
        inferred = self.home_inference
        return inferred[0] if inferred else None

    @cached_property
    def _city_spellings(self) -> dict:
        """Folded id, name and aliases -> the cities spelled so (a home city is
        found among the cities alone, without folding every actor's name)."""
        index = defaultdict(set)
        for n, d in self._graph.nodes(data=True):
            if d["kind"] == Kind.CITY.value:
                for spelling in (n, d.get("name"), *d.get("aliases", ()),
                                 *external_spellings(d)):
                    if spelling:
                        index[fold_text(spelling)].add(n)
        return index

    def _resolve_city(self, text) -> str:
        if self._cities.get(text) == text:  # a city sits in itself (and only a city)
            return text
        matches = sorted(self._city_spellings.get(fold_text(text), ()))
        if len(matches) == 1:
            return matches[0]
        nodes = self._graph.nodes
        if matches:
            listed = ", ".join(f"{n} ({nodes[n].get('name', n)}, "
                               f"{nodes[n].get('country') or 'country unknown'})" for n in matches)
            raise ResolveError(f"the home city name matches several cities: {listed}; "
                               "give the home city by its id", matches)
        close = difflib.get_close_matches(fold_text(text), list(self._city_spellings),
                                          n=3, cutoff=0.75)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ResolveError(f"no city has the home city's id, name or alias{hint}", [])

    def home_note(self) -> str | None:
        """A warning to show when the home city was inferred, else None."""
        if self.home_stated or self.home_inference is None:
            return None
        chosen, count, runner, runner_count = self.home_inference
        text = (f"no home city stated; chose {self.name_of(chosen)} ({chosen}), the city "
                f"with the most partner cities ({count})")
        if runner is not None:
            text += f"; runner-up {self.name_of(runner)} ({runner}, {runner_count})"
        return text + ". State it with --home CITY or `home` in network.toml."

    def name_of(self, node) -> str:
        """A node's name (its id when it has none); an actor's from the
        projection while the graph is still in its box (a cached network
        makes its graph only when an analysis needs it).

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> net = generated_network(30, 60, cities=2, seed=1)
        >>> net.name_of("c000") == net.graph.nodes["c000"]["name"]
        True
        """
        if "_graph" not in self.__dict__:
            for P in self.__dict__.get("_projections", {}).values():
                i = P.index.get(node)
                if i is not None:
                    return P.names[i]
        return self._graph.nodes[node].get("name", node)

    def partnership_counts(self) -> tuple[int, int]:
        """``(pairs, one_sided)``: formal partnerships in the whole network (A->B
        and B->A count once) and how many of them only one side claims."""
        pairs = self._partner_pairs
        return len(pairs), sum(1 for item in pairs.values() if len(item["claims"]) == 1)

    def partnerships(self) -> list[dict]:
        """The home city's formal partnerships: one dict per partner city.

        Keys: ``city``, ``name``, ``since`` (year signed; the earliest if
        several ties say so), ``status`` (``active`` unless a tie says
        otherwise), ``tie`` (the first tie), ``ties`` (all ties for this
        pair: A->B and B->A are one partnership) and ``claimed_by`` (the
        id of the one side claiming it, or "" when both sides do).
        """
        home = self.home_city
        rows = []
        for (a, b), item in self._partner_pairs.items():
            if home not in (a, b):
                continue
            partner = b if a == home else a
            claims = item["claims"]
            rows.append({"city": partner, "name": self.name_of(partner),
                         "since": item["since"], "status": item["status"] or "active",
                         "tie": item["ties"][0], "ties": list(item["ties"]),
                         "claimed_by": next(iter(claims)) if len(claims) == 1 else ""})
        return sorted(rows, key=lambda r: (r["since"] is None, r["since"] or 0, r["name"]))

    # -- finding actors ------------------------------------------------------
    @cached_property
    def _spellings(self) -> dict:
        index = defaultdict(set)
        for n, d in self._graph.nodes(data=True):
            if d["kind"] == Kind.THEME.value:
                continue
            for spelling in (n, d.get("name"), *d.get("aliases", ()), *external_spellings(d)):
                if spelling:
                    index[fold_text(spelling)].add(n)
        return index

    @cached_property
    def _city_places(self) -> dict:
        """GeoNames id -> the cities that are that place (by their
        ``geonames:`` external id, else by name, country and coordinates)."""
        from actornet.graph.gazetteer import city_place

        found = defaultdict(set)
        for n, d in self._graph.nodes(data=True):
            if d["kind"] == Kind.CITY.value:
                place = city_place(d)
                if place is not None:
                    found[place].add(n)
        return found

    def _city_by_other_name(self, text):
        """The one city ``text`` names in the gazetteer ("Djakarta",
        "Taschkent": GeoNames' alternate names), or None."""
        from actornet.graph.gazetteer import find_place

        if not any(d == Kind.CITY.value for _, d in self._graph.nodes(data="kind")):
            return None
        place = find_place(str(text))
        found = self._city_places.get(place.geonameid) if place is not None else None
        return next(iter(found)) if found is not None and len(found) == 1 else None

    def resolve(self, text) -> str:
        """The id of the actor or project named by ``text``.

        ``text`` may be an id, a name or an alias; case, accents and extra
        spaces are ignored ("kiew", "Peking", "ciudad de mexico"); a city is
        also found by its other names in the gazetteer ("Djakarta" is
        Jakarta: :mod:`actornet.graph.gazetteer`).

        Raises
        ------
        ResolveError
            If nothing matches or several actors do; the message lists the
            closest matches (people by id only).
        """
        if text in self._graph and self._graph.nodes[text]["kind"] != Kind.THEME.value:
            return text
        key = fold_text(text)
        matches = sorted(self._spellings.get(key, ()))
        if not matches:  # another name of a city in the gazetteer ("Djakarta")
            matches = [c for c in (self._city_by_other_name(text),) if c is not None]
        if len(matches) == 1:
            return matches[0]
        if matches:
            from actornet.graph.describe import describe_candidates

            raise ResolveError("the name matches several actors: "
                               + describe_candidates(self, matches) + "; use an id", matches,
                               ambiguous=True)
        candidates = []
        for spelling in self.nearest_spellings(key):
            for n in sorted(self._spellings[spelling]):
                if n not in candidates:
                    candidates.append(n)
        candidates = candidates[:5]
        if candidates:
            from actornet.graph.describe import describe_actor

            raise ResolveError("no actor has that id, name or alias; did you mean "
                               + ", ".join(describe_actor(self, n) for n in candidates) + "?",
                               candidates)
        raise ResolveError("no actor has that id, name or alias", [])

    def nearest_spellings(self, text, *, limit=5, cutoff=75.0) -> list:
        """The spellings (ids, names, aliases; folded: case and accents
        ignored) nearest to ``text``, best first: a fuzzy match (rapidfuzz)
        of the whole spelling, or of ``text`` within a longer one
        ("humbolt" finds "Humboldt-Universität zu Berlin").

        Examples
        --------
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("hu", kind="institution", name="Humboldt-Universität zu Berlin")
        >>> G.add_node("tashkent", kind="city", name="Tashkent", aliases=["Taschkent"])
        >>> from actornet.graph.network import ActorNetwork
        >>> ActorNetwork(G).nearest_spellings("Humbolt")
        ['humboldt-universitat zu berlin']
        >>> ActorNetwork(G).nearest_spellings("Tashknet")
        ['tashkent', 'taschkent']
        """
        from rapidfuzz import fuzz, process

        key = fold_text(text)

        def score(query, spelling, **_):
            best = fuzz.ratio(query, spelling)
            if len(spelling) >= len(query) >= 4:
                best = max(best, fuzz.partial_ratio(query, spelling) - 5)
            return best

        found = process.extract(key, list(self._spellings), scorer=score, limit=limit,
                                score_cutoff=cutoff)
        return [spelling for spelling, _, _ in sorted(found, key=lambda f: (-f[1], f[0]))]


def external_spellings(d):
    """An actor's external ids as it may be named: ``wikidata:Q64`` and ``Q64``."""
    for item in d.get("external_ids") or ():
        yield item
        yield item.partition(":")[2]
