"""``actornet brokers``: who brokers between partner cities, kinds or countries."""

from __future__ import annotations

import click

from actornet.console import FORMATS, emit_json, emit_table, plain, plain_records, progress_bar
from actornet.naming import labeller
from actornet.source import network_source, warn_rejected
from actornet.queries.options import BY, MODES

__all__ = ["brokers_command"]

# The table on a terminal: the measures people read first, under short headers;
# csv and json carry every column.
_SHOWN = {"actor": "actor", "group": "group", "cross_group_betweenness": "cross-group",
          "betweenness": "betweenness", "constraint": "constraint", "dominant_role": "role",
          "why": "why"}


@click.command("brokers")
@network_source
@click.option("--by", default="partner_city", show_default=True,
              type=click.Choice(BY),
              help="Groups to broker between: the city an actor is based in, its kind, or its country.")
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True,
              help="Rows to show (0: every actor).")
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="Analyse the network as it stood in YEAR.")
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True,
              help="Betweenness from every actor (exact) or from a sample (sampled); "
                   "auto samples only large networks.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="A readable table, or csv / json with every column.")
def brokers_command(source, by, top, as_of, mode, fmt):
    """Rank the actors who broker between groups, with the reasons why.

    Each row gives betweenness (plain, and over paths between different
    groups only), Burt's constraint, effective size, efficiency and
    hierarchy, Gould & Fernandez's brokerage roles and a plain-language
    reason. Paths run over tie strength turned into distance.

    Example:

        actornet brokers data/berlin --by partner_city --top 10
    """
    from actornet.queries.brokers import COLUMNS, brokers

    network = source.load()
    # on a terminal: a spinner, then the sources done; nothing in a pipe
    with progress_bar("Finding brokers (sources done)") as progress:
        table = brokers(network, by=by, top=top or None, as_of=as_of, mode=mode,
                        progress=progress)
    attrs = table.attrs
    how = (f"{attrs['mode']} betweenness from {attrs['sources']} of {attrs['actors']} actors")
    if attrs["mode"] == "sampled" and attrs.get("confidence") is not None:
        how += f"; {attrs['confidence']:.0%} of the top rows stay on top when resampled"
    rows = plain_records(table)
    if fmt == "json":
        emit_json({"mode": attrs["mode"], "sources": attrs["sources"], "actors": attrs["actors"],
                   "confidence": attrs.get("confidence"), "by": by, "as_of": as_of,
                   "brokers": rows})
    elif fmt == "csv":
        click.echo(f"# {how}", err=True)
        emit_table("brokers", COLUMNS, rows, "csv")
    else:
        when = f" as of {as_of}" if as_of is not None else ""
        label = labeller(network)
        emit_table(f"Brokers by {by.replace('_', ' ')}{when} ({how})", list(_SHOWN.values()),
                   [{h: label(r[c]) if c == "actor" else plain(r[c], digits=3)
                     for c, h in _SHOWN.items()} for r in rows])
    if attrs.get("note"):
        click.echo(f"Note: {attrs['note']}.", err=fmt != "table")
    warn_rejected(network)

