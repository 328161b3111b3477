"""Tests keep out of the user's way (issue 22, try 9): no test sees or writes the
user's cache, and `.venv/bin/pytest` runs the tests `python -m pytest` runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from actornet.loaders.cache import NetworkCache, cache_dir
from actornet.loaders.read import read_network
from actornet.sample import sample_path
from actornet.source import program_identity
from hygiene import listing, written_here

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seen_by_a_module_fixture():
    """What a module-scoped fixture sees (those ran before the per-test fixture
    that redirects the cache, and wrote into the user's)."""
    return cache_dir(), Path.home(), os.environ.get("XDG_CACHE_HOME")


def test_a_module_fixture_never_sees_the_users_folders(seen_by_a_module_fixture, session_home):
    cache, home, xdg = seen_by_a_module_fixture
    assert session_home in cache.parents
    assert session_home in home.parents
    assert session_home in Path(xdg).parents


def test_a_write_of_this_program_into_the_real_cache_is_found(tmp_path):
    real = tmp_path / "real-cache"
    real.mkdir(mode=0o700)
    (real / "notes.txt").write_text("the user's")
    before = listing(real)
    NetworkCache(real, program="another program").put("1" * 64, read_network(sample_path()))
    assert written_here(real, before, program_identity()) == []
    NetworkCache(real, program=program_identity()).put("2" * 64, read_network(sample_path()))
    assert written_here(real, before, program_identity()) == ["2" * 64 + ".actornet"]


def _collected(command):
    done = subprocess.run([*command, "--collect-only", "-q", "-p", "no:cacheprovider",
                           "tests/actornet", "tests/test_sample.py"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return {line for line in done.stdout.splitlines() if "::" in line}


def test_the_pytest_script_collects_what_python_m_pytest_collects():
    script = Path(sys.executable).with_name("pytest")
    assert script.exists(), "the test extra installs pytest's script next to the interpreter"
    assert _collected([str(script)]) == _collected([sys.executable, "-m", "pytest"])


def test_the_pytest_script_runs_the_cli_tests():
    """Try 9: `.venv/bin/pytest` failed 136 tests that `python -m pytest` passed:
    tests/actornet/ was imported as the package `actornet`."""
    script = Path(sys.executable).with_name("pytest")
    done = subprocess.run([str(script), "-q", "-p", "no:cacheprovider",
                           "tests/actornet/test_answers.py", "-k", "demo"],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:]
