"""The cache under attack (issue 22, tries 1, 4 and 7): planted, swapped, foreign and
damaged entries are refused and the files read instead; nothing in an entry ever runs;
pruning deletes only entries; an entry agrees with the files it was read from."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import shutil
import struct
import subprocess
import sys
import threading
import time
import zlib

import pytest
from click.testing import CliRunner

from actornet.cli import cli
from actornet.graph.generate import generated_network
from actornet.loaders.cache import KEEP, NetworkCache, cache_dir
from actornet.loaders.read import read_inputs, read_network
from actornet.sample import sample_path
from actornet.source import NetworkSource, program_identity


class Payload:
    """Unpickling this makes the folder ``marker``: proof that an entry ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def pickled_entry(marker) -> bytes:
    """A payload in the earlier entry format (magic, CRC, sizes, pickle), which
    the pickle-based cache loaded."""
    payload = pickle.dumps(Payload(marker), protocol=5)
    sizes = struct.pack("<2Q", len(payload), 0)
    return (b"actornet-network-cache 3\n" + b"%08x\n" % zlib.crc32(payload, zlib.crc32(sizes))
            + sizes + payload)


def object_array_entry(marker, key) -> bytes:
    """An entry of this format whose header declares an array of Python objects
    holding the payload (numpy would unpickle it with allow_pickle)."""
    from actornet.loaders.cachefile import MAGIC

    body = pickle.dumps(Payload(marker), protocol=5)
    header = json.dumps({"format": 4, "key": key, "tables": 1, "program": "", "size": len(body),
                         "crc32": zlib.crc32(body), "arrays": [["nodes.id", "|O", 1, 0]]}).encode()
    head = MAGIC + b"%08x\n%016x\n" % (zlib.crc32(header), len(header)) + header
    return head + bytes(-len(head) % 64) + body


def the_entry():
    (entry,) = [p for p in cache_dir().iterdir() if not p.name.startswith(".")]
    return entry


@pytest.mark.parametrize("planted", ["bare pickle", "earlier format", "object array"])
def test_a_planted_payload_entry_is_never_executed(data, reads, tmp_path, planted):
    """Try 1: a payload in the user's own 0700 cache folder, owned by the user,
    mode 0600, under the entry's own name."""
    marker = tmp_path / "ran"
    NetworkSource(data=data).load()
    entry = the_entry()
    assert oct(cache_dir().stat().st_mode & 0o777) == "0o700"
    content = {"bare pickle": pickle.dumps(Payload(marker)),
               "earlier format": pickled_entry(marker),
               "object array": object_array_entry(marker, entry.name.split(".")[0])}[planted]
    entry.write_bytes(content)
    os.chmod(entry, 0o600)
    again = NetworkSource(data=data).load()
    result = CliRunner().invoke(cli, ["info", str(data)])
    assert not marker.exists()
    assert result.exit_code == 0, result.output
    assert again == read_network(data)
    assert len(reads) == 2  # the planted entry was refused and the files read


def test_a_planted_payload_is_never_executed_by_the_command(data, tmp_path):
    """The same through the installed command, in a process of its own."""
    marker = tmp_path / "ran"
    command = [sys.executable, "-m", "actornet", "info", str(data)]
    assert subprocess.run(command, capture_output=True, timeout=300).returncode == 0
    for entry in cache_dir().iterdir():
        entry.write_bytes(pickled_entry(marker))
        os.chmod(entry, 0o600)
        legacy = entry.with_name(entry.name.split(".")[0] + ".pickle")
        legacy.write_bytes(pickled_entry(marker))
        os.chmod(legacy, 0o600)
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()


@pytest.mark.parametrize("mode", [0o666, 0o644, 0o400])
def test_an_entry_of_another_mode_is_refused(data, reads, mode):
    """Try 1: an entry file of mode 0666 was loaded."""
    NetworkSource(data=data).load()
    os.chmod(the_entry(), mode)
    NetworkSource(data=data).load()
    assert len(reads) == 2


def test_an_entry_that_is_a_link_is_refused(data, reads, tmp_path):
    NetworkSource(data=data).load()
    entry = the_entry()
    elsewhere = tmp_path / "elsewhere"
    shutil.copy(entry, elsewhere)
    os.chmod(elsewhere, 0o600)
    entry.unlink()
    entry.symlink_to(elsewhere)
    NetworkSource(data=data).load()
    assert len(reads) == 2
    assert elsewhere.exists()


def test_an_entry_that_is_a_pipe_does_not_block(data, reads):
    NetworkSource(data=data).load()
    entry = the_entry()
    entry.unlink()
    os.mkfifo(entry, 0o600)
    NetworkSource(data=data).load()  # an open() without O_NONBLOCK would wait for a writer
    assert len(reads) == 2


def test_a_cache_folder_that_is_a_link_is_not_used(data, reads, tmp_path, monkeypatch):
    real = tmp_path / "real-cache"
    real.mkdir(mode=0o700)
    link = tmp_path / "link-cache"
    link.symlink_to(real)
    monkeypatch.setenv("ACTORNET_CACHE_DIR", str(link))
    NetworkSource(data=data).load()
    NetworkSource(data=data).load()
    assert len(reads) == 2
    assert not list(real.iterdir())


def _foreign(path):
    """Make ``path`` a folder others may write to, and (when the tests run as
    root, which may) another user's, as an attacker's folder would be."""
    os.chmod(path, 0o777)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        for item in [path, *path.iterdir()]:
            os.chown(item, 65534, 65534, follow_symlinks=False)


def _exchanger():
    """A function swapping two paths in one step (Linux ``renameat2`` with
    ``RENAME_EXCHANGE``), or None where there is none."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return None
    at_fdcwd, exchange = -100, 2

    def swap(a, b):
        if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), exchange) != 0:
            raise OSError(ctypes.get_errno(), "renameat2")

    return swap


def test_the_swapped_folder_race_never_loads_a_foreign_entry(data, tmp_path):
    """Try 1: another user swaps the cache folder for their own between the
    check and the open. For 10 s, a thread swaps it back and forth (in one
    step where the system can, else by three renames) with a folder holding
    an entry for the same key of another network and a payload, while the
    cache is read in a loop."""
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    os.chmod(shared, 0o777)  # a folder someone else may write to
    folder, aside, evil = shared / "cache", shared / "mine", shared / "evil"
    inputs = read_inputs(data)
    mine = NetworkCache(folder, program=program_identity())
    key = mine.key(inputs, encoding=None)
    real = read_network(data)
    assert mine.put(key, real)
    other = generated_network(60, 150, cities=2, seed=9)
    assert NetworkCache(evil, program=program_identity()).put(key, other)
    marker = tmp_path / "ran"
    for name in (f"{key}.pickle", f".{key}.payload"):  # the earlier format's name, and another
        (evil / name).write_bytes(pickled_entry(marker))
    _foreign(evil)
    stop = threading.Event()
    exchange = _exchanger()

    def swap():
        while not stop.is_set():
            if exchange is not None:
                exchange(folder, evil)
                continue
            os.rename(folder, aside)
            os.rename(evil, folder)
            os.rename(folder, evil)
            os.rename(aside, folder)

    swapper = threading.Thread(target=swap)
    swapper.start()
    seen = {"real": 0, "refused": 0}
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            found = mine.get(key, name="berlin")
            if found is None:
                seen["refused"] += 1
                continue
            assert len(found.projection().nodes) == len(real.projection().nodes)
            assert found.partnership_counts() == real.partnership_counts()
            seen["real"] += 1
    finally:
        stop.set()
        swapper.join()
    assert not marker.exists()
    assert seen["real"] > 0 and seen["refused"] > 0, seen


def test_pruning_leaves_files_it_did_not_write(tmp_path):
    """Try 4: pruning removed any *.pickle in the cache folder."""
    folder = tmp_path / "c"
    folder.mkdir(mode=0o700)
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    theirs = {"notes.txt": b"mine", "photo.pickle": b"mine", "a" * 64 + ".pickle": b"mine",
              "b" * 64 + ".actornet": b"mine", "." + "c" * 64 + "." + "d" * 16 + ".partial": b"x"}
    for name, content in theirs.items():
        (folder / name).write_bytes(content)
        os.chmod(folder / name, 0o600)
        os.utime(folder / name, (1, 1))  # old, as a left-over would be
    (folder / ("e" * 64 + ".actornet")).symlink_to(outside)
    (folder / ("f" * 64 + ".actornet")).mkdir()
    cache = NetworkCache(folder, program="t")
    net = read_network(sample_path())
    for i in range(KEEP + 3):
        assert cache.put(f"{i:064x}", net)
    left = {p.name for p in folder.iterdir()}
    assert set(theirs) | {"e" * 64 + ".actornet", "f" * 64 + ".actornet"} <= left
    assert outside.read_text() == "keep me"
    assert len([n for n in left if n.startswith("0")]) == KEEP


def test_pruning_deletes_entries_of_the_earlier_format(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir(mode=0o700)
    old = folder / ("a" * 64 + ".pickle")
    old.write_bytes(b"actornet-network-cache 3\n" + b"x" * 100)
    os.chmod(old, 0o600)
    assert NetworkCache(folder, program="t").put("0" * 64, read_network(sample_path()))
    assert not old.exists()


def test_the_same_files_under_two_names_report_each_its_own(tmp_path, reads):
    """Try 7: the same files under two folder names reported the first one's name."""
    for name in ("a/hamburg", "b/munich"):
        shutil.copytree(sample_path(), tmp_path / name)
    runner = CliRunner()
    first = runner.invoke(cli, ["info", str(tmp_path / "a/hamburg"), "--format", "json"])
    second = runner.invoke(cli, ["info", str(tmp_path / "b/munich"), "--format", "json"])
    assert first.exit_code == second.exit_code == 0
    assert json.loads(first.output)["name"] == "hamburg"
    assert json.loads(second.output)["name"] == "munich"
    assert len(reads) == 1  # one entry serves both


@contextlib.contextmanager
def _editing(edit):
    """A context in which ``edit()`` changes the files while the first table is read
    (a MonkeyPatch of its own: undoing it keeps the test's private cache)."""
    import actornet.loaders.read as source

    real = source.read_csv_table
    done = []

    def reading(*args, **kwargs):
        if not done:
            done.append(1)
            edit()
        return real(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(source, "read_csv_table", reading)
        yield
    assert done


def test_network_toml_edited_during_a_read_leaves_no_stale_home(data):
    """Try 7: editing network.toml while a command ran kept the old home city
    in later runs after the file was restored."""
    settings = data / "network.toml"
    original = settings.read_text()
    with _editing(lambda: settings.write_text('home = "paris"\n')):
        first = NetworkSource(data=data).load()
    assert first.home_city == "berlin"  # as the file said when it was read
    settings.write_text(original)
    assert NetworkSource(data=data).load().home_city == "berlin"
    settings.write_text('home = "paris"\n')
    assert NetworkSource(data=data).load().home_city == "paris"


def test_a_file_edited_during_a_read_leaves_no_stale_entry(data, reads):
    ties = data / "ties.csv"
    original = ties.read_text()
    shorter = "".join(original.splitlines(keepends=True)[:-5])
    with _editing(lambda: ties.write_text(shorter)):
        NetworkSource(data=data).load()
    for content in (original, shorter, original):
        ties.write_text(content)
        assert NetworkSource(data=data).load() == read_network(data)
    assert len(reads) == 2  # the first read, and the shorter file's: the entry holds what was read


def test_graph_tables_found_damaged_later_drop_the_entry_with_a_clear_error(data):
    """An entry whose graph tables do not fit together (with a right checksum: only
    someone writing it on purpose makes one) is refused when the graph is first made:
    a clear error, the entry dropped, the next command reads the files."""
    from actornet.graph.columns import json_array
    from actornet.graph.errors import DamagedEntry
    from actornet.graph.stored import FORMAT, network_arrays
    from actornet.loaders.cachefile import write_entry

    inputs = read_inputs(data)
    cache = NetworkCache(program=program_identity())
    key = cache.key(inputs, encoding=None)
    arrays = network_arrays(read_network(data))
    arrays["edges.key"] = json_array(["too", "few"])
    cache_dir().mkdir(mode=0o700, exist_ok=True)
    entry = cache_dir() / f"{key}.actornet"
    with open(entry, "wb") as handle:
        write_entry(handle, arrays, key=key, tables=FORMAT)
    os.chmod(entry, 0o600)
    network = NetworkSource(data=data).load()  # the projection and facts are fine
    with pytest.raises(DamagedEntry, match="run the command again"):
        network.graph
    assert not entry.exists()
    assert NetworkSource(data=data).load().graph.number_of_edges() == read_network(
        data).graph.number_of_edges()
