"""``actornet recommend``: whom to bring in, whom to meet, who can introduce them."""

from __future__ import annotations

import sys

import click

from actornet.console import FORMATS, echo_text, emit_json, emit_table, plain_records, progress_bar
from actornet.naming import labeller, partner_cities_of, resolve_argument
from actornet.source import learning_kept, network_source, warn_rejected

__all__ = ["recommend_command"]


def _score(value) -> str:
    return f"{value:.2f}"


@click.command("recommend")
@network_source
@click.option("--theme", required=True, metavar="THEME",
              help="The project's theme: id, English or German label (e.g. climate).")
@click.option("--city", required=True, metavar="NAME",
              help="The partner city: id, name or alias (e.g. Jakarta, Djakarta).")
@click.option("--k", "k", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many rows in each list.")
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="Use only ties valid in YEAR.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Readable tables; CSV (three sections, bring_in, counterparts, "
                   "introductions, separated by a blank line); or JSON ({\"bring_in\": [...], "
                   "\"counterparts\": [...], \"introductions\": [...]}, each step of each warm "
                   "path with its evidence).")
def recommend_command(source, theme, city, k, as_of, fmt):
    """Whom in the home city to bring in, whom to meet in the partner city,
    and who can introduce them.

    Three ranked lists, each with the evidence and a warm introduction
    path: home-city actors to bring in (active in the theme, tied into the
    partner city or reaching it through contacts); counterparts in the
    partner city (the same, seen from the home city); and introductions:
    pairs not tied yet, scored by shared contacts (Adamic-Adar, resource
    allocation), the theme and whether the pair opens a new route between
    the cities.

    Example:

        actornet recommend --theme climate --city Jakarta --k 10
    """
    from actornet.queries.recommend import recommend as recommend_lists

    network, key = source.load_keyed()
    city = resolve_argument(network, city, "--city", prefer=partner_cities_of(network))
    with learning_kept(network, key), progress_bar("Finding whom to connect") as progress:
        answer = recommend_lists(network, theme, city, k=k, as_of=as_of, progress=progress)
    sections = {"bring_in": answer.bring_in, "counterparts": answer.counterparts,
                "introductions": answer.introductions}
    records = {name: plain_records(table) for name, table in sections.items()}
    if fmt == "json":
        emit_json({"theme": answer.theme, "city": answer.city, "home": answer.home,
                   "as_of": answer.as_of, **records})
    elif fmt == "csv":
        for i, (name, table) in enumerate(sections.items()):
            if i:
                sys.stdout.write("\n")
            emit_table(name, list(table.columns), records[name], "csv")
    else:
        _recommend_tables(network, answer, records)
    warn_rejected(network)


def _recommend_tables(network, answer, records):
    theme = network.themes[answer.theme].label_en or answer.theme
    home, partner = (network.graph.nodes[c].get("name", c) for c in (answer.home, answer.city))
    when = f" in {answer.as_of}" if answer.as_of is not None else ""
    label = labeller(network)
    for note in answer.notes:
        click.echo(note)
    for name, title, nobody in (
            ("bring_in", f"Bring in: {home} actors for {theme} with {partner}{when}",
             f"nobody in {home} is active in {theme} yet."),
            ("counterparts", f"Counterparts in {partner} for {theme}{when}",
             f"No {partner} actor works on {theme} or reaches {home} yet.")):
        rows = [{"rank": r["rank"], "actor": label(r["actor"]),
                 "kind": r["kind"], "score": _score(r["score"]), "roles": "; ".join(r["roles"]),
                 "warm route": " → ".join(map(label, r["path"])) or "none"}
                for r in records[name]]
        if rows:
            emit_table(title, ["rank", "actor", "kind", "score", "roles", "warm route"], rows)
            click.echo("Why:")
            for r in records[name]:
                echo_text(f"{r['rank']}. {r['why']}")
        else:
            echo_text(f"{title}: {nobody}")
        click.echo("")
    introductions = records["introductions"]
    if not introductions:
        echo_text(f"No introductions to suggest for {theme} with {partner}: no home-city actor "
                   "and partner-city actor are left that are not tied already.")
        return
    rows = [{"rank": r["rank"], "bring in": label(r["home_actor"]),
             "to meet": label(r["partner_actor"]),
             "score": _score(r["score"]),
             "introduction": " → ".join(map(label, r["path"])) or "none"}
            for r in introductions]
    emit_table(f"Introductions for {theme} with {partner}{when}",
               ["rank", "bring in", "to meet", "score", "introduction"], rows)
    click.echo("Why:")
    for r in introductions:
        echo_text(f"{r['rank']}. {r['why']}")
