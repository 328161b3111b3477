"""Neo4j settings from the environment and .env: no server needed."""

from __future__ import annotations

import pytest

from actornet.graph.errors import StoreError
from actornet.loaders.settings import Neo4jSettings, read_dotenv

SECRET = "canary-7f3a-settings"


def settings(**env):
    return Neo4jSettings.from_env(env, dotenv=None)


def test_environment_gives_all_four():
    s = settings(NEO4J_URI="bolt://localhost:7687", NEO4J_USERNAME="analyst",
                 NEO4J_PASSWORD=SECRET, NEO4J_DATABASE="partners")
    assert (s.uri, s.username, s.password, s.database) == (
        "bolt://localhost:7687", "analyst", SECRET, "partners")


def test_defaults_user_neo4j_and_server_default_database():
    s = settings(NEO4J_URI="bolt://127.0.0.1")
    assert (s.username, s.database, s.port) == ("neo4j", None, 7687)


def test_option_overrides_environment_uri():
    s = Neo4jSettings.from_env({"NEO4J_URI": "bolt://localhost:1"}, uri="bolt://localhost:2",
                               dotenv=None)
    assert s.port == 2


def test_dotenv_fills_what_the_environment_lacks(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("# local settings\nexport NEO4J_URI='bolt://localhost:7000'\n"
                      f"NEO4J_PASSWORD=\"{SECRET}\"\nNEO4J_USERNAME=fromfile\n", encoding="utf-8")
    s = Neo4jSettings.from_env({"NEO4J_USERNAME": "fromenv"}, dotenv=dotenv)
    assert (s.uri, s.username, s.password) == ("bolt://localhost:7000", "fromenv", SECRET)


def test_missing_dotenv_is_empty(tmp_path):
    assert read_dotenv(tmp_path / ".env") == {}


def test_no_uri_is_a_clear_error():
    with pytest.raises(StoreError, match="NEO4J_URI"):
        settings()


@pytest.mark.parametrize("uri", ["bolt://db.example.org:7687", "neo4j://10.0.0.5"])
def test_remote_host_needs_encryption(uri):
    with pytest.raises(StoreError, match="--insecure"):
        settings(NEO4J_URI=uri)


@pytest.mark.parametrize("uri", ["neo4j+s://db.example.org", "bolt+ssc://10.0.0.5:7687",
                                 "bolt://localhost", "bolt://127.0.0.1:7687", "bolt://[::1]:7687"])
def test_encrypted_or_loopback_is_accepted(uri):
    assert settings(NEO4J_URI=uri).uri == uri


def test_insecure_allows_remote_plain_connection():
    s = Neo4jSettings.from_env({"NEO4J_URI": "bolt://db.example.org"}, insecure=True, dotenv=None)
    assert not s.encrypted


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "bolt://", "bolt://host:port"])
def test_malformed_uri_is_refused(uri):
    with pytest.raises(StoreError):
        settings(NEO4J_URI=uri)


def test_credentials_in_the_uri_are_refused_without_echoing_them():
    with pytest.raises(StoreError) as info:
        settings(NEO4J_URI=f"bolt://neo4j:{SECRET}@localhost:7687")
    assert SECRET not in str(info.value)


def test_password_never_in_repr_str_or_description():
    s = settings(NEO4J_URI="bolt://localhost", NEO4J_PASSWORD=SECRET, NEO4J_DATABASE="x")
    assert SECRET not in repr(s) + str(s) + s.describe()
    assert s.describe() == "bolt://localhost:7687 (database x)"


def test_driver_never_lets_the_neo4j_debug_log_through():
    import logging

    logging.getLogger("neo4j").setLevel(logging.DEBUG)
    driver = settings(NEO4J_URI="bolt://localhost:7687").driver()
    driver.close()
    assert logging.getLogger("neo4j").level == logging.ERROR
