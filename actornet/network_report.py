"""The planners' report, composed: the analyses run here, the drawing in
:mod:`actornet.viz.report_html`.

:func:`report_data` runs the analyses (summary, brokers, coverage,
fragility, dormant and under-served partnerships, recommended introductions
for the most under-served ones) and gathers their rows;
:func:`network_report` adds the network page's data and hands both to
:func:`actornet.viz.report_html.draw_report`.
"""

from __future__ import annotations

from pathlib import Path

from actornet.console import plain_records
from actornet.graph.errors import VizError
from actornet.graph.schema import ACTOR_KINDS, Kind
from actornet.graph.summary import summarize
from actornet.network_page import page_of, pseudonym_key
from actornet.graph.progress import Steps
from actornet.queries.brokers import brokers
from actornet.queries.home_brokers import home_brokers
from actornet.queries.fragility import fragility
from actornet.queries.coverage import coverage
from actornet.queries.dormant import dormant
from actornet.queries.under_served import under_served
from actornet.queries.priorities import most_important_missing_theme
from actornet.queries.recommend import recommend
from actornet.viz.page_data import MAX_NODES, pseudonym
from actornet.viz.report_html import draw_report
from actornet.viz.style import KIND_STYLE

__all__ = ["network_report", "report_data"]


def network_report(network, path, *, as_of=None, top=10, years=5, embed_page=True,
                   max_nodes=MAX_NODES, seed=0, redact_people=False, progress=None) -> Path:
    """Write the planners' report of ``network`` to ``path``; return the path.

    Parameters
    ----------
    network : ActorNetwork
        Read only; never changed.
    path : str or Path
        The HTML file to write (parent folders are created). Nothing else is
        written.
    as_of : int, optional
        The reference year (default: the last year the network mentions).
    top : int
        Brokers listed, and dormant actors listed (at least 1).
    years : int
        Years without an active tie that make a partnership or actor dormant.
    embed_page : bool
        Embed the interactive network page (:func:`actornet.network_page.network_page`)
        in a sandboxed ``iframe srcdoc``.
    max_nodes : int
        Actors drawn at most in the embedded page.
    seed : int
        For the page's layout and broker scores: the same input gives a
        byte-identical file.
    redact_people : bool
        Show people under the page's pseudonyms ("Person 5pw7rwcb", keyed by
        :func:`actornet.network_page.pseudonym_key`: ``ACTORNET_PSEUDONYM_KEY``, else
        a random key for this run) everywhere in the report, the embedded
        page included: no person's name or alias appears.
    progress : callable, optional
        Called as ``progress(done, total)`` through the steps (brokers,
        coverage, fragility, dormant, under-served, introductions, the
        page, the writing), ending with ``done == total``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    VizError
        For a bad ``top``.

    Examples
    --------
    >>> import tempfile
    >>> from actornet.graph.generate import generated_network
    >>> net = generated_network(60, 200, cities=3, seed=1)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     html = network_report(net, Path(tmp) / "r.html", embed_page=False).read_text("utf-8")
    >>> "Content-Security-Policy" in html and "<svg" in html
    True
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise VizError("top must be a whole number >= 1")
    key = pseudonym_key() if redact_people else None
    steps = Steps(progress, len(REPORT_STEPS) + 2)
    data = report_data(network, as_of=as_of, top=top, years=years, steps=steps)
    if embed_page:
        page = page_of(network, as_of=as_of, max_nodes=max_nodes, seed=seed, key=key,
                       progress=steps.part())
    else:
        page = None
        steps.skip()
    if key is not None:
        data = redacted(data, people_spellings(network, key))
    steps.part()
    written = draw_report(data, path, page=page)
    steps.done()
    return written


def people_spellings(network, key) -> list:
    """(spelling, pseudonym) for every person's name and alias, longest
    spelling first (so a full name is replaced before a part of it)."""
    pairs = []
    for n, d in network.graph.nodes(data=True):
        if d.get("kind") != Kind.PERSON.value:
            continue
        alias = pseudonym(key, n)
        for spelling in (d.get("name"), *d.get("aliases", ())):
            if spelling and str(spelling).strip() and str(spelling) != n:
                pairs.append((str(spelling), alias))
    return sorted(set(pairs), key=lambda p: (-len(p[0]), p[0]))


def redacted(value, spellings):
    """``value`` (report data: dicts, lists, strings) with every person's
    name and alias replaced by the person's pseudonym."""
    if isinstance(value, str):
        for spelling, alias in spellings:
            if spelling in value:
                value = value.replace(spelling, alias)
        return value
    if isinstance(value, dict):
        return {k: redacted(v, spellings) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redacted(v, spellings) for v in value)
    return value


#: The steps of :func:`report_data`, in order (what a progress bar counts).
REPORT_STEPS = ("brokers", "coverage", "fragility", "dormant", "under_served", "introductions")


def report_data(network, *, as_of=None, top=10, years=5, steps=None) -> dict:
    """The report's findings as plain data (what :func:`actornet.viz.report_html.draw_report` draws).

    Keys: ``title``, ``as_of``, ``figures`` (counts and years covered),
    ``kinds`` (actors per kind), ``brokers`` (the ``top`` brokers), ``home``
    (the home city's name, or None); with a home city also ``coverage``
    (the rows of :func:`actornet.queries.coverage.coverage`), ``fragile``,
    ``dormant`` and ``dormant_actors`` (the first ``top``; and
    ``dormant_actors_total``), ``years`` and ``under_served``, where each of
    the three most under-served ranked partnerships that miss a priority
    theme carries its most important missing theme
    (:func:`actornet.queries.priorities.most_important_missing_theme`) and
    the introductions recommended for it.

    ``steps``, an :class:`actornet.graph.progress.Steps`, is given one part per
    step of :data:`REPORT_STEPS` (each skipped when there is nothing to do).
    """
    steps = steps if steps is not None else Steps(None, len(REPORT_STEPS))
    summary = summarize(network)
    kinds = [{"kind": KIND_STYLE[k]["label"], "count": summary.actors_per_kind.get(k.value, 0)}
             for k in Kind if k in ACTOR_KINDS]
    first, last = summary.years
    data = {
        "title": network.name,
        "as_of": as_of,
        "figures": {"actors": summary.actors, "projects": summary.projects,
                    "ties": summary.ties, "themes": len(summary.themes),
                    "partnerships": len(summary.partnerships), "first": first, "last": last},
        "kinds": kinds,
        "home": None,
    }
    data.update(_broker_findings(network, as_of=as_of, top=top, steps=steps))
    home = network.home_city
    if home is None:
        for _ in REPORT_STEPS[1:]:
            steps.skip()
        return data
    data["home"] = str(network.graph.nodes[home].get("name", home))
    data.update(_partnership_findings(network, as_of=as_of, top=top, years=years, steps=steps))
    return data


def _broker_findings(network, *, as_of, top, steps) -> dict:
    """The report's brokers: of the home city's partnerships when it has one,
    else the whole network's (the first of :data:`REPORT_STEPS`)."""
    scope = network.as_of(int(as_of)) if as_of is not None else network
    actors = scope.actors()
    data = {}
    if actors and network.home_city is not None:
        # From the home city's side: who carries its routes to the partner cities.
        home_name = network.name_of(network.home_city)
        table = home_brokers(network, top=top, as_of=as_of, progress=steps.part())
        data["brokers"] = [{"name": r["name"], "id": r["actor"], "kind": r["kind"],
                            "city": r["city"] or "", "role": r["side"],
                            "betweenness": r["share"], "why": r["why"]}
                           for r in plain_records(table)]
        data["brokers_title"] = f"Brokers of {home_name}'s partnerships"
        data["brokers_role"] = "side"
        data["brokers_measure"] = "share of routes"
        data["brokers_note"] = (
            f"The actors on the shortest routes between {home_name}'s actors and each partner "
            "city's (over the ties among the two cities' actors), by the share of those routes "
            "they carry, their own included. " + (table.attrs["note"] + "."
                                                  if table.attrs.get("note") else ""))
    elif actors:
        by = "partner_city" if any(scope.city_of(a) is not None for a in actors) else "kind"
        table = brokers(network, by=by, top=top, as_of=as_of, progress=_sources(steps.part()))
        data["brokers"] = [{"name": r["name"], "id": r["actor"], "kind": r["kind"],
                            "city": r["city"] or "", "role": r["dominant_role"] or "",
                            "betweenness": r["betweenness"], "why": r["why"]}
                           for r in plain_records(table)]
    else:
        data["brokers"] = []
        steps.skip()
    return data


def _partnership_findings(network, *, as_of, top, years, steps) -> dict:
    """Coverage, the fragile, dormant and under-served partnerships (the rest
    of :data:`REPORT_STEPS`), for a network with a home city."""
    data = {"coverage": plain_records(coverage(network, as_of=as_of, progress=steps.part()))}
    # Fragility, dormant, under-served and coverage read one record per
    # partnership (actornet.queries.partnership_facts), computed once here.
    data["fragile"] = plain_records(fragility(network, as_of=as_of, progress=steps.part()))
    if as_of is None and network.years()[1] is not None:
        data["fragile_note"] = ("Over all the ties, ended ones included; each why says how "
                                "many of the routes work in the reference year, the routes "
                                "under-served scores.")
    if not network.themes.priorities():
        data["priority_note"] = ("No priority themes are set: mark some with `priority` in "
                                 "themes.csv (until then no partnership misses one).")
    quiet = plain_records(dormant(network, years=years, as_of=as_of, progress=steps.part()))
    data["dormant"] = [r for r in quiet if r["level"] == "partnership"]
    quiet_actors = [r for r in quiet if r["level"] == "actor"]
    data["dormant_actors"], data["dormant_actors_total"] = quiet_actors[:top], len(quiet_actors)
    data["years"] = years
    data["under_served"] = _under_served_findings(network, as_of=as_of, steps=steps)
    return data


def _under_served_findings(network, *, as_of, steps) -> list:
    """The under-served ranking; each of the three most under-served ranked
    partnerships that miss a priority theme with its most important missing
    theme and the introductions recommended for it."""
    ranking = plain_records(under_served(network, as_of=as_of, progress=steps.part()))
    for r in ranking:
        r["introductions"], r["theme"] = None, None
        r["missing_names"] = [network.themes[t].label_en or t if t in network.themes else t
                              for t in r["missing_themes"] or ()]
    ranked = [r for r in ranking if r["rank"] is not None]
    introduced = steps.part()
    for i, r in enumerate(ranked[:3]):
        if introduced is not None:
            introduced(i, min(3, len(ranked)))
        best = most_important_missing_theme(r["missing_themes"], network.themes)
        if best is None:
            continue
        r["theme"] = network.themes[best].label_en or best
        r["introductions"] = plain_records(
            recommend(network, best, r["city"], k=3, as_of=as_of).introductions)
    if introduced is not None:
        introduced(1, 1)
    return ranking


def _sources(progress):
    """The broker table's progress, ``progress(sources done)`` without a
    total (an adaptive sample stops when its top rows are settled), as
    ``progress(done, total)`` on a bar of :data:`_SOURCES_SHOWN` sources
    that never reaches its end before the step does."""
    if progress is None:
        return None

    def update(done, total=None):
        progress(min(done, _SOURCES_SHOWN - 1), _SOURCES_SHOWN)

    return update


# The broker step's bar: this many sources fill it (an adaptive sample on
# H2020 stops at a few hundred; a bigger one waits at the end of the step).
_SOURCES_SHOWN = 1000
