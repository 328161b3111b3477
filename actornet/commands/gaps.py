"""``actornet gaps``: under-served and dormant partnerships, with the reasons."""

from __future__ import annotations

import sys

import click

from actornet.console import FORMATS, echo_text, emit_json, emit_table, plain_records, progress_bar
from actornet.graph.schema import theme_label
from actornet.naming import labeller
from actornet.source import network_source, warn_rejected

__all__ = ["gaps_command"]


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
def gaps_command(source, as_of, years, top, fmt):
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
