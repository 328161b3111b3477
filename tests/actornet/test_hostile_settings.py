"""Hostile store settings (issue 15, item 6): a clear ``Error:`` line, never an
internal error, and never the password."""

from __future__ import annotations

import shutil

import pytest

from testdata import DATA
from checks import run_cli as run

SECRET = "canary-hostile-settings"


def _clear_error(result, phrase):
    text = result.output + result.stderr
    assert result.exit_code == 1, text
    assert result.stderr.startswith("Error: "), text
    assert "internal error" not in text
    assert phrase in result.stderr


@pytest.mark.parametrize("uri, phrase", [
    ("bolt://x@[:1", "cannot be read"),
    ("bolt://[::1", "cannot be read"),
    ("bolt://localhost:99999", "from 1 to 65535"),
    ("bolt://localhost:0", "from 1 to 65535"),
    ("bolt://localhost:port", "from 1 to 65535"),
], ids=["unclosed-ipv6-with-user", "unclosed-ipv6", "port-too-big", "port-zero", "port-text"])
def test_a_malformed_uri_is_a_clear_error(uri, phrase, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    result = run("info", "--neo4j", uri)
    _clear_error(result, phrase)
    assert SECRET not in result.output + result.stderr


def test_a_dotenv_that_is_not_utf8_is_a_clear_error():
    shutil.copy(DATA / "hostile" / "env_latin1", ".env")  # the cwd is a fresh tmp folder
    _clear_error(run("info"), ".env, line 1: the file is not UTF-8 text")
