"""``actornet dedupe`` and ``actornet merge``: one actor under several names, several sources as one."""

from __future__ import annotations

from pathlib import Path

import click

from actornet.console import emit_json, emit_table, stdout_console
from actornet.graph.options import DEFAULT_THRESHOLD
from actornet.source import network_source, warn_rejected

__all__ = ["dedupe_command", "merge_command", "read_accepted"]


def read_accepted(path):
    """The accepted pairs of a candidates file (see
    :func:`actornet.loaders.candidates.read_reviewed`, where it lives now)."""
    from actornet.loaders.candidates import read_reviewed

    return read_reviewed(path)


@click.command("dedupe")
@network_source
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The candidates file to write (CSV), for a person to mark accept yes/no.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=DEFAULT_THRESHOLD,
              show_default=True, help="The lowest match probability (0-1) listed.")
@click.option("--auto", "auto", is_flag=True,
              help="Accept the auto band (probability 0.99 or more): accept=yes in the file.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only actors of this kind; repeatable (default: all actors and networks).")
@click.option("--top", type=int, default=15, show_default=True,
              help="Candidates to show on the terminal (the file has all).")
def dedupe_command(source, output, threshold, auto, kinds, top):
    """Propose likely duplicates: the same actor under several names.

    Each pair gets a match probability from a record-linkage model
    (Fellegi-Sunter with term-frequency adjustment): names compared word by
    word after normalisation (case, accents, legal forms such as GmbH,
    abbreviations such as TU, words in other languages), a rare word
    ("Graz") weighing more than a common one ("University"); then country,
    city, kind (institutions, companies and NGOs are compared with each
    other), shared partners, and external ids. Each pair is in a band: auto
    (0.99 or more), review (0.5 or more) or unlikely, with the reason. Mark
    the accept column yes or no (--auto marks the auto band yes), then run
    `actornet merge`.

    Example:

        actornet dedupe interreg/ -o candidates.csv --auto
    """
    from actornet.console import progress_bar
    from actornet.graph.resolve import BANDS, duplicate_candidates
    from actornet.loaders.candidates import write_candidates

    source.check_outputs(output)  # never over an input (dedupe c -o c/actors.csv)
    network = source.load()
    warn_rejected(network)
    with progress_bar("Comparing actors (pairs)") as progress:
        table = duplicate_candidates(network, threshold=threshold, kinds=kinds or None,
                                     progress=progress)
    write_candidates(table, output, auto=auto)
    shown = table[table["kind"] != "person"].head(top) if top > 0 else table.iloc[:0]
    if len(shown):
        emit_table(f"Likely duplicates (best {len(shown)} of {len(table)}; people not shown)",
                   ["name_a", "name_b", "kind", "probability", "band", "reason"],
                   shown.to_dict("records"))
    counts = table["band"].value_counts()
    bands = ", ".join(f"{counts.get(b, 0)} {b}" for b in BANDS)
    console = stdout_console()
    console.print(f"Wrote {output}: {len(table)} candidate pair{'s' if len(table) != 1 else ''} "
                  f"({bands}).")
    if auto:
        accepted = counts.get("auto", 0)
        console.print(f"Accepted the auto band: {accepted} pair{'s' if accepted != 1 else ''} "
                      "marked accept=yes.")
    console.print("Mark accept yes or no (review the review band), then: actornet merge DATA "
                  f"--accept {output.name} -o merged/")


@click.command("merge")
@click.argument("data", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The network folder to write.")
@click.option("--accept", "accept_file", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A candidates file from `actornet dedupe` with accept marked yes.")
@click.option("--home", default=None, metavar="CITY",
              help="The merged network's home city (default: the first source's).")
@click.option("--encoding", default=None, metavar="NAME", help="Text encoding of CSV input.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="A readable summary, or JSON for scripts.")
@click.option("--force", is_flag=True,
              help="Replace the output folder even when it holds files actornet did not write.")
def merge_command(data, output, accept_file, home, encoding, fmt, force):
    """Combine network folders and merge accepted duplicates.

    Several DATA are one network: actors with the same id (e.g. the city ids
    `actornet import` makes from name and country) are one actor, then actors
    sharing an external id (wikidata:Q64, pic:999986678, geonames:2950159)
    are one actor. Then the pairs accepted in --accept are merged, closed
    transitively (a=b and b=c make one actor): every name stays as an alias,
    every source as evidence, every merged id in merged_ids, every tie moves
    to the actor kept. A tie is combined with another only when it says the
    same (ends, type, years, themes, role); the summary counts every tie not
    kept as one of its own. An accepted pair naming an id that an earlier
    merge folded into an actor applies to that actor, and says so.

    Example:

        actornet merge twins/ interreg/ --accept candidates.csv -o combined/
    """
    from actornet.graph.resolve import MergeSummary, merge_duplicates, merge_external_ids
    from actornet.graph.resolve import union_networks
    from actornet.loaders import read_network
    from actornet.loaders.candidates import read_reviewed
    from actornet.loaders.folder import write_network_folder
    from actornet.loaders.read import read_settings
    from actornet.outputs import check_output_folder, check_settings

    check_output_folder(output, [*data, accept_file], force=force)  # merge a b -o a: refused
    check_settings(home=home, files=data)
    networks = []
    for path in data:
        network = read_network(path, encoding=encoding)
        warn_rejected(network)
        networks.append(network)
    if len(networks) > 1:
        network, summary = union_networks(networks, [p.name for p in data])
    else:
        summary = MergeSummary(sources=[(data[0].name, networks[0].graph.number_of_nodes())])
        network, summary = merge_external_ids(networks[0], summary=summary)
        summary.actors = len(network.actors())
        summary.ties = network.graph.number_of_edges()
    before = len(summary.merged)
    if accept_file is not None:
        network, summary = merge_duplicates(network, read_reviewed(accept_file), summary=summary)
    stated = home or next((read_settings(p).get("home") for p in data
                           if read_settings(p).get("home")), None)
    write_network_folder(network, output, force=force, settings={
        "home": stated, "source": "merged: " + ", ".join(p.name for p in data)})
    if fmt == "json":
        emit_json(dict(summary.to_dict(), output=str(output)))
        return
    _print_merge(network, summary, several=len(networks) > 1,
                 accepted=summary.merged[before:] if accept_file is not None else None)
    stdout_console().print(f"Wrote {output}: {summary.actors} actors, {summary.ties} ties.")


def _print_merge(network, summary, *, several, accepted):
    """The merge summary for people: names, counts, and what became of every tie."""
    emit_table("Sources", ["source", "nodes"],
               [{"source": s, "nodes": n} for s, n in summary.sources])
    console = stdout_console()
    if several:
        console.print(f"Matched by id across sources: {summary.matched_by_id} nodes.")
    for conflict in summary.kind_conflicts:
        console.print(f"Kept apart (one id, two kinds): {conflict}")
    if summary.by_external_id:
        console.print(f"Merged by a shared external id: {len(summary.by_external_id)} actors, "
                      "e.g. " + "; ".join(f"{network.name_of(m)} into {network.name_of(k)} "
                                          f"({ident})"
                                          for k, m, ident in summary.by_external_id[:3]) + ".")
    for named, now in summary.redirected:
        console.print(f"Note: an accepted pair names {named}, which an earlier merge folded into "
                      f"{network.name_of(now)} ({now}); the pair applies to it.")
    if accepted is not None:
        merged = sum(len(m) for _, m in accepted)
        console.print(f"Merged {merged} actor{'s' if merged != 1 else ''} into {len(accepted)} "
                      "(names kept as aliases, their ids in merged_ids).")
    if summary.kinds_changed:
        console.print(f"Of another kind than the actor kept: {len(summary.kinds_changed)} merged "
                      "actors (listed with --format json).")
    console.print(f"Ties: {summary.ties} kept; {summary.ties_combined} said the same as a kept "
                  f"tie (evidence joined); {summary.loops_dropped} joined two merged actors "
                  "(dropped); each listed with --format json.")
