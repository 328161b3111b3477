"""Read a network from node-link JSON (the format of ``networkx.node_link_data``).

``{"nodes": [{"id": ..., "kind": ..., "name": ...}, ...],
"links": [{"source": ..., "target": ..., "type": ...}, ...]}``; ``edges`` is
accepted for ``links`` and ``key`` for a tie's ``id``. Nodes of kind
``project`` and ``theme`` are the projects and themes tables. Messages point
at items as ``nodes[3]``.
"""

from __future__ import annotations

import json
from pathlib import Path

from actornet.graph.errors import InputError
from actornet.graph.limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_JSON_DEPTH
from actornet.graph.load_report import Problem
from actornet.graph.schema import normalize_token
from actornet.graph.tables import ACTORS, PROJECTS, THEMES, TIES, NetworkTables, RawTable, Record, canonical_column
from actornet.loaders.csvfile import decode_text

__all__ = ["read_json_tables", "node_link_tables"]


def read_json_tables(path, *, encoding: str | None = None,
                     data: bytes | None = None) -> NetworkTables:
    """Read the node-link JSON file ``path`` (from ``data``, its bytes, when
    given) as network tables.

    Raises
    ------
    InputError
        If the file is not JSON, or has no ``nodes`` list.
    """
    path = Path(path)
    try:
        data = path.read_bytes() if data is None else data
    except FileNotFoundError as err:
        raise InputError("file not found", file=path.name) from err
    text = decode_text(data, file=path.name, encoding=encoding)
    try:
        doc = json.loads(text, object_pairs_hook=_objects_of(path.name))
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON ({err.msg}, column {err.colno})", file=path.name,
                         line=err.lineno) from err
    except RecursionError as err:
        raise _too_deep(path.name) from err
    if _depth_exceeds(doc, MAX_JSON_DEPTH):
        raise _too_deep(path.name)
    return node_link_tables(doc, source=path.name, name=path.stem)


def _shown(key) -> str:
    """A key as a message shows it: printable, at most 60 characters."""
    text = "".join(c if c.isprintable() else "?" for c in str(key))
    return text if len(text) <= 60 else text[:59] + "…"


def _objects_of(file):
    """An ``object_pairs_hook`` making dicts, refusing an object that names a key
    twice (``json.loads`` alone keeps the last, silently)."""

    def objects(pairs):
        made = dict(pairs)
        if len(made) != len(pairs):
            seen = set()
            key = next(k for k, _ in pairs if k in seen or seen.add(k))
            raise InputError(f'an object names the key "{_shown(key)}" twice', file=file,
                             hint="keep one of them")
        return made

    return objects


def _too_deep(file):
    return InputError(f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep", file=file,
                      hint='node-link JSON is {"nodes": [{...}], "links": [{...}]}, '
                           "a few levels deep")


def _depth_exceeds(doc, limit: int) -> bool:
    """Whether ``doc`` nests lists/objects deeper than ``limit`` (iterative: no recursion)."""
    stack = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        stack.extend((item, depth + 1) for item in value if isinstance(item, (dict, list)))
    return False


def node_link_tables(doc, *, source: str, name: str) -> NetworkTables:
    """The network tables in a node-link document (a dict, as parsed).

    ``source`` names the document in messages (a file name, or where a
    store was read from); items are located as ``nodes[3]``.
    """
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list):
        raise InputError('no "nodes" list', file=source,
                         hint='node-link JSON: {"nodes": [...], "links": [...]}')
    links = doc.get("links", doc.get("edges", []))
    if not isinstance(links, list):
        raise InputError('"links" is not a list', file=source)
    nodes_file, links_file = f"{source}:nodes", f"{source}:links"
    tables = {spec.name: RawTable(spec, nodes_file if spec is not TIES else links_file, [])
              for spec in (ACTORS, PROJECTS, THEMES, TIES)}
    seen = {name: set() for name in tables}
    for index, item in enumerate(doc["nodes"]):
        where = f"nodes[{index}]"
        spec = ACTORS
        if isinstance(item, dict):
            kind = normalize_token(str(item.get("kind", "")))
            spec = {"project": PROJECTS, "theme": THEMES}.get(kind, ACTORS)
        _add(tables[spec.name], item, where, seen)
    for index, item in enumerate(links):
        _add(tables["ties"], item, f"links[{index}]", seen, rename={"key": "id"})
    return NetworkTables(
        actors=[tables["actors"]], ties=[tables["ties"]],
        projects=[tables["projects"]] if tables["projects"].rows_read else [],
        themes=[tables["themes"]] if tables["themes"].rows_read else [],
        name=name)


def _is_text(value) -> bool:
    """False for a string holding an unpaired surrogate (JSON's "\\ud800"), which no
    file can be written with."""
    try:
        str(value).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _add(table, item, where, seen, *, rename=None):
    """Add one item as a record; ``seen`` holds each table's columns as a set (linear)."""
    table.rows_read += 1
    if not isinstance(item, dict):
        table.problems.append(Problem(table.file, None, None, "the item is not an object",
                                      'write each item as {"id": ..., ...}', where))
        return
    values = {}
    known = seen[table.spec.name]
    for key, value in item.items():
        key = (rename or {}).get(key, key)
        column = canonical_column(str(key), table.spec)
        if not _is_text(key) or not all(_is_text(v) for v in (
                value if isinstance(value, list) else [value]) if isinstance(v, str)):
            table.problems.append(Problem(
                table.file, None, column, "the value holds an unpaired surrogate (such as "
                "\\ud800), which is not text", "write the character itself, or remove it", where))
            return
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            table.problems.append(Problem(
                table.file, None, column, f"the value is longer than {MAX_CELL_CHARS:,} characters",
                "shorten it", where))
            return
        if column in values and values[column] != value:
            raise InputError(f'{where}: two keys name the column "{_shown(column)}" with different '
                             "values", file=table.file, column=column,
                             hint="keep one of them (keys are matched ignoring case, spaces "
                                  "and hyphens)")
        values.setdefault(column, value)
        if column not in known:
            if len(known) >= MAX_COLUMNS:
                raise InputError(f"the items have more than {MAX_COLUMNS:,} different keys",
                                 file=table.file,
                                 hint="keep the properties the network needs; move the rest "
                                      "elsewhere")
            known.add(column)
            table.columns.append(column)
    table.records.append(Record(None, values, where))
