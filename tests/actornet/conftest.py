"""CLI tests run in an empty folder with no NEO4J_* settings, so neither a
developer's environment nor a .env file in the repository changes them."""

from __future__ import annotations

import pytest

from checks import run_cli

NEO4J_VARIABLES = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")


@pytest.fixture(autouse=True)
def _isolated_from_store_settings(monkeypatch, tmp_path_factory):
    for name in NEO4J_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.fixture
def run():
    """``run(*args)``: ``actornet ARGS`` in-process (:func:`checks.run_cli`)."""
    return run_cli
