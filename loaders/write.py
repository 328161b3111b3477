"""Write a network as CSV files, an Excel workbook, node-link JSON, GraphML.

The CSV, Excel and JSON writers produce what the readers read, so a network
survives a round trip through any of them unchanged. GraphML (and GEXF) are
for other tools (Gephi, yEd, Cytoscape): lists become ``;``-joined text.
"""

from __future__ import annotations

import csv
import io
import json
from itertools import chain
from pathlib import Path

import networkx as nx

from actornet.graph.atomic import atomic_write, write_text_atomic
from actornet.graph.network import ActorNetwork, tie_key
from actornet.graph.schema import Kind, TieType
from actornet.graph.tables import ACTORS, PROJECTS, THEMES, TIES
from actornet.loaders.cells import escape_cell, xlsx_text

__all__ = ["network_rows", "tables_of", "column_order", "write_folder", "write_excel", "write_json", "write_graphml",
           "write_gexf"]

_LIST_COLUMNS = {"themes", "aliases"}


def _cell(value):
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return value


def network_rows(network: ActorNetwork) -> dict[str, tuple[list[str], list[dict]]]:
    """The network as tables: name -> (columns, rows), in the input format.

    An actor's plain BASED_IN tie (no properties of its own) is written as its
    ``city`` column; a tie id is written only where it differs from the one
    the reader would derive.
    """
    themes = []
    for theme in network.themes:
        row = {"id": theme.id, "label_en": theme.label_en, "label_de": theme.label_de,
               "priority": theme.priority}
        row.update(theme.properties)
        themes.append(row)
    G = network.graph
    return tables_of(G.nodes(data=True), G.edges(keys=True, data=True), themes)


def tables_of(nodes, ties, themes) -> dict[str, tuple[list[str], list[dict]]]:
    """Input-format tables from a network's parts: name -> (columns, rows).

    ``nodes`` are ``(id, attributes)`` pairs (theme nodes are skipped: the
    themes come as ``themes``, rows of the themes table), ``ties``
    ``(source, target, key, attributes)`` tuples, in the order to write
    them. What :func:`network_rows` writes, and what a store is read back
    into (:mod:`actornet.loaders.store_read`), so both build the same network.
    """
    ties = ties if isinstance(ties, list) else list(ties)
    city_column = {}
    based_in_keys = set()
    based_in = TieType.BASED_IN.value
    for u, v, key, data in ties:
        if data.get("type") == based_in and u not in city_column and data == {"type": based_in} \
                and key == tie_key(u, TieType.BASED_IN, v):
            city_column[u] = v
            based_in_keys.add(key)
    tables = {"actors": [], "projects": [], "themes": list(themes), "ties": []}
    actors, projects = tables["actors"], tables["projects"]
    theme_kind, project_kind = Kind.THEME.value, Kind.PROJECT.value
    for node, data in nodes:
        kind = data["kind"]
        if kind == theme_kind:
            continue
        if kind == project_kind:
            row = {"id": node, "name": data.get("name")}
            row.update(data)  # "name" stays where it is, with the same value
            del row["kind"]
            projects.append(row)
        else:
            row = {"id": node, "kind": kind, "name": data.get("name"), "city": city_column.get(node)}
            row.update(data)  # "kind" and "name" stay where they are
            actors.append(row)
    tie_rows = tables["ties"]
    for u, v, key, data in ties:
        if key in based_in_keys:
            continue
        row = {"source": u, "target": v, "type": data["type"]}
        derived = tie_key(u, data["type"], v, since=data.get("since"), project=data.get("project"))
        row["id"] = None if key == derived else key
        row.update(data)  # "type" stays where it is
        tie_rows.append(row)
    for spec in (ACTORS, PROJECTS, THEMES, TIES):
        rows = tables[spec.name]
        # the columns in the order they first come
        tables[spec.name] = (column_order(spec, dict.fromkeys(chain.from_iterable(rows))), rows)
    return tables


def column_order(spec, columns) -> list[str]:
    """A table's ``columns`` (in the order they first come) as written: the
    spec's known columns first (its required ones even when absent), then the
    others as they came.

    Examples
    --------
    >>> column_order(ACTORS, ["name", "note", "id"])
    ['id', 'kind', 'name', 'note']
    """
    seen = set(columns)
    ordered = [c for c in spec.known if c in seen or c in spec.required]
    first = set(ordered)
    return ordered + [c for c in columns if c not in first]


def write_folder(network: ActorNetwork, folder) -> list[Path]:
    """Write ``actors.csv``, ``ties.csv``, ``projects.csv``, ``themes.csv`` into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (columns, rows) in network_rows(network).items():
        if name in ("projects", "themes") and not rows:
            continue
        path = folder / f"{name}.csv"
        with atomic_write(path, "w", encoding="utf-8", newline="") as handle:
            writerow = _csv_rows(handle)
            writerow([escape_cell(c) for c in columns])
            for row in rows:
                writerow(["" if row.get(c) is None else escape_cell(_cell(row.get(c)))
                          for c in columns])
        written.append(path)
    return written


def _csv_rows(handle):
    """A ``writerow`` for ``handle`` that ends lines with ``\\n`` but quotes a cell
    holding a lone ``\\r`` too (the csv module quotes only the characters of its
    line terminator, and a reader takes a bare ``\\r`` for the end of a line)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def writerow(cells):
        writer.writerow(cells)
        handle.write(buffer.getvalue()[:-2] + "\n")
        buffer.seek(0)
        buffer.truncate()

    return writerow


def write_excel(network: ActorNetwork, path) -> Path:
    """Write the tables as sheets of one ``.xlsx`` workbook; ids stay text."""
    import openpyxl

    path = Path(path)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, (columns, rows) in network_rows(network).items():
        if name in ("projects", "themes") and not rows:
            continue
        sheet = book.create_sheet(name)
        sheet.append([xlsx_text(escape_cell(c)) for c in columns])
        for row in rows:
            sheet.append([xlsx_text(escape_cell(_cell(row.get(c)))) for c in columns])
        for column_cells in sheet.iter_cols(min_row=2):
            for cell in column_cells:
                if isinstance(cell.value, str):
                    cell.number_format = "@"  # text, so "007" is never read as 7
    with atomic_write(path, "wb") as handle:
        book.save(handle)
    return path


def _node_link(network: ActorNetwork) -> dict:
    tables = network_rows(network)
    nodes = []
    for name in ("themes", "actors", "projects"):
        columns, rows = tables[name]
        for row in rows:
            item = {c: row[c] for c in columns if row.get(c) not in (None, "", [])}
            if name == "themes":
                item["kind"] = Kind.THEME.value
            elif name == "projects":
                item["kind"] = Kind.PROJECT.value
            nodes.append(item)
    links = []
    columns, rows = tables["ties"]
    for row in rows:
        links.append({c: row[c] for c in columns if row.get(c) not in (None, "", [])})
    return {"directed": True, "multigraph": True, "graph": {"name": network.name},
            "nodes": nodes, "links": links}


def write_json(network: ActorNetwork, path) -> Path:
    """Write node-link JSON (readable by ``networkx.node_link_graph`` too)."""
    return write_text_atomic(path, json.dumps(_node_link(network), ensure_ascii=False,
                                              indent=1) + "\n")


def _flat_graph(network: ActorNetwork) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML/GEXF can hold: lists joined with ``;``."""
    G = nx.MultiDiGraph(name=network.name)
    for node, data in network.graph.nodes(data=True):
        G.add_node(node, **{k: _cell(v) for k, v in data.items() if v is not None})
    for u, v, key, data in network.graph.edges(keys=True, data=True):
        G.add_edge(u, v, key=key, **{k: _cell(val) for k, val in data.items() if val is not None})
    return G


def write_graphml(network: ActorNetwork, path) -> Path:
    """Write GraphML for Gephi, yEd or Cytoscape (lists as ``;``-joined text)."""
    path = Path(path)
    with atomic_write(path, "wb") as handle:
        nx.write_graphml(_flat_graph(network), handle, named_key_ids=True)
    return path


def write_gexf(network: ActorNetwork, path) -> Path:
    """Write GEXF for Gephi (lists as ``;``-joined text)."""
    path = Path(path)
    with atomic_write(path, "wb") as handle:
        nx.write_gexf(_flat_graph(network), handle)
    return path
