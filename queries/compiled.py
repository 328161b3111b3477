"""How the compiled kernels of the analyses are compiled and chosen.

The kernels (:mod:`actornet.queries.path_kernels`,
:mod:`actornet.queries.triad_kernel`, :mod:`actornet.queries.carry_kernel`,
:mod:`actornet.queries.nearest_kernel`, :mod:`actornet.queries.routes_kernel`)
are plain Python that numba compiles when it is installed (``parallel=True``
spreads work over the cores; compiled code is cached on disk). Without numba
the same functions run as Python: correct, but only fit for small graphs.
``backend="python"`` forces that path (the tests use it to check the
compiled one).

Examples
--------
>>> resolve_backend("python")
'python'
>>> resolve_backend("auto") == ("numba" if HAVE_NUMBA else "python")
True
>>> threads() >= 1
True
"""

from __future__ import annotations

import math

from actornet.graph.errors import MeasureError

try:  # numba is a dependency; the fallback keeps a broken install usable.
    import numba
    from numba import njit, prange

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - exercised only without numba
    HAVE_NUMBA = False
    prange = range

    def njit(*args, **kwargs):
        if args and callable(args[0]):
            return args[0]
        return lambda func: func

__all__ = ["HAVE_NUMBA", "INF", "kernel", "njit", "prange", "resolve_backend", "threads"]

#: Distance of a node not reached (the kernels' arrays start at it).
INF = math.inf


def threads() -> int:
    """How many threads the compiled kernels use.

    Returns
    -------
    int
        numba's thread count, or 1 without numba.

    Examples
    --------
    >>> isinstance(threads(), int)
    True
    """
    return numba.get_num_threads() if HAVE_NUMBA else 1


def kernel(func, backend: str):
    """The compiled kernel, or its plain-Python original for ``backend="python"``.

    Parameters
    ----------
    func : callable
        A kernel decorated with :func:`njit`.
    backend : {"numba", "python"}
        As :func:`resolve_backend` returns it.

    Returns
    -------
    callable

    Examples
    --------
    >>> @njit(cache=False)
    ... def twice(x):
    ...     return 2 * x
    >>> kernel(twice, "python")(3), kernel(twice, "numba")(3)
    (6, 6)
    """
    if backend == "python":
        return getattr(func, "py_func", func)
    return func


def resolve_backend(backend: str) -> str:
    """The backend a measure's ``backend=`` argument asks for.

    Parameters
    ----------
    backend : {"auto", "numba", "python"}
        "auto" is "numba" when numba is installed, else "python".

    Returns
    -------
    str
        "numba" or "python".

    Raises
    ------
    MeasureError
        For any other value.

    Examples
    --------
    >>> resolve_backend("numba")
    'numba'
    >>> resolve_backend("fast")
    Traceback (most recent call last):
    ...
    actornet.graph.errors.MeasureError: backend must be 'auto', 'numba' or 'python'
    """
    if backend not in ("auto", "numba", "python"):
        raise MeasureError("backend must be 'auto', 'numba' or 'python'")
    if backend == "auto":
        return "numba" if HAVE_NUMBA else "python"
    return backend
