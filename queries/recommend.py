"""Who should we connect: actors and introductions for a project with a partner city.

An analyst starts a project in a theme with a partner city. :func:`recommend`
answers with three ranked tables, each row with its evidence, a plain
``why`` and the warm introduction path (every step with the ties behind it):

- ``bring_in``: home-city actors to bring in: active in the theme, already
  tied into the partner city, or reaching it through their contacts;
- ``counterparts``: actors in the partner city, by the same measures seen
  from the other side;
- ``introductions``: pairs (home actor, counterpart) not tied yet, scored by
  shared contacts (Adamic-Adar, resource allocation), the theme and whether
  the pair opens a new route between the two cities.

Scores are learned from the network's own past when it is large enough
(:mod:`actornet.queries.link_model`: what foretold the new collaborations of
the last two years, between the home city and its partner cities and among
these, fitted with scikit-learn); each learned row's ``why`` names the two
or three features that carried it. With too small a past, or weights given,
the fixed weights below score, and ``notes`` says which was used. On CORDIS
H2020 the learned introductions foresee 1.02-1.30x as many of the pairs
that really formed as theme activity, the best simple rule, where the fixed
weights foresaw 0.63-0.89x (``benchmarks/recommend_real.py``).

:class:`Recommender` prepares a network once (the actor graph as sparse
arrays, who works on which theme) and answers many projects quickly: on a
generated network of 100k actors and 1M ties a question takes about a
second (see ``benchmarks/gaps.py``). :func:`recommend` is the one-shot form.

What counts as a tie here
-------------------------
Scores run over the actor graph (``ActorNetwork.actor_graph``: direct ties
and shared projects) without the formal partnerships: a city's PARTNER_OF
ties would make every city a shared contact of everyone. Warm paths run over
the whole actor graph with the lengths of
:func:`actornet.queries.paths.route_lengths`, as
:func:`actornet.queries.paths.introduction_path` does: never over a suspended
partnership, and through a city node (a whole city's administration) or an
actor of a suspended partner city only when nothing else links (the ``why``
says so). A city node is never a candidate to bring in, meet or introduce.

Pure analysis: nothing here reads files or talks to a store.

References
----------
.. [1] Adamic, L. A. and Adar, E. (2003). Friends and neighbors on the Web.
   Social Networks 25(3), 211-230.
.. [2] Zhou, T., Lü, L. and Zhang, Y.-C. (2009). Predicting missing links via
   local information. European Physical Journal B 71, 623-630.
"""

from __future__ import annotations

import heapq
import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from actornet.graph.gc_pause import gc_paused
from actornet.graph.describe import not_a_partner_message
from actornet.graph.errors import QueryError
from actornet.graph.labels import actor_labels
from actornet.graph.projection import link_role
from actornet.graph.schema import Kind, Projection, TieType
from actornet.queries.nearest_kernel import nearest_path
from actornet.queries.activity import home_partnerships as _partnerships
from actornet.queries.link_features import ACTOR_FEATURES as ACTOR_WORDS
from actornet.queries.link_features import PAIR_FEATURES as FEATURE_WORDS
from actornet.queries.link_features import actor_table, pair_grid
from actornet.queries.link_history import Past
from actornet.queries.link_model import fit_actor_model, fit_pair_model
from actornet.queries.weights import checked_weights
from actornet.queries.paths import path_along as _path, route_caveat, route_lengths

__all__ = [
    "recommend",
    "Recommender",
    "Recommendation",
    "RECOMMEND_WEIGHTS",
    "RECOMMEND_COLUMNS",
    "SIDE_WEIGHTS",
    "SIDE_COLUMNS",
    "STEP_KEYS",
]

#: The default weight of each part of an introduction's score (each part runs
#: from 0 to 1; override with ``weights=``).
#:
#: - ``adamic_adar``: shared contacts, rare ones counting more (Adamic & Adar
#:   2003), over the best candidate pair's;
#: - ``resource_allocation``: shared contacts weighted 1 / degree (Zhou, Lü &
#:   Zhang 2009), over the best candidate pair's;
#: - ``theme``: how many of the two are active in the theme (0, 0.5 or 1);
#: - ``bridging``: 1 when neither has a working tie across yet (the pair
#:   would open a new independent route), 0.5 when one of them is new.
RECOMMEND_WEIGHTS = {
    "adamic_adar": 1.0,
    "resource_allocation": 1.0,
    "theme": 1.0,
    "bridging": 0.5,
}

#: The columns of the ``introductions`` table, in order.
RECOMMEND_COLUMNS = [
    "rank", "home_actor", "home_name", "home_kind", "partner_actor", "partner_name",
    "partner_kind", "score", "adamic_adar", "resource_allocation", "theme", "bridging",
    "common_contacts", "path", "path_names", "steps", "why",
]

#: The default weight of each part of a ``bring_in`` or ``counterparts``
#: actor's score (each part runs from 0 to 1; override with ``side_weights=``).
#:
#: - ``theme``: 1 when the actor has ties or shared projects in the theme,
#:   0.5 when it only declares the theme (its themes, a WORKS_ON tie);
#: - ``contacts``: the summed strength of its ties to actors on the other
#:   side, over the best candidate's;
#: - ``reach``: how many actors of the other side it reaches in two steps
#:   (through a contact, not directly), over the best candidate's.
SIDE_WEIGHTS = {
    "theme": 1.0,
    "contacts": 1.0,
    "reach": 0.5,
}

#: The columns of the ``bring_in`` and ``counterparts`` tables, in order.
SIDE_COLUMNS = [
    "rank", "actor", "name", "kind", "score", "theme", "contacts", "reach", "roles",
    "theme_evidence", "direct_contacts", "via", "path", "path_names", "steps", "why",
]

#: The keys of each step in a ``steps`` list (the evidence of one step of a
#: warm path, as in :class:`actornet.queries.paths.IntroductionStep`).
STEP_KEYS = ["from", "to", "types", "themes", "since", "until", "evidence", "projects", "ties"]

_PARTNER_OF = TieType.PARTNER_OF.value
_CITY = Kind.CITY.value
#: How many ids an evidence list names at most.
_EVIDENCE_LIMIT = 5


@dataclass(frozen=True)
class _Models:
    pairs: object
    actors: object


#: id(network) -> what was learned from it (dropped with the network).
_MEMO = {}


def _memo(network) -> dict:
    key = id(network)
    if key not in _MEMO:
        _MEMO[key] = {}
        weakref.finalize(network, _MEMO.pop, key, None)
    return _MEMO[key]


@dataclass(frozen=True)
class Recommendation:
    """The answer for one project: three ranked tables.

    Attributes
    ----------
    theme, city, home : str
        The theme's id, the partner city's id and the home city's id.
    as_of : int or None
        The year the network was read in (None: every tie).
    bring_in, counterparts : pandas.DataFrame
        Actors, with the columns :data:`SIDE_COLUMNS`.
    introductions : pandas.DataFrame
        Pairs, with the columns :data:`RECOMMEND_COLUMNS`.
    notes : tuple of str
        Plain sentences on what the tables cannot give (e.g. that no
        home-city actor is active in the theme, so there is nobody to bring
        in).
    """

    theme: str
    city: str
    home: str
    as_of: int | None
    bring_in: pd.DataFrame
    counterparts: pd.DataFrame
    introductions: pd.DataFrame
    notes: tuple = ()


class Recommender:
    """A network prepared for many :meth:`recommend` questions.

    Preparing reads every tie once (seconds on a million ties); each
    question then works on sparse arrays.

    Parameters
    ----------
    network : ActorNetwork
    as_of : int, optional
        Use only ties valid in that year (see ``ActorNetwork.as_of``); the
        learned scores read only what had started by then.
    learn : bool, default True
        Learn the scores from the network's past (:meth:`fit`, on the first
        question); False: the fixed weights.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> net = generated_network(300, 1500, seed=1)
    >>> ask = Recommender(net)
    >>> city = net.partnerships()[0]["city"]
    >>> answer = ask.recommend("climate", city, k=3)
    >>> len(answer.bring_in), len(answer.counterparts), len(answer.introductions)
    (3, 3, 3)
    """

    def __init__(self, network, *, as_of=None, learn=True):
        self.network = network
        self.as_of = None if as_of is None else int(as_of)
        self.learn = bool(learn)
        self._models = None
        self.view = network if as_of is None else network.as_of(self.as_of)
        with gc_paused():
            self._prepare()

    def _prepare(self):
        # The view's actor projection (built once per network, shared with
        # every other analysis): strengths for the paths, and the route
        # links (any link but a formal partnership alone) for the scores.
        P = self.view.projection()
        n = P.n
        self._projection = P
        self._strength = sparse.csr_matrix((P.strength, P.indices, P.indptr), shape=(n, n))
        route = (P.flags & ~P.mask([_PARTNER_OF])) != 0
        rows = np.repeat(np.arange(n), np.diff(P.indptr))
        route_ptr = np.zeros(n + 1, np.int64)
        np.cumsum(np.bincount(rows[route], minlength=n), out=route_ptr[1:])
        self._route = sparse.csr_matrix((P.strength[route], P.indices[route], route_ptr),
                                        shape=(n, n))
        self._linked = self._route.copy()
        self._linked.data[:] = 1.0
        degree = np.asarray(self._linked.sum(axis=1)).ravel()
        with np.errstate(divide="ignore"):
            self._inv_degree = np.where(degree > 0, 1.0 / np.maximum(degree, 1), 0.0)
            self._inv_log = np.where(degree > 1, 1.0 / np.log(np.maximum(degree, 2)), 0.0)
        # Warm routes: the one rule of queries/paths.py (no suspended
        # partnership; city nodes only when nothing else links).
        self._indptr, self._indices = P.indptr, P.indices
        self._lengths = route_lengths(self.network, P)
        self._suspended = {p["city"] for p in self._partnerships_rows()
                           if p["status"] == "suspended"}
        self._label_of = actor_labels(self.network)  # namesakes by city or country
        self.nodes = P.nodes
        self._index = P.index
        # Partnerships (home_city, partnerships) come from the whole network,
        # read when first asked: with as_of the view may lack a partnership
        # signed later (asking about it is still an error only when it is no
        # partnership at all).
        self._formal = None
        if self.view is self.network:
            self._city, self._city_code = P.city, {c: i for i, c in enumerate(P.cities)}
        else:
            # Where actors sit: from the whole network, as for the partnerships.
            seats = self.network.cities()
            cities = {}
            self._city = np.array([cities.setdefault(seats[x], len(cities)) if x in seats
                                   else -1 for x in P.nodes], np.int64)
            self._city_code = cities
        self._is_city = np.array([kind == _CITY for kind in P.kinds], bool)

    # -- small helpers --------------------------------------------------------------
    def _partnerships_rows(self):
        try:
            return self.network.partnerships()
        except Exception:  # noqa: BLE001 - no home city: no partnership to speak of
            return []

    @property
    def _partnerships(self):
        """(home city, partner cities), as ``ActorNetwork.partnerships`` gives
        them for the whole network (not only the year asked for)."""
        if self._formal is None:
            home, partnerships = _partnerships(self.network)
            self._formal = home, {p["city"] for p in partnerships}
        return self._formal

    def _name(self, node) -> str:
        return self.network.graph.nodes[node].get("name", node)

    def _label(self, node) -> str:
        """The name a person reads; namesakes told apart by city or country."""
        return self._label_of(node)

    def _route_text(self, actors) -> str:
        return " → ".join(self._label(a) for a in actors)

    def _names(self, nodes) -> str:
        return _listed([self._label(n) for n in nodes])

    def _side(self, city) -> np.ndarray:
        code = self._city_code.get(city)
        if code is None:
            return np.zeros(len(self.nodes), bool)
        return self._city == code

    def _theme_level(self, theme_id) -> np.ndarray:
        """1 with ties in the theme, 0.5 declaring it only, 0 otherwise."""
        level = np.zeros(len(self.nodes))
        level[self._projection.declared(theme_id)] = 0.5
        level[self._projection.tied(theme_id)] = 1.0
        return level

    def _neighbours(self, i) -> np.ndarray:
        R = self._route
        return R.indices[R.indptr[i]:R.indptr[i + 1]]

    def _warm_path(self, source, is_target):
        """The warm path (as actor ids) from actor index ``source`` to the
        nearest target, and its steps' evidence."""
        path, _ = nearest_path(self._indptr, self._indices, self._lengths, source, is_target)
        actors = [self.nodes[i] for i in path]
        return actors, self._steps(actors)

    def _steps(self, actors):
        if len(actors) < 2:
            return []
        found = _path(self.view, self._projection, actors)
        return [{"from": s.source, "to": s.target, "types": s.types, "themes": s.themes,
                 "since": s.since, "until": s.until, "evidence": s.evidence,
                 "projects": s.projects, "ties": [t["tie"] for t in s.ties]}
                for s in found.steps]

    def _theme_evidence(self, node, theme_id):
        """``node``'s ties and projects in the theme: (tie and project ids,
        the actors it is tied to in them, the projects), a few of each."""
        G = self.view.graph
        nodes = G.nodes
        ids, partners, projects = set(), set(), set()
        for u, v, key, d in [*G.out_edges(node, keys=True, data=True),
                             *G.in_edges(node, keys=True, data=True)]:
            role = link_role(d["type"], nodes[v]["kind"])
            themes = list(d.get("themes", ()))
            if role is Projection.PROJECT:
                if theme_id in themes or theme_id in nodes[v].get("themes", ()):
                    ids.add(v)
                    projects.add(v)
                continue
            if role is not Projection.DIRECT:
                continue
            project = d.get("project")
            if project is not None and project in G:
                themes += nodes[project].get("themes", ())
            if theme_id in themes:
                ids.add(key)
                partners.add(v if u == node else u)
                if project is not None:
                    projects.add(project)
        partners.discard(node)
        return (sorted(ids)[:_EVIDENCE_LIMIT], sorted(partners)[:_EVIDENCE_LIMIT],
                sorted(projects)[:_EVIDENCE_LIMIT])

    # -- the question ---------------------------------------------------------------
    def recommend(self, theme, city, *, k=10, weights=None, side_weights=None,
                  shared_contacts=None, progress=None) -> Recommendation:
        """Whom to bring in, whom to meet and who can introduce them.

        See :func:`recommend` for the parameters and what is returned;
        ``progress(done, 3)`` follows the three lists.
        """
        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            raise QueryError("k must be a whole number, 1 or more")
        pair_weights = checked_weights(RECOMMEND_WEIGHTS, weights, part="part")
        actor_weights = checked_weights(SIDE_WEIGHTS, side_weights, part="part",
                                        what="side_weights")
        network = self.network
        home, partner_cities = self._partnerships
        theme_id = network.themes.resolve(theme).id
        partner = network.resolve(city)
        if partner not in partner_cities:
            raise QueryError(not_a_partner_message(network, partner, home, partner_cities))
        home_side, partner_side = self._side(home), self._side(partner)
        level = self._theme_level(theme_id)
        theme_name = network.themes[theme_id].label_en
        context = (home, partner, theme_id, theme_name)
        if progress is not None:
            progress(0, 3)
        learned_pairs = self.learn and weights is None and shared_contacts is None
        learned_sides = self.learn and side_weights is None
        notes = []
        if learned_pairs or learned_sides:
            models = self.fit()
            shown = {models.pairs.note if learned_pairs else None,
                     models.actors.note if learned_sides else None} - {None}
            notes += sorted(shown)
        bring_in = self._side_table(home_side, partner_side, level, k, actor_weights, context,
                                    outward=True, learned=learned_sides)
        if progress is not None:
            progress(1, 3)
        counterparts = self._side_table(partner_side, home_side, level, k, actor_weights,
                                        context, outward=False, learned=learned_sides)
        if progress is not None:
            progress(2, 3)
        introductions = (self._learned_introductions(home_side, partner_side, level, k,
                                                     context) if learned_pairs else None)
        if introductions is None:
            introductions = self._introductions(home_side, partner_side, level, k, pair_weights,
                                                context, shared_contacts)
        if progress is not None:
            progress(3, 3)
        if bring_in.empty:
            notes.append(f"Nobody in {self._name(home)} is active in {theme_name} yet: there is "
                         f"no one to bring in for it; the introductions below pair actors "
                         "outside the theme.")
        return Recommendation(theme=theme_id, city=partner, home=home, as_of=self.as_of,
                              bring_in=bring_in, counterparts=counterparts,
                              introductions=introductions, notes=tuple(notes))

    def _side_table(self, side, other, level, k, chosen, context, *, outward, learned=False):
        """Actors of ``side`` ranked for the project (bring_in when ``outward``,
        else counterparts); by the learned actor model when ``learned`` and
        it was fitted."""
        home, partner, theme_id, theme_name = context
        here, there = (home, partner) if outward else (partner, home)
        candidates = np.flatnonzero(side & ~self._is_city)
        if candidates.size == 0:
            return pd.DataFrame(columns=SIDE_COLUMNS)
        R = self._route[candidates]
        other_f = other.astype(float)
        contacts = R @ other_f
        direct = (R.multiply(other_f[None, :])).tocsr()
        direct.data[:] = 1.0
        two_steps = (self._linked[candidates] @ self._linked[:, np.flatnonzero(other)]).tocsr()
        two_steps.data[:] = 1.0
        direct_cols = direct[:, np.flatnonzero(other)]
        reached = two_steps - two_steps.multiply(direct_cols)
        reach = np.asarray((reached > 0).sum(axis=1)).ravel().astype(float)
        theme = level[candidates]
        parts = {
            "theme": theme,
            "contacts": contacts / (contacts.max() or 1.0),
            "reach": reach / (reach.max() or 1.0),
        }
        score = sum(chosen[name] * value for name, value in parts.items())
        carried = None
        learned_score = (self._learned_side(candidates, other, theme_id, context, outward)
                         if learned else None)
        if outward:
            # Whom to bring in: only actors active in the theme (or
            # declaring it); when there is none, nobody (the notes say so).
            useful = theme > 0
        else:
            useful = (theme > 0) | (contacts > 0) | (reach > 0)
        if learned_score is not None:
            score, useful, carried = learned_score
        order = sorted(np.flatnonzero(useful), key=lambda x: (-score[x],
                                                               self.nodes[candidates[x]]))[:k]
        texts = carried(order) if carried is not None else {}
        # A route ends at a person or organisation, never at a city node.
        is_target = other & ~self._is_city
        G = self.network.graph
        rows = []
        for rank, x in enumerate(order, start=1):
            i = candidates[x]
            node = self.nodes[i]
            mine = self._neighbours(i)
            across = [j for j in mine if other[j]]
            strengths = {j: self._route[i, j] for j in across}
            across.sort(key=lambda j: (-strengths[j], self.nodes[j]))
            via = [j for j in mine if not other[j]
                   and any(other[y] for y in self._neighbours(j))]
            via.sort(key=lambda j: (-int(other[self._neighbours(j)].sum()), self.nodes[j]))
            path, steps = self._warm_path(i, is_target)
            if not outward:
                path, steps = path[::-1], _reversed(steps)
            evidence, partners, projects = (self._theme_evidence(node, theme_id)
                                            if theme[x] == 1 else ([], [], []))
            roles = []
            if theme[x] == 1:
                count = len(evidence)
                roles.append(f"active in {theme_name} ({count} "
                             f"{'tie or project' if count == 1 else 'ties and projects'})")
            elif theme[x] > 0:
                roles.append(f"declares {theme_name}")
            if across:
                roles.append(f"tied to {len(across)} in {self._name(there)} "
                             f"(e.g. {self._label(self.nodes[across[0]])})")
            if reach[x] > 0 and via:
                roles.append(f"reaches {int(reach[x])} in {self._name(there)} via "
                             f"{self._label(self.nodes[via[0]])}")
            why = [f"{self._label(node)}:"]
            if theme[x] == 1:
                found = ([f"ties with {self._names(partners)}"] if partners else []) + \
                    ([f"projects {self._names(projects)}"] if projects else [])
                why.append(f"works on {theme_name}"
                           + (f" ({'; '.join(found)})." if found else "."))
            elif theme[x] > 0:
                why.append(f"declares {theme_name} but has no tie in it yet.")
            else:
                why.append(f"not active in {theme_name} yet.")
            if x in texts:
                why.append(texts[x])
            if across:
                names = self._names([self.nodes[j] for j in across[:_EVIDENCE_LIMIT]])
                more = f" and {len(across) - _EVIDENCE_LIMIT} more" if len(across) > \
                    _EVIDENCE_LIMIT else ""
                why.append(f"Tied into {self._name(there)}: {names}{more}.")
            if reach[x] > 0 and via:
                names = self._names([self.nodes[j] for j in via[:3]])
                count = int(reach[x])
                why.append(f"Reaches {count} more {'actor' if count == 1 else 'actors'} in "
                           f"{self._name(there)} through {names}.")
            if len(path) > 1:
                why.append("Warm route: " + self._route_text(path) + ".")
                caveat = route_caveat(self.network, path, suspended=self._suspended)
                if caveat:
                    why.append(caveat)
            elif not path:
                why.append(f"No chain of ties reaches {self._name(there)} from "
                           f"{self._name(here)}'s side yet.")
            rows.append({
                "rank": rank, "actor": node, "name": self._name(node),
                "kind": G.nodes[node]["kind"], "score": float(score[x]),
                **{name: float(value[x]) for name, value in parts.items()},
                "roles": roles, "theme_evidence": evidence,
                "direct_contacts": [self.nodes[j] for j in across],
                "via": [self.nodes[j] for j in via[:_EVIDENCE_LIMIT]],
                "path": path, "path_names": [self._name(p) for p in path], "steps": steps,
                "why": " ".join(why),
            })
        return pd.DataFrame(rows, columns=SIDE_COLUMNS)

    def _introductions(self, home_side, partner_side, level, k, chosen, context,
                       shared_contacts=None):
        home, partner, theme_id, theme_name = context
        in_theme = level > 0
        # People and organisations only: a city node is nobody to meet.
        home_people = home_side & ~self._is_city
        partner_people = partner_side & ~self._is_city
        H = np.flatnonzero(home_people & in_theme)
        if H.size == 0:
            H = np.flatnonzero(home_people)
        P = np.flatnonzero(partner_people & in_theme)
        if P.size == 0:
            P = np.flatnonzero(partner_people)
        if H.size == 0 or P.size == 0:
            return pd.DataFrame(columns=RECOMMEND_COLUMNS)
        names_h = [self.nodes[i] for i in H]
        names_p = [self.nodes[j] for j in P]
        if shared_contacts is None:
            L = self._linked
            left, right = L[H], L[:, P].tocsc()
            ra = (left @ sparse.diags(self._inv_degree) @ right).tocsr()
            aa = (left @ sparse.diags(self._inv_log) @ right).tocsr()
        else:
            ra, aa = _scored_elsewhere(shared_contacts(names_h, names_p), names_h, names_p)
        # Pairs joined by any tie (the formal partnership included) are out.
        tied = (self._strength[H][:, P] != 0).tocsr()
        crossing_home = np.asarray(self._linked[H] @ partner_side.astype(float)).ravel() > 0
        crossing_partner = np.asarray(self._linked[P] @ home_side.astype(float)).ravel() > 0
        h_new = (~crossing_home).astype(float)
        p_new = (~crossing_partner).astype(float)
        h_theme, p_theme = in_theme[H].astype(float), in_theme[P].astype(float)
        f = chosen["theme"] * h_theme / 2 + chosen["bridging"] * h_new / 2
        g = chosen["theme"] * p_theme / 2 + chosen["bridging"] * p_new / 2
        # Pairs with shared contacts, minus those already tied.
        ra = ra - ra.multiply(tied)
        aa = aa - aa.multiply(tied)
        ra.eliminate_zeros()
        aa.eliminate_zeros()
        ra_coo, aa_coo = ra.tocoo(), aa.tocoo()
        ra_max = ra_coo.data.max() if ra_coo.nnz else 1.0
        aa_max = aa_coo.data.max() if aa_coo.nnz else 1.0
        rows_i, cols_j = ra_coo.row, ra_coo.col
        aa_val = np.asarray(aa[rows_i, cols_j]).ravel() / aa_max
        ra_val = ra_coo.data / ra_max
        shared_score = (chosen["adamic_adar"] * aa_val + chosen["resource_allocation"] * ra_val
                        + f[rows_i] + g[cols_j])
        # The k best pairs with shared contacts: a partial sort keeps every
        # pair that ties the k-th score, then names break the ties.
        top = np.arange(shared_score.shape[0])
        if top.shape[0] > k:
            cut = np.partition(-shared_score, k - 1)[k - 1]
            top = np.flatnonzero(-shared_score <= cut)
        best = sorted(top.tolist(), key=lambda x: (-shared_score[x], names_h[rows_i[x]],
                                                   names_p[cols_j[x]]))[:k]
        candidates = [(float(shared_score[x]), int(rows_i[x]), int(cols_j[x]), aa_val[x],
                       ra_val[x]) for x in best]

        def excluded(i, j):
            return ra[i, j] != 0 or tied[i, j]

        candidates += _best_separable(f, g, names_h, names_p, excluded, k)
        candidates.sort(key=lambda c: (-c[0], names_h[c[1]], names_p[c[2]]))
        out = []
        for rank, (score, i, j, aa_v, ra_v) in enumerate(candidates[:k], start=1):
            parts = {"adamic_adar": float(aa_v), "resource_allocation": float(ra_v),
                     "theme": float((h_theme[i] + p_theme[j]) / 2),
                     "bridging": float((h_new[i] + p_new[j]) / 2)}
            out.append(self._pair_row(rank, H[i], P[j], score, parts, context,
                                      (h_theme[i], p_theme[j])))
        return pd.DataFrame(out, columns=RECOMMEND_COLUMNS)

    # -- learned from the past (queries/link_model.py) ------------------------------
    def fit(self):
        """Learn the pair and actor scores from the network's past up to the
        year asked for (see :mod:`actornet.queries.link_model`); done once,
        on the first question that uses them. Returns the two models
        (``pairs``, ``actors``), each with its ``note``."""
        if self._models is None:
            # Learned once per network, year and partnerships: the report and
            # the page ask many questions of one network through new
            # Recommenders.
            memo = _memo(self.network)
            past = memo.get("past")
            if past is None:
                past = memo["past"] = Past(self.network)
            home, partners = self._partnerships
            seats = self.network.cities()
            person = past.kinds != _CITY
            found = {}

            def sides(city):
                if city not in found:
                    found[city] = np.array([seats.get(a) == city for a in past.actors],
                                           bool) & person
                return found[city]

            key = (self.as_of, home, tuple(sorted(partners)))
            if key not in memo:
                # The home city's partnerships, and twice as many pairs of its
                # partner cities: more of the network's past to learn from.
                pairs = [(home, c) for c in sorted(partners)]
                others = [(a, b) for a in sorted(partners) for b in sorted(partners) if a < b]
                rng = np.random.default_rng(0)
                pairs += [others[i] for i in
                          sorted(rng.permutation(len(others))[:2 * len(pairs)])]
                memo[key] = _Models(fit_pair_model(past, self.as_of, pairs, sides),
                                    fit_actor_model(past, self.as_of, pairs, sides))
            self._past, self._history, self._past_side = past, past.as_of(self.as_of), sides
            self._to_view = np.array([self._index.get(a, -1) for a in past.actors], np.int64)
            self._models = memo[key]
        return self._models

    def _words(self, names, **names_in):
        """What carried a learned score, in words: "a, b and c"."""
        return _listed([FEATURE_WORDS[n].format(**names_in) for n in names])

    def _learned_introductions(self, home_side, partner_side, level, k, context):
        """The introductions by the learned pair model, or None when it was
        not fitted or a side has no past (the fixed weights answer then)."""
        home, partner, theme_id, theme_name = context
        model = self._models.pairs
        if not model.fitted:
            return None
        hist = self._history
        sh, sp = self._past_side(home), self._past_side(partner)
        active = hist.active() & (self._to_view >= 0)
        H, P = np.flatnonzero(sh & active), np.flatnonzero(sp & active)
        if H.size == 0 or P.size == 0:
            return None
        X, tied = pair_grid(hist, theme_id, H, P, sh, sp)
        flat = X.reshape(-1, X.shape[2])
        hv, pv = self._to_view[H], self._to_view[P]
        # Pairs tied in the year asked for (any tie, undated ones too) are out.
        tied = tied | (self._strength[hv][:, pv].toarray() != 0)
        score = np.where(tied, -np.inf, model.score(flat).reshape(tied.shape)).ravel()
        open_pairs = np.flatnonzero(np.isfinite(score))
        if open_pairs.size == 0:
            return pd.DataFrame(columns=RECOMMEND_COLUMNS)
        cut = np.sort(score[open_pairs])[::-1][min(k, open_pairs.size) - 1]
        top = open_pairs[score[open_pairs] >= cut]
        names = self.nodes
        top = sorted(top.tolist(), key=lambda x: (-score[x], names[hv[x // len(P)]],
                                                  names[pv[x % len(P)]]))[:k]
        carried = model.carried(flat[top], np.median(flat[open_pairs], axis=0))
        linked = self._linked
        in_theme = level > 0
        rows = []
        for x, gains in zip(top, carried):
            hi, pj = hv[x // len(P)], pv[x % len(P)]
            both = linked[hi].multiply(linked[pj])
            cross_h = (linked[hi] @ partner_side.astype(float)).sum() > 0
            cross_p = (linked[pj] @ home_side.astype(float)).sum() > 0
            parts = {"adamic_adar": float(np.sum(both @ self._inv_log)),
                     "resource_allocation": float(np.sum(both @ self._inv_degree)),
                     "theme": float((in_theme[hi] + in_theme[pj]) / 2),
                     "bridging": float(((not cross_h) + (not cross_p)) / 2)}
            words = self._words([g for g, _ in gains], h=self._label(names[hi]),
                                p=self._label(names[pj]), theme=theme_name,
                                city=self._name(partner), home=self._name(home))
            text = f"Foreseen mostly by {words}." if words else None
            rows.append((x, hi, pj, parts, text))
        # The shared-contact parts run 0 to 1 over the pairs shown.
        for part in ("adamic_adar", "resource_allocation"):
            top_value = max(r[3][part] for r in rows) or 1.0
            for r in rows:
                r[3][part] /= top_value
        out = [self._pair_row(rank, hi, pj, score[x], parts, context,
                              (in_theme[hi], in_theme[pj]), carried=text)
               for rank, (x, hi, pj, parts, text) in enumerate(rows, start=1)]
        return pd.DataFrame(out, columns=RECOMMEND_COLUMNS)

    def _learned_side(self, candidates, other, theme_id, context, outward):
        """(score, useful, explain) for ``candidates`` (view indices) by the
        learned actor model, or None when it was not fitted."""
        home, partner, _, theme_name = context
        model = self._models.actors if self._models is not None else None
        if model is None or not model.fitted:
            return None
        there = partner if outward else home
        hist = self._history
        rows = np.array([self._past.index.get(self.nodes[i], -1) for i in candidates])
        known = rows >= 0
        X = np.zeros((len(candidates), len(model.features)), np.float32)
        X[known] = actor_table(hist, theme_id, rows[known], self._past_side(there))
        score = model.score(X)
        useful = known.copy()
        useful[known] = hist.active()[rows[known]]
        reference = np.median(X[useful], axis=0) if useful.any() else X.mean(axis=0)

        def explain(order):
            carried = model.carried(X[order], reference) if order else []
            texts = {}
            for x, gains in zip(order, carried):
                words = _listed([ACTOR_WORDS[g].format(a=self._label(self.nodes[candidates[x]]),
                                                       theme=theme_name,
                                                       there=self._name(there))
                                 for g, _ in gains])
                if words:
                    texts[x] = f"Foreseen mostly by {words}."
            return texts

        return score, useful, explain

    def _pair_row(self, rank, hi, pj, score, parts, context, active_flags, carried=None):
        """One introductions row: the pair (projection indices), its score
        and parts, its evidence, warm path and why (``carried``: a sentence
        on what carried a learned score)."""
        home, partner, theme_id, theme_name = context
        G = self.network.graph
        h, p = self.nodes[hi], self.nodes[pj]
        common = sorted(set(self.nodes[x] for x in self._neighbours(hi))
                        & set(self.nodes[x] for x in self._neighbours(pj)) - {home, partner})
        is_partner = np.zeros(len(self.nodes), bool)
        is_partner[pj] = True
        path, steps = self._warm_path(hi, is_partner)
        why = [f"Bring in {self._label(h)} to meet {self._label(p)} in "
               f"{self._name(partner)}."]
        if carried:
            why.append(carried)
        active = [x for x, on in zip((h, p), active_flags) if on]
        if active:
            why.append(f"Active in {theme_name}: {self._names(active)}.")
        elif carried:
            why.append(f"Neither is active in {theme_name} yet.")
        else:
            why.append(f"Neither is active in {theme_name} yet (no one on either side is).")
        if common:
            shown = self._names(common[:_EVIDENCE_LIMIT])
            more = (f" and {len(common) - _EVIDENCE_LIMIT} more"
                    if len(common) > _EVIDENCE_LIMIT else "")
            why.append(f"Shared contacts: {shown}{more}.")
        if parts["bridging"] == 1:
            why.append(f"Neither has a working tie across yet: a new route between "
                       f"{self._name(home)} and {self._name(partner)}.")
        if path:
            why.append("Introduction: " + self._route_text(path) + ".")
            caveat = route_caveat(self.network, path, suspended=self._suspended)
            if caveat:
                why.append(caveat)
        else:
            why.append("No chain of ties links them yet: a cold introduction.")
        return {
            "rank": rank, "home_actor": h, "home_name": self._name(h),
            "home_kind": G.nodes[h]["kind"], "partner_actor": p,
            "partner_name": self._name(p), "partner_kind": G.nodes[p]["kind"],
            "score": float(score), **parts, "common_contacts": common, "path": path,
            "path_names": [self._name(x) for x in path], "steps": steps,
            "why": " ".join(why),
        }


def _scored_elsewhere(table, names_h, names_p):
    """Resource allocation and Adamic-Adar matrices (home x partner candidates)
    from a table of scored pairs (``source``, ``target``, ``adamic_adar``,
    ``resource_allocation``), e.g. computed inside a store."""
    row = {n: i for i, n in enumerate(names_h)}
    col = {n: j for j, n in enumerate(names_p)}
    known = table["source"].isin(row.keys()) & table["target"].isin(col.keys())
    if not known.all():
        raise QueryError("the shared-contact scores name actors that are not candidates")
    rows = table["source"].map(row).to_numpy(np.int64)
    cols = table["target"].map(col).to_numpy(np.int64)
    shape = (len(names_h), len(names_p))

    def matrix(values):
        return sparse.csr_matrix((values.to_numpy(float), (rows, cols)), shape=shape)

    return matrix(table["resource_allocation"]), matrix(table["adamic_adar"])


def _best_separable(f, g, names_h, names_p, excluded, k):
    """The ``k`` best pairs (i, j) by ``f[i] + g[j]``, ties by names, skipping
    those for which ``excluded(i, j)`` is true: a frontier walk over both
    sides sorted best first, so only the pairs better than the k-th (and the
    excluded among them) are looked at, never all of them."""
    hs = sorted(range(len(f)), key=lambda i: (-f[i], names_h[i]))
    ps = sorted(range(len(g)), key=lambda j: (-g[j], names_p[j]))
    if not hs or not ps:
        return []

    def entry(a, b):
        i, j = hs[a], ps[b]
        return (-(f[i] + g[j]), names_h[i], names_p[j], a, b)

    heap = [entry(0, 0)]
    seen = {(0, 0)}
    found = []
    while heap and len(found) < k:
        _, _, _, a, b = heapq.heappop(heap)
        i, j = hs[a], ps[b]
        if not excluded(i, j):
            found.append((float(f[i] + g[j]), i, j, 0.0, 0.0))
        for nxt in ((a + 1, b), (a, b + 1)):
            if nxt[0] < len(hs) and nxt[1] < len(ps) and nxt not in seen:
                seen.add(nxt)
                heapq.heappush(heap, entry(*nxt))
    return found


def _listed(names) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _reversed(steps):
    return [{**s, "from": s["to"], "to": s["from"]} for s in reversed(steps)]


def recommend(network, theme, city, *, k=10, as_of=None, weights=None,
              side_weights=None, shared_contacts=None, progress=None,
              learn=True) -> Recommendation:
    """Whom to bring in, whom to meet and who can introduce them, for a project.

    Parameters
    ----------
    network : ActorNetwork
    theme : str
        The project's theme: id, English or German label.
    city : str
        The partner city: id, name or alias ("Peking", "Kiew").
    k : int, default 10
        How many rows in each table.
    as_of : int, optional
        Use only ties valid in that year.
    weights : dict, optional
        Part -> weight for the introductions, overriding
        :data:`RECOMMEND_WEIGHTS`.
    side_weights : dict, optional
        Part -> weight for ``bring_in`` and ``counterparts``, overriding
        :data:`SIDE_WEIGHTS`.
    shared_contacts : callable, optional
        ``shared_contacts(home_ids, partner_ids)`` returning a DataFrame with
        the columns ``source``, ``target``, ``adamic_adar`` and
        ``resource_allocation`` for the candidate pairs that share contacts
        (pairs left out score 0): the scores computed elsewhere, e.g. inside
        a Neo4j store by :func:`actornet.loaders.store_queries.link_candidates`.
        Default: computed here.
    progress : callable, optional
        Called as ``progress(done, 4)``: preparing the arrays, then each of
        the three lists; the last call is ``(4, 4)``.
    learn : bool, default True
        Score by weights learned from the network's own past (see
        :mod:`actornet.queries.link_model`) when no ``weights`` (for the
        introductions) or ``side_weights`` (for the two lists) are given.
        When the past is too small to learn from, the fixed weights score
        and ``notes`` says so; False: always the fixed weights.

    Returns
    -------
    Recommendation
        Three tables, best first, ranked 1, 2, ...:

        - ``bring_in``: home-city actors (the city itself left out) active
          in the theme (a tie or project in it, or declaring it) -- empty,
          and said so in ``notes``, when there are none --
          with the columns :data:`SIDE_COLUMNS`: ``score`` (the weighted sum
          of the parts ``theme``, ``contacts``, ``reach``, each 0 to 1),
          ``roles``, ``theme_evidence`` (ids of its ties and projects in the
          theme), ``direct_contacts`` (its contacts in the partner city,
          strongest first), ``via`` (its contacts who are tied there),
          ``path`` (the warm route to the nearest partner-city actor, ids),
          ``path_names``, ``steps`` (each step's evidence, keys
          :data:`STEP_KEYS`) and ``why``;
        - ``counterparts``: the same for the partner city's actors seen from
          the home city (``path`` runs from the nearest home-city actor to
          the counterpart);
        - ``introductions``: pairs not yet tied, with the columns
          :data:`RECOMMEND_COLUMNS`: the two actors, ``score`` (the weighted
          sum of the four parts), each part (0 to 1), the
          ``common_contacts``, the introduction ``path`` from the home actor
          to the counterpart (empty when none exists), ``path_names``,
          ``steps`` and ``why``.

    Raises
    ------
    QueryError
        If the network has no home city, ``city`` is not a partner city,
        ``k`` is less than 1 or a weight is wrong.
    SchemaError
        If ``theme`` names no theme.
    ResolveError
        If ``city`` names no actor.

    See Also
    --------
    Recommender : prepare once, ask many times.
    actornet.queries.paths.introduction_path : the warm path between two given actors.

    Notes
    -----
    Introduction candidates are the home city's actors and the partner
    city's actors active in the theme (all of a side's actors when none of
    them is); a pair already joined by any tie or shared project is never
    suggested, nor an actor paired with itself (with ``as_of``: by a tie
    valid in that year, so a tie that had ended may be suggested again).
    With ``A`` the adjacency matrix without formal partnerships and ``D``
    the diagonal of degrees, resource allocation [2]_ is ``A D^-1 A`` and
    Adamic-Adar [1]_ ``A diag(1 / log d) A`` (contacts of degree 1 cannot be
    shared), both one scipy sparse product over the candidate rows and
    columns. Pairs without shared contacts score only their theme and
    bridging parts, which add up per side: the best of them are found by a
    walk over both sides sorted, never by listing every pair. Warm paths are
    shortest by ``distance`` = 1 / strength plus the detours of
    :func:`actornet.queries.paths.route_lengths`, as in
    :func:`actornet.queries.paths.introduction_path`; among equally short paths
    one is chosen.

    Examples
    --------
    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> from actornet.graph.schema import Theme, ThemeTable
    >>> G = nx.MultiDiGraph()
    >>> for n, kind, seat, themes in [("home", "city", None, []), ("twin", "city", None, []),
    ...         ("uni", "institution", "home", ["climate"]), ("agency", "institution", "home", []),
    ...         ("lab", "institution", "twin", ["climate"]), ("office", "institution", "twin", [])]:
    ...     G.add_node(n, kind=kind, name=n.title(), themes=themes)
    ...     if seat:
    ...         _ = G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    >>> _ = G.add_edge("home", "twin", key="signed", type="PARTNER_OF", since=1990)
    >>> _ = G.add_edge("agency", "office", key="t1", type="COOPERATES_WITH", weight=3)
    >>> _ = G.add_edge("uni", "agency", key="t2", type="COOPERATES_WITH", weight=2)
    >>> _ = G.add_edge("lab", "office", key="t3", type="COOPERATES_WITH", weight=2)
    >>> net = ActorNetwork(G, ThemeTable([Theme("climate", "Climate", priority=3)]))
    >>> answer = recommend(net, "climate", "twin", k=1)
    >>> best = answer.introductions.iloc[0]
    >>> best["home_actor"], best["partner_actor"], best["path"]
    ('uni', 'lab', ['uni', 'agency', 'office', 'lab'])
    >>> best["steps"][1]["ties"], best["steps"][1]["types"]
    (['t1'], ['COOPERATES_WITH'])
    >>> answer.bring_in[["actor", "roles"]].to_dict("records")
    [{'actor': 'uni', 'roles': ['declares Climate', 'reaches 1 in Twin via Agency']}]
    """
    if progress is not None:
        progress(0, 4)
    recommender = Recommender(network, as_of=as_of, learn=learn)
    step = None if progress is None else (lambda done, total: progress(1 + done, 4))
    return recommender.recommend(theme, city, k=k, weights=weights, side_weights=side_weights,
                                 shared_contacts=shared_contacts, progress=step)
