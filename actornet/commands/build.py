"""``actornet build``: one network folder from a build recipe (many sources, one command)."""

from __future__ import annotations

from pathlib import Path

import click

from actornet.console import emit_json, emit_table, progress_bar, stdout_console

__all__ = ["build_command"]


@click.command("build")
@click.argument("recipe", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The network folder to write.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="A readable summary, or JSON for scripts.")
def build_command(recipe, output, fmt):
    """Build one network from many sources, as a recipe (TOML) lists them.

    Imports each source (twin-towns, wikidata-p190, cordis, keep, pairs or
    memberships; files relative to the recipe), resolves every town against
    the gazetteer so that all sources give a city one id, unions the
    sources, merges the matches the recipe accepts ([dedupe] accept = "auto",
    reviewed = "candidates.csv"), applies the office's partnership list
    ([partnerships]: its years and status win; public claims it lacks are
    marked official = no) and writes one network folder.

    Example recipe:

    \b
        home = "Berlin"
        [[source]]
        recipe = "twin-towns"
        files = ["twin_cities.csv"]
        [partnerships]
        file = "partner_cities.csv"

    Example:

        actornet build berlin.toml -o berlin-net
    """
    from actornet.build_recipe import build_from_recipe, read_build_recipe

    plan = read_build_recipe(recipe)
    with progress_bar("Building the network") as progress:
        _, summary = build_from_recipe(plan, output, progress=progress)
    if fmt == "json":
        emit_json(summary.to_dict())
        return
    emit_table("Sources (rows read = kept + duplicates + rejected)",
               ["source", "read", "kept", "duplicates", "rejected", "places resolved",
                "not resolved"],
               [{"source": label, "read": sum(c.read for c in s.files.values()),
                 "kept": sum(c.kept for c in s.files.values()), "duplicates": s.duplicates,
                 "rejected": sum(c.rejected for c in s.files.values()),
                 "places resolved": s.resolved, "not resolved": s.unresolved}
                for label, s in summary.imports])
    console = stdout_console()
    console.print(f"Matched by id across sources: {summary.matched_by_id} nodes.")
    if summary.bands:
        console.print("Duplicate candidates per band: " + ", ".join(
            f"{band} {n}" for band, n in sorted(summary.bands.items())) + ".")
    if summary.auto_merged or summary.reviewed_merged:
        console.print(f"Merged {_count(summary.merged_away, 'actor')} into others: "
                      f"{_count(summary.auto_merged, 'pair')} of the auto band, "
                      f"{summary.reviewed_merged} accepted in the reviewed file.")
    if summary.auto_rejected or summary.reviewed_missing:
        console.print(f"Reviewed file: {_count(summary.auto_rejected, 'auto-band pair')} left "
                      f"out (they would join a pair marked no), "
                      f"{_count(summary.reviewed_missing, 'pair')} passed over (naming an actor "
                      "no source has now).")
    if summary.partnerships:
        p = summary.partnerships
        console.print(f"Partnership list: {p['listed']} partnerships stated "
                      f"({p['added']} cities no source had); {p['unofficial']} public claims "
                      "it lacks kept as official = no.")
    console.print(f"Wrote {output}: {summary.actors} actors, {summary.ties} ties, home "
                  f"{summary.home} in {summary.seconds:.1f} s.")
    console.print(f"Next: actornet dedupe {output} -o candidates.csv  (mark accept, then add "
                  "reviewed = \"candidates.csv\" to the recipe's [dedupe])")


def _count(n, word) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
