"""Fixtures of the loaders' tests: a copy of the sample network, a count of reads, and
the sample's tables as the store writes them."""

from __future__ import annotations

import shutil

import pytest

from actornet.sample import sample_path


@pytest.fixture
def data(tmp_path):
    """A copy of the bundled sample network (a folder named berlin)."""
    folder = tmp_path / "berlin"
    shutil.copytree(sample_path(), folder)
    return folder


@pytest.fixture
def reads(monkeypatch):
    """How often the files are read and validated (not taken from the cache)."""
    import actornet.loaders.read as source  # actornet.source reads through this module

    calls = []
    real = source.read_network

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(source, "read_network", counting)
    return calls


@pytest.fixture(scope="module")
def sample():
    """The sample network, read once per test module."""
    from actornet.loaders import read_network

    return read_network(sample_path())
