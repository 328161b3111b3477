"""Write a file whole or not at all.

Every file actornet writes goes through :func:`atomic_write`: the content is
written to a temporary file in the target's folder and renamed over the
target (``os.replace``, atomic on one file system), so an interrupted write
(an error, Ctrl-C, a full disk) leaves the earlier file whole and no
half-written one behind. A symbolic link as the target is written through:
the file it points to is replaced, the link stays.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write", "write_text_atomic"]


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
