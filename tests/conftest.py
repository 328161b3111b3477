"""Shared fixtures: the small known-good network and the bad-input corpus.

Also the test session's hygiene, before anything else runs:

- ``tests/`` is on the import path (``pythonpath``) and holds a folder named
  ``actornet`` (the CLI's tests): the real package is imported first, with
  ``tests/`` out of the path, so that ``.venv/bin/pytest`` (which, unlike
  ``python -m pytest``, does not put the checkout on the path) never takes
  that folder for the package;
- the user's cache, home and XDG cache folders are out of reach: at
  configure time, before any fixture of any scope and any test module,
  ``ACTORNET_CACHE_DIR``, ``HOME`` and ``XDG_CACHE_HOME`` point into a
  temporary folder of the session; at the end, the session fails if
  anything was written under the real cache folder meanwhile by this
  program (an entry whose header names this checkout's program stamp:
  other programs, such as another checkout's tests, may write there too).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

def _import_the_package():
    here = Path(__file__).resolve().parent
    saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if Path(p or os.curdir).resolve() != here]
    try:
        import actornet  # noqa: F401 -- the installed package, kept in sys.modules
    finally:
        sys.path[:] = saved

_import_the_package()

from hygiene import listing, written_here  # noqa: E402
from testdata import BAD, GOOD  # noqa: E402

_SESSION = pytest.StashKey()

def pytest_configure(config):
    from actornet.loaders.cache import cache_dir

    real = cache_dir()
    home = Path(tempfile.mkdtemp(prefix="actornet-tests-"))
    for name in ("cache", "home", "xdg-cache"):
        (home / name).mkdir()
    config.stash[_SESSION] = (real, listing(real), home)
    os.environ["ACTORNET_CACHE_DIR"] = str(home / "cache")
    os.environ["HOME"] = str(home / "home")
    os.environ["XDG_CACHE_HOME"] = str(home / "xdg-cache")

def pytest_sessionfinish(session, exitstatus):
    found = session.config.stash.get(_SESSION, None)
    if found is None:
        return
    from actornet.source import program_identity

    real, before, home = found
    changed = written_here(real, before, program_identity())
    shutil.rmtree(home, ignore_errors=True)
    if changed:
        session.config.get_terminal_writer().line(
            f"The tests wrote into the user's cache folder {real}: {', '.join(changed[:5])}",
            red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

@pytest.fixture(scope="session")
def session_home(pytestconfig) -> Path:
    """The session's temporary folder holding its cache, home and XDG cache."""
    return pytestconfig.stash[_SESSION][2]

@pytest.fixture(autouse=True)
def private_network_cache(tmp_path_factory, monkeypatch):
    """Each test its own empty network cache: none shares entries, none
    writes to the user's cache."""
    monkeypatch.setenv("ACTORNET_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))

@pytest.fixture(scope="module")
def berlin():
    """The bundled sample network (Berlin's), read once per test module."""
    from actornet.loaders import read_network
    from actornet.sample import sample_path

    return read_network(sample_path())

@pytest.fixture
def good_dir():
    return GOOD

@pytest.fixture
def make_network_dir(tmp_path):
    """A network folder in tmp_path: the good files, with some replaced.

    ``make_network_dir(actors="actors_bom.csv")`` puts the corpus file in place
    of actors.csv; with a replaced actors file, ties.csv is empty (header only)
    unless ``ties=`` is given too, so that each case tests one defect.
    """

    def make(*, actors=None, ties=None, projects=True, themes=True, name="net"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(BAD / actors if actors else GOOD / "actors.csv", folder / "actors.csv")
        if ties:
            shutil.copy(BAD / ties, folder / "ties.csv")
        elif actors:
            (folder / "ties.csv").write_text("source,target,type\n", encoding="utf-8")
        else:
            shutil.copy(GOOD / "ties.csv", folder / "ties.csv")
        if projects:
            shutil.copy(GOOD / "projects.csv", folder / "projects.csv")
        if themes:
            shutil.copy(GOOD / "themes.csv", folder / "themes.csv")
        shutil.copy(GOOD / "network.toml", folder / "network.toml")  # home = berlin
        return folder

    return make

# -- a real Bolt server -------------------------------------------------------

import os  # noqa: E402

from boltserver import BoltServer  # noqa: E402

_MARKER = "ActornetTestMarker"


class ExternalServer:
    """The server named by NEO4J_URI (a real Neo4j 5): same tests, not killable."""

    killable = False

    def __init__(self, env):
        self.uri = env["NEO4J_URI"]
        self.password = env.get("NEO4J_PASSWORD", "")
        self.auth = (env.get("NEO4J_USERNAME") or "neo4j", self.password)
        self.database = env.get("NEO4J_DATABASE") or None

    def stop(self):
        pass


@pytest.fixture(scope="session")
def bolt(tmp_path_factory):
    """A Bolt server for the session: NEO4J_URI's when set, else ArcadeDB started here.

    The tests delete everything in the server's database, so an external
    server's database must be empty (or hold only earlier test data) at the
    start; otherwise the session stops with the reason.
    """
    if os.environ.get("NEO4J_URI"):
        server = ExternalServer(os.environ)
        driver = _driver(server)
        try:
            records, _, _ = driver.execute_query(
                "MATCH (n) RETURN count(n) AS n, count(CASE WHEN n:ActornetTestMarker THEN 1 END) AS m",
                database_=server.database)
            if records[0]["n"] and not records[0]["m"]:
                pytest.exit("NEO4J_URI's database holds data and the Neo4j tests delete everything "
                            "in it: point NEO4J_DATABASE at an empty database", returncode=3)
            driver.execute_query("MERGE (:ActornetTestMarker {id: 'actornet-tests'})",
                                 database_=server.database)
        finally:
            driver.close()
        yield server
        return
    try:
        import arcadedb_embedded  # noqa: F401
    except ImportError:
        pytest.skip("the Bolt test server needs arcadedb-embedded: pip install -e '.[test]'")
    server = BoltServer(tmp_path_factory.mktemp("bolt"), password="canary-" + os.urandom(6).hex())
    server.killable = True
    server.start()
    yield server
    server.stop()


def _driver(server, **config):
    import neo4j

    options = {"connection_timeout": 5.0, "max_transaction_retry_time": 5.0}
    options.update(config)
    return neo4j.GraphDatabase.driver(server.uri, auth=server.auth, **options)


def wipe(server):
    """Delete everything but the test marker from the server's database."""
    driver = _driver(server)
    try:
        driver.execute_query(f"MATCH (n) WHERE NOT n:{_MARKER} DETACH DELETE n",
                             database_=server.database)
    finally:
        driver.close()


class Store:
    """A driver on an emptied database, with the server behind it."""

    def __init__(self, server):
        self.server = server
        self.database = server.database
        self.driver = _driver(server)

    def count(self, query, **params):
        records, _, _ = self.driver.execute_query(query, params, database_=self.database)
        return records[0][0]

    def env(self):
        """NEO4J_* variables that point a command at this store."""
        env = {"NEO4J_URI": self.server.uri, "NEO4J_USERNAME": self.server.auth[0],
               "NEO4J_PASSWORD": self.server.password}
        if self.database:
            env["NEO4J_DATABASE"] = self.database
        return env


@pytest.fixture
def store(bolt):
    """An empty database on the session's Bolt server."""
    wipe(bolt)
    handle = Store(bolt)
    yield handle
    handle.driver.close()
