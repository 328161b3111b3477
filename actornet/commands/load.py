"""``actornet load``: a network's files into a Neo4j store, idempotently."""

from __future__ import annotations

from pathlib import Path

import click

from actornet.console import emit_json, emit_table, progress_bar
from actornet.sample import sample_path
from actornet.source import NetworkSource, neo4j_options, open_store, warn_rejected

__all__ = ["load_command"]


@click.command("load")
@click.argument("data", required=False, type=click.Path(path_type=Path))
@neo4j_options
@click.option("--batch-size", type=click.IntRange(min=1), default=None, metavar="N",
              help="Rows per transaction (default: 5000, chosen by benchmarks/load.py).")
@click.option("--replace", is_flag=True,
              help="Rewrite the dataset: properties set exactly as in DATA, and what an "
                   "earlier load of it wrote that DATA lacks removed.")
@click.option("--dataset", default=None, metavar="NAME",
              help="Name marking what this load writes (default: the network's name).")
@click.option("--strict", is_flag=True,
              help="Refuse to load if any input row is rejected.")
@click.option("--encoding", default=None, metavar="NAME", help="Text encoding of CSV/JSON input.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Readable summary, or JSON for scripts.")
def load_command(data, neo4j, insecure, batch_size, replace, dataset, strict, encoding, fmt):
    """Load a network's files into a Neo4j store, idempotently.

    Nodes and ties are merged in batches (a second load of the same data
    creates nothing); then the counts per label and per relationship type
    are read back and checked. A load that stopped part-way is completed by
    loading again. The store comes from --neo4j or NEO4J_URI; user, password
    and database from NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE (in
    the environment or a .env file).

    Example:

        NEO4J_URI=neo4j+s://db.example.org actornet load data/berlin --replace
    """
    from actornet.loaders.settings import Neo4jSettings
    from actornet.loaders.store import DEFAULT_BATCH_SIZE, write_network

    settings = Neo4jSettings.from_env(uri=neo4j, insecure=insecure)
    network = NetworkSource(data=data if data is not None else sample_path(), strict=strict,
                            encoding=encoding).load()
    warn_rejected(network)
    with open_store(settings) as driver, progress_bar("Loading into Neo4j") as progress:
        summary = write_network(driver, network, database=settings.database,
                                batch_size=batch_size or DEFAULT_BATCH_SIZE, replace=replace,
                                dataset=dataset, progress=progress)
    if fmt == "json":
        emit_json({"server": settings.describe(), **summary.to_dict()})
        return
    click.echo(f"Loaded {summary.dataset!r} into {settings.describe()}: "
               f"{summary.nodes_sent} nodes and {summary.ties_sent} ties in {summary.batches} "
               f"batches of up to {summary.batch_size} rows, {summary.seconds:.1f} s "
               f"({summary.rows_per_second:,.0f} rows/s).")
    if summary.nodes_deleted or summary.ties_deleted:
        click.echo(f"Replaced: removed {summary.nodes_deleted} nodes and {summary.ties_deleted} "
                   "ties the earlier load wrote and this one has not.")
    if summary.batches_skipped:
        click.echo(f"{summary.batches_skipped} of {summary.batches} batches unchanged since "
                   "the last load of this dataset: not sent again.")
    click.echo("Nothing new: the store already held this network." if summary.unchanged else
               f"Created {summary.nodes_created} nodes and {summary.ties_created} ties.")
    emit_table("Nodes per label", ["label", "count"],
               [{"label": k, "count": v} for k, v in sorted(summary.labels.items())])
    emit_table("Ties per type", ["type", "count"],
               [{"type": k, "count": v} for k, v in sorted(summary.tie_types.items())])
    click.echo("Verified: the store holds what was sent; no duplicate ids.")
