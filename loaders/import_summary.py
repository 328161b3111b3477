"""What an import read, kept, counted as duplicate, rejected and wrote.

Every file's rows balance: read = kept + duplicates + rejected. A rejected
row and a value left empty are reported with file, line, column and reason
(never the cell's value: names may be personal data). Places that the
gazetteer could not resolve are counted, with a few examples (town names,
not people's).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from actornet.graph.load_report import FileCount, Problem

__all__ = ["ImportSummary", "FileSink", "problem_dict"]


def problem_dict(p: Problem) -> dict:
    """A problem as the JSON summary lists it."""
    return {"file": p.file, "line": p.line, "column": p.column, "problem": p.reason,
            "fix": p.hint}


@dataclass
class ImportSummary:
    """What an import read, kept and wrote.

    ``files`` counts rows per input file (read = kept + duplicates +
    rejected); ``problems`` are the rejected rows, ``warnings`` the values
    left empty; ``unresolved`` counts the distinct place names the
    gazetteer did not know, ``unresolved_examples`` lists a few.
    """

    output: Path
    files: dict[str, FileCount] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    actors: int = 0
    groups: int = 0
    ties: int = 0
    one_sided: int = 0
    named_by_id: int = 0
    resolved: int = 0
    unresolved: int = 0
    unresolved_examples: list[str] = field(default_factory=list)
    seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter, repr=False)

    @property
    def balanced(self) -> bool:
        return all(c.balanced for c in self.files.values())

    def finish(self) -> "ImportSummary":
        """Sort the problems and warnings by file and line; note the time taken."""
        order = {file: i for i, file in enumerate(self.files)}

        def where(p):
            return order.get(p.file, len(order)), p.line if p.line is not None else -1

        self.problems.sort(key=where)
        self.warnings.sort(key=where)
        self.seconds = time.perf_counter() - self.started
        return self

    @property
    def duplicates(self) -> int:
        return sum(c.duplicates for c in self.files.values())

    def to_dict(self) -> dict:
        return {"output": str(self.output),
                "files": [{"file": c.file, "read": c.read, "kept": c.kept,
                           "duplicates": c.duplicates, "rejected": c.rejected}
                          for c in self.files.values()],
                "actors": self.actors, "groups": self.groups, "ties": self.ties,
                "one_sided_claims": self.one_sided, "named_by_id": self.named_by_id,
                "places": {"resolved": self.resolved, "unresolved": self.unresolved,
                           "unresolved_examples": self.unresolved_examples},
                "rejected": [problem_dict(p) for p in self.problems],
                "left_empty": [problem_dict(p) for p in self.warnings],
                "seconds": round(self.seconds, 3)}


class FileSink:
    """The counts and problems of one file: rejections and warnings by line."""

    def __init__(self, summary: ImportSummary, file: str):
        self.summary, self.file = summary, file
        self.count = summary.files.setdefault(file, FileCount(file))
        self.line = None

    def read(self, n: int) -> None:
        self.count.read += n

    def reject(self, column, reason, hint="", line=None):
        self.summary.problems.append(Problem(self.file, self.line if line is None else line,
                                             column, reason, hint))
        self.count.rejected += 1

    def reject_lines(self, lines, column, reason, hint="") -> None:
        """Reject the rows at ``lines`` (an array), one problem each."""
        for line in np.asarray(lines).tolist():
            self.reject(column, reason, hint, line=line)

    def warn(self, column, reason, hint="", line=None):
        self.summary.warnings.append(Problem(self.file, self.line if line is None else line,
                                             column, reason, hint))

    def blank(self, column, reason, hint="", line=None):
        self.warn(column, f"{reason}; left empty", hint, line=line)

    def blank_lines(self, lines, column, reason, hint="") -> None:
        for line in np.asarray(lines).tolist():
            self.blank(column, reason, hint, line=line)

    def keep(self, n: int = 1):
        self.count.kept += n

    def duplicate(self, n: int = 1):
        self.count.duplicates += n

    def take(self, source) -> None:
        """Count what a :class:`~actornet.loaders.import_rows.SourceFile` read and
        rejected on its own (ragged rows), once it has been read."""
        self.count.read += source.rows_read
        self.count.rejected += len(source.problems)
        self.summary.problems.extend(source.problems)
        source.problems = []
