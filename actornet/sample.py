"""Where the bundled sample network (Berlin's) lives."""

from __future__ import annotations

from pathlib import Path

__all__ = ["sample_path"]

_HERE = Path(__file__).resolve().parent


def sample_path() -> Path:
    """The folder of the bundled sample network.

    ``actornet/berlin`` in an installed wheel; ``data/berlin`` in a checkout
    (an editable install).

    Examples
    --------
    >>> (sample_path() / "actors.csv").is_file()
    True
    """
    installed = _HERE / "berlin"
    if (installed / "actors.csv").is_file():
        return installed
    return _HERE.parent / "data" / "berlin"
