"""The one family of exceptions actornet raises.

Every error a user can cause is an :class:`ActornetError`; the command line
turns one into ``Error: <message>`` and exit status 1. Messages name files,
lines, columns and checks, never the personal data in a cell.
"""

from __future__ import annotations

__all__ = [
    "ActornetError",
    "InputError",
    "SchemaError",
    "StoreError",
    "ResolveError",
    "QueryError",
    "NoPathError",
    "MeasureError",
    "UsageError",
    "VizError",
    "KindConflict",
    "CacheEntryError",
    "NotStorable",
    "DamagedEntry",
]


class ActornetError(Exception):
    """Base class of every error actornet raises on purpose."""


class InputError(ActornetError, ValueError):
    """A file or table cannot be read as a network.

    Parameters
    ----------
    reason : str
        What is wrong, in plain language (never the offending personal data).
    file : str, optional
        The file's name as the user gave it.
    line : int, optional
        The line as a person counts lines in the file (the header is line 1).
    column : str, optional
        The column's header name.
    hint : str, optional
        How to fix it.

    Examples
    --------
    >>> err = InputError("weight is outside 1-5", file="ties.csv", line=7,
    ...                  column="weight", hint="use a whole number 1-5")
    >>> str(err)
    'ties.csv, line 7, column "weight": weight is outside 1-5 (use a whole number 1-5)'
    >>> err.line
    7
    """

    def __init__(self, reason, *, file=None, line=None, column=None, hint=None):
        self.reason = reason
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(self._message())

    def _message(self):
        where = []
        if self.file:
            where.append(str(self.file))
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f'column "{self.column}"')
        text = self.reason
        if where:
            text = ", ".join(where) + ": " + text
        if self.hint:
            text += f" ({self.hint})"
        return text


class SchemaError(ActornetError, ValueError):
    """A kind, tie type or theme is not part of the schema."""


class StoreError(ActornetError):
    """The graph store (Neo4j) failed or refused an operation."""


class KindConflict(StoreError):
    """An id of the network is stored under another kind."""


class ResolveError(ActornetError, LookupError):
    """A name matches no actor, or more than one.

    Attributes
    ----------
    candidates : list of str
        Ids of the closest matches, best first.
    ambiguous : bool
        True when the name matches every candidate (not merely resembles
        them), so a caller that knows which kind of actor it wants may choose.
    """

    def __init__(self, message, candidates=(), *, ambiguous=False):
        self.candidates = list(candidates)
        self.ambiguous = ambiguous
        super().__init__(message)


class QueryError(ActornetError, ValueError):
    """An analysis cannot be answered on this network (e.g. it has no home city)."""


class NoPathError(QueryError, LookupError):
    """No chain of ties links two actors."""


class MeasureError(ActornetError, ValueError):
    """A measure was asked for something it cannot compute (a bad option or graph)."""


class UsageError(ActornetError, ValueError):
    """An option or argument is outside what it accepts (a negative depth, …)."""


class VizError(ActornetError, ValueError):
    """A drawing cannot be made as asked (an unknown layout, a missing key, …)."""


class CacheEntryError(ActornetError, ValueError):
    """A network that cannot be kept in the cache between commands, or an
    entry that cannot be read back as it was written. Never shown to a
    user: the network is then read from its files."""


class NotStorable(CacheEntryError):
    """Something in the network that the cache's arrays cannot hold exactly."""


class DamagedEntry(CacheEntryError):
    """A cache entry that is damaged, of another format, not the one asked
    for, or whose arrays do not fit together."""
