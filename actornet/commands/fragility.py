"""``actornet fragility``: how many independent routes carry each partnership."""

from __future__ import annotations

import click

from actornet.console import FORMATS, emit_table, plain_records
from actornet.naming import labeller, partner_cities_of, resolve_argument
from actornet.source import network_source, warn_rejected

__all__ = ["fragility_command"]


@click.command("fragility")
@network_source
@click.option("--city", default=None, metavar="NAME",
              help="Only this partner city (id, name or alias).")
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="Use only ties valid in YEAR.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="A readable table, or CSV / JSON for scripts.")
def fragility_command(source, city, as_of, fmt):
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

