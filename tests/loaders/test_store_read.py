"""Reading the store back: grouped and row by row, into the files' tables, in load order."""

from __future__ import annotations

import pytest

from actornet.graph.tables import ACTORS, THEMES, TIES
from actornet.loaders import store_read
from actornet.loaders.store import read_network, write_network
from actornet.loaders.store_read import _load_order
from actornet.loaders.store_tables import raw_table


def _parts(network):
    G = network.graph
    return (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), list(network.themes),
            network.name, network.home_city)


@pytest.mark.neo4j
def test_grouped_and_row_by_row_read_the_same_network(store, sample, monkeypatch):
    write_network(store.driver, sample, database=store.database)
    grouped = read_network(store.driver, database=store.database)
    monkeypatch.setattr(store_read, "GROUPED_MAX_ROWS", 0)
    by_row = read_network(store.driver, database=store.database)
    assert _parts(grouped) == _parts(by_row) == _parts(sample)
    assert by_row.report.clean


@pytest.mark.neo4j
def test_progress_counts_every_row_read(store, sample):
    write_network(store.driver, sample, database=store.database)
    seen = []
    read_network(store.driver, database=store.database, progress=lambda d, t: seen.append((d, t)))
    rows = sample.graph.number_of_nodes() + sample.graph.number_of_edges()
    assert (rows, rows) in seen


def test_rows_without_a_load_order_come_last_by_id():
    orders = [2, None, 0, "x", 1, True]
    names = ["c", "z", "a", "y", "b", "t"]
    # True is an integer (1): after the 1 before it, as a stable sort keeps them
    assert [names[i] for i in _load_order(orders, names)] == ["a", "b", "t", "c", "y", "z"]


@pytest.mark.parametrize("orders", [[0, 1, 2, 3], [3, 1, 2, 0], [1, 1, 0, 0], [5, 2, 2, 9], []])
def test_the_load_order_is_a_stable_sort_by_it(orders):
    names = [str(i) for i in range(len(orders))]
    assert _load_order(orders, names) == sorted(range(len(orders)), key=orders.__getitem__)


def test_a_themes_extra_column_of_text_takes_the_column_path():
    rows = [{"id": "climate", "label_en": "Climate", "aliases": "warming;heat"}]
    table = raw_table(THEMES, "neo4j:themes", ["id", "label_en", "aliases"], rows)
    assert table.data is not None
    assert list(table.data["aliases"]) == ["warming;heat"]


def test_list_columns_become_the_files_text():
    rows = [{"id": "a", "kind": "ngo", "name": "A", "external_ids": ["wikidata:Q64"],
             "aliases": ["Ay", "Aa"], "lat": 52.5, "lon": 13}]
    table = raw_table(ACTORS, "neo4j:actors", list(rows[0]), rows)
    assert table.data is not None
    assert [table.data[c][0] for c in ("external_ids", "aliases", "lat", "lon")] == [
        "wikidata:Q64", "Ay;Aa", "52.5", "13"]


@pytest.mark.parametrize("column, value", [("since", 1990), ("budget", 2.5), ("flag", True)])
def test_a_value_text_would_not_give_back_keeps_the_rows(column, value):
    # An actor's "since" is an extra column: as text it would come back as text.
    rows = [{"id": "a", "kind": "ngo", "name": "A", column: value}]
    table = raw_table(ACTORS, "neo4j:actors", list(rows[0]), rows)
    assert table.data is None
    assert table.records[0].values[column] == value


def test_a_ties_whole_year_becomes_text():
    rows = [{"source": "a", "target": "b", "type": "FUNDS", "since": 2001, "weight": 2}]
    table = raw_table(TIES, "neo4j:ties", list(rows[0]), rows)
    assert [table.data[c][0] for c in ("since", "weight")] == ["2001", "2"]


@pytest.mark.parametrize("table, column", [
    ("ties", "since"), ("ties", "weight"), ("ties", "themes"), ("ties", "role"),
    ("actors", "lat"), ("actors", "external_ids"), ("actors", "note"), ("themes", "priority")])
def test_a_columns_texts_are_each_values_text(table, column):
    """Texts made once per distinct value (and floats and text columns at
    C speed) are what the rule gives value by value."""
    from actornet.loaders.store_tables import _column_texts, _text

    mixed = [None, "a", "a", " a", 1, 1, True, 1.0, 0.0, -0.0, -0.0, 2.5, float("nan"),
             ["x", "y"], ["x", "y"], ["x;y"], ["x", 1], [], "2019", 2019, 2019]
    for values in (mixed, [v for v in mixed if isinstance(v, str) or v is None],
                   [v for v in mixed if type(v) in (int, float)],
                   [v for v in mixed if isinstance(v, list)],
                   # each kind alone, as the column-at-once paths take them
                   [v for v in mixed if v is None or type(v) is int],
                   [v for v in mixed if v is None or type(v) in (int, float)],
                   [v for v in mixed if v is None or type(v) is list],
                   [None, ["a", "b"], [], ["c"]], [["a", ""]], [["a "]], [["a;b"]],
                   [None, "a", "b"], ["a", "b"], ["a", "b "], []):
        one_by_one = [_text(v, column, table) for v in values]
        expected = None if None in one_by_one else one_by_one
        assert _column_texts(values, column, table) == expected


@pytest.mark.neo4j
def test_a_failing_reader_stops_the_others_and_its_error_comes_out(store, sample):
    import threading

    import neo4j

    from actornet.graph.schema import TieType
    from actornet.loaders import cypher

    write_network(store.driver, sample, database=store.database)
    good = (cypher.render(cypher.READ_TYPE_TIES, tie_type=TieType.MEMBER_OF), {"dataset": None},
            False)
    bad = ("RETURN nonsense(", {}, False)
    with pytest.raises(neo4j.exceptions.Neo4jError):
        store_read._run_readers(store.driver, store.database, [good] * 4 + [bad] + [good] * 4,
                                None, 0)
    assert not [t for t in threading.enumerate() if t.name.startswith("actornet-store-read")]
    rows = store_read._run_readers(store.driver, store.database, [good, good], None, 0)
    assert len(rows) == 2 and rows[0] and len(rows[0]) == len(rows[1])
