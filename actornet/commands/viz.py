"""``actornet viz``: the interactive network page."""

from __future__ import annotations

from pathlib import Path

import click

from actornet.console import progress_bar
from actornet.naming import resolve_argument
from actornet.source import learning_kept, network_source, warn_rejected

__all__ = ["viz_command", "say_pseudonym_note"]


@click.command("viz")
@network_source
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("out/network.html"),
              show_default=True, help="The HTML file to write (folders are created).")
@click.option("--focus", default=None, metavar="ACTOR",
              help="Draw only the actors near this one (id, name or alias).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="Steps from --focus.")
@click.option("--theme", default=None, metavar="THEME", help="Draw only the part about a theme.")
@click.option("--city", default=None, metavar="CITY",
              help="Draw only a partner city's actors and those tied to them.")
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="The network as it stood in that year.")
@click.option("--layout", type=click.Choice(["spring", "geo"]), default="spring", show_default=True,
              help="spring: force-directed, seeded; geo: cities at their latitude/longitude.")
@click.option("--redact-people", is_flag=True,
              help="Show people under pseudonyms: stable across runs with ACTORNET_PSEUDONYM_KEY "
                   "set, else from a random key for this run.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None, metavar="N",
              help="Draw at most N actors (default 1500): the top brokers' neighbourhoods.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the layout.")
def viz_command(source, output, focus, depth, theme, city, as_of, layout, redact_people, max_nodes,
                seed):
    """Write the network as one interactive HTML page that works offline.

    Colour by kind, size by broker score, search (names, ids, aliases),
    filters, focus and introduction paths in the page. Nothing is loaded
    from the internet; e-mails and phones never enter the page.

    Example:

        actornet viz data/berlin -o out/network.html --city Jakarta
    """
    from actornet.network_page import MAX_NODES, network_page

    source.check_outputs(output)
    network, key = source.load_keyed()

    if focus is not None:
        focus = resolve_argument(network, focus, "--focus")
    if city is not None:
        city = resolve_argument(network, city, "--city")

    with learning_kept(network, key), progress_bar("Drawing the network page") as progress:
        path = network_page(network, output, focus=focus, depth=depth, theme=theme, city=city,
                            as_of=as_of, layout=layout, redact_people=redact_people,
                            max_nodes=max_nodes or MAX_NODES, seed=seed, progress=progress)
    click.echo(f"Wrote {path} (open it in a browser; it works offline)")
    if redact_people:
        say_pseudonym_note()
    warn_rejected(network)


def say_pseudonym_note() -> None:
    """One line on stderr when people were redacted under a random key."""
    from actornet.network_page import pseudonym_note

    note = pseudonym_note()
    if note is not None:
        click.echo(f"Note: {note}.", err=True)
