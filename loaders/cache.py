"""A cache of validated networks between commands.

Reading and validating a big network takes seconds; a second command on the
same files should not pay for it again. :class:`NetworkCache` keeps the
validated :class:`~actornet.graph.network.ActorNetwork` (with whatever it
has computed and cached on itself by then: the caller prepares it, see
:meth:`ActorNetwork.prepare <actornet.graph.network.ActorNetwork.prepare>`,
so that the actor projection every analysis starts from is kept with it)
in a folder of the user's cache, never next to their data:
``$ACTORNET_CACHE_DIR``, else ``$XDG_CACHE_HOME/actornet``, else
``~/.cache/actornet``.

An entry is keyed by the content of every input file (a folder's files, or
the one workbook or JSON file), the reading options and the program itself
(its version and the size and time of each of its source files), so a
changed input or a changed program never meets an old entry. A damaged or
unreadable entry (its checksum tells) is dropped and the files are read as
if there were no cache. Entries are written to a temporary file and renamed
into place; only the newest :data:`KEEP` entries are kept, and of those only
as many as fit in :data:`MAX_BYTES` together (the newest always stays): an
entry of a network of 100,000 actors and a million ties takes some 280 MB.

Loading is quick because little is made at once: the projection's arrays
come back as whole buffers (pickle protocol 5) and the networkx graph stays
as the bytes of its own pickle until a caller first uses it (see
:mod:`actornet.graph._pickled`).

The entries are pickles: the folder is created private to the user (mode
0700) and an entry not owned by the user, or in a folder others may write
to, is never loaded.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import pickle
import struct
import sys
import tempfile
import zlib
from pathlib import Path

from actornet.graph._gc import gc_paused

__all__ = ["NetworkCache", "cache_dir", "program_stamp", "KEEP", "MAX_BYTES"]

#: How many entries the cache keeps (the newest by use).
KEEP = 8
#: How many bytes the kept entries may take together (the newest always stays).
MAX_BYTES = 2 << 30
_FORMAT = 3
_CHUNK = 1 << 20
#: An entry: this line, the CRC-32 of the rest (8 hex digits and a newline),
#: then the sizes (little-endian 64-bit: the pickle's, the number of buffers,
#: each buffer's), the pickle (protocol 5) and its out-of-band buffers (the
#: arrays and the graph's bytes), each at a multiple of 64 bytes.
_MAGIC = b"actornet-network-cache 3\n"
_HEAD = len(_MAGIC) + 9
_ALIGN = 64


def cache_dir() -> Path:
    """Where entries live: ``$ACTORNET_CACHE_DIR``, ``$XDG_CACHE_HOME/actornet``
    or ``~/.cache/actornet``."""
    explicit = os.environ.get("ACTORNET_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "actornet"


def program_stamp(roots, version="") -> str:
    """A program's identity: ``version`` and the size and time of each ``.py``
    file under the folders ``roots`` (a changed program never meets an old
    entry, also in a checkout whose version number does not move).

    Examples
    --------
    >>> from pathlib import Path
    >>> here = Path(__file__).parent
    >>> program_stamp([here]) == program_stamp([here])
    True
    >>> program_stamp([here], "1.0") == program_stamp([here], "1.1")
    False
    """
    digest = hashlib.sha256(f"{_FORMAT}|{sys.version}|{version}".encode())
    for root in sorted(Path(r) for r in roots):
        for file in sorted(root.rglob("*.py")):
            stat = file.stat()
            digest.update(f"{root.name}/{file.relative_to(root)}|{stat.st_size}|"
                          f"{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _inputs(path: Path) -> list[Path]:
    """The files a network at ``path`` is read from."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file())
    return [path]


def _file_digest(file: Path) -> str:
    # SHA-1: about twice as fast as BLAKE2 on the 2-core machine we measured, and
    # plenty against accidental collisions, which is all a cache key needs.
    digest = hashlib.sha1()
    with open(file, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _pad(size: int) -> int:
    return -size % _ALIGN


def _dump(network, handle) -> None:
    """Write ``network`` as an entry (see :data:`_MAGIC`) to the open file ``handle``."""
    buffers = []
    with gc_paused():
        payload = pickle.dumps(network, protocol=5, buffer_callback=buffers.append)
    raws = [b.raw() for b in buffers]
    sizes = struct.pack(f"<{2 + len(raws)}Q", len(payload), len(raws),
                        *(r.nbytes for r in raws))
    parts = [sizes, payload]
    at = _HEAD + len(sizes) + len(payload)
    for raw in raws:
        parts += [bytes(_pad(at)), raw]
        at += _pad(at) + raw.nbytes
    crc = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
    handle.write(_MAGIC + b"%08x\n" % crc)
    for part in parts:
        handle.write(part)


def _load(file: Path):
    """The object in the entry ``file``; ValueError when its checksum says
    it is damaged.

    The file is mapped, not read: the arrays of the projection and the
    graph's bytes are the mapped pages themselves (read-only, shared with
    the system's file cache, never copied); the mapping lives as long as
    they do. Entries are replaced by renaming, never rewritten in place, so
    a mapped entry never changes under a reader."""
    with open(file, "rb") as handle:
        try:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # a file system that maps nothing, an empty file
            mapped = handle.read()
    whole = memoryview(mapped)
    if (whole[:len(_MAGIC)] != _MAGIC
            or whole[len(_MAGIC):_HEAD] != b"%08x\n" % zlib.crc32(whole[_HEAD:])):
        raise ValueError("damaged")
    payload_size, count = struct.unpack_from("<2Q", whole, _HEAD)
    sizes = struct.unpack_from(f"<{count}Q", whole, _HEAD + 16)
    at = _HEAD + 16 + 8 * count
    payload = whole[at:at + payload_size]
    at += payload_size
    buffers = []
    for size in sizes:
        at += _pad(at)
        buffers.append(whole[at:at + size])
        at += size
    if at != len(whole):
        raise ValueError("damaged")
    # Many small objects: the cyclic collector would walk them again and
    # again while they are made (3x slower).
    with gc_paused():
        return pickle.loads(payload, buffers=buffers)


class NetworkCache:
    """Validated networks, keyed by their input files' content.

    Parameters
    ----------
    folder : path-like, optional
        Where entries live (default: :func:`cache_dir`).
    program : str
        The reading program's identity (see :func:`program_stamp`), part of
        every key.

    Examples
    --------
    >>> import tempfile
    >>> from actornet.sample import sample_path
    >>> from actornet.loaders.read import read_network
    >>> cache = NetworkCache(tempfile.mkdtemp(), program="test")
    >>> key = cache.key(sample_path(), encoding=None)
    >>> cache.get(key) is None
    True
    >>> net = read_network(sample_path())
    >>> cache.put(key, net)
    True
    >>> cache.get(key) == net
    True
    """

    def __init__(self, folder=None, *, program=""):
        self.folder = Path(folder) if folder is not None else cache_dir()
        self.program = program

    def key(self, path, **options) -> str:
        """The entry's key for the network at ``path`` read with ``options``."""
        path = Path(path)
        digest = hashlib.sha256(f"{_FORMAT}|{self.program}".encode())
        digest.update(repr(sorted(options.items())).encode())
        for file in _inputs(path):
            digest.update(f"{file.name}|{_file_digest(file)}".encode())
        return digest.hexdigest()

    def _entry(self, key) -> Path:
        return self.folder / f"{key}.pickle"

    def _trusted(self, file: Path) -> bool:
        """Owned by us, in a folder only we may write to."""
        if not hasattr(os, "getuid"):
            return True
        try:
            stat, folder = file.stat(), self.folder.stat()
        except OSError:
            return False
        mine = os.getuid()
        return stat.st_uid == mine and folder.st_uid == mine and not folder.st_mode & 0o022

    def get(self, key):
        """The cached network, or None (no entry, or a damaged one, which is dropped)."""
        file = self._entry(key)
        if not file.is_file() or not self._trusted(file):
            return None
        try:
            network = _load(file)
        except Exception:  # noqa: BLE001 -- any damage: read the files instead
            self._drop(file)
            return None
        from actornet.graph.network import ActorNetwork

        if not isinstance(network, ActorNetwork):
            self._drop(file)
            return None
        try:
            os.utime(file)  # used: newest
        except OSError:
            pass
        return network

    def put(self, key, network) -> bool:
        """Keep ``network`` under ``key``; False when the cache cannot be written."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".pickle")
            try:
                with os.fdopen(fd, "wb") as handle:
                    _dump(network, handle)
                os.replace(tmp, self._entry(key))
            except BaseException:
                self._drop(Path(tmp))
                raise
            self._prune()
            return True
        except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
            return False

    def _prune(self):
        entries = []
        for file in self.folder.glob("*.pickle"):
            try:
                stat = file.stat()
            except OSError:  # gone meanwhile
                continue
            entries.append((stat.st_mtime, stat.st_size, file))
        entries.sort(key=lambda e: e[0], reverse=True)
        total = 0
        for rank, (_, size, file) in enumerate(entries):
            total += size
            if rank and (rank >= KEEP or total > MAX_BYTES):
                self._drop(file)

    @staticmethod
    def _drop(file: Path):
        try:
            file.unlink()
        except OSError:
            pass
