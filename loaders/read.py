"""Read a network from a folder of CSV files, an Excel workbook or JSON."""

from __future__ import annotations

import hashlib
import os
import typing
from dataclasses import dataclass
from pathlib import Path

from actornet.graph.gc_pause import gc_paused
from actornet.graph.errors import InputError
from actornet.graph.tables import ACTORS, PROJECTS, THEMES, TIES, NetworkTables
from actornet.loaders.csvfile import read_csv_table
from actornet.loaders.excel import read_excel_tables
from actornet.loaders.jsonfile import read_json_tables
from actornet.loaders.network_toml import SETTINGS_FILE, parse_settings, read_settings

if typing.TYPE_CHECKING:
    from actornet.graph.network import ActorNetwork

__all__ = ["read_tables", "read_network", "check_strict", "read_settings", "SETTINGS_FILE",
           "Inputs", "read_inputs"]


@dataclass(frozen=True)
class Inputs:
    """The bytes of a network's input files, each read once.

    What a network is validated from and what its cache key is computed
    from are the same bytes (:func:`read_inputs`): a file edited while a
    command runs can never leave an entry that disagrees with it.

    Attributes
    ----------
    path : Path
        The folder, workbook or JSON file.
    name : str
        The network's name: the folder's name, or the file's without suffix.
    files : dict
        File name -> its bytes, or None when it could not be read (the
        reader then reads it itself and says why).
    settings : bytes or None
        A folder's ``network.toml``, None when there is none.
    """

    path: Path
    name: str
    files: dict
    settings: bytes | None = None

    @property
    def complete(self) -> bool:
        """Whether every input file could be read (only then may a cache hold it)."""
        return bool(self.files) and all(data is not None for data in self.files.values())

    def digests(self) -> list:
        """``(file name, SHA-1 of its bytes)`` per input file (the settings, which
        no cache entry holds, left out).

        SHA-1: about twice as fast as BLAKE2 on the 2-core machine we
        measured, and plenty against accidental collisions, which is all a
        cache key needs (an entry is data: a collision could only show
        another network, never run anything)."""
        return [(name, hashlib.sha1(data).hexdigest()) for name, data in self.files.items()]

    def home(self) -> str | None:
        """The home city the settings state, or None."""
        if self.settings is None:
            return None
        return parse_settings(self.settings, file=str(self.path / SETTINGS_FILE)).get("home")


def _read_bytes(file: Path):
    try:
        with open(file, "rb") as handle:
            return handle.read()
    except OSError:  # the reader reads it again and says why
        return None


def read_inputs(path) -> Inputs:
    """Read every input file of the network at ``path`` once (see :class:`Inputs`).

    A folder's ``actors.csv``, ``ties.csv``, ``projects.csv``,
    ``themes.csv`` and ``network.toml`` (other files in it are not read);
    a workbook's or JSON file's own bytes. Nothing is checked here: the
    reader does that, on these bytes.

    Examples
    --------
    >>> from actornet.sample import sample_path
    >>> inputs = read_inputs(sample_path())
    >>> sorted(inputs.files), inputs.home()
    (['actors.csv', 'projects.csv', 'themes.csv', 'ties.csv'], 'berlin')
    """
    path = Path(path)
    if path.is_dir():
        files = {spec.file_name: _read_bytes(path / spec.file_name)
                 for spec in (ACTORS, TIES, PROJECTS, THEMES)
                 if os.path.lexists(path / spec.file_name)}
        settings_file = path / SETTINGS_FILE
        settings = _read_bytes(settings_file) if settings_file.is_file() else None
        return Inputs(path, path.resolve().name, files, settings)
    if path.is_file():
        return Inputs(path, path.stem, {path.name: _read_bytes(path)})
    return Inputs(path, path.stem, {})


def read_tables(path, *, encoding: str | None = None,
                inputs: Inputs | None = None) -> NetworkTables:
    """Read the raw tables of the network at ``path`` (no validation yet).

    ``path`` is a folder holding ``actors.csv`` and ``ties.csv`` (and
    optionally ``projects.csv`` and ``themes.csv``), an ``.xlsx`` workbook
    with those sheets, or a node-link ``.json`` file. With ``inputs`` (see
    :func:`read_inputs`), the files' bytes are taken from there.
    """
    with gc_paused():
        return _read_tables(Path(path), encoding, inputs.files if inputs is not None else {})


def _read_tables(path, encoding, given) -> NetworkTables:
    if path.is_dir():
        tables = {}
        for spec in (ACTORS, TIES, PROJECTS, THEMES):
            file = path / spec.file_name
            if os.path.lexists(file):  # a folder or a broken link named so is an error there
                tables[spec.name] = [read_csv_table(file, spec, encoding=encoding,
                                                    data=given.get(spec.file_name))]
            elif spec in (ACTORS, TIES):
                raise InputError(f"the folder has no {spec.file_name}", file=str(path),
                                 hint="a network folder holds actors.csv and ties.csv, "
                                      "and optionally projects.csv and themes.csv")
        return NetworkTables(tables["actors"], tables["ties"], tables.get("projects", []),
                             tables.get("themes", []), name=path.resolve().name)
    suffix = path.suffix.casefold()
    if not path.exists():
        if os.path.lexists(path):
            raise InputError("a symbolic link that leads nowhere (or in a loop)", file=str(path),
                             hint="replace the link by the file or folder it should name")
        raise InputError("no such file or folder", file=str(path))
    if suffix == ".xlsx":
        return read_excel_tables(path, data=given.get(path.name))
    if suffix == ".json":
        return read_json_tables(path, encoding=encoding, data=given.get(path.name))
    raise InputError("cannot read this kind of file", file=path.name,
                     hint="give a folder of CSV files, an .xlsx workbook or a node-link .json file")


def check_strict(network: ActorNetwork) -> None:
    """Raise :class:`InputError` if the load rejected anything or left an
    optional value empty (``--strict``: warnings become errors)."""
    problems = network.report.problems or network.report.warnings
    if network.report.warnings and not network.report.problems:
        first = network.report.warnings[0]
        count = len(network.report.warnings)
        raise InputError(f"{count} optional value{'s' if count != 1 else ''} left empty; "
                         f"first: {first}",
                         hint="strict mode fails on any warning; fix them or drop --strict")
    if problems:
        rows = network.report.rows_rejected
        raise InputError(f"{rows} row{'s' if rows != 1 else ''} rejected "
                         f"({len(problems)} problem{'s' if len(problems) != 1 else ''}); "
                         f"first: {problems[0]}",
                         hint="strict mode fails on any problem; fix them or drop --strict")


def read_network(path, *, encoding: str | None = None, strict: bool = False,
                 progress=None, inputs: Inputs | None = None) -> ActorNetwork:
    """Read, validate and build the network at ``path``.

    Parameters
    ----------
    path : path-like
        A folder of CSV files, an ``.xlsx`` workbook or a node-link ``.json``.
        A folder's ``network.toml`` may state the home city (see
        :func:`read_settings`).
    encoding : str, optional
        Text encoding of CSV/JSON files; default UTF-8 with or without BOM.
    strict : bool
        Fail on any rejected row instead of reporting it.
    progress : callable, optional
        ``progress(rows_done, rows_total)`` while rows are validated.
    inputs : Inputs, optional
        The files' bytes, each read once before (:func:`read_inputs`);
        default: read them now.

    Returns
    -------
    ActorNetwork
        With ``report`` listing what was kept and rejected, per file.

    Raises
    ------
    InputError
        If a file cannot be read, nothing could be kept, or (strict) any row
        was rejected.
    """
    if inputs is None:
        inputs = read_inputs(path)
    tables = read_tables(path, encoding=encoding, inputs=inputs)
    from actornet.graph.build import build_network  # networkx: only once there is something to build

    network = build_network(tables, progress=progress)
    home = inputs.home()
    if home:
        network = network.with_home(home)
    if strict:
        check_strict(network)
    return network
