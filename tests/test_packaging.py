"""The wheel: one top-level name, and a working tool without the checkout.

Builds the wheel from this checkout (no build isolation: setuptools comes
from the test environment), installs it into a folder of its own, and runs
``python -S -m actornet demo`` with that folder and this environment's
site-packages on the path: ``-S`` skips the ``.pth`` files, so the editable
install of the checkout is out of reach and only the wheel's files count.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    # A copy of the checkout: pip builds in the source tree, which must stay clean.
    source = tmp_path_factory.mktemp("source") / "actornet"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "out", "build", "*.egg-info", "__pycache__", ".pytest_cache"))
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--verbose", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(source)],
        capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-2000:]
    (out / "build.log").write_text(build.stdout + build.stderr)  # the backend's own output
    (found,) = out.glob("actornet-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
         str(target), str(wheel)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return target


def _run(installed, cwd, *args):
    env = {**os.environ,
           "PYTHONPATH": os.pathsep.join([str(installed), sysconfig.get_paths()["purelib"]])}
    return subprocess.run([sys.executable, "-S", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)


def test_the_wheel_has_one_top_level_name(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        top_level = next(n for n in names if n.endswith(".dist-info/top_level.txt"))
        assert archive.read(top_level).decode().split() == ["actornet"]
    assert {n.split("/")[0] for n in names} == {"actornet", wheel.name.split("-")[0] + "-"
                                               + wheel.name.split("-")[1] + ".dist-info"}


def test_the_wheel_ships_the_sample_the_page_templates_and_the_programme_parts(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"actornet/berlin/actors.csv", "actornet/berlin/ties.csv",
            "actornet/viz/templates/page.html", "actornet/viz/templates/page.js",
            "actornet/loaders/data/cordis_programme_parts.csv"} <= names


def test_only_the_namespaced_packages_import(installed, tmp_path):
    probe = ("import importlib.util as u, actornet.graph, actornet.queries;"
             "print(u.find_spec('graph'), u.find_spec('queries'), u.find_spec('viz'),"
             " u.find_spec('loaders'))")
    result = _run(installed, tmp_path, "-c", probe)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["None", "None", "None", "None"]


def test_the_installed_wheel_reads_the_programme_parts(installed, tmp_path):
    probe = ("from actornet.loaders.programme_parts import programme_parts;"
             "print(len(programme_parts()))")
    result = _run(installed, tmp_path, "-c", probe)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout) >= 23  # H2020's parts and Horizon Europe's clusters


def test_demo_runs_from_the_installed_wheel(installed, tmp_path):
    result = _run(installed, tmp_path, "-m", "actornet", "demo", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "out" / "berlin-network.html").is_file()
    assert "Who to connect" in result.stdout


def test_the_build_warns_of_nothing_deprecated(wheel):
    """Issue 22, try 9: no deprecation warning from the build (setuptools)."""
    log = (wheel.parent / "build.log").read_text()
    assert "running bdist_wheel" in log  # the backend's output is there to be read
    for warning in ("Deprecat", "BuildBackendWarning", "SetuptoolsWarning"):
        assert warning not in log, log[log.find(warning) - 500:log.find(warning) + 500]
