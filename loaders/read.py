"""Read a network from a folder of CSV files, an Excel workbook or JSON."""

from __future__ import annotations

import typing

import os
import tomllib
from pathlib import Path

from actornet.graph._gc import gc_paused
from actornet.graph.errors import InputError
from actornet.graph.tables import ACTORS, PROJECTS, THEMES, TIES, NetworkTables
from actornet.loaders.csvfile import read_csv_table
from actornet.loaders.excel import read_excel_tables
from actornet.loaders.jsonfile import read_json_tables

if typing.TYPE_CHECKING:
    from actornet.graph.network import ActorNetwork

__all__ = ["read_tables", "read_network", "check_strict", "read_settings", "SETTINGS_FILE"]

#: The network folder's settings file (``home = "berlin"``), written by ``actornet import``.
SETTINGS_FILE = "network.toml"
_SETTINGS = {"home": str, "name": str, "source": str}


def read_settings(path) -> dict:
    """The settings in a network folder's ``network.toml``; {} when there is none.

    Known keys: ``home`` (the home city: an id, name or alias), ``name``,
    ``source`` (what the folder was imported from). Unknown keys are ignored.

    Raises
    ------
    InputError
        If the file is not valid TOML or a known key has the wrong type.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "network.toml").write_text('home = "berlin"\\n', encoding="utf-8")
    >>> read_settings(folder)
    {'home': 'berlin'}
    """
    file = Path(path) / SETTINGS_FILE
    if not Path(path).is_dir() or not file.is_file():
        return {}
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise InputError("the settings file is not valid TOML", file=str(file),
                         hint='write key = "value" lines, e.g. home = "berlin"') from err
    settings = {}
    for key, kind in _SETTINGS.items():
        if key in data:
            if not isinstance(data[key], kind):
                raise InputError(f"{key} must be text", file=str(file),
                                 hint=f'write {key} = "..." in double quotes')
            settings[key] = data[key]
    return settings


def read_tables(path, *, encoding: str | None = None) -> NetworkTables:
    """Read the raw tables of the network at ``path`` (no validation yet).

    ``path`` is a folder holding ``actors.csv`` and ``ties.csv`` (and
    optionally ``projects.csv`` and ``themes.csv``), an ``.xlsx`` workbook
    with those sheets, or a node-link ``.json`` file.
    """
    with gc_paused():
        return _read_tables(Path(path), encoding)


def _read_tables(path, encoding) -> NetworkTables:
    if path.is_dir():
        tables = {}
        for spec in (ACTORS, TIES, PROJECTS, THEMES):
            file = path / spec.file_name
            if os.path.lexists(file):  # a folder or a broken link named so is an error there
                tables[spec.name] = [read_csv_table(file, spec, encoding=encoding)]
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
        return read_excel_tables(path)
    if suffix == ".json":
        return read_json_tables(path, encoding=encoding)
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
                 progress=None) -> ActorNetwork:
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
    tables = read_tables(path, encoding=encoding)
    from actornet.graph.build import build_network  # networkx: only once there is something to build

    network = build_network(tables, progress=progress)
    home = read_settings(path).get("home")
    if home:
        network = network.with_home(home)
    if strict:
        check_strict(network)
    return network
