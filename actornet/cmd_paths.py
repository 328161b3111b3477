"""The ``path`` and ``fragility`` commands: introduction paths and fragile partnerships."""

from __future__ import annotations

import click

from actornet.console import FORMATS, emit_table, plain_records
from actornet.naming import labeller, partner_cities_of, resolve_argument
from actornet.source import network_source, warn_rejected

__all__ = ["path", "fragility"]


def _years(since, until) -> str:
    if since is None and until is None:
        return ""
    return f"{'' if since is None else since}–{'' if until is None else until}"


def _format_option(func):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                        show_default=True, help="A readable table, or CSV / JSON for scripts.")(func)


def _as_of_option(func):
    return click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
                        help="Use only ties valid in YEAR.")(func)


@click.command("path")
@click.argument("a")
@click.argument("b")
@network_source
@click.option("--k", "k", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many paths: the best and up to k-1 alternatives.")
@_as_of_option
@_format_option
def path(a, b, source, k, as_of, fmt):
    """The warm introduction path from actor A to actor B, over the strongest ties.

    A and B are ids, names or aliases. Each step shows the ties behind it:
    types, themes, years, evidence and shared projects. Lower distance means
    stronger ties (distance = 1 / strength).

    Example:

        actornet path "Freie Universität Berlin" Taschkent --k 3
    """
    from actornet.queries.paths import introduction_path, paths_frame, route_caveat

    network = source.load()
    ends = [resolve_argument(network, text, which) for text, which in ((a, "A"), (b, "B"))]
    paths = introduction_path(network, *ends, k=k, as_of=as_of)
    if fmt == "table":
        label = labeller(network)
        for i, found in enumerate(paths, start=1):
            title = (f"Path {i} of {len(paths)}: {found.names[0]} → {found.names[-1]}, "
                     f"{found.hops} step{'s' if found.hops != 1 else ''}, "
                     f"distance {found.distance:.3g}")
            rows = [{"step": n, "from": label(s.source),
                     "to": label(s.target), "ties": s.types,
                     "themes": s.themes, "years": _years(s.since, s.until),
                     "evidence": s.evidence,
                     # the groups the two share: projects, or networks (never called projects)
                     "projects/networks": [label(x) for x in s.projects],
                     "strength": s.strength}
                    for n, s in enumerate(found.steps, start=1)]
            emit_table(title, ["step", "from", "to", "ties", "themes", "years", "evidence",
                               "projects/networks", "strength"], rows)
            caveat = route_caveat(network, found.actors)
            if caveat:
                click.echo(caveat)
    else:
        frame = paths_frame(paths)
        rows = plain_records(frame)
        emit_table("paths", list(frame.columns), rows, fmt)
    warn_rejected(network)


@click.command("fragility")
@network_source
@click.option("--city", default=None, metavar="NAME",
              help="Only this partner city (id, name or alias).")
@_as_of_option
@_format_option
def fragility(source, city, as_of, fmt):
    """How many independent routes carry each partnership, and who holds them.

    Counts the routes between the home city's actors and each partner
    city's actors that share no actor (the formal partnership itself is not
    a route), and names the actors whose leaving would cut a partnership off
    or leave it with one route. Fewest routes first.

    Example:

        actornet fragility --city Tashkent --as-of 2024
    """
    from actornet.queries.fragility import fragility as fragility_table

    network = source.load()
    if city is not None:
        city = resolve_argument(network, city, "--city", prefer=partner_cities_of(network))
    table = fragility_table(network, city=city, as_of=as_of)
    if fmt == "table":
        label = labeller(network)
        rows = [{"city": r["name"], "status": r["status"], "routes": r["routes"],
                 "single points of failure": [label(n)
                                              for n in r["single_points_of_failure"]],
                 "why": r["why"]}
                for r in table.to_dict("records")]
        when = f" in {as_of}" if as_of is not None else ""
        emit_table(f"Independent routes per partnership{when}",
                   ["city", "status", "routes", "single points of failure", "why"], rows)
    else:
        rows = plain_records(table)
        emit_table("fragility", list(table.columns), rows, fmt)
    warn_rejected(network)

