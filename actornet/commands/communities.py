"""The ``communities`` command: who works together, who bridges the groups."""

from __future__ import annotations

import click

from actornet.console import FORMATS, emit_json, emit_table, progress_bar
from actornet.naming import labeller
from actornet.graph.progress import Steps
from actornet.queries.option_choices import METHODS
from actornet.source import network_source, warn_rejected

__all__ = ["communities_command"]


@click.command("communities")
@network_source
@click.option("--seed", type=int, default=0, show_default=True,
              help="The seed: the same seed (and method) gives the same communities.")
@click.option("--method", type=click.Choice(METHODS), default="leiden", show_default=True,
              help="igraph's Leiden or Louvain (in C), or networkx's Louvain (slow; "
                   "the reference).")
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True,
              help="Bridging actors to list (0: every actor).")
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="Use only ties valid in YEAR.")
@click.option("--matrix", type=click.Choice(["partner_city", "kind", "country", "none"]),
              default="partner_city", show_default=True,
              help="Also print the ties between groups as a group x group table.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="A readable table, or CSV / JSON for scripts.")
def communities_command(source, seed, method, top, as_of, matrix, fmt):
    """Communities of actors who work together, and the actors that bridge them.

    Leiden (or Louvain) on tie strength (formal partnerships left out), seeded; actors
    ranked by their participation coefficient (how evenly their ties spread
    over communities). --matrix prints the ties between partner cities (or
    kinds, countries).

    Example:

        actornet communities --matrix kind --top 10
    """
    from actornet.queries.communities import communities, group_matrix

    network = source.load()

    with progress_bar("Finding communities") as progress:  # a bar on a terminal, nothing in a pipe
        steps = Steps(progress, 2)
        table = communities(network, seed=seed, top=top, as_of=as_of, method=method,
                            progress=steps.part())
        steps.part()
        grid = None if matrix == "none" else group_matrix(network, by=matrix, as_of=as_of)
        steps.done()
    if fmt == "json":
        emit_json({"modularity": table.attrs["modularity"], "sizes": table.attrs["sizes"],
                   "seed": seed, "method": method, "actors": table.to_dict("records"),
                   "matrix": None if grid is None else {
                       "by": matrix, "groups": list(grid.index), "ties": grid.values.tolist()}})
    else:
        if fmt == "table":
            sizes = table.attrs["sizes"]
            click.echo(f"{table.attrs['count']} communities of two or more actors "
                       f"(sizes {', '.join(map(str, sizes[:10]))}{', …' if len(sizes) > 10 else ''}); "
                       f"modularity {table.attrs['modularity']:.3f}; {method}, seed {seed}.")
        if fmt == "table":
            label = labeller(network)
            rows = [{"actor": label(r["actor"]), "community": r["community_name"],
                     "participation": f"{r['participation']:.2f}",
                     "reaches": r["communities_reached"], "why": r["why"]}
                    for r in table.to_dict("records")]
            emit_table("Actors that bridge communities",
                       ["actor", "community", "participation", "reaches", "why"], rows)
        else:
            emit_table("communities", list(table.columns), table.to_dict("records"), fmt)
        if grid is not None and fmt == "table":
            rows = [{"group": g, **{c: int(v) for c, v in row.items()}}
                    for g, row in grid.iterrows()]
            emit_table(f"Ties between groups ({matrix})", ["group", *grid.columns], rows)
    warn_rejected(network)
