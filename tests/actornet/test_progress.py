"""Progress goes to stderr on a terminal only: a pipe or a file gets none of it."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from actornet.console import progress_bar

# What a rich progress bar writes: cursor moves and colours, carriage returns,
# the spinner's and the bar's characters.
PROGRESS_MARKS = ("\x1b[", "\r", "━", "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏")


def _run(args, **kwargs):
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm-256color"}
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "actornet", *args], env=env, timeout=300,
                          **kwargs)


@pytest.mark.parametrize("args", [["info", "--no-cache"], ["brokers", "--top", "3"],
                                  ["gaps"], ["communities", "--top", "3"],
                                  ["recommend", "--theme", "climate", "--city", "Jakarta"]])
def test_piped_output_carries_no_progress(args):
    done = _run(args, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    found = [m for m in PROGRESS_MARKS if m in done.stderr]
    assert found == []


def test_piped_tables_carry_no_terminal_codes():
    done = _run(["brokers", "--top", "3"], capture_output=True, text=True)
    assert [m for m in ("\x1b[", "\r") if m in done.stdout] == []


def test_no_callback_when_piped(monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    with progress_bar("Reading") as progress:
        assert progress is None


def test_a_terminal_sees_the_progress():
    """The same command with stderr on a terminal shows the step it is on."""
    main, child = pty.openpty()
    try:
        done = _run(["info", "--no-cache"], stdout=subprocess.PIPE, stderr=child)
        os.close(child)
        child = None
        seen = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal closed: everything is read
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if child is not None:
            os.close(child)
        os.close(main)
    assert done.returncode == 0
    assert "Reading" in seen.decode("utf-8", "replace")
