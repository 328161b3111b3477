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
    assert "Reading" in _on_a_terminal(["info", "--no-cache"])


@pytest.mark.parametrize("command", ["report", "viz"])
def test_piped_report_and_page_carry_no_progress(command, tmp_path):
    done = _run([command, "-o", str(tmp_path / "out.html")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert [m for m in PROGRESS_MARKS if m in done.stderr] == []
    assert [m for m in PROGRESS_MARKS if m in done.stdout] == []


def _on_a_terminal(args):
    """Run with stderr on a pseudo-terminal, read while it runs (a full
    terminal buffer would stall the child); what the terminal saw."""
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm-256color"}
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        env.pop(name, None)
    main, child = pty.openpty()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "actornet", *args], env=env,
                                stdout=sink, stderr=child)
    os.close(child)
    seen = b""
    try:
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child closed the terminal: everything is read
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(main)
        status = proc.wait(timeout=300)
    assert status == 0
    return seen.decode("utf-8", "replace")


def test_a_terminal_sees_the_gaps_bars():
    seen = _on_a_terminal(["gaps"])
    assert "Ranking under-served partnerships" in seen
    assert "Finding dormant partnerships and actors" in seen


def test_a_terminal_sees_the_report_bar(tmp_path):
    seen = _on_a_terminal(["report", "-o", str(tmp_path / "r.html")])
    assert "Writing the report" in seen
