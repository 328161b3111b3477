"""``actornet merge``: several sources as one network, accepted duplicates merged."""

from __future__ import annotations

from pathlib import Path

import click

from actornet.console import emit_json, emit_table, stdout_console
from actornet.source import warn_rejected

__all__ = ["merge_command"]


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
