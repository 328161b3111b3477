"""Outputs never touch inputs: the one check every writing command makes.

A command that writes files (``viz -o``, ``report -o``, ``export -o``,
``demo --out``, ``dedupe -o``) names what it reads (``NetworkSource.inputs()``)
and calls :func:`check_outputs` before reading anything, so ``actornet viz
g.json -o g.json`` or ``actornet export good -o good`` is refused with
``Error: …`` instead of overwriting the network. Paths are compared after
resolving symbolic links (and, for existing files, by identity, which
catches hard links); a folder input holds everything inside it.

A command that writes a network folder (``import``, ``merge``, ``export -o
FOLDER``) calls :func:`check_output_folder`: the folder replaces whatever is
there (see :mod:`actornet.loaders.folder`), so no input may lie inside it
either (``import pairs net/ties.csv -o net``), and an existing folder that
does not hold a network actornet wrote is refused unless ``--force``.
"""

from __future__ import annotations

import os
from pathlib import Path

from actornet.graph.errors import UsageError
from actornet.loaders.folder import check_replaceable
from actornet.loaders.network_toml import check_setting

__all__ = ["check_outputs", "check_output_folder", "check_settings"]


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



def check_output_folder(output, inputs, *, force: bool = False) -> None:
    """Refuse a network folder ``output`` that is, lies inside or holds one of
    ``inputs``, or that may not be replaced (a folder actornet did not write,
    unless ``force``; a symbolic link; a file).

    Raises
    ------
    UsageError
        Naming the output, and the input it would overwrite.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "net").mkdir()
    >>> _ = (folder / "net" / "ties.csv").write_text("source,target,type\\n")
    >>> check_output_folder(folder / "new", [folder / "net" / "ties.csv"])
    >>> check_output_folder(folder / "net", [folder / "net" / "ties.csv"])
    Traceback (most recent call last):
    ...
    actornet.graph.errors.UsageError: the output .../net would replace the folder holding the input .../net/ties.csv; write it somewhere else
    """
    inputs = [Path(p) for p in inputs if p is not None]
    check_outputs([output], inputs)
    real_out = _real(output)
    for source in inputs:
        if _inside(_real(source), real_out):
            raise UsageError(f"the output {output} would replace the folder holding the input "
                             f"{source}; write it somewhere else")
    check_replaceable(output, force=force)


def check_settings(*, home=None, files=()) -> None:
    """Refuse, before anything is read or written, a ``--home`` or an input
    file's name that the folder's ``network.toml`` could not hold (a control
    character such as a newline: see :func:`actornet.loaders.network_toml.check_setting`).

    Examples
    --------
    >>> check_settings(home="Berlin", files=[Path("partners.csv")])
    >>> check_settings(files=[Path("partners\\n.csv")])
    Traceback (most recent call last):
    ...
    actornet.graph.errors.InputError: the input file name partners?.csv holds a control character (such as a newline or a tab) (rename the file)
    """
    if home is not None:
        check_setting("--home", home)
    for file in files:
        name = Path(file).name
        shown = "".join(c if c.isprintable() else "?" for c in name)
        check_setting(f"the input file name {shown}", name, hint="rename the file")
