"""``actornet path``: the warm introduction path between two actors."""

from __future__ import annotations

import click

from actornet.console import FORMATS, emit_table, plain_records
from actornet.naming import labeller, resolve_argument
from actornet.source import network_source, warn_rejected

__all__ = ["path_command"]


def _years(since, until) -> str:
    if since is None and until is None:
        return ""
    return f"{'' if since is None else since}–{'' if until is None else until}"


@click.command("path")
@click.argument("a")
@click.argument("b")
@network_source
@click.option("--k", "k", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many paths: the best and up to k-1 alternatives.")
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="Use only ties valid in YEAR.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="A readable table, or CSV / JSON for scripts.")
def path_command(a, b, source, k, as_of, fmt):
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
