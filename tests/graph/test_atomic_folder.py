"""A folder written whole or not at all (graph/atomic.py: atomic_folder, signals_deferred)."""

from __future__ import annotations

import os
import signal

import pytest

from actornet.graph.atomic import atomic_folder, signals_deferred
from actornet.graph.errors import UsageError


def contents(folder):
    return {p.name: p.read_text() for p in sorted(folder.iterdir())}


def test_a_folder_is_swapped_in_whole(tmp_path):
    target = tmp_path / "net"
    target.mkdir()
    (target / "old.csv").write_text("old")
    with atomic_folder(target) as new:
        (new / "new.csv").write_text("new")
        assert contents(target) == {"old.csv": "old"}  # untouched while the new one is written
    assert contents(target) == {"new.csv": "new"}
    assert sorted(os.listdir(tmp_path)) == ["net"]


@pytest.mark.parametrize("stop", [RuntimeError, KeyboardInterrupt, SystemExit])
def test_a_failed_write_leaves_the_old_folder_and_no_temporary_one(tmp_path, stop):
    target = tmp_path / "net"
    target.mkdir()
    (target / "a.csv").write_text("old")
    with pytest.raises(stop):
        with atomic_folder(target) as new:
            (new / "a.csv").write_text("half")
            raise stop
    assert contents(target) == {"a.csv": "old"}
    assert sorted(os.listdir(tmp_path)) == ["net"]


def test_a_failing_swap_puts_the_old_folder_back(tmp_path, monkeypatch):
    target = tmp_path / "net"
    target.mkdir()
    (target / "a.csv").write_text("old")
    real = os.rename
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # the new folder into place
            raise OSError("disk gone")
        return real(src, dst)

    monkeypatch.setattr(os, "rename", failing)
    with pytest.raises(OSError):
        with atomic_folder(target) as new:
            (new / "a.csv").write_text("new")
    monkeypatch.undo()
    assert contents(target) == {"a.csv": "old"}
    assert sorted(os.listdir(tmp_path)) == ["net"]


def test_the_folder_keeps_its_mode(tmp_path):
    target = tmp_path / "net"
    target.mkdir()
    os.chmod(target, 0o750)
    with atomic_folder(target) as new:
        (new / "a.csv").write_text("new")
    assert target.stat().st_mode & 0o777 == 0o750


def test_a_link_inside_is_removed_not_followed(tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("precious")
    target = tmp_path / "net"
    target.mkdir()
    (target / "actors.csv").symlink_to(outside)
    with atomic_folder(target) as new:
        (new / "actors.csv").write_text("new")
    assert outside.read_text() == "precious"
    assert not (target / "actors.csv").is_symlink()


@pytest.mark.parametrize("kind", ["link", "file"])
def test_a_link_or_a_file_is_never_replaced(tmp_path, kind):
    target = tmp_path / "net"
    if kind == "link":
        (tmp_path / "real").mkdir()
        target.symlink_to(tmp_path / "real")
    else:
        target.write_text("mine")
    with pytest.raises(UsageError):
        with atomic_folder(target):
            pass


def test_signals_wait_for_the_block_to_end():
    done = []
    with pytest.raises(KeyboardInterrupt):
        with signals_deferred():
            signal.raise_signal(signal.SIGINT)
            done.append("after the signal, still inside")
    assert done == ["after the signal, still inside"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
