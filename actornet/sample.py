"""Where the bundled sample network (Berlin's) lives."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["sample_path"]


def sample_path() -> Path:
    """The folder of the bundled sample network.

    It is ``data/berlin`` in a checkout and ``actornet/_sample`` in a wheel.
    """
    try:
        found = Path(str(resources.files("actornet._sample")))
        if (found / "actors.csv").is_file():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[1] / "data" / "berlin"
