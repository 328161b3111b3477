"""The store's rows as tables, column by column: what the rows' path gives.

:func:`store_tables` must give, table by table, what
:func:`actornet.loaders.write.tables_of` and :func:`raw_table` give of the
same rows (the path the reader took before, kept as the reference here).
"""

from __future__ import annotations

import pytest

from actornet.graph.generate import generated_network
from actornet.graph.tables import ACTORS, PROJECTS, THEMES, TIES
from actornet.loaders.store_tables import StoreParts, raw_table, store_tables, theme_rows
from actornet.loaders.write import tables_of

SPECS = {"actors": ACTORS, "projects": PROJECTS, "themes": THEMES, "ties": TIES}


def _reference(parts, order):
    themes = theme_rows(parts.node_ids, parts.node_props, order)
    tables = tables_of(parts.nodes(), parts.ties(), themes)
    return {name: raw_table(spec, f"neo4j:{name}", *tables[name]) for name, spec in SPECS.items()}


def _plain(table):
    data = None if table.data is None else {
        c: (str(v.dtype), list(v)) for c, v in table.data.items()}
    lines = None if table.lines is None else list(table.lines)
    return (table.file, table.columns, table.rows_read, data, lines,
            [(r.line, r.values) for r in table.records])


def _assert_same(parts, order=None):
    got, want = store_tables(parts, order), _reference(parts, order)
    assert list(got) == list(want)
    for name in want:
        assert _plain(got[name]) == _plain(want[name]), name


def _parts_of(network):
    G = network.graph
    nodes = list(G.nodes(data=True))
    ties = list(G.edges(keys=True, data=True))
    return StoreParts([n for n, _ in nodes], [dict(d) for _, d in nodes],
                      [u for u, *_ in ties], [v for _, v, *_ in ties], [k for _, _, k, _ in ties],
                      [dict(d) for *_, d in ties])


def test_the_sample_gives_the_rows_tables(sample):
    _assert_same(_parts_of(sample), [t.id for t in sample.themes])


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_networks_give_the_rows_tables(seed):
    network = generated_network(400, 3000, seed=seed, hubs=2)
    _assert_same(_parts_of(network), [t.id for t in network.themes])


def _hostile():
    """Rows a store written by something else may hold."""
    nodes = [
        ("berlin", {"kind": "city", "name": "Berlin", "lat": 52.5, "lon": 13}),
        ("tu", {"kind": "institution", "name": "TU", "external_ids": ["wikidata:Q1"],
                "aliases": ["TUB", "T U"]}),
        ("fu", {"kind": "institution", "city": "Potsdam", "since": 1948}),  # no name; own city
        ("ngo", {"kind": "ngo", "name": " spaced ", "flag": True, "budget": 2.5}),
        ("p1", {"kind": "project", "name": "P1", "themes": ["climate"], "since": 2019,
                "until": None}),
        ("p2", {"kind": "project", "name": "P2", "since": 2019.0}),  # a float year: rows
        ("climate", {"kind": "theme", "name": "Climate", "priority": 1, "aliases": "heat"}),
        ("mobility", {"kind": "theme", "name": "Mobility", "label_de": "Mobilität"}),
    ]
    ties = [
        ("tu", "berlin", "tu>BASED_IN>berlin", {"type": "BASED_IN"}),
        ("tu", "berlin", "own-key", {"type": "BASED_IN"}),  # not the derived key: a tie
        ("fu", "berlin", "fu>BASED_IN>berlin", {"type": "BASED_IN", "since": 2001}),
        ("tu", "p1", "tu>PARTICIPATES_IN>p1", {"type": "PARTICIPATES_IN", "role": "lead"}),
        ("fu", "tu", "fu>COOPERATES_WITH>tu@2019", {"type": "COOPERATES_WITH", "since": 2019,
                                                     "weight": 2}),
        ("fu", "ngo", "x1", {"type": "FUNDS", "project": "p1", "weight": 0.5,
                             "themes": ["climate", "mobility"]}),
        ("ngo", "tu", "x2", {"type": "KNOWS", "source": "elsewhere"}),  # its own "source"
    ]
    return nodes, ties


def _parts(nodes, ties):
    return StoreParts([n for n, _ in nodes], [d for _, d in nodes], [u for u, *_ in ties],
                      [v for _, v, *_ in ties], [k for _, _, k, _ in ties], [d for *_, d in ties])


def test_rows_of_every_odd_sort_give_the_rows_tables():
    nodes, ties = _hostile()
    _assert_same(_parts(nodes, ties), ["mobility", "climate"])
    tables = store_tables(_parts(nodes, ties), ["mobility", "climate"])
    assert tables["actors"].data is None  # a bool and an actor's whole "since": rows
    assert tables["projects"].data is None  # a float year: rows
    assert tables["ties"].data is not None


def test_plain_rows_become_text_columns():
    nodes, ties = _hostile()
    nodes = [(n, d) for n, d in nodes if n not in ("fu", "ngo", "p2")]
    ties = [t for t in ties if "fu" not in t[:2] and "ngo" not in t[:2]]
    parts = _parts(nodes, ties)
    _assert_same(parts)
    tables = store_tables(parts)
    actors = tables["actors"]
    assert list(actors.data["city"]) == ["", "berlin"]
    assert list(actors.data["aliases"]) == ["", "TUB;T U"]
    assert list(actors.data["lon"]) == ["13", ""]
    assert list(tables["ties"].data["id"]) == ["own-key", ""]


def test_no_ties_and_no_projects():
    parts = StoreParts(["a"], [{"kind": "ngo", "name": "A"}], [], [], [], [])
    _assert_same(parts)
    tables = store_tables(parts)
    assert tables["ties"].rows_read == tables["projects"].rows_read == 0
    assert tables["ties"].columns == ["source", "target", "type"]
