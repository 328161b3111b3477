"""Reading a network back from the Neo4j store, into the tables a file gives.

The store is streamed one node label and one relationship type at a time,
each in its own read transaction, ``fetch_size`` records per round trip (with
a progress bar), never one transaction for the whole store. A store of up to
``GROUPED_MAX_ROWS`` rows is asked for its rows ``GROUP_SIZE`` to a record:
the driver's work per record, not the server, is most of a read-back's time. The rows become the
input format's tables (:func:`actornet.loaders.write.tables_of`: actors,
projects, themes, ties, with an actor's plain BASED_IN tie as its ``city``
column) and go through the same builder as the files
(:func:`actornet.graph.build.build_network`); where every value is plain text,
a number or a list of words, as a CSV file's are, the tables are handed over
as columns and take the builder's column-wise path.

Nodes and ties come in the order they were loaded (``load_order``, written
by :func:`actornet.loaders.store.write_network`), so the network read back
is the network loaded, down to the order of its nodes and ties: every
analysis (seeded sampling and Leiden included) gives the same answer on the
store as on the files. Rows without a ``load_order`` (written by something
else) come after the others, by id.
"""

from __future__ import annotations

from itertools import repeat
from numbers import Integral, Real

from actornet.graph.gc_pause import gc_paused
from actornet.graph.build import build_network
from actornet.graph.errors import StoreError
from actornet.graph.network import ActorNetwork
from actornet.graph.schema import Kind, TieType
from actornet.graph.tables import ACTORS, PROJECTS, THEMES, TIES, NetworkTables, RawTable, Record
from actornet.loaders import cypher
from actornet.loaders.write import tables_of

__all__ = ["read_network", "read_dataset_records", "check_complete", "store_state",
           "network_name", "RESERVED", "FETCH_SIZE"]

#: Property names the store keeps for itself (never a network's property).
RESERVED = ("id", "datasets", "load_order")
#: Rows per round trip while streaming.
FETCH_SIZE = 10_000
#: Rows per record when the rows come grouped (see GROUPED_MAX_ROWS).
GROUP_SIZE = 5_000
#: The most rows (nodes and ties, as the dataset records count them) a store
#: may hold for the reader to ask for them grouped, many to a record: the
#: server then holds one label's or one tie type's rows at once. Larger
#: stores (and stores whose records don't count their rows) are streamed one
#: row to a record.
GROUPED_MAX_ROWS = 1_000_000
#: Seconds a streaming read may take before the server stops it.
READ_TIMEOUT = 3600.0


def read_dataset_records(session, dataset=None) -> list[dict]:
    """The dataset records (name and properties), newest load first."""
    def work(tx):
        return [{"name": r["name"], **r["props"]}
                for r in tx.run(cypher.READ_DATASET, dataset=dataset)]
    return session.execute_read(work)


def check_complete(records, dataset=None) -> None:
    """Raise :class:`StoreError` naming a dataset whose last load or replace
    did not finish (its record says so), and how to finish it."""
    for record in records:
        if record.get("state", "complete") != "complete":
            name = record["name"]
            raise StoreError(
                f"dataset {name} is incomplete: its last load was interrupted; run "
                f"`actornet load … --dataset {name}` again (with the same data and options) "
                "to complete it")


def expected_rows(records) -> int:
    """The nodes and ties the dataset ``records`` say their loads wrote."""
    return sum(int(r.get("nodes", 0)) + int(r.get("ties", 0)) for r in records)


def network_name(records, *, dataset=None, database=None) -> str:
    """The name of the network read back: the dataset's, else the newest
    dataset's, else the database's."""
    meta = records[0] if records else {}
    return dataset or meta.get("name") or database or "neo4j"


def stated_home(records) -> str | None:
    """The home city the loads stated, when they agree on one."""
    homes = {r.get("home") for r in records if r.get("home")}
    return homes.pop() if len(homes) == 1 else None


def store_state(driver, *, database=None, dataset=None):
    """What identifies the network the store holds, for a reader's warm cache.

    Returns ``(records, parts)``: the dataset records (checked complete, see
    :func:`check_complete`) and ``(name, value)`` pairs of text naming every
    dataset's ``load_id`` (new on every completed ``actornet load``) and the
    number of actors and ties the whole store holds. ``parts`` is None when
    the store can't be vouched for this way: a dataset written without a
    ``load_id`` (by an older actornet), or nothing loaded by actornet at all.

    Two cheap reads, never the network: the records and two counts. A change
    made to the store by anything other than ``actornet load`` that keeps
    both counts is not seen: read with ``--no-cache`` after one.
    """
    def work(tx):
        records = [{"name": r["name"], **r["props"]}
                   for r in tx.run(cypher.READ_DATASET, dataset=None)]
        actors = tx.run(cypher.COUNT_ACTORS).single()["count"]
        ties = tx.run(cypher.COUNT_TIES).single()["count"]
        return records, actors, ties

    with driver.session(database=database) as session:
        records, actors, ties = session.execute_read(work)
    mine = [r for r in records if dataset is None or r["name"] == dataset]
    check_complete(mine)
    if not mine or any(not isinstance(r.get("load_id"), str) for r in records):
        return mine, None
    parts = [("store:dataset", dataset or "")]
    parts += [(f"store:load:{r['name']}", r["load_id"]) for r in sorted(records, key=lambda r: r["name"])]
    parts += [("store:actors", str(actors)), ("store:ties", str(ties))]
    return mine, parts


def _stream(session, query, params, on_rows, *, grouped=False):
    """Run ``query`` in one read transaction, handing its rows to ``on_rows``
    in blocks as they arrive; the rows. A ``grouped`` query returns a list of
    rows per record; otherwise each record (a tuple) is a row."""
    import neo4j

    @neo4j.unit_of_work(timeout=READ_TIMEOUT)
    def work(tx):
        rows, block = [], []
        for record in tx.run(query, **params):
            if grouped:
                rows.extend(record[0])
                on_rows(len(record[0]))
                continue
            block.append(record)  # a tuple already: kept as it comes
            if len(block) == FETCH_SIZE:
                rows.extend(block)
                on_rows(len(block))
                block = []
        rows.extend(block)
        on_rows(len(block))
        return rows

    return session.execute_read(work)


def _in_load_order(ranked, unranked):
    """``(load_order, row)`` pairs then ``(id, row)`` pairs as rows: the first
    by their ``load_order``, the rows without one after them, by id (both
    stable)."""
    ranked.sort(key=_first)
    unranked.sort(key=_first)
    return [row for _, row in ranked] + [row for _, row in unranked]


def _first(pair):
    return pair[0]


def _own(props):
    """``props`` without the store's own properties (in place: the driver's
    dict is ours), and its ``load_order`` (None without an integer one)."""
    order = props.pop("load_order", None)
    for name in RESERVED:
        props.pop(name, None)
    return order if isinstance(order, Integral) else None


def read_parts(driver, *, database=None, dataset=None, progress=None, expected=0):
    """The nodes and ties the store holds (for ``dataset``), in load order.

    Returns ``(nodes, ties)``: ``(id, attributes)`` pairs and ``(source,
    target, key, attributes)`` tuples, attributes without the store's own
    properties; a node without a ``kind`` takes its label's. ``expected``
    is the number of rows the dataset records count (:func:`expected_rows`):
    up to ``GROUPED_MAX_ROWS``, the rows come grouped, many to a record.
    """
    done = 0

    def advance(n):
        nonlocal done
        done += n
        if progress is not None:
            progress(min(done, expected) if expected else done, max(expected, done))

    nodes, loose_nodes, ties, loose_ties = [], [], [], []
    grouped = 0 < expected <= GROUPED_MAX_ROWS
    node_query = cypher.READ_KIND_NODE_GROUPS if grouped else cypher.READ_KIND_NODES
    tie_query = cypher.READ_TYPE_TIE_GROUPS if grouped else cypher.READ_TYPE_TIES
    params = {"dataset": dataset, **({"group": GROUP_SIZE} if grouped else {})}
    # Hundreds of thousands of records and dicts, none in a cycle: with the
    # collector on, it walks them all again every few thousand rows.
    with gc_paused(), driver.session(database=database, fetch_size=FETCH_SIZE) as session:
        for kind in Kind:
            query = cypher.render(node_query, label=kind)
            for node, props in _stream(session, query, params, advance, grouped=grouped):
                order = _own(props)
                props.setdefault("kind", kind.value)
                if order is None:
                    loose_nodes.append((str(node), (node, props)))
                else:
                    nodes.append((order, (node, props)))
        for tie_type in TieType:
            query = cypher.render(tie_query, tie_type=tie_type)
            for source, target, props in _stream(session, query, params, advance,
                                                 grouped=grouped):
                key = props.get("id")
                order = _own(props)
                props["type"] = tie_type.value
                if order is None:
                    loose_ties.append((str(key), (source, target, key, props)))
                else:
                    ties.append((order, (source, target, key, props)))
    seen = set()
    nodes = [n for n in _in_load_order(nodes, loose_nodes)
             if not (n[0] in seen or seen.add(n[0]))]
    return nodes, _in_load_order(ties, loose_ties)


#: Per table, the columns a CSV reader's text stands for another type:
#: whole numbers, numbers and ``;``-separated lists (every other column's
#: text is kept as text, so only text goes there as text).
_TYPED_COLUMNS = {
    "actors": (frozenset(), frozenset({"lat", "lon"}),
               frozenset({"themes", "aliases", "external_ids"})),
    "projects": (frozenset({"since", "until"}), frozenset(), frozenset({"themes", "aliases"})),
    "ties": (frozenset({"since", "until"}), frozenset({"weight"}), frozenset({"themes"})),
    "themes": (frozenset(), frozenset({"priority"}), frozenset()),
}


def _text(value, column, table):
    """``value`` as the text a CSV cell of ``column`` (of ``table``) would
    hold, or None when text would not give the value back (then the table is
    handed over as rows)."""
    whole, numbers, lists = _TYPED_COLUMNS[table]
    if value is None:
        return ""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value if column not in whole and column not in numbers and column not in lists \
            and value == value.strip() else None
    if isinstance(value, Integral) and (column in whole or column in numbers):
        return str(int(value))
    if isinstance(value, Real) and column in numbers:
        return repr(float(value))
    if isinstance(value, (list, tuple)) and column in lists and all(
            isinstance(v, str) and v and v == v.strip() and ";" not in v for v in value):
        return ";".join(value)
    return None


def _column_texts(values, column, table):
    """The texts of one column's ``values`` (see :func:`_text`), or None."""
    whole, numbers, lists = _TYPED_COLUMNS[table]
    if column not in whole and column not in numbers and column not in lists:
        # A text column: the common case, checked without a call per cell.
        texts = ["" if v is None else v for v in values]
        if set(map(type, texts)) <= {str} and texts == list(map(str.strip, texts)):
            return texts
    # Each distinct text, whole number or list of texts once (True, 1 and 1.0
    # apart; floats each: 0.0 and -0.0 are equal, their texts are not).
    known, texts = {}, []
    for value in values:
        kind = type(value)
        if kind is list and set(map(type, value)) <= {str}:  # a list of texts
            key = (list, tuple(value))
        elif kind is str or kind is int:
            key = (kind, value)
        elif kind is float:  # as _text gives it
            texts.append(repr(value) if column in numbers else None)
            continue
        else:
            texts.append(_text(value, column, table))
            continue
        text = known.get(key)
        if text is None:
            text = known[key] = _text(value, column, table)
        texts.append(text)
    return None if None in texts else texts


def raw_table(spec, file, columns, rows) -> RawTable:
    """A table of ``rows`` (dicts): as text columns when every value is plain
    (the builder's column-wise path), else as rows with their values."""
    data = {}
    for c in columns:
        texts = _column_texts(list(map(dict.get, rows, repeat(c))), c, spec.name)
        if texts is None:
            records = [Record(i + 2, {c: row.get(c) for c in columns})
                       for i, row in enumerate(rows)]
            return RawTable(spec, file, columns, records, rows_read=len(rows))
        data[c] = texts
    import numpy as np

    return RawTable(spec, file, columns, rows_read=len(rows),
                    data={c: np.array(v, dtype=object) for c, v in data.items()},
                    lines=np.arange(2, len(rows) + 2, dtype=np.int64))


def _theme_rows(nodes, order):
    rows = []
    for node, data in nodes:
        if data.get("kind") != Kind.THEME.value:
            continue
        row = {"id": node, "label_en": data.get("name"), "label_de": data.get("label_de"),
               "priority": data.get("priority")}
        row.update({k: v for k, v in data.items()
                    if k not in ("kind", "name", "label_de", "priority")})
        rows.append(row)
    rank = {theme: i for i, theme in enumerate(order or [])}
    rows.sort(key=lambda r: rank.get(r["id"], len(rank)))  # stable: load order otherwise
    return rows


def read_network(driver, *, database: str | None = None, dataset: str | None = None,
                 progress=None) -> ActorNetwork:
    """Read a network back from the store.

    Parameters
    ----------
    driver : neo4j.Driver
    database : str, optional
    dataset : str, optional
        Read only what the load of this dataset wrote; default: the whole
        store, named after the newest dataset loaded into it.
    progress : callable, optional
        ``progress(rows_done, rows_total)`` while rows are read, then while
        they are validated.

    Returns
    -------
    ActorNetwork
        Equal to the network that was loaded (actors, ties, properties,
        themes, years, home city), in the order it was loaded.

    Raises
    ------
    StoreError
        If the server cannot be reached or refuses the credentials, the
        store holds no actors (for ``dataset``), or a dataset's last load
        did not finish.
    """
    from actornet.loaders.store import store_errors

    with store_errors(doing="reading the network"), driver.session(database=database) as session:
        records = read_dataset_records(session, dataset)
    check_complete(records)
    meta = records[0] if records else {}
    expected = expected_rows(records)
    with store_errors(doing="reading the network"):
        nodes, ties = read_parts(driver, database=database, dataset=dataset, progress=progress,
                                 expected=expected)
    if not nodes:
        raise StoreError("the store holds no actors" + (" for this dataset" if dataset else "")
                         + "; load a network with `actornet load`")
    name = network_name(records, dataset=dataset, database=database)
    specs = {"actors": ACTORS, "projects": PROJECTS, "themes": THEMES, "ties": TIES}
    with gc_paused():  # a dict per row, none in a cycle (see read_parts)
        tables = tables_of(nodes, ties, _theme_rows(nodes, meta.get("themes")))
        raw = {key: raw_table(spec, f"neo4j:{key}", *tables[key]) for key, spec in specs.items()}
    network = build_network(NetworkTables(
        [raw["actors"]], [raw["ties"]], [raw["projects"]] if raw["projects"].rows_read else [],
        [raw["themes"]] if raw["themes"].rows_read else [], name=name), progress=progress)
    home = stated_home(records)
    return network.with_home(home) if home else network
