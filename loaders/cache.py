"""A cache of validated networks between commands: data, never code.

Reading and validating a big network takes seconds; a second command on the
same files should not pay for it again. :class:`NetworkCache` keeps the
validated, prepared :class:`~actornet.graph.network.ActorNetwork` (its graph
as column tables, the actor projection every analysis starts from, the facts
a summary reads, the load report; see :mod:`actornet.graph.stored`) in a
folder of the user's cache, never next to their data:
``$ACTORNET_CACHE_DIR``, else ``$XDG_CACHE_HOME/actornet``, else
``~/.cache/actornet``.

An entry holds plain arrays and JSON (:mod:`actornet.loaders.cachefile`):
nothing read from it is ever executed, so a planted, swapped or damaged
entry can at worst be refused, and the files are read as if there were no
cache. It is keyed by the bytes of every input file exactly as they were
read for the network (:func:`actornet.loaders.read.read_inputs`: each file is
read once, and the same bytes are hashed and validated), the reading
options and the program itself; the folder's name and the home city are not
in it (the caller names the network and states its home when loading).

The folder and its entries are checked through open descriptors, never by
looking a path up twice: the folder is opened without following a
symbolic link and must be a folder of the user's that nobody else may write
to; an entry is opened inside it (``O_NOFOLLOW``) and must be a regular file
of the user's with mode 0600. Entries are written to a temporary file there
and renamed into place. Beside a network, a small *data entry*
(:meth:`NetworkCache.put_data`: JSON and arrays, under a key derived from the
network's with :meth:`NetworkCache.data_key`) keeps what was learned from
it; the newest :data:`KEEP_DATA` of those are kept, apart from the networks.
Only the newest :data:`KEEP` entries are kept, and
of those only as many as fit in :data:`MAX_BYTES` together (the newest
always stays); pruning deletes only files it recognises as entries (by
name and first bytes), never follows a link and never touches other files.
"""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import re
import secrets
import stat
import sys
from pathlib import Path

from actornet.graph.gc_pause import gc_paused
from actornet.loaders.cachefile import LEGACY_MAGIC, MAGIC, read_entry, write_entry

__all__ = ["NetworkCache", "cache_dir", "program_stamp", "KEEP", "KEEP_DATA", "MAX_BYTES"]

#: How many entries the cache keeps (the newest by use).
KEEP = 8
#: How many bytes the kept entries may take together (the newest always stays).
MAX_BYTES = 2 << 30
#: How many data entries (see NetworkCache.put_data) the cache keeps, newest by use.
KEEP_DATA = 32
_SUFFIX = ".actornet"
#: What an entry's file is named: its key (64 hex digits) and the suffix;
#: the earlier, pickled format's entries (recognised to be pruned, never loaded);
#: the temporary files entries are written to.
_KEY = re.compile(r"[0-9a-f]{64}")
_ENTRY = re.compile(r"[0-9a-f]{64}\.actornet")
#: A data entry (what was learned from a network: see NetworkCache.put_data).
_DATA_SUFFIX = ".actornet-data"
_DATA_ENTRY = re.compile(r"[0-9a-f]{64}\.actornet-data")
#: The ``tables`` a data entry's header names (a network entry names graph.stored.FORMAT).
DATA_TABLES = 0
_LEGACY = re.compile(r"[0-9a-f]{64}\.pickle")
_PARTIAL = re.compile(r"\.[0-9a-f]{64}\.[0-9a-f]{16}\.partial")
#: A partial file older than this (seconds) is left over from a killed command.
_STALE = 3600
_OPEN_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_DIRECTORY, _NONBLOCK = getattr(os, "O_DIRECTORY", 0), getattr(os, "O_NONBLOCK", 0)
#: Where folders cannot be checked through a descriptor (no O_NOFOLLOW, no
#: dir_fd: Windows), there is no cache: it would have to trust a path twice.
_SUPPORTED = bool(_OPEN_FLAGS & getattr(os, "O_NOFOLLOW", 0)) and os.open in os.supports_dir_fd


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
    digest = hashlib.sha256(f"{MAGIC!r}|{sys.version}|{version}".encode())
    for root in sorted(Path(r) for r in roots):
        for file in sorted(root.rglob("*.py")):
            info = file.stat()
            digest.update(f"{root.name}/{file.relative_to(root)}|{info.st_size}|"
                          f"{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def _check_key(key) -> None:
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise ValueError("a cache key is 64 hexadecimal digits (see NetworkCache.key)")


def _mine(info) -> bool:
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


class NetworkCache:
    """Validated networks, keyed by the bytes of their input files.

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
    >>> from actornet.loaders.read import read_inputs, read_network
    >>> cache = NetworkCache(tempfile.mkdtemp(), program="test")
    >>> inputs = read_inputs(sample_path())
    >>> key = cache.key(inputs, encoding=None)
    >>> cache.get(key, name="berlin") is None
    True
    >>> net = read_network(sample_path(), inputs=inputs)
    >>> cache.put(key, net)
    True
    >>> cache.get(key, name="berlin") == net
    True
    """

    def __init__(self, folder=None, *, program=""):
        self.folder = Path(folder) if folder is not None else cache_dir()
        self.program = program

    def key(self, inputs, **options) -> str:
        """The entry's key for the network read from ``inputs`` (see
        :func:`actornet.loaders.read.read_inputs`) with ``options``."""
        return self.key_of(inputs.digests(), **options)

    def key_of(self, parts, **options) -> str:
        """The entry's key for a network identified by ``parts``, ``(name,
        value)`` pairs of text: a file's name and the hash of its bytes, or
        what identifies a store's state (see
        :func:`actornet.loaders.store_read.store_state`).

        >>> cache = NetworkCache("unused", program="p")
        >>> cache.key_of([("a", "1")]) == cache.key_of([("a", "2")])
        False
        """
        from actornet.graph.stored import FORMAT

        digest = hashlib.sha256(f"{FORMAT}|{self.program}".encode())
        digest.update(repr(sorted(options.items())).encode())
        for name, content in parts:
            digest.update(f"{name}|{content}\n".encode())
        return digest.hexdigest()

    # -- the folder, through one descriptor --------------------------------------------
    @contextlib.contextmanager
    def _opened(self, *, create: bool):
        """The cache folder, opened (no symbolic link) and checked: the user's,
        writable by nobody else; None when it is missing or not to be trusted."""
        if not _SUPPORTED:
            yield None
            return
        if create:
            try:
                self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError:
                yield None
                return
        try:
            fd = os.open(self.folder, os.O_RDONLY | _DIRECTORY | _OPEN_FLAGS)
        except OSError:  # missing, a symbolic link, not a folder
            yield None
            return
        try:
            info = os.fstat(fd)
            trusted = stat.S_ISDIR(info.st_mode) and _mine(info) and not info.st_mode & 0o022
            yield fd if trusted else None
        finally:
            os.close(fd)

    @staticmethod
    def _open_entry(folder: int, name: str):
        """An entry's descriptor, opened inside ``folder`` and checked (a regular
        file of the user's, mode 0600), or None."""
        try:
            fd = os.open(name, os.O_RDONLY | _NONBLOCK | _OPEN_FLAGS, dir_fd=folder)
        except OSError:  # missing, or a symbolic link (O_NOFOLLOW)
            return None
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and _mine(info) and stat.S_IMODE(info.st_mode) == 0o600:
            return fd
        os.close(fd)
        return None

    # -- reading -----------------------------------------------------------------------
    def get(self, key: str, *, name: str):
        """The cached network named ``name``, or None (no entry, or one that is
        refused: damaged, of another format, not the user's; a damaged one
        is dropped)."""
        from actornet.graph.stored import FORMAT, network_from_arrays

        def network(arrays):
            with gc_paused():  # many small objects: the collector would walk them again and again
                return network_from_arrays(arrays, name=name, on_damage=lambda: self._drop(key))

        return self._read(key, _SUFFIX, FORMAT, network)

    def data_key(self, key: str, what: str) -> str:
        """The key of the data entry ``what`` (a name) kept beside the network of ``key``."""
        _check_key(key)
        return hashlib.sha256(f"{key}|{what}".encode()).hexdigest()

    def get_data(self, key: str):
        """The data entry of ``key`` (see :meth:`put_data`) as ``(meta,
        arrays)``, or None: no entry, or one that is refused (and dropped)."""
        from actornet.graph.columns import from_json_array

        def data(arrays):
            arrays = dict(arrays)
            meta = from_json_array(arrays.pop("meta"))
            if not isinstance(meta, dict):
                raise ValueError("a data entry's meta is a JSON object")
            return meta, arrays

        return self._read(key, _DATA_SUFFIX, DATA_TABLES, data)

    def _read(self, key: str, suffix: str, tables: int, make):
        """``make(arrays)`` of the entry of ``key`` and ``suffix``, or None (no
        entry, or one that is refused: damaged, of another format, not the
        user's; a damaged one is dropped)."""
        _check_key(key)
        with self._opened(create=False) as folder:
            if folder is None:
                return None
            fd = self._open_entry(folder, key + suffix)
            if fd is None:
                return None
            try:
                return make(read_entry(_mapped(fd), key=key, tables=tables))
            except Exception:  # noqa: BLE001 -- any damage (nothing runs): as if absent
                _unlink(folder, key + suffix)
                return None
            finally:
                with contextlib.suppress(OSError):
                    os.utime(fd)  # used: newest
                os.close(fd)

    def _drop(self, key: str) -> None:
        """Delete the entry of ``key`` (found damaged after it was loaded)."""
        with self._opened(create=False) as folder:
            if folder is not None:
                _unlink(folder, key + _SUFFIX)

    # -- writing -----------------------------------------------------------------------
    def put(self, key: str, network) -> bool:
        """Keep ``network`` under ``key``; False when the cache cannot be written
        or the network cannot be kept exactly as data."""
        from actornet.graph.errors import NotStorable
        from actornet.graph.stored import FORMAT, network_arrays

        _check_key(key)
        try:
            arrays = network_arrays(network)
        except NotStorable:
            return False
        return self._write(key + _SUFFIX, arrays, key=key, tables=FORMAT)

    def put_data(self, key: str, meta: dict, arrays: dict) -> bool:
        """Keep ``meta`` (JSON-able) and ``arrays`` (name -> 1-d array of a
        plain type) under ``key`` (see :meth:`data_key`): a small entry of its
        own, read back by :meth:`get_data`. False when the cache cannot be
        written or the values cannot be kept exactly."""
        from actornet.graph.columns import json_array
        from actornet.graph.errors import NotStorable

        _check_key(key)
        try:
            arrays = {"meta": json_array(meta), **arrays}
        except NotStorable:
            return False
        return self._write(key + _DATA_SUFFIX, arrays, key=key, tables=DATA_TABLES)

    def _write(self, name: str, arrays: dict, *, key: str, tables: int) -> bool:
        """Write ``arrays`` as the entry ``name``: whole, or not at all."""
        with self._opened(create=True) as folder:
            if folder is None:
                return False
            partial = f".{key}.{secrets.token_hex(8)}.partial"
            try:
                fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _OPEN_FLAGS, 0o600,
                             dir_fd=folder)
            except OSError:
                return False
            try:
                os.fchmod(fd, 0o600)  # whatever the umask
                with os.fdopen(fd, "wb") as handle:
                    write_entry(handle, arrays, key=key, tables=tables, program=self.program)
                os.replace(partial, name, src_dir_fd=folder, dst_dir_fd=folder)
            except (OSError, ValueError):
                _unlink(folder, partial)
                return False
            except BaseException:  # Ctrl-C, a signal: no partial file left behind
                _unlink(folder, partial)
                raise
            self._prune(folder)
        return True

    # -- pruning -----------------------------------------------------------------------
    def _prune(self, folder: int) -> None:
        """Keep the newest entries within :data:`KEEP` and :data:`MAX_BYTES`;
        delete entries of the earlier format and partial files left over. Only
        files recognised by name and first bytes are ever deleted."""
        import time

        entries, data = [], []
        with os.scandir(folder) as found:
            names = [item.name for item in found]
        now = time.time()
        for name in names:
            legacy, partial = _LEGACY.fullmatch(name), _PARTIAL.fullmatch(name)
            is_data = _DATA_ENTRY.fullmatch(name)
            if not (_ENTRY.fullmatch(name) or is_data or legacy or partial):
                continue
            info = _recognised(folder, name, LEGACY_MAGIC if legacy else MAGIC,
                               empty_ok=bool(partial))
            if info is None:
                continue
            if legacy or (partial and now - info.st_mtime > _STALE):
                _unlink(folder, name)
            elif is_data:
                data.append((info.st_mtime, name))
            elif not partial:
                entries.append((info.st_mtime, info.st_size, name))
        data.sort(reverse=True)
        for _, name in data[KEEP_DATA:]:
            _unlink(folder, name)
        entries.sort(reverse=True)
        total = 0
        for rank, (_, size, name) in enumerate(entries):
            total += size
            if rank and (rank >= KEEP or total > MAX_BYTES):
                _unlink(folder, name)


def _recognised(folder: int, name: str, magic: bytes, *, empty_ok=False):
    """The stat of ``name`` in ``folder`` when it is a regular file of the
    user's (not a link) beginning with ``magic``; else None."""
    fd = NetworkCache._open_entry(folder, name)
    if fd is None:
        return None
    try:
        info = os.fstat(fd)
        start = os.read(fd, len(magic))
    except OSError:
        return None
    finally:
        os.close(fd)
    return info if start == magic or (empty_ok and not start) else None


def _mapped(fd: int):
    """The file behind ``fd``, mapped read-only (read whole where nothing can be mapped).

    The arrays of the network are the mapped pages themselves (shared with
    the system's file cache, never copied); the mapping lives as long as they
    do. Entries are replaced by renaming, never rewritten in place, so a
    mapped entry never changes under a reader."""
    size = os.fstat(fd).st_size
    try:
        return mmap.mmap(fd, size, access=mmap.ACCESS_READ) if size else b""
    except (OSError, ValueError):  # a file system that maps nothing
        chunks = []
        while chunk := os.read(fd, 1 << 24):
            chunks.append(chunk)
        return b"".join(chunks)


def _unlink(folder: int, name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name, dir_fd=folder)
