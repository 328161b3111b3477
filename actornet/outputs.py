"""Outputs never touch inputs: the one check every writing command makes.

A command that writes files (``viz -o``, ``report -o``, ``export -o``,
``demo --out``) names what it reads (``NetworkSource.inputs()``) and calls
:func:`check_outputs` before reading anything, so ``actornet viz g.json -o
g.json`` or ``actornet export good -o good`` is refused with ``Error: …``
instead of overwriting the network. Paths are compared after resolving
symbolic links (and, for existing files, by identity, which catches hard
links); a folder input holds everything inside it.
"""

from __future__ import annotations

import os
from pathlib import Path

from actornet.graph.errors import UsageError

__all__ = ["check_outputs"]


def _real(path) -> Path:
    return Path(os.path.realpath(os.path.abspath(path)))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_outputs(outputs, inputs) -> None:
    """Refuse any output that is, or lies inside, one of ``inputs``.

    Parameters
    ----------
    outputs : iterable of path-like
        Every file or folder the command will write.
    inputs : iterable of path-like
        Every file or folder the command reads (a folder input: all files
        inside it).

    Raises
    ------
    UsageError
        Naming the output and the input it would overwrite.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "good").mkdir()
    >>> check_outputs([folder / "out.html"], [folder / "good"])
    >>> check_outputs([folder / "good" / "actors.csv"], [folder / "good"])
    Traceback (most recent call last):
    ...
    actornet.graph.errors.UsageError: the output .../good/actors.csv would overwrite the input .../good (it is the input or lies inside it); write it somewhere else
    """
    inputs = [Path(p) for p in inputs if p is not None]
    for output in outputs:
        real_out = _real(output)
        for source in inputs:
            real_in = _real(source)
            if not (_inside(real_out, real_in) or _same_file(real_out, real_in)
                    or (Path(output).exists() and _same_file(output, source))):
                continue
            raise UsageError(f"the output {output} would overwrite the input {source} "
                             "(it is the input or lies inside it); write it somewhere else")

