"""``actornet demo``: the bundled Berlin network validated, summarised, written as GraphML,
the page and the report, and its top findings printed."""

from __future__ import annotations

from pathlib import Path

import click

from actornet.commands.info import print_summary
from actornet.console import echo_text
from actornet.sample import sample_path
from actornet.source import NetworkSource

__all__ = ["demo_command"]


@click.command("demo")
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Folder for the files the demo writes.")
def demo_command(out_dir):
    """Validate the bundled Berlin network, summarise it, write it as GraphML,
    as the interactive page and as the planners' report; print the top findings.

    Example:

        actornet demo --out out
    """
    from actornet.graph.summary import summarize
    from actornet.loaders import write_graphml

    source = NetworkSource(data=sample_path(), strict=True)
    names = ("berlin.graphml", "berlin-network.html", "berlin-report.html")
    source.check_outputs(out_dir, *(out_dir / name for name in names))
    network = source.load()
    print_summary(summarize(network), network)
    path = write_graphml(network, out_dir / names[0])
    click.echo(f"Wrote {path} (open it in Gephi, yEd or Cytoscape)")
    from actornet.network_page import network_page

    page = network_page(network, out_dir / names[1])
    click.echo(f"Wrote {page} (the interactive page: open it in a browser)")
    from actornet.queries.home_brokers import home_brokers
    from actornet.queries.under_served import under_served
    from actornet.network_report import network_report

    report = network_report(network, out_dir / names[2])
    click.echo(f"Wrote {report} (the planners' report: open it in a browser)")
    click.echo("Most under-served partnerships:")
    ranked = under_served(network)
    for row in ranked[ranked["rank"].notna()].head(3).itertuples():
        echo_text(f"  {int(row.rank)}. {row.why}")
    click.echo("Top brokers:")  # of the home city's partnerships, as `brokers` ranks them
    for i, row in enumerate(home_brokers(network, top=3).itertuples(), 1):
        echo_text(f"  {i}. {row.name}: {row.why}")
    _demo_who_to_connect(network, ranked)


def _demo_who_to_connect(network, ranked):
    """For the most under-served partnership with a priority theme nobody
    works on, the most important such theme: whom to bring in and introduce."""
    from actornet.queries.priorities import most_important_missing_theme
    from actornet.queries.paths import route_caveat
    from actornet.queries.recommend import recommend

    for row in ranked[ranked["rank"].notna()].itertuples():
        theme = most_important_missing_theme(row.missing_themes, network.themes)
        if theme is None:
            continue
        answer = recommend(network, theme, row.city, k=3)
        label = network.themes[theme].label_en or theme
        echo_text(f"Who to connect for a {label} project with {row.name} "
                   f"(actornet recommend --theme {theme} --city \"{row.name}\"):")
        for note in answer.notes:
            echo_text(f"  {note}")
        for title, table in (("bring in", answer.bring_in),
                             ("meet there", answer.counterparts)):
            if len(table):
                echo_text(f"  {title}: {', '.join(table['name'])}")
        for r in answer.introductions.itertuples():
            route = " → ".join(r.path_names) if r.path_names else "no chain of ties yet"
            echo_text(f"  introduce {r.home_name} to {r.partner_name}: {route}")
            caveat = route_caveat(network, r.path)
            if caveat:
                echo_text(f"    ({caveat})")
        return
