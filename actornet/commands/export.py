"""``actornet export``: a network as GraphML, GEXF, node-link JSON, Excel or CSV files."""

from __future__ import annotations

from pathlib import Path

import click

from actornet.source import network_source, warn_rejected

__all__ = ["export_command"]


# Suffix -> writer in actornet.loaders (imported when a command writes).
_WRITERS = {".graphml": "write_graphml", ".gexf": "write_gexf", ".json": "write_json",
            ".xlsx": "write_excel"}


@click.command("export")
@network_source
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Where to write: a .graphml, .gexf, .json or .xlsx file, or a folder for CSV.")
@click.option("--force", is_flag=True,
              help="Replace the output folder even when it holds files actornet did not write.")
def export_command(source, output, force):
    """Write a network as GraphML, GEXF, node-link JSON, Excel or CSV files.

    The format follows the output's suffix; no suffix writes a folder of CSV
    files (with its network.toml), whole: an existing folder is replaced only
    when it holds a network actornet wrote (or with --force). JSON, Excel and
    CSV read back into the same network.

    Example:

        actornet export data/berlin -o out/berlin.gexf
    """
    from actornet import loaders

    writer = _WRITERS.get(output.suffix.casefold())
    if writer is None and output.suffix:
        raise click.ClickException("unknown output format; use .graphml, .gexf, .json, .xlsx "
                                   "or a folder name")
    writer = getattr(loaders, writer) if writer is not None else None
    if writer is None:
        from actornet.outputs import check_output_folder, check_settings

        check_output_folder(output, source.inputs(), force=force)
        check_settings(home=source.home)  # it goes into the folder's network.toml
    else:
        source.check_outputs(output)
    network = source.load()
    if writer is None:
        from actornet.loaders.folder import write_network_folder

        write_network_folder(network, output, force=force)
    else:
        writer(network, output)
    click.echo(f"Wrote {output}")
    warn_rejected(network)
