"""``actornet dedupe`` and ``actornet merge``: one actor under several names, several sources as one."""

from __future__ import annotations

from pathlib import Path

import click

from actornet.console import emit_json, emit_table, stdout_console
from actornet.graph.errors import InputError
from actornet.graph.options import DEFAULT_THRESHOLD
from actornet.source import network_source, warn_rejected

__all__ = ["dedupe_command", "merge_command", "read_accepted"]

_YES = {"yes", "y", "true", "1", "x", "ja"}
_NO = {"no", "n", "false", "0", "nein"}


@click.command("dedupe")
@network_source
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The candidates file to write (CSV), for a person to mark accept yes/no.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=DEFAULT_THRESHOLD,
              show_default=True, help="The lowest score (0-100) proposed.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only actors of this kind; repeatable (default: all actors and networks).")
@click.option("--top", type=int, default=15, show_default=True,
              help="Candidates to show on the terminal (the file has all).")
def dedupe_command(source, output, threshold, kinds, top):
    """Propose likely duplicates: the same actor under several names.

    Compares actors of the same kind and country by their names after
    normalisation (case, accents, legal forms such as GmbH or e.V.,
    abbreviations such as TU, words in other languages); the same city and
    shared partners raise the score. Each candidate has a score and the
    reason. Mark the accept column yes or no, then run `actornet merge`.

    Example:

        actornet dedupe interreg/ -o candidates.csv
    """
    from actornet.graph.atomic import atomic_write
    from actornet.graph.resolve import CANDIDATE_COLUMNS, duplicate_candidates

    source.check_outputs(output)  # never over an input (dedupe c -o c/actors.csv)
    network = source.load()
    warn_rejected(network)
    table = duplicate_candidates(network, threshold=threshold, kinds=kinds or None)
    with atomic_write(output, "w", encoding="utf-8", newline="") as handle:  # whole or not at all
        table.to_csv(handle, index=False, columns=CANDIDATE_COLUMNS)
    shown = table[table["kind"] != "person"].head(top) if top > 0 else table.iloc[:0]
    if len(shown):
        emit_table(f"Likely duplicates (best {len(shown)} of {len(table)}; people not shown)",
                   ["name_a", "name_b", "kind", "score", "reason"],
                   shown.to_dict("records"))
    stdout_console().print(
        f"Wrote {output}: {len(table)} candidate pair{'s' if len(table) != 1 else ''}. "
        "Mark accept yes or no, then: actornet merge DATA --accept "
        f"{output.name} -o merged/")


def read_accepted(path) -> list[tuple[str, str]]:
    """The accepted pairs of a candidates file: rows whose ``accept`` says yes.

    A file without an ``accept`` column accepts every row (delete the rows
    you reject). An accept cell that is neither yes nor no (nor empty) is an
    error naming its line.
    """
    import pandas as pd

    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as err:
        raise InputError("cannot read the candidates file", file=str(path)) from err
    missing = [c for c in ("id_a", "id_b") if c not in table.columns]
    if missing:
        raise InputError("the candidates file lacks the columns " + ", ".join(missing),
                         file=str(path), hint="write it with `actornet dedupe`")
    if "accept" not in table.columns:
        return list(zip(table["id_a"], table["id_b"]))
    pairs = []
    for line, (a, b, accept) in enumerate(zip(table["id_a"], table["id_b"], table["accept"]),
                                          start=2):
        word = accept.strip().casefold()
        if word in _YES:
            pairs.append((a, b))
        elif word and word not in _NO:
            raise InputError("accept must be yes, no or empty", file=str(path), line=line,
                             column="accept")
    return pairs


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
    `actornet import` makes from name and country) are one actor, a tie
    listed by several sources is kept once with each source as evidence.
    Then the pairs accepted in --accept are merged: every name stays as an
    alias, every source as evidence, every tie moves to the actor kept.

    Example:

        actornet merge twins/ interreg/ --accept candidates.csv -o combined/
    """
    from actornet.graph.resolve import merge_duplicates, union_networks
    from actornet.loaders import read_network
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
        from actornet.graph.resolve import MergeSummary

        network, summary = networks[0], MergeSummary(sources=[(data[0].name,
                                                              networks[0].graph.number_of_nodes())])
        summary.actors = len(network.actors())
        summary.ties = network.graph.number_of_edges()
    if accept_file is not None:
        network, summary = merge_duplicates(network, read_accepted(accept_file), summary=summary)
    stated = home or next((read_settings(p).get("home") for p in data
                           if read_settings(p).get("home")), None)
    write_network_folder(network, output, force=force, settings={
        "home": stated, "source": "merged: " + ", ".join(p.name for p in data)})
    if fmt == "json":
        emit_json(dict(summary.to_dict(), output=str(output)))
        return
    emit_table("Sources", ["source", "nodes"],
               [{"source": s, "nodes": n} for s, n in summary.sources])
    console = stdout_console()
    if len(networks) > 1:
        console.print(f"Matched by id across sources: {summary.matched_by_id} nodes; "
                      f"ties listed by more than one source: {summary.ties_combined}.")
    for conflict in summary.kind_conflicts:
        console.print(f"Kept apart (one id, two kinds): {conflict}")
    if accept_file is not None:
        merged = sum(len(m) for _, m in summary.merged)
        console.print(f"Merged {merged} actor{'s' if merged != 1 else ''} into "
                      f"{len(summary.merged)} (names kept as aliases); ties that would join an "
                      f"actor to itself dropped: {summary.loops_dropped}.")
    console.print(f"Wrote {output}: {summary.actors} actors, {summary.ties} ties.")
