"""The store under faults and attacks: a server killed mid-load, bad credentials,
no server, injection attempts in every field, and no query built from input."""

from __future__ import annotations

import ast
import csv
import socket
import threading
import time
from pathlib import Path

import networkx as nx
import pytest

from actornet.source import open_store
from actornet.graph.errors import SchemaError, StoreError
from actornet.graph.schema import Kind, TieType
from actornet.loaders import cypher
from actornet.loaders import read_network as read_files
from actornet.loaders.settings import Neo4jSettings
from actornet.loaders.store import read_network, write_network
from boltserver import free_port

DUPLICATES = "MATCH (a:Actor) WITH a.id AS id, count(*) AS c WHERE c > 1 RETURN count(*)"
ROOT = Path(__file__).resolve().parents[2]


# -- a server killed part-way -------------------------------------------------

class _KillAfter:
    def __init__(self, server, batches):
        self.server, self.batches, self.seen = server, batches, 0

    def __call__(self, done, total):
        if done:
            self.seen += 1
            if self.seen == self.batches:
                self.server.kill()


@pytest.mark.neo4j
@pytest.mark.parametrize("kill_after", [1, 5, 11])
def test_load_killed_part_way_then_repeated_is_exact(bolt, store, sample, kill_after):
    if not getattr(bolt, "killable", False):
        pytest.skip("NEO4J_URI names a server these tests did not start and cannot kill")
    with pytest.raises(StoreError, match="could not be reached|connection was lost"):
        write_network(store.driver, sample, database=store.database, batch_size=100,
                      progress=_KillAfter(bolt, kill_after))
    bolt.start()
    store.driver.close()
    from conftest import Store
    again = Store(bolt)
    try:
        summary = write_network(again.driver, sample, database=again.database, batch_size=100)
        assert summary.labels["Actor"] == sample.graph.number_of_nodes()
        assert again.count(DUPLICATES) == 0
        assert again.count("MATCH (a:Actor) RETURN count(a)") == sample.graph.number_of_nodes()
        assert again.count("MATCH (:Actor)-[r]->(:Actor) RETURN count(r)") == sample.graph.number_of_edges()
        assert read_network(again.driver, database=again.database) == sample
    finally:
        again.driver.close()


# -- credentials and reachability ----------------------------------------------

class CountingProxy:
    """A TCP forwarder to the Bolt server that counts the connections made."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        self.listener.close()


@pytest.mark.neo4j
def test_wrong_password_is_one_attempt_and_a_clear_message(bolt):
    if not getattr(bolt, "killable", False):
        pytest.skip("the proxy needs the local test server's port")
    proxy = CountingProxy(bolt.port)
    secret = "canary-wrong-" + "5e1f"
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{proxy.port}", username=bolt.auth[0],
                             password=secret, database=bolt.database)
    try:
        with pytest.raises(StoreError) as info:
            with open_store(settings):
                pass
    finally:
        proxy.close()
    message = str(info.value)
    assert "NEO4J_USERNAME" in message and "NEO4J_PASSWORD" in message
    assert f"127.0.0.1:{proxy.port}" in message
    assert secret not in message
    assert proxy.connections == 1


def test_no_server_fails_fast_naming_host_and_scheme():
    port = free_port()  # nothing listens here
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", password="canary-x")
    started = time.monotonic()
    with pytest.raises(StoreError) as info:
        with open_store(settings):
            pass
    assert time.monotonic() - started < 30  # a generous bound: the driver's default retries take longer
    assert f"bolt://127.0.0.1:{port}" in str(info.value)
    assert "could not be reached" in str(info.value)


def test_silent_server_times_out_with_a_clear_error():
    # accepts the TCP connection but never answers the Bolt handshake
    silent = socket.create_server(("127.0.0.1", 0))
    port = silent.getsockname()[1]
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match=f"bolt://127.0.0.1:{port}"):
            with open_store(Neo4jSettings(uri=f"bolt://127.0.0.1:{port}")):
                pass
        assert time.monotonic() - started < 60
    finally:
        silent.close()


# -- injection ----------------------------------------------------------------

HOSTILE = [
    "back`tick", "uni\u0060code", "tab\tbed", "new\nline", "// comment", "a/*b*/c",
    "x'}) DETACH DELETE n //", 'x"}) MATCH (n) DETACH DELETE n RETURN 1 //',
    "$rows", "{id: 1}", "Сity",  # the C of the last one is Cyrillic
]


def _hostile_network_dir(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    with (folder / "actors.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "name", "city"])
        w.writerow(["home", "city", "Home", ""])
        for i, text in enumerate(HOSTILE):
            w.writerow([f"id {text}", "institution", text, "home"])   # hostile id and name
            w.writerow([f"k{i}", text, "Kind attack", ""])            # hostile kind
            w.writerow([f"n{i}", "ngo", f"{text} e.V.", ""])
    with (folder / "ties.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "type", "evidence"])
        for i, text in enumerate(HOSTILE):
            w.writerow([f"id {text}", f"n{i}", "COOPERATES_WITH", text])  # hostile property
            w.writerow([f"n{i}", "home", text, "x"])                      # hostile tie type
            w.writerow([f"n{i}", "home", f"COOPERATES_WITH`]->() DETACH DELETE ({text}", "x"])
    return folder


@pytest.mark.neo4j
def test_injection_is_rejected_or_stored_verbatim(store, tmp_path):
    network = read_files(_hostile_network_dir(tmp_path))
    # hostile kinds and tie types are rejected while reading, never sent
    assert network.report.rows_rejected == 3 * len(HOSTILE)
    assert {f"id {t}" for t in HOSTILE} <= set(network.graph)
    write_network(store.driver, network, database=store.database)
    back = read_network(store.driver, database=store.database)
    assert back == network
    # the store's shape is exactly the network's: nothing deleted, nothing extra
    assert store.count("MATCH (n) WHERE NOT n:ActornetTestMarker AND NOT n:ActornetDataset "
                       "RETURN count(n)") == network.graph.number_of_nodes()
    assert store.count("MATCH ()-[r]->() RETURN count(r)") == network.graph.number_of_edges()
    records, _, _ = store.driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS l RETURN collect(DISTINCT l) AS labels", database_=store.database)
    allowed = {"Actor", "ActornetDataset", "ActornetTestMarker"} | {k.label for k in Kind}
    assert set(records[0]["labels"]) <= allowed
    records, _, _ = store.driver.execute_query(
        "MATCH ()-[r]->() RETURN collect(DISTINCT type(r)) AS types", database_=store.database)
    assert set(records[0]["types"]) <= {t.value for t in TieType}


@pytest.mark.parametrize("name", HOSTILE + ["actor", "ACTOR", "Partner_Of", "Сity", "City ",
                                            "PARTNER_OF`", "ActornetDataset"])
def test_quoting_helper_refuses_anything_outside_the_schema(name):
    with pytest.raises(SchemaError):
        cypher.quote_name(name)


def test_quoting_helper_accepts_every_schema_name():
    for name in [k.label for k in Kind] + [t.value for t in TieType] + ["Actor"]:
        assert cypher.quote_name(name) == f"`{name}`"


@pytest.mark.parametrize("bad", ["City", "PARTNER_OF", "Сity"])
def test_render_takes_enums_not_text(bad):
    with pytest.raises((SchemaError, ValueError)):
        cypher.render(cypher.CREATE_NEW_NODES, label=bad if bad != "City" else "Сity")


# -- static: no query text is built from input ----------------------------------

_RUNNERS = {"run", "execute_query"}
_PACKAGES = ["graph", "loaders", "queries", "viz", "actornet", "benchmarks"]
_CLAUSE = ("MATCH (", "MERGE (", "UNWIND $", "CREATE (", "DETACH DELETE", "CREATE CONSTRAINT",
           "RETURN count(")


def _python_files():
    for package in _PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def _is_built_string(node):
    """An f-string, a %/+ concatenation or a .format() call."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.JoinedStr):
            return True
        if isinstance(sub, ast.BinOp) and isinstance(sub.op, (ast.Add, ast.Mod)):
            return True
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "format":
            return True
    return False


def test_static_no_query_text_built_from_input():
    offenders = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        relative = path.relative_to(ROOT).as_posix()
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr)
                      and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            # 1. what reaches run()/execute_query() is a name or a cypher constant, never built
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in _RUNNERS and node.args:
                query = node.args[0]
                if _is_built_string(query) or isinstance(query, ast.Constant):
                    offenders.append(f"{relative}:{node.lineno}: query built or written inline")
            # 2. Cypher text lives in loaders/cypher.py only
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in docstrings and relative != "loaders/cypher.py" and any(c in node.value for c in _CLAUSE):
                offenders.append(f"{relative}:{node.lineno}: Cypher outside loaders/cypher.py")
            # 3. in cypher.py, .format() only inside the quoting helper render()
            if relative == "loaders/cypher.py" and isinstance(node, ast.FunctionDef) \
                    and node.name != "render":
                if any(isinstance(s, ast.Call) and isinstance(s.func, ast.Attribute)
                       and s.func.attr == "format" for s in ast.walk(node)):
                    offenders.append(f"{relative}:{node.lineno}: .format outside render()")
    assert offenders == []


def test_static_check_would_catch_a_built_query():
    bad = ast.parse('tx.run(f"MATCH (a {{id: {x}}}) RETURN a")').body[0].value
    assert _is_built_string(bad.args[0])
    assert not _is_built_string(ast.parse("tx.run(query, rows=rows)").body[0].value.args[0])


def test_every_cypher_template_slot_is_filled_by_render_only():
    for name in dir(cypher):
        value = getattr(cypher, name)
        if name.isupper() and isinstance(value, str) and "{label}" in value + "{type}":
            assert "{actor}" in value or "{label}" in value or "{type}" in value
