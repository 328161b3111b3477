"""Where a command's network comes from: one decorator for every command that reads one.

Commands that read a network take ``@network_source`` and receive a
:class:`NetworkSource`; ``source.load()`` returns the
:class:`~actornet.graph.network.ActorNetwork`. The network comes from

1. the files named by ``DATA``, when given;
2. else the Neo4j store named by ``--neo4j URI`` or ``NEO4J_URI`` (in the
   environment or a ``.env`` file in the current folder);
3. else the bundled sample network.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

import click

import actornet
from actornet.console import progress_bar
from actornet.graph.errors import UsageError
from actornet.sample import sample_path

__all__ = ["NetworkSource", "network_source", "neo4j_options", "open_store", "warn_rejected",
           "check_year", "program_identity", "learning_kept"]


@dataclass(frozen=True)
class NetworkSource:
    """The options naming a network: files (``data``) or a store (``neo4j``)."""

    data: Path | None = None
    strict: bool = False
    encoding: str | None = None
    neo4j: str | None = None
    insecure: bool = False
    dataset: str | None = None
    cache: bool = True
    #: the home city (``--home``): overrides ``home`` in network.toml
    home: str | None = None
    #: the year asked about (``--as-of``): checked against the data's years
    as_of: int | None = None

    @property
    def path(self) -> Path:
        return self.data if self.data is not None else sample_path()

    def inputs(self) -> list[Path]:
        """The files and folders this source may read: ``DATA``, or the ``.env``
        file and the bundled sample (for the outputs check)."""
        if self.data is not None:
            return [self.data]
        return [Path(".env"), sample_path()]

    def check_outputs(self, *outputs) -> None:
        """Refuse (UsageError) any output that is, or lies inside, an input."""
        from actornet.outputs import check_outputs

        check_outputs(outputs, self.inputs())

    def store_settings(self):
        """The store's settings when the network comes from Neo4j, else None."""
        if self.data is not None:
            return None
        from actornet.loaders.settings import Neo4jSettings, read_dotenv

        if self.neo4j is None and not (os.environ.get("NEO4J_URI")
                                       or read_dotenv(".env").get("NEO4J_URI")):
            return None
        return Neo4jSettings.from_env(uri=self.neo4j, insecure=self.insecure)

    def describe(self) -> str:
        settings = self.store_settings()
        return settings.describe() if settings is not None else str(self.path)

    def load(self, *, strict: bool | None = None):
        """Read the network; ``strict`` overrides the ``--strict`` flag."""
        return self.load_keyed(strict=strict)[0]

    def load_keyed(self, *, strict: bool | None = None):
        """``(network, key)``: the network as :meth:`load` reads it, and its
        cache key (None without a cache), for what is kept beside it
        (:func:`learning_kept`)."""
        settings = self.store_settings()
        if settings is None:
            network, key = self._read_files(self.path)
        else:
            with open_store(settings) as driver:
                network, key = self._read_store(driver, settings)
        if self.home is not None:
            network = network.with_home(self.home)
        if network.home_stated:
            network.home_city  # a stated home that names no city, or several, is an error now
        else:
            note = network.home_note()
            if note is not None:
                click.echo(f"Warning: {note}", err=True)
        if self.strict if strict is None else strict:
            from actornet.loaders.read import check_strict

            check_strict(network)
        check_year(network, self.as_of, strict=self.strict if strict is None else strict)
        return network, key

    def _read_files(self, path):
        """The network in the files at ``path``, from the cache when they are unchanged.

        Each file is read once (:func:`~actornet.loaders.read.read_inputs`): the
        cache key is the hash of exactly the bytes the network is validated
        from. The entry holds neither the folder's name nor the home city:
        both come from this read."""
        from actornet.loaders.read import read_inputs

        inputs = read_inputs(path)
        cache = key = None
        if self.cache and inputs.complete:
            from actornet.loaders.cache import NetworkCache

            cache = NetworkCache(program=program_identity())
            key = cache.key(inputs, encoding=self.encoding)
            with progress_bar("Loading the network validated before"):
                network = cache.get(key, name=inputs.name)
            if network is not None:
                home = inputs.home()
                return (network.with_home(home) if home else network), key
        from actornet.loaders import read

        with progress_bar(f"Reading {path.name}") as progress:
            network = read.read_network(path, encoding=self.encoding, progress=progress,
                                        inputs=inputs)
        if cache is not None:
            # What every analysis starts from, kept with the network: the
            # next command on these files starts its analysis at once.
            with progress_bar("Building the actor projection") as progress:
                network.prepare(progress=progress)
            with progress_bar("Keeping the validated network for the next command"):
                cache.put(key, network)
        return network, key


    def _read_store(self, driver, settings):
        """The network in the store, from the cache when the store holds what
        it held when it was last read (:func:`~actornet.loaders.store_read.store_state`:
        the same loads and counts)."""
        from actornet.loaders.store import read_network as read_store
        from actornet.loaders.store_read import network_name, stated_home, store_state

        database, dataset = settings.database, self.dataset
        cache = key = None
        if self.cache:
            records, parts = store_state(driver, database=database, dataset=dataset)
            if parts is not None:
                from actornet.loaders.cache import NetworkCache

                cache = NetworkCache(program=program_identity())
                key = cache.key_of([("store", settings.uri), ("database", database or ""),
                                    *parts])
                with progress_bar("Loading the network read from Neo4j before"):
                    network = cache.get(key, name=network_name(
                        records, dataset=dataset, database=database))
                if network is not None:
                    home = stated_home(records)
                    return (network.with_home(home) if home else network), key
        with progress_bar("Reading from Neo4j") as progress:
            network = read_store(driver, database=database, dataset=dataset, progress=progress)
        if cache is not None:
            with progress_bar("Building the actor projection") as progress:
                network.prepare(progress=progress)
            with progress_bar("Keeping the network read for the next command"):
                cache.put(key, network)
        return network, key


@contextlib.contextmanager
def learning_kept(network, key):
    """Within this block, the recommender scores ``network`` (read under the
    cache key ``key``) with what it learned from the same network in an
    earlier command, kept in the cache as data; what it learns anew is kept
    for the next command when the block ends. Without a key (no cache),
    nothing is read or kept."""
    from actornet.queries.recommend_learned import adopt_learned, learned_data

    cache = entry = None
    adopted = 0
    if key is not None:
        from actornet.loaders.cache import NetworkCache

        cache = NetworkCache(program=program_identity())
        entry = cache.data_key(key, "learned")
        kept = cache.get_data(entry)
        if kept is not None:
            try:
                adopted = adopt_learned(network, *kept)
            except ValueError:  # not what this program writes: learn again
                adopted = 0
    yield
    if cache is not None:
        meta, arrays = learned_data(network)
        if len(meta["learned"]) > adopted:
            cache.put_data(entry, meta, arrays)


@functools.lru_cache(maxsize=1)
def program_identity() -> str:
    """This program's identity for cache keys: its version and source files."""
    from actornet.loaders.cache import program_stamp

    try:
        from importlib.metadata import version

        number = version("actornet")
    except Exception:  # noqa: BLE001 -- not installed as a distribution
        number = ""
    roots = {Path(actornet.__file__).parent}
    for package in ("graph", "loaders", "queries", "viz"):
        # Where the package lives, without importing it (viz and queries
        # pull in networkx, pyvis and the kernels: a third of a second).
        spec = importlib.util.find_spec(f"actornet.{package}")
        roots.update(Path(p) for p in spec.submodule_search_locations or ())
    return program_stamp(roots, number)


@contextlib.contextmanager
def open_store(settings):
    """An open, checked driver for ``settings``; errors name the server, never credentials."""
    from actornet.loaders.store import store_errors

    where = settings.describe()
    with store_errors(where, doing="connecting"):
        driver = settings.driver()
    try:
        with store_errors(where, doing="connecting"):
            driver.verify_connectivity()
        with store_errors(where):
            yield driver
    finally:
        driver.close()


def neo4j_options(func):
    """``--neo4j URI`` and ``--insecure``, for commands that talk to a store."""
    func = click.option(
        "--insecure", is_flag=True,
        help="Allow an unencrypted connection (bolt://, neo4j://) to a remote host.")(func)
    return click.option(
        "--neo4j", "neo4j", default=None, metavar="URI",
        help="The Neo4j store, e.g. neo4j+s://db.example.org:7687 (default: NEO4J_URI). "
             "User, password and database come from NEO4J_USERNAME, NEO4J_PASSWORD and "
             "NEO4J_DATABASE (environment or .env), never from the command line.")(func)


def network_source(func):
    """Add ``DATA``, ``--strict``, ``--encoding``, ``--neo4j``, ``--insecure``,
    ``--dataset`` and ``--home``; pass them to the command as ``source``."""

    @functools.wraps(func)
    def command(*args, data, strict, encoding, neo4j, insecure, dataset, no_cache, home,
                **kwargs):
        return func(*args, source=NetworkSource(data=data, strict=strict, encoding=encoding,
                                                neo4j=neo4j, insecure=insecure, dataset=dataset,
                                                cache=not no_cache, home=home,
                                                as_of=kwargs.get("as_of")),
                    **kwargs)

    command = click.option(
        "--no-cache", is_flag=True,
        help="Read and validate the files again instead of using the validated network "
             "cached from an earlier command on the same files.")(command)
    command = click.option(
        "--home", default=None, metavar="CITY",
        help="The home city whose partnerships the analysis is about (id, name or alias; "
             "default: `home` in the folder's network.toml, else the city with the most "
             "partner cities, with a warning).")(command)
    command = click.option(
        "--dataset", default=None, metavar="NAME",
        help="With a store: read only this dataset (see `actornet load`).")(command)
    command = neo4j_options(command)
    command = click.option(
        "--encoding", default=None, metavar="NAME",
        help="Text encoding of CSV/JSON input (default: UTF-8, BOM optional), e.g. cp1252.")(command)
    command = click.option(
        "--strict", is_flag=True,
        help="Fail (exit 1) if any row is rejected, instead of warning.")(command)
    return click.argument("data", required=False, type=click.Path(path_type=Path))(command)


def check_year(network, year, *, strict=False) -> None:
    """Warn (on stderr) when ``year`` lies outside the years the network
    mentions, with the range; with ``strict`` it is an error."""
    if year is None:
        return
    first, last = network.years()
    if first is None or first <= year <= last:
        return
    text = f"--as-of {year} is outside the years the data covers ({first}–{last})"
    if strict:
        raise UsageError(text + ".")
    click.echo(f"Warning: {text}: the answers below say little (an error with --strict).",
               err=True)


def warn_rejected(network) -> None:
    """One line on stderr when rows were rejected while reading."""
    report = network.report
    if report.problems:
        click.echo(f"Warning: {report.rows_rejected} of {report.rows_read} rows rejected; "
                   "run `actornet validate` to see each with its line and column.", err=True)
    if report.warnings:
        click.echo(f"Warning: {len(report.warnings)} optional values left empty (rows kept); "
                   "run `actornet validate` to see each with its line and column.", err=True)
