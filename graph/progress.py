"""Progress of a composed job (the report, the page) as one ``progress(done, total)``.

The library's measures report their own progress as ``progress(done,
total)`` (see ``actornet.queries.brokers.brokers``); a job made of several
of them gives each a share of one bar with :class:`Steps`, so the bar the
CLI shows (:func:`actornet.console.progress_bar`) runs once from 0 to the
end, never backwards.
"""

from __future__ import annotations

__all__ = ["Steps", "UNITS"]

#: Units of the bar per step (a measure's own progress moves within its step).
UNITS = 100


class Steps:
    """Split one ``progress(done, total)`` callback over ``count`` steps.

    ``part()`` gives the next step its own callback, which maps the step's
    ``(done, total)`` onto its share; ``skip()`` passes a step over.
    ``progress`` None makes every callback None (nothing is reported).

    Examples
    --------
    >>> calls = []
    >>> steps = Steps(lambda done, total: calls.append((done, total)), 2)
    >>> mine = steps.part()
    >>> mine(1, 4); mine(4, 4)
    >>> steps.done()
    >>> calls
    [(0, 200), (0, 200), (25, 200), (100, 200), (200, 200)]
    """

    def __init__(self, progress, count):
        self.progress = progress
        self.total = max(1, int(count)) * UNITS
        self.at = 0  # units finished
        self.shown = 0
        if progress is not None:
            progress(0, self.total)

    def _show(self, units):
        units = min(self.total, max(self.shown, int(units)))
        self.shown = units
        self.progress(units, self.total)

    def part(self):
        """The next step's callback ``(done, total)`` (None without progress)."""
        base = self.at
        self.at = min(self.total, base + UNITS)
        if self.progress is None:
            return None
        self._show(base)

        def update(done, total=None):
            if total:
                self._show(base + UNITS * min(max(done, 0), total) / total)

        return update

    def skip(self):
        """Pass over a step (its share counts as done)."""
        self.at = min(self.total, self.at + UNITS)
        if self.progress is not None:
            self._show(self.at)

    def done(self):
        """The whole job is done: the bar ends at its total."""
        self.at = self.total
        if self.progress is not None:
            self._show(self.total)
