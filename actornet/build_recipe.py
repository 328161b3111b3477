"""One network from many sources: a build recipe read, run and written.

A build recipe (TOML) names the home city, the sources (each an import
recipe or a generic importer, its files relative to the recipe file, its
import options by name), optionally the office's own list of partnerships
and how to apply matches found by ``dedupe``::

    home = "Berlin"

    [[source]]
    recipe = "twin-towns"
    files = ["twin_cities.csv"]

    [[source]]
    recipe = "cordis"
    files = ["h2020.csv.gz"]
    options = { organisations = "organisations.csv", themes = "programme_parts.csv.gz" }

    [partnerships]
    file = "partner_cities.csv"   # city, country, since (or signed), until, status
    rows = [{ city = "Tel Aviv", country = "Israel", since = 2025 }]

    [dedupe]
    accept = "auto"               # merge the pairs dedupe puts in its auto band
    reviewed = "candidates.csv"   # and the pairs marked accept = yes there

:func:`build_from_recipe` imports each source (places resolved through the
gazetteer, so every source gives a city the same id), unions them (actors
with the same id are one), merges the accepted matches, applies the
partnership list (:mod:`actornet.partnership_list`) and recounts who claims
each partnership. Running it again on the same sources gives the same ids.
"""

from __future__ import annotations

import inspect
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from actornet.graph.errors import InputError
from actornet.graph.claims import set_recounted_claims
from actornet.graph.network import ActorNetwork
from actornet.graph.resolve import union_networks
from actornet.loaders import read_network
from actornet.loaders.folder import write_network_folder
from actornet.loaders.recipes import IMPORTERS, RECIPES, run_recipe
from actornet.matches import apply_matches
from actornet.partnership_list import apply_partnership_list, home_city_id

__all__ = ["BuildRecipe", "BuildSummary", "read_build_recipe", "build_from_recipe",
           "build_network"]

_FILE_OPTIONS = {"organisations", "themes", "names", "actors"}
_TABLE_OPTIONS = {"groups", "group_themes"}  # (file, column, column)


@dataclass
class Source:
    """One ``[[source]]`` table: a recipe or importer, its files and options."""

    recipe: str
    files: list[Path]
    options: dict
    label: str


@dataclass
class BuildRecipe:
    """A build recipe as read: paths made absolute against the recipe's folder."""

    path: Path
    home: str | None
    sources: list[Source]
    partnerships: dict | None = None
    accept_auto: bool = False
    reviewed: Path | None = None


@dataclass
class BuildSummary:
    """What a build did: per source its import summary, then the merges."""

    output: Path
    imports: list[tuple[str, object]] = field(default_factory=list)
    matched_by_id: int = 0
    #: pairs merged from the auto band, and from the reviewed file
    auto_merged: int = 0
    reviewed_merged: int = 0
    #: pairs the reviewed file rejects (kept apart), and pairs naming an actor no
    #: source has any more (passed over)
    auto_rejected: int = 0
    reviewed_missing: int = 0
    #: actors merged into others
    merged_away: int = 0
    bands: dict = field(default_factory=dict)
    partnerships: dict = field(default_factory=dict)
    actors: int = 0
    ties: int = 0
    home: str | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {"output": str(self.output),
                "sources": [dict(s.to_dict(), source=label) for label, s in self.imports],
                "matched_by_id": self.matched_by_id, "auto_merged": self.auto_merged,
                "reviewed_merged": self.reviewed_merged, "rejected": self.auto_rejected,
                "reviewed_missing": self.reviewed_missing, "merged_away": self.merged_away,
                "bands": self.bands,
                "partnerships": self.partnerships, "actors": self.actors, "ties": self.ties,
                "home": self.home, "seconds": round(self.seconds, 3)}


def _option_name(name) -> str:
    return str(name).strip().lstrip("-").replace("-", "_")


def _source(table, index, folder: Path) -> Source:
    where = f"[[source]] {index}"
    recipe = table.get("recipe")
    if recipe not in RECIPES and recipe not in IMPORTERS:
        raise InputError(f"{where}: recipe must be one of " + ", ".join([*RECIPES, *IMPORTERS]))
    files = table.get("files")
    if isinstance(files, str):
        files = [files]
    if not files or not all(isinstance(f, str) for f in files):
        raise InputError(f"{where}: files is a list of paths (relative to the recipe)")
    options = {}
    for name, value in (table.get("options") or {}).items():
        key = _option_name(name)
        if key in _FILE_OPTIONS and isinstance(value, str):
            value = folder / value
        elif key in _TABLE_OPTIONS and isinstance(value, list) and value:
            value = (folder / value[0], *value[1:])
        options[key] = value
    unknown = set(table) - {"recipe", "files", "options", "name"}
    if unknown:
        raise InputError(f"{where}: unknown keys " + ", ".join(sorted(unknown)))
    label = str(table.get("name") or f"{recipe}: " + ", ".join(Path(f).name for f in files))
    return Source(recipe, [folder / f for f in files], options, label)


def read_build_recipe(path) -> BuildRecipe:
    """Read and check a build recipe (TOML); paths are relative to its folder.

    Raises
    ------
    InputError
        If the file is not TOML, names an unknown recipe or option, or
        lists no source.
    """
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise InputError("file not found", file=str(path)) from err
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise InputError(f"the recipe is not TOML ({err})", file=path.name) from err
    folder = path.resolve().parent
    tables = doc.get("source") or []
    if not isinstance(tables, list) or not tables:
        raise InputError("the recipe lists no [[source]]", file=path.name,
                         hint="see `actornet build --help` for an example")
    sources = [_source(t, i + 1, folder) for i, t in enumerate(tables)]
    dedupe = doc.get("dedupe") or {}
    accept = dedupe.get("accept")
    if accept not in (None, "auto"):
        raise InputError('[dedupe] accept must be "auto"', file=path.name)
    partnerships = doc.get("partnerships")
    if partnerships is not None:
        partnerships = dict(partnerships)
        if partnerships.get("file"):
            partnerships["file"] = folder / partnerships["file"]
    reviewed = dedupe.get("reviewed")
    return BuildRecipe(path, doc.get("home"), sources, partnerships, accept == "auto",
                       folder / reviewed if reviewed else None)


def _import(source: Source, out: Path, home):
    options = dict(source.options)
    if source.recipe in RECIPES:
        files = list(source.files)
        if source.recipe == "wikidata-p190" and "names" not in options and len(files) == 2:
            files, options["names"] = files[:1], files[1]
        func, args = run_recipe, (source.recipe, files, out)
        allowed = set(inspect.signature(run_recipe).parameters) | set(
            inspect.signature(IMPORTERS[RECIPES[source.recipe]["importer"]]).parameters)
    else:
        func, args = IMPORTERS[source.recipe], (source.files, out)
        allowed = set(inspect.signature(func).parameters)
        options.setdefault("evidence", source.label)
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise InputError(f"source {source.label}: unknown options " + ", ".join(unknown))
    return func(*args, home=home, **options)


def build_from_recipe(recipe: BuildRecipe, output, *, progress=None):
    """Import, union, match and write the recipe's network into ``output``.

    Returns
    -------
    (ActorNetwork, BuildSummary)
    """
    started = time.perf_counter()
    summary = BuildSummary(Path(output))
    networks, labels = [], []
    with tempfile.TemporaryDirectory(prefix="actornet-build-") as tmp:
        for i, source in enumerate(recipe.sources):
            folder = Path(tmp) / f"source{i}"
            summary.imports.append((source.label, _import(source, folder, recipe.home)))
            networks.append(read_network(folder))
            labels.append(source.label)
            if progress is not None:
                progress(i + 1, len(recipe.sources) + 1)
    network = build_network(networks, labels, recipe, summary)
    # Whole or not at all: an interrupted build leaves the earlier folder as it was.
    write_network_folder(network, output, settings={"home": summary.home,
                                                    "source": "built from " + recipe.path.name})
    summary.actors = len(network.actors())
    summary.ties = network.graph.number_of_edges()
    summary.seconds = time.perf_counter() - started
    if progress is not None:
        progress(len(recipe.sources) + 1, len(recipe.sources) + 1)
    return network, summary


def build_network(networks, labels, recipe: BuildRecipe, summary: BuildSummary):
    """The imported ``networks`` as one: unioned, matches merged, the partnership
    list applied, claims recounted."""
    network, merged = union_networks(networks, labels)
    summary.matched_by_id = merged.matched_by_id
    _set_all_external_ids(network.graph, networks)
    network = apply_matches(network, recipe, summary)
    summary.home = home_city_id(network, recipe.home)
    if recipe.partnerships is not None:
        network = apply_partnership_list(network, summary.home, recipe.partnerships,
                                         summary.partnerships, copy=False)
    G = network.graph  # the build's own graph: only tie attributes change below
    set_recounted_claims(G)
    return ActorNetwork._adopt(G, network.themes, name=recipe.path.stem, home=summary.home)


def _set_all_external_ids(G, networks) -> None:
    """Give each actor of ``G`` (the sources' union, the build's own graph: only
    node attributes change) its external ids from every source (the union keeps
    the first source's attributes)."""
    found = {}
    for net in networks:
        for n, ids in net.graph.nodes(data="external_ids"):
            for item in ids or ():
                have = found.setdefault(n, [])
                if item not in have:
                    have.append(item)
    for n, ids in found.items():
        if n in G and list(G.nodes[n].get("external_ids") or ()) != ids:
            G.nodes[n]["external_ids"] = ids
