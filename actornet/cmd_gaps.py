"""The ``gaps`` command: under-served and dormant partnerships, with the reasons."""

from __future__ import annotations

import sys

import click

from actornet.graph.schema import theme_label
from actornet.console import FORMATS, echo_text, emit_json, emit_table, plain_records, progress_bar
from actornet.naming import labeller, partner_cities_of, resolve_argument
from actornet.source import network_source, warn_rejected

__all__ = ["gaps", "recommend"]


#: Dormant actors shown in ``gaps``' table by default: on a network like the
#: whole of Horizon 2020 they run into the tens of thousands (CSV and JSON
#: list them all).
DORMANT_ACTOR_ROWS = 50


def _theme_name(network, theme) -> str:
    """A theme's label where the themes table has one (ids stay in csv and json)."""
    return theme_label(network, theme, short=True) if theme in network.themes else theme


def _score(value) -> str:
    return f"{value:.2f}"


@click.command("gaps")
@network_source
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="The reference year (default: the last year the network mentions).")
@click.option("--years", type=click.IntRange(min=1), default=5, show_default=True, metavar="N",
              help="Years without an active tie that make a partnership or actor dormant.")
@click.option("--top", type=click.IntRange(min=0), default=DORMANT_ACTOR_ROWS, show_default=True,
              metavar="N",
              help="Dormant actors shown in the table, longest dormant first (0: all; every "
                   "dormant partnership is shown). CSV and JSON list them all.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Readable tables; CSV (two sections, under-served then dormant, separated "
                   "by a blank line); or JSON ({\"under_served\": [...], \"dormant\": [...]}).")
def gaps(source, as_of, years, top, fmt):
    """Which partnerships are under-served, in which priority themes, and why.

    Ranks the active partnerships, most under-served first, by a weighted
    score of low activity (relative to the other partnerships), priority
    themes without an active tie or project, dormancy, the few kinds of
    actors involved and fragility (routes and single points of failure);
    suspended partnerships are listed but not ranked. Then lists the
    partnerships and actors with no active tie in the last N years, with
    the trend (the table shows the first --top actors; CSV and JSON list
    all).

    Example:

        actornet gaps --as-of 2024 --years 5
    """
    from actornet.queries.dormant import TREND_WINDOW, dormant
    from actornet.queries.under_served import under_served

    network = source.load()
    # Bars on stderr on a terminal only; nothing in a pipe.
    with progress_bar("Ranking under-served partnerships") as progress:
        ranking = under_served(network, as_of=as_of, progress=progress)
    with progress_bar("Finding dormant partnerships and actors") as progress:
        quiet = dormant(network, years=years, as_of=as_of, progress=progress)
    if fmt == "json":
        emit_json({"under_served": plain_records(ranking), "dormant": plain_records(quiet)})
    elif fmt == "csv":
        emit_table("under_served", list(ranking.columns), plain_records(ranking), "csv")
        sys.stdout.write("\n")
        emit_table("dormant", list(quiet.columns), plain_records(quiet), "csv")
    else:
        when = f" in {as_of}" if as_of is not None else ""
        records = plain_records(ranking)
        home = network.name_of(network.home_city)
        priorities = list(network.themes.priorities())
        label = labeller(network)
        rows = [{"rank": "" if r["rank"] is None else r["rank"], "city": r["name"],
                 "status": r["status"], "score": _score(r["score"]),
                 "activity": _score(r["low_activity_weighted"]),
                 "themes": _score(r["theme_gaps_weighted"]),
                 "dormancy": _score(r["dormancy_weighted"]),
                 "actors": _score(r["narrow_actors_weighted"]),
                 "fragility": _score(r["fragility_weighted"]),
                 "missing priority themes": [_theme_name(network, t) for t in r["missing_themes"]]}
                for r in records]
        columns = ["rank", "city", "status", "score", "activity", "themes", "dormancy",
                   "actors", "fragility", "missing priority themes"]
        if not priorities:
            columns.remove("missing priority themes")  # a column that could only be empty
        title = (f"Under-served partnerships{when}, most under-served first "
                 "(weighted components; suspended ones unranked)")
        if rows:
            emit_table(title, columns, rows)
            if not priorities:
                echo_text("No priority themes are set: mark some with `priority` in "
                          "themes.csv (until then the themes component is 0 for every "
                          "partnership).")
            click.echo("Why:")
            for r in records:
                mark = f"{r['rank']}." if r["rank"] is not None else "-"
                echo_text(f"{mark} {r['why']}")
        else:
            echo_text(f"{title}: none. {home} has no formal partnership to rank.")
        click.echo()
        records = plain_records(quiet)
        actors = [r for r in records if r["level"] == "actor"]
        hidden = len(actors) - top if top and len(actors) > top else 0
        if hidden:
            records = [r for r in records if r["level"] != "actor"] + actors[:top]
        # names, not ids (ids stay in --format csv and json)
        rows = [{"level": r["level"], "name": label(r["id"]), "kind": r["kind"],
                 "status": r["status"],
                 "last active": r["last_active"] if r["last_active"] is not None else "never",
                 "trend": ", ".join(map(str, r["trend"])), "slope": f"{r['slope']:+.1f}"}
                for r in records]
        title = f"Dormant: no active tie in {years} year{'s' if years != 1 else ''}{when}"
        if rows:
            emit_table(f"{title} (trend: ties and projects per {TREND_WINDOW}-year window, "
                       "oldest first)",
                       ["level", "name", "kind", "status", "last active", "trend", "slope"],
                       rows)
            if hidden:
                click.echo(f"... and {hidden:,} more dormant actors ({len(actors):,} in all; "
                           "--top 0 shows them all, --format csv or json lists them).")
        else:
            echo_text(f"{title}: none. Every partnership and actor had an active tie or "
                      f"project in the last {years} year{'s' if years != 1 else ''}.")
    warn_rejected(network)


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
def recommend(source, theme, city, k, as_of, fmt):
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

    network = source.load()
    city = resolve_argument(network, city, "--city", prefer=partner_cities_of(network))
    with progress_bar("Finding whom to connect") as progress:  # a bar on a terminal only
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
