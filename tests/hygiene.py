"""What the test session checks to keep out of the user's way (see tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path


def listing(folder: Path) -> dict:
    """Every file under ``folder`` with its size and time (empty when there is none)."""
    if not folder.is_dir():
        return {}
    out = {}
    for path in folder.rglob("*"):
        try:
            info = path.lstat()
        except OSError:
            continue
        out[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns)
    return out


def written_here(real: Path, before: dict, program: str) -> list:
    """The files under ``real`` written since ``before`` (a :func:`listing`) by the
    program whose stamp is ``program`` (other programs, such as another checkout's
    tests or a command run meanwhile, may write there too)."""
    from actornet.loaders.cachefile import entry_program

    after = listing(real)
    return sorted(name for name, stamp in after.items()
                  if before.get(name) != stamp and entry_program(real / name) == program)
