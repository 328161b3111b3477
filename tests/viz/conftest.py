"""Fixtures of the page tests: the Berlin sample, and a small hostile network."""

from __future__ import annotations

import pytest

from vizdata import hostile_network


@pytest.fixture
def hostile():
    return hostile_network()


@pytest.fixture(scope="session")
def berlin():
    from actornet.sample import sample_path
    from loaders import read_network

    return read_network(sample_path())
