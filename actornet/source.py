"""Where a command's network comes from: one decorator for every command that reads one.

Commands that read a network take ``@network_source`` and receive a
:class:`NetworkSource`; ``source.load()`` returns the
:class:`~graph.network.ActorNetwork`. Adding a way to read a network (files
today, a Neo4j store with ``--neo4j``) changes this module only.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import click

from actornet.console import progress_bar
from actornet.sample import sample_path
from loaders import check_strict, read_network

__all__ = ["NetworkSource", "network_source", "warn_rejected"]


@dataclass(frozen=True)
class NetworkSource:
    """The options naming a network: files (``data``) and how to read them."""

    data: Path | None = None
    strict: bool = False
    encoding: str | None = None

    @property
    def path(self) -> Path:
        return self.data if self.data is not None else sample_path()

    def load(self, *, strict: bool | None = None):
        """Read the network; ``strict`` overrides the ``--strict`` flag."""
        path = self.path
        with progress_bar(f"Reading {path.name}") as progress:
            network = read_network(path, encoding=self.encoding, progress=progress)
        if self.strict if strict is None else strict:
            check_strict(network)
        return network


def network_source(func):
    """Add ``DATA``, ``--strict`` and ``--encoding``; pass them as ``source``."""

    @functools.wraps(func)
    def command(*args, data, strict, encoding, **kwargs):
        return func(*args, source=NetworkSource(data=data, strict=strict, encoding=encoding),
                    **kwargs)

    command = click.option(
        "--encoding", default=None, metavar="NAME",
        help="Text encoding of CSV/JSON input (default: UTF-8, BOM optional), e.g. cp1252.")(command)
    command = click.option(
        "--strict", is_flag=True,
        help="Fail (exit 1) if any row is rejected, instead of warning.")(command)
    return click.argument("data", required=False, type=click.Path(path_type=Path))(command)


def warn_rejected(network) -> None:
    """One line on stderr when rows were rejected while reading."""
    report = network.report
    if report.problems:
        click.echo(f"Warning: {report.rows_rejected} of {report.rows_read} rows rejected; "
                   "run `actornet validate` to see each with its line and column.", err=True)
