"""Write a file, or a whole folder, whole or not at all.

Every file actornet writes goes through :func:`atomic_write`: the content is
written to a temporary file in the target's folder and renamed over the
target (``os.replace``, atomic on one file system), so an interrupted write
(an error, Ctrl-C, a full disk) leaves the earlier file whole and no
half-written one behind. A symbolic link as the target is written through:
the file it points to is replaced, the link stays.

Every folder actornet writes (a network folder: ``import``, ``merge``,
``export``) goes through :func:`atomic_folder`: the folder is written whole
into a new temporary sibling, which is then swapped into place (the old
folder renamed aside, the new one renamed in, the old one removed; on a
failure the old one is put back). Nothing is written into the old folder, so
nothing is written through a symbolic link inside it. Ctrl-C and SIGTERM are
held back while the folders are swapped (:func:`signals_deferred`), so an
interrupted command leaves the previous folder whole and no temporary one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path

from actornet.graph.errors import UsageError

__all__ = ["atomic_write", "write_text_atomic", "atomic_folder", "signals_deferred"]

#: The signals held back while folders are swapped.
_HELD = (signal.SIGINT, signal.SIGTERM)


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_write(path, mode: str = "w", *, encoding: str | None = "utf-8",
                 newline: str | None = None):
    """Open a temporary file next to ``path``; on success rename it to ``path``.

    Parameters
    ----------
    path : path-like
        The file to write; missing parent folders are created.
    mode : {"w", "wb"}
        Text or binary.
    encoding, newline : str, optional
        For text mode, as in :func:`open`.

    Yields
    ------
    file object
        The open temporary file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = target.write_text("old")
    >>> try:
    ...     with atomic_write(target) as handle:
    ...         _ = handle.write("half")
    ...         raise KeyboardInterrupt
    ... except KeyboardInterrupt:
    ...     pass
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('old', ['a.txt'])
    >>> with atomic_write(target) as handle:
    ...     _ = handle.write("new")
    >>> target.read_text()
    'new'
    """
    if mode not in ("w", "wb"):
        raise ValueError("mode must be 'w' or 'wb'")
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            file_mode = target.stat().st_mode & 0o7777
        except OSError:
            file_mode = _new_file_mode()
        os.chmod(tmp, file_mode)
        if mode == "wb":
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text_atomic(path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically; return ``path`` as a Path."""
    with atomic_write(path, "w", encoding=encoding) as handle:
        handle.write(text)
    return Path(path)


@contextlib.contextmanager
def signals_deferred():
    """Hold back SIGINT (Ctrl-C) and SIGTERM inside the block; deliver them after it.

    A signal arriving inside the block is remembered and raised again, to
    whatever handler was there before, once the block is done: a few steps
    that must not be cut in the middle (two renames) run to the end. Outside
    the main thread (where Python handles signals) the block runs as it is.

    Examples
    --------
    >>> import signal
    >>> try:
    ...     with signals_deferred():
    ...         signal.raise_signal(signal.SIGINT)
    ...         print("the block ran to its end")
    ... except KeyboardInterrupt:
    ...     print("then the interrupt")
    the block ran to its end
    then the interrupt
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = []
    previous = {}
    for number in _HELD:
        previous[number] = signal.signal(number, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(caught):
            signal.raise_signal(number)


def _folder_mode(existing: Path) -> int:
    try:
        return existing.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o777 & ~mask


@contextlib.contextmanager
def atomic_folder(path):
    """Write the folder ``path`` whole or not at all.

    Yields a new, empty temporary folder next to ``path`` to write into; when
    the block ends without an error, the temporary folder replaces ``path``
    (see the module notes). On an error, Ctrl-C or SIGTERM inside the block,
    the temporary folder is removed and ``path`` is left as it was.

    Raises
    ------
    UsageError
        If ``path`` is a symbolic link or a file (a folder is replaced, never
        written through a link, and a file is never replaced by a folder).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "net"
    >>> with atomic_folder(target) as folder:
    ...     _ = (folder / "a.csv").write_text("old")
    >>> try:
    ...     with atomic_folder(target) as folder:
    ...         _ = (folder / "b.csv").write_text("half")
    ...         raise KeyboardInterrupt
    ... except KeyboardInterrupt:
    ...     pass
    >>> sorted(p.name for p in target.parent.iterdir()), (target / "a.csv").read_text()
    (['net'], 'old')
    """
    target = Path(os.path.abspath(path))
    if target.is_symlink():
        raise UsageError(f"{path} is a symbolic link; name the folder itself")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{path} is a file, not a folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _folder_mode(target)
    temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        os.chmod(temporary, mode)
        yield temporary
        with signals_deferred():
            _swap_in(temporary, target)
    except BaseException:
        with signals_deferred():
            shutil.rmtree(temporary, ignore_errors=True)
        raise


def _swap_in(new: Path, target: Path) -> None:
    """Put the folder ``new`` where ``target`` is (see the module notes)."""
    if not os.path.lexists(target):
        os.rename(new, target)
        return
    aside = target.with_name(f".{target.name}.{os.urandom(6).hex()}.old")
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)
