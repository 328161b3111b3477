"""``actornet info``: a network's summary (actors, ties, themes, partner cities, years)."""

from __future__ import annotations

import click
from rich.text import Text

from actornet.console import as_text, emit_json, emit_table, stdout_console
from actornet.source import network_source, warn_rejected

__all__ = ["info_command", "print_summary"]


@click.command("info")
@network_source
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Readable tables, or JSON for scripts.")
def info_command(source, fmt):
    """Summarise a network: actors per kind, ties per type, themes, partner
    cities with the year signed and status, years covered.

    Example:

        actornet info data/berlin --format json
    """
    network = source.load()
    from actornet.graph.summary import summarize  # networkx: after an error in the input

    summary = summarize(network)
    if fmt == "json":
        emit_json(summary.to_dict())
    else:
        print_summary(summary, network)
    warn_rejected(network)


def print_summary(summary, network):
    """Print a network's summary (:func:`actornet.graph.summary.summarize`) as tables."""
    console = stdout_console()
    console.print(Text.assemble(as_text(summary.name, "bold"),
                                f": {summary.actors} actors, {summary.projects} projects, "
                                f"{len(summary.themes)} themes, {summary.ties} ties"))
    emit_table("Actors per kind", ["kind", "count"],
               [{"kind": k, "count": v} for k, v in summary.actors_per_kind.items()
                if k not in ("project", "theme")])
    emit_table("Ties per type", ["type", "count"],
               [{"type": k, "count": v} for k, v in summary.ties_per_type.items()])
    emit_table("Themes", ["id", "English", "German", "priority", "actors", "ties"],
               [{"id": t["id"], "English": t["label_en"], "German": t["label_de"],
                 "priority": t["priority"], "actors": t["actors"], "ties": t["ties"]}
                for t in summary.themes])
    if summary.home_city is not None:
        home = network.name_of(summary.home_city)
        claims = [p for p in summary.partnerships if p.get("claimed_by")]
        columns = ["city", "signed", "status", "actors based there"] + (
            ["claimed by"] if claims else [])
        emit_table(f"Partner cities of {home}", columns,
                   [{"city": p["name"], "signed": p["since"], "status": p["status"],
                     "actors based there": p["actors"],
                     "claimed by": _claimant(network, p.get("claimed_by"))}
                    for p in summary.partnerships])
        if claims:
            console.print(f"{len(claims)} of {len(summary.partnerships)} partnerships are "
                          "claimed by one side only (marked above).")
    pairs, one_sided = network.partnership_counts()
    if one_sided:
        console.print(f"Formal partnerships in the network: {pairs}, of which {one_sided} are "
                      "claimed by one side only.")
    first, last = summary.years
    console.print(f"Years covered: {first}–{last}" if first is not None else "Years covered: none given")
    emit_table("Rows per file", ["file", "read", "kept", "rejected"], summary.files)


def _claimant(network, city):
    """The name of the one city claiming a partnership, or "" (both sides do)."""
    return network.name_of(city) if city else ""
