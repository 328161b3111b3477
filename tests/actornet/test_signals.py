"""Ctrl-C and SIGTERM in the middle of a write leave the earlier output whole and no
temporary files; the exit status is 130 and 143 (issue 22, tries 2 and 8).

Each command runs as a user runs it, in a process of its own, with its CSV
writers slowed down (a test wrapper, nothing in actornet) so that the signal
surely lands while the new folder is being written.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from actornet.graph.generate import generated_network
from actornet.loaders import write_folder
from checks import folder_bytes

#: Runs actornet with every CSV row written 2 ms late, and a minute's pause after a
#: table written by pandas and after the candidates file is written (before it is
#: moved into place).
SLOW = """
import csv, sys, time
import actornet.loaders.write as write

row = csv.DictWriter.writerow
csv.DictWriter.writerow = lambda self, cells: (time.sleep(0.002), row(self, cells))[1]
rows = write._csv_rows

def slow_rows(handle):
    writerow = rows(handle)
    return lambda cells: (time.sleep(0.002), writerow(cells))[1]

write._csv_rows = slow_rows
import pandas

to_csv = pandas.DataFrame.to_csv
pandas.DataFrame.to_csv = lambda self, *a, **k: (to_csv(self, *a, **k), time.sleep(60))[0]
import contextlib
import actornet.loaders.candidates as candidates

atomic_write = candidates.atomic_write

@contextlib.contextmanager
def slow_atomic_write(*a, **k):
    with atomic_write(*a, **k) as handle:
        yield handle
        time.sleep(60)  # the whole file written, not yet in place

candidates.atomic_write = slow_atomic_write
from actornet.cli import main
main(sys.argv[1:])
"""


def start(*args):
    return subprocess.Popen([sys.executable, "-c", SLOW, *map(str, args)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_for_writing(process, parent, name, timeout=300):
    """Wait until a temporary file or folder of ``name`` appears next to it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if any(p.startswith(f".{name}.") and p.endswith(".tmp") for p in os.listdir(parent)):
            return
        time.sleep(0.01)
    process.kill()
    pytest.fail("the command never started writing: " + (process.communicate()[1] or ""))


def pairs_file(path, rows=2000):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("a,b\n")
        for i in range(rows):
            handle.write(f"Q{i},Q{i + 1}\n")
    return path


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_import_stopped_while_writing_leaves_the_earlier_one_whole(tmp_path, signum, status):
    """Try 2: Ctrl-C during `import … -o DIR` over an earlier import left actors.csv at
    0 bytes next to the old ties.csv. Try 8: SIGTERM left .tmp files; Ctrl-C exited 1."""
    out = tmp_path / "net"
    small = pairs_file(tmp_path / "small.csv", rows=5)
    first = subprocess.run([sys.executable, "-m", "actornet", "import", "pairs", small, "-o", out,
                            "--a", "a", "--b", "b", "--ids"], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = folder_bytes(out)
    process = start("import", "pairs", pairs_file(tmp_path / "big.csv"), "-o", out,
                    "--a", "a", "--b", "b", "--ids")
    wait_for_writing(process, tmp_path, "net")
    process.send_signal(signum)
    _, err = process.communicate(timeout=300)
    assert process.returncode == status, err
    assert folder_bytes(out) == before
    assert sorted(os.listdir(tmp_path)) == ["big.csv", "net", "small.csv"]
    assert "Traceback" not in err


def test_an_export_stopped_while_writing_leaves_the_earlier_one_whole(tmp_path):
    """Try 2: Ctrl-C during `export -o FOLDER` left one network's actors with another
    network's ties."""
    one, two = tmp_path / "one", tmp_path / "two"
    write_folder(generated_network(300, 900, cities=3, seed=1), one)
    write_folder(generated_network(400, 1500, cities=3, seed=2), two)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "actornet", "export", one, "-o", out],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    before = folder_bytes(out)
    process = start("export", two, "-o", out)
    wait_for_writing(process, tmp_path, "out")
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 130, err
    assert folder_bytes(out) == before
    assert sorted(os.listdir(tmp_path)) == ["one", "out", "two"]


def test_dedupe_stopped_leaves_the_marked_candidates_file(tmp_path):
    """Try 2: Ctrl-C during `dedupe -o candidates.csv` emptied a hand-marked file."""
    data = tmp_path / "data"
    write_folder(generated_network(300, 600, cities=3, seed=3), data)
    marked = tmp_path / "candidates.csv"
    marked.write_text("id_a,id_b,accept\na1,a2,yes\n")
    process = start("dedupe", data, "-o", marked)
    wait_for_writing(process, tmp_path, "candidates.csv")
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 130, err
    assert marked.read_text() == "id_a,id_b,accept\na1,a2,yes\n"
    assert sorted(os.listdir(tmp_path)) == ["candidates.csv", "data"]
