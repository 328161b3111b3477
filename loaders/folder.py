"""Network folders written whole, never over someone else's folder.

Every command that writes a network folder (``import``, ``merge``,
``export -o FOLDER``; ``build`` to come) writes it through
:func:`network_folder`: the tables are written into a new temporary folder
next to the target, with the folder's ``network.toml`` (marked
``written_by = "actornet"``), and the temporary folder then replaces the
target in one swap (:func:`actornet.graph.atomic.atomic_folder`): an
interrupted command (an error, Ctrl-C, SIGTERM) leaves the earlier folder
whole and no temporary one, and nothing is ever written into the old folder,
so never through a symbolic link inside it.

An existing folder is replaced only when it is empty or holds a network
actornet wrote and nothing else (:func:`check_replaceable`); any other
folder is refused, unless the caller allows it (``force``, the commands'
``--force``): then it is replaced with everything in it.

Examples
--------
>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "net"
>>> with network_folder(target, settings={"home": "berlin"}) as folder:
...     _ = (folder / "actors.csv").write_text("id,kind,name\\n")
>>> sorted(p.name for p in target.iterdir())
['actors.csv', 'network.toml']
>>> _ = (target / "notes.txt").write_text("mine")
>>> with network_folder(target, settings={}) as folder:
...     pass
Traceback (most recent call last):
...
actornet.graph.errors.UsageError: the folder .../net holds files actornet did not write (notes.txt); write to a new folder, or pass --force to replace it and everything in it
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from pathlib import Path

from actornet.graph.atomic import atomic_folder
from actornet.graph.errors import UsageError
from actornet.loaders.network_toml import SETTINGS_FILE, settings_text, written_by_actornet

__all__ = ["NETWORK_FILES", "check_replaceable", "network_folder", "replacing_allowed",
           "write_network_folder"]

#: The files actornet writes into a network folder.
NETWORK_FILES = frozenset({"actors.csv", "ties.csv", "projects.csv", "themes.csv", SETTINGS_FILE})
#: Whether the commands running now may replace a folder actornet did not write
#: (set by a command's ``--force`` around the whole command: see :func:`replacing_allowed`).
_FORCE = contextvars.ContextVar("actornet_replace_any_folder", default=False)


@contextlib.contextmanager
def replacing_allowed(allowed: bool = True):
    """Inside the block, :func:`network_folder` may replace any folder (a
    command's ``--force``, passed to writers deep inside an import)."""
    token = _FORCE.set(bool(allowed))
    try:
        yield
    finally:
        _FORCE.reset(token)


def check_replaceable(folder, *, force: bool | None = None) -> None:
    """Refuse (UsageError) to replace ``folder`` with a network folder unless it
    is missing, empty, or holds a network actornet wrote and nothing else.

    ``force`` (default: :func:`replacing_allowed`) allows any folder. A
    symbolic link or a file is refused in any case: a folder is replaced,
    never written through a link, and a file is never replaced by a folder.
    """
    force = _FORCE.get() if force is None else force
    path = Path(folder)
    if path.is_symlink():
        raise UsageError(f"{folder} is a symbolic link; name the folder itself")
    if not path.exists():
        return
    if not path.is_dir():
        raise UsageError(f"{folder} is a file, not a folder; name a folder to write")
    if force:
        return
    names = sorted(os.listdir(path))
    other = [name for name in names if name not in NETWORK_FILES]
    if not names or (not other and written_by_actornet(path)):
        return
    hint = "write to a new folder, or pass --force to replace it and everything in it"
    if other:
        listed = ", ".join(other[:3]) + (f" and {len(other) - 3} more" if len(other) > 3 else "")
        raise UsageError(f"the folder {folder} holds files actornet did not write ({listed}); "
                         + hint)
    raise UsageError(f"the folder {folder} does not hold a network actornet wrote "
                     f"(its {SETTINGS_FILE} does not say so); " + hint)


@contextlib.contextmanager
def network_folder(folder, *, settings: dict, force: bool | None = None):
    """Write the network folder ``folder`` whole: yields the temporary folder
    to write the tables into; ``network.toml`` (``settings``, marked as
    actornet's) is written with them.

    Raises
    ------
    UsageError
        If ``folder`` may not be replaced (see :func:`check_replaceable`).
    InputError
        If a setting holds a control character (checked before anything is written).
    """
    check_replaceable(folder, force=force)
    text = settings_text(settings)
    with atomic_folder(folder) as temporary:
        yield temporary
        (temporary / SETTINGS_FILE).write_text(text, encoding="utf-8")


def write_network_folder(network, folder, *, settings: dict | None = None,
                         force: bool | None = None) -> Path:
    """Write ``network`` as a network folder (CSV tables and ``network.toml``
    with its stated home and ``settings``), whole or not at all."""
    from actornet.loaders.write import write_folder

    with network_folder(folder, settings={"home": network.stated_home, **(settings or {})},
                        force=force) as temporary:
        write_folder(network, temporary)
    return Path(folder)
