"""The ``whatif`` command: what proposed ties would change (nothing is saved)."""

from __future__ import annotations

import click

from actornet.console import FORMATS, emit_json, emit_table, plain_records
from actornet.naming import resolve_argument
from actornet.source import network_source, warn_rejected

__all__ = ["whatif_command"]


@click.command("whatif")
@network_source
@click.option("--tie", "ties", multiple=True, required=True, metavar="A,B",
              help="A proposed tie between two actors (ids, names or aliases), e.g. "
                   "--tie fu_berlin,nuu_tashkent; repeat for more.")
@click.option("--theme", "themes", multiple=True, metavar="THEME",
              help="Themes of the proposed ties (ids); repeat for more.")
@click.option("--weight", type=click.IntRange(1, 5), default=3, show_default=True,
              help="Intensity of the proposed ties, 1 (weak) to 5 (strong).")
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="The year the ties start (default: the last year in the data).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="A readable table, or CSV / JSON for scripts.")
def whatif_command(source, ties, themes, weight, as_of, fmt):
    """What would proposed ties change? Routes, single points of failure,
    under-served score and rank, priority themes and betweenness, before and
    after. Nothing is saved.

    Example:

        actornet whatif --tie "FU Berlin,National University of Uzbekistan" --theme science
    """
    from actornet.queries.whatif import ProposedTie, what_if

    proposed = []
    for text in ties:
        parts = [p.strip() for p in text.split(",")]
        if len(parts) != 2 or not all(parts):
            raise click.BadParameter("give two actors separated by a comma: A,B",
                                     param_hint="--tie")
        proposed.append(parts)
    network = source.load()

    proposed = [ProposedTie(*(resolve_argument(network, p, "--tie") for p in parts),
                            themes=tuple(themes), weight=weight) for parts in proposed]
    result = what_if(network, proposed, as_of=as_of)
    # Lists as "a; b" and floats to 3 decimals, in the table and in csv / json alike.
    partnerships = plain_records(result.partnerships, digits=3, join="; ")
    actors = plain_records(result.actors, digits=3, join="; ")
    if fmt == "json":
        emit_json({"ties": [list(t) for t in result.ties], "partnerships": partnerships,
                   "actors": actors})
    elif fmt == "csv":
        emit_table("partnerships", list(result.partnerships.columns), partnerships, fmt)
    else:
        if partnerships:
            emit_table("Partnerships the ties touch",
                       ["name", "routes_before", "routes_after", "rank_before", "rank_after",
                        "why"], partnerships)
        else:
            click.echo("The proposed ties touch no partnership (both ends in the home city).")
        emit_table("Actors the ties join", ["actor", "name", "betweenness_before",
                                            "betweenness_after"], actors)
    warn_rejected(network)
