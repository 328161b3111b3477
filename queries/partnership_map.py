"""The partnership map's analysis: each partnership's state, activity, gaps and
the introductions recommended for its missing priority themes.

:func:`partnership_map` gathers, per partnership of the home city, the row of
:func:`actornet.queries.under_served.under_served` (activity, routes, gaps,
dormancy), the state its link is drawn in (:func:`link_state`) and the
introductions :class:`actornet.queries.recommend.Recommender` proposes for
its most important missing priority themes, as plain data keyed by actor
ids. The network page (:func:`actornet.network_page.network_page`) and the
report draw it (:mod:`actornet.viz.page_map`).
"""

from __future__ import annotations

from actornet.graph.errors import QueryError
from actornet.graph.progress import Steps
from actornet.graph.years import reference_year
from actornet.queries.recommend import Recommender
from actornet.queries.under_served import under_served

__all__ = ["partnership_map", "link_state", "DORMANT_YEARS", "INTRO_THEMES", "INTRO_K"]

#: A partnership with no active tie or project for this many years is dormant
#: (the default window of :func:`actornet.queries.dormant.dormant`).
DORMANT_YEARS = 5
#: Introductions precomputed per partner city: its most important missing
#: priority themes, and the introductions for each.
INTRO_THEMES = 3
INTRO_K = 3


def link_state(row, *, status) -> str:
    """The state a partnership's link is drawn in, from its row of
    :func:`actornet.queries.under_served.under_served`: the first that holds of

    - ``suspended``: the partnership is not in force (its status is not
      ``active``: suspended, ended, not yet signed);
    - ``dormant``: no active tie or project in the reference year, or none
      for ``DORMANT_YEARS`` years;
    - ``single_person``: one route carries it (one actor's leaving cuts it off:
      :func:`actornet.queries.fragility.fragility`);
    - ``under_served``: no working route, or at least half of the priority
      themes (by priority weight) without an active tie or project;
    - ``active``.

    Examples
    --------
    >>> row = {"active_ties": 3, "active_projects": 0, "years_dormant": 0.0, "routes": 1,
    ...        "theme_gaps": 0.2}
    >>> link_state(row, status="active"), link_state(row, status="suspended")
    ('single_person', 'suspended')
    >>> link_state({**row, "routes": 4}, status="active")
    'active'
    """
    if status != "active":
        return "suspended"
    dormant_for = row.get("years_dormant")
    if row["active_ties"] + row["active_projects"] == 0 or (
            dormant_for is not None and dormant_for == dormant_for and dormant_for >= DORMANT_YEARS):
        return "dormant"
    if row["routes"] == 1:
        return "single_person"
    if row["routes"] == 0 or row["theme_gaps"] >= 0.5:
        return "under_served"
    return "active"


def partnership_map(network, *, as_of=None, themes=INTRO_THEMES, k=INTRO_K, progress=None):
    """The partnership map's data: each partnership's activity, state, gaps and
    the recommended introductions for its most important missing priority
    themes; None when the network has no home city or no partnership.

    Plain data keyed by actor ids (the page turns ids into names, or
    pseudonyms): ``home``, ``year`` (the reference year:
    :func:`actornet.graph.years.reference_year`, never later than this
    year unless asked for; None when the data gives no year), ``asked`` (whether ``as_of`` was given) and ``partners``, one dict per partner
    city (in :meth:`ActorNetwork.partnerships` order) with ``city``,
    ``since``, ``status``, ``state`` (:func:`link_state`, one of
    ````suspended``, ``dormant``, ``single_person``, ``under_served``,
    ``active``), ``ties``, ``projects`` (active in the reference year,
    each counted once, as :func:`actornet.queries.under_served.under_served`
    and :func:`actornet.queries.coverage.coverage` count them), ``activity``
    (decayed), ``last_active``, ``years_dormant``, ``routes``,
    ``single_points`` (ids), ``missing`` (the missing priority themes, most
    important first), ``kinds`` and ``introductions``: per missing priority
    theme (at most ``themes``), up to ``k`` rows of
    :meth:`actornet.queries.recommend.Recommender.recommend` (``home``,
    ``partner``, ``path``: ids; ``score``). ``progress(done, total)``
    follows the ranking and the partnerships' introductions.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> m = partnership_map(generated_network(300, 1200, cities=4, seed=1))
    >>> m["home"], len(m["partners"]), sorted(m["partners"][0])[:4]
    ('c000', 3, ['activity', 'city', 'introductions', 'kinds'])
    """
    steps = Steps(progress, 2)
    if network.home_city is None or not network.partnerships():
        steps.done()
        return None
    table = under_served(network, as_of=as_of, progress=steps.part())
    introduced = steps.part()
    last = network.years()[1]
    year = reference_year(last, as_of) if as_of is not None or last is not None else None
    catalogue = network.themes
    recommender = None
    by_city = {row["city"]: row for row in table.to_dict("records")}
    partners = []
    partnerships = network.partnerships()
    for done, partnership in enumerate(partnerships):
        if introduced is not None:
            introduced(done, len(partnerships))
        row = by_city[partnership["city"]]
        missing = sorted(row["missing_themes"], key=lambda t: -catalogue[t].priority)
        intros = []
        if row["status"] == "active":
            for theme in missing[:themes]:
                if recommender is None:
                    recommender = Recommender(network, as_of=as_of)
                try:
                    found = recommender.recommend(theme, partnership["city"], k=k)
                except QueryError:
                    continue
                intros.append({"theme": theme, "rows": [
                    {"home": r["home_actor"], "partner": r["partner_actor"],
                     "path": [str(a) for a in r["path"]], "score": round(float(r["score"]), 4)}
                    for r in found.introductions.to_dict("records")]})
        dormant_for = row["years_dormant"]
        partners.append({
            "city": partnership["city"], "since": partnership["since"], "status": row["status"],
            "state": link_state(row, status=row["status"]),
            "ties": int(row["active_ties"]), "projects": int(row["active_projects"]),
            "activity": round(float(row["activity"]), 3),
            "last_active": None if row["last_active"] is None else int(row["last_active"]),
            "years_dormant": None if dormant_for != dormant_for or dormant_for is None
            else int(dormant_for),
            "routes": int(row["routes"]),
            "single_points": [str(a) for a in row["single_points_of_failure"]],
            "missing": missing,
            "kinds": sorted(row["kinds"]) if isinstance(row["kinds"], (list, set, tuple)) else [],
            "introductions": intros,
        })
    steps.done()
    return {"home": network.home_city, "year": year, "asked": as_of is not None,
            "partners": partners}
