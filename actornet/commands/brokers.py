"""``actornet brokers``: who brokers the home city's partnerships (by default), or
who brokers between partner cities, kinds or countries in the whole network
(``--scope network``)."""

from __future__ import annotations

import click

from actornet.console import FORMATS, emit_json, emit_table, plain, plain_records, progress_bar
from actornet.graph.errors import UsageError
from actornet.naming import labeller
from actornet.queries.option_choices import BY, MODES
from actornet.source import network_source, warn_rejected

__all__ = ["brokers_command"]

# The table on a terminal: the measures people read first, under short headers;
# csv and json carry every column.
_HOME_SHOWN = {"actor": "actor", "city": "city", "share": "share of routes",
               "partnerships": "partnerships", "why": "why"}
_SHOWN = {"actor": "actor", "group": "group", "cross_group_betweenness": "cross-group",
          "betweenness": "betweenness", "constraint": "constraint", "dominant_role": "role",
          "why": "why"}


@click.command("brokers")
@network_source
@click.option("--scope", type=click.Choice(("home", "network")), default=None,
              help="home: the actors who carry the home city's routes to its partner cities "
                   "(the default when the network has a home city); network: the whole "
                   "network's brokers between groups (the default without one, or with "
                   "--by or --mode).")
@click.option("--side", type=click.Choice(("both", "home", "partner")), default="both",
              show_default=True,
              help="With --scope home: the actors of the home city only, of the partner "
                   "cities only, or both.")
@click.option("--by", default=None, type=click.Choice(BY),
              help="With --scope network: groups to broker between: the city an actor is "
                   "based in (partner_city, the default), its kind, or its country.")
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True,
              help="Rows to show (0: every actor).")
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="Analyse the network as it stood in YEAR.")
@click.option("--mode", type=click.Choice(MODES), default=None,
              help="With --scope network: betweenness from every actor (exact) or from a "
                   "sample (sampled); auto (the default) samples only large networks.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="A readable table, or csv / json with every column.")
def brokers_command(source, scope, side, by, top, as_of, mode, fmt):
    """Rank the actors who broker the home city's partnerships, with the reasons why.

    By default (--scope home): the actors on the routes between the home
    city's actors and each partner city's (shortest paths over the ties
    among the two cities' actors), ranked by the share of those routes they
    carry, each with the partnerships it carries most of.

    With --scope network: the whole network's brokers between groups. Each
    row gives betweenness (plain, and over paths between different groups
    only), Burt's constraint, effective size, efficiency and hierarchy,
    Gould & Fernandez's brokerage roles and a plain-language reason. Paths
    run over tie strength turned into distance.

    Example:

        actornet brokers data/berlin --top 10

        actornet brokers data/berlin --scope network --by partner_city
    """
    network = source.load()
    if side != "both" and scope is None:
        scope = "home"
    if scope is None:
        scope = "home" if by is None and mode is None and network.home_city is not None \
            else "network"
    elif scope == "home":
        if by is not None or mode is not None:
            raise UsageError("--by and --mode apply to --scope network only")
    elif side != "both":
        raise UsageError("--side applies to --scope home only")
        if network.home_city is None:
            raise UsageError("--scope home needs a home city (formal partnerships, or --home); "
                             "--scope network ranks the whole network's brokers")
    if scope == "home":
        _home_table(network, top, None if side == "both" else side, as_of, fmt)
        warn_rejected(network)
        return
    by, mode = by or "partner_city", mode or "auto"
    from actornet.queries.brokers import COLUMNS, brokers

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
        emit_json({"scope": "network", "mode": attrs["mode"], "sources": attrs["sources"],
                   "actors": attrs["actors"],
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



def _home_table(network, top, side, as_of, fmt):
    """The home city's brokers (``--scope home``) in the format asked for."""
    from actornet.queries.home_brokers import HOME_COLUMNS, home_brokers

    with progress_bar("Finding the home city's brokers (partnerships done)") as progress:
        table = home_brokers(network, top=top or None, side=side, as_of=as_of,
                             progress=progress)
    attrs = table.attrs
    home = network.name_of(network.home_city)
    how = (f"{attrs['mode']}: routes between {attrs['home_actors']:,} {home} actors and "
           f"{attrs['partner_actors']:,} actors of its partner cities")
    rows = plain_records(table)
    if fmt == "json":
        emit_json({"scope": "home", "home": home, "side": side or "both", "mode": attrs["mode"],
                   "sources": attrs["sources"], "actors": attrs["actors"],
                   "home_actors": attrs["home_actors"],
                   "partner_actors": attrs["partner_actors"], "routes": attrs["routes"],
                   "as_of": as_of, "brokers": rows})
    elif fmt == "csv":
        click.echo(f"# {how}", err=True)
        emit_table("brokers", HOME_COLUMNS, rows, "csv")
    else:
        when = f" as of {as_of}" if as_of is not None else ""
        label = labeller(network)
        if rows:
            which = {None: "", "home": f" in {home}", "partner": " in its partner cities"}[side]
            emit_table(f"Brokers of {home}'s partnerships{which}{when} ({how})",
                       list(_HOME_SHOWN.values()),
                       [{h: label(r[c]) if c == "actor" else
                         (f"{100 * r[c]:.1f}%" if c == "share" else plain(r[c], digits=3))
                         for c, h in _HOME_SHOWN.items()} for r in rows])
        else:
            click.echo(f"Brokers of {home}'s partnerships{when}: none.")
    if attrs.get("note"):
        click.echo(f"Note: {attrs['note']}.", err=fmt != "table")
