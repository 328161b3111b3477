"""Package attributes that load on first use (PEP 562), for light imports."""

from __future__ import annotations

import importlib

__all__ = ["lazy_attributes"]


def lazy_attributes(namespace: dict, where: dict):
    """``__getattr__`` and ``__dir__`` for the package whose ``globals()`` is
    ``namespace`` and whose names live in the modules ``where`` maps them to:
    a name is imported when first asked for, then kept.

    Examples
    --------
    >>> namespace = {"__name__": "actornet.graph"}
    >>> getattr_, dir_ = lazy_attributes(namespace, {"Kind": "schema"})
    >>> getattr_("Kind").CITY.value, "Kind" in namespace
    ('city', True)
    """
    package = namespace["__name__"]

    def __getattr__(name):
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def __dir__():
        return sorted(set(namespace) | set(where))

    return __getattr__, __dir__
