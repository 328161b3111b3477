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

Where the pieces are
--------------------
:class:`Recommender` is a
:class:`~actornet.queries.recommend_prepared.PreparedNetwork` (the arrays,
names, warm paths and evidence) that asks the questions; the side lists are
:mod:`actornet.queries.recommend_sides`, the introductions
:mod:`actornet.queries.recommend_pairs`, each row and its ``why``
:mod:`actornet.queries.recommend_rows` (with :class:`Recommendation`), and
what is learned from the past :mod:`actornet.queries.recommend_learned`.

Pure analysis: nothing here reads files or talks to a store.

References
----------
.. [1] Adamic, L. A. and Adar, E. (2003). Friends and neighbors on the Web.
   Social Networks 25(3), 211-230.
.. [2] Zhou, T., Lü, L. and Zhang, Y.-C. (2009). Predicting missing links via
   local information. European Physical Journal B 71, 623-630.
"""

from __future__ import annotations

import gc

from actornet.graph.describe import not_a_partner_message
from actornet.graph.errors import QueryError
from actornet.queries.activity import home_partnerships
from actornet.queries.recommend_learned import learned_from_past
from actornet.queries.recommend_pairs import fixed_introductions, learned_introductions
from actornet.queries.recommend_prepared import PreparedNetwork
from actornet.queries.recommend_rows import (
    RECOMMEND_COLUMNS,
    SIDE_COLUMNS,
    STEP_KEYS,
    Recommendation,
)
from actornet.queries.recommend_sides import side_table
from actornet.queries.weights import checked_weights

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


class Recommender(PreparedNetwork):
    """A network prepared for many :meth:`recommend` questions.

    Preparing reads every tie once (seconds on a million ties,
    :class:`actornet.queries.recommend_prepared.PreparedNetwork`); each
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
        self.learn = bool(learn)
        self._learned = None
        # Partnerships (home_city, partnerships) come from the whole network,
        # read when first asked: with as_of the view may lack a partnership
        # signed later (asking about it is still an error only when it is no
        # partnership at all).
        self._formal = None
        super().__init__(network, as_of=as_of)

    @property
    def _partnerships(self):
        """(home city, partner cities), as ``ActorNetwork.partnerships`` gives
        them for the whole network (not only the year asked for)."""
        if self._formal is None:
            home, partnerships = home_partnerships(self.network)
            self._formal = home, {p["city"] for p in partnerships}
        return self._formal

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
        home_side, partner_side = self.side(home), self.side(partner)
        level = self.theme_level(theme_id)
        theme_name = network.themes[theme_id].label_en
        context = (home, partner, theme_id, theme_name)
        if progress is not None:
            progress(0, 3)
        learned_pairs = self.learn and weights is None and shared_contacts is None
        learned_sides = self.learn and side_weights is None
        notes = []
        if learned_pairs or learned_sides:
            models = self._learn()
            shown = {models.pairs.note if learned_pairs else None,
                     models.actors.note if learned_sides else None} - {None}
            notes += sorted(shown)
        bring_in = side_table(self, home_side, partner_side, level, k, actor_weights, context,
                              outward=True, learned=self._learned if learned_sides else None)
        if progress is not None:
            progress(1, 3)
        counterparts = side_table(self, partner_side, home_side, level, k, actor_weights,
                                  context, outward=False,
                                  learned=self._learned if learned_sides else None)
        if progress is not None:
            progress(2, 3)
        introductions = (learned_introductions(self, self._learned, home_side, partner_side,
                                               level, k, context) if learned_pairs else None)
        if introductions is None:
            introductions = fixed_introductions(self, home_side, partner_side, level, k,
                                                pair_weights, context, shared_contacts)
        if progress is not None:
            progress(3, 3)
        if bring_in.empty:
            notes.append(f"Nobody in {self.name(home)} is active in {theme_name} yet: there is "
                         f"no one to bring in for it; the introductions below pair actors "
                         "outside the theme.")
        return Recommendation(theme=theme_id, city=partner, home=home, as_of=self.as_of,
                              bring_in=bring_in, counterparts=counterparts,
                              introductions=introductions, notes=tuple(notes))

    # -- learned from the past (queries/link_model.py) ------------------------------
    def fit(self):
        """Learn the pair and actor scores from the network's past up to the
        year asked for (see :mod:`actornet.queries.link_model`); done once,
        on the first question that uses them. Returns the two models
        (``pairs``, ``actors``), each with its ``note``.

        Called before the questions, it also runs the garbage collector's
        full pass once and moves what survives out of its later passes
        (``gc.freeze``): learning adds millions of objects (the past read),
        and each full pass over all of them (a second or two on H2020)
        would otherwise land in some later question."""
        if self._learned is None:
            self._learn()
            gc.collect()
            gc.freeze()
        return self._learned.models

    def _learn(self):
        """The two models, learned on the first call (as :meth:`fit`, without
        the collection: a one-shot question need not pay for it)."""
        if self._learned is None:
            # Learned once per network, year and partnerships
            # (queries/recommend_learned.py): the report and the page ask
            # many questions of one network through new Recommenders.
            home, partners = self._partnerships
            self._learned = learned_from_past(self.network, self.as_of, home, partners,
                                              self.index)
        return self._learned.models


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
