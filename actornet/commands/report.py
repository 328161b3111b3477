"""``actornet report``: the planners' report, one offline HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from actornet.commands.viz import say_pseudonym_note
from actornet.console import progress_bar
from actornet.source import learning_kept, network_source, warn_rejected

__all__ = ["report_command"]


@click.command("report")
@network_source
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("out/report.html"),
              show_default=True, help="The HTML file to write (folders are created).")
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="The reference year (default: the last year the network mentions).")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, metavar="N",
              help="Brokers (and dormant actors) to list.")
@click.option("--years", type=click.IntRange(min=1), default=5, show_default=True, metavar="N",
              help="Years without an active tie that make a partnership dormant.")
@click.option("--no-page", is_flag=True, help="Leave out the embedded interactive network page.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the page's layout.")
@click.option("--redact-people", is_flag=True,
              help="Show people under pseudonyms everywhere in the report and its page, as "
                   "`actornet viz --redact-people` does (stable across runs with "
                   "ACTORNET_PSEUDONYM_KEY set, else from a random key for this run).")
def report_command(source, output, as_of, top, years, no_page, seed, redact_people):
    """Write the planners' report as one HTML file that works offline.

    Key figures, the coverage heatmap (partner city x theme, priority
    themes and gaps marked), the brokers of the home city's partnerships
    (as `actornet brokers` ranks them), the fragile, dormant and
    under-served partnerships with recommended introductions (all read from
    one record per partnership, so no two sections disagree), and the
    interactive network page embedded in a sandbox. Nothing is loaded from
    the internet.

    Example:

        actornet report data/berlin -o out/report.html --as-of 2024
    """
    from actornet.network_report import network_report

    source.check_outputs(output)
    network, key = source.load_keyed()
    with learning_kept(network, key), progress_bar("Writing the report") as progress:
        path = network_report(network, output, as_of=as_of, top=top, years=years,
                              embed_page=not no_page, seed=seed, redact_people=redact_people,
                              progress=progress)
    click.echo(f"Wrote {path} (open it in a browser; it works offline)")
    if redact_people:
        say_pseudonym_note()
    warn_rejected(network)
