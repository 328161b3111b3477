"""What a load kept and rejected, row by row.

Every rejected row becomes a :class:`Problem` naming the file, the line (as a
person counts lines: the header is line 1), the column, the check that failed
and how to fix it. A problem never repeats the cell's value: cells may hold
people's names, e-mail addresses or phone numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Problem", "FileCount", "LoadReport"]


@dataclass(frozen=True)
class Problem:
    """One rejected row (or one problem in it).

    Attributes
    ----------
    file : str
        The file (or ``book.xlsx:sheet``, ``network.json:nodes``).
    line : int or None
        Line in a text file, row in a sheet; None for JSON items.
    column : str or None
        The column's header (or JSON field).
    reason : str
        The check that failed, without the cell's value.
    hint : str
        How to fix it.
    where : str or None
        A location other than a line, such as ``nodes[3]`` in JSON.

    Examples
    --------
    >>> str(Problem("ties.csv", 12, "weight", "weight is outside 1-5",
    ...             "use a whole number from 1 (weak) to 5 (strong)"))
    'ties.csv, line 12, column "weight": weight is outside 1-5 (use a whole number from 1 (weak) to 5 (strong))'
    """

    file: str
    line: int | None
    column: str | None
    reason: str
    hint: str = ""
    where: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.where:
            parts.append(self.where)
        if self.column:
            parts.append(f'column "{self.column}"')
        text = ", ".join(parts) + ": " + self.reason
        return text + (f" ({self.hint})" if self.hint else "")


@dataclass
class FileCount:
    """Rows read, kept and rejected from one file; read = kept + duplicates +
    rejected (``duplicates``: rows an import read again, adding nothing)."""

    file: str
    read: int = 0
    kept: int = 0
    rejected: int = 0
    duplicates: int = 0

    @property
    def balanced(self) -> bool:
        return self.read == self.kept + self.duplicates + self.rejected


@dataclass
class LoadReport:
    """Everything a load has to say: counts per file, problems, extra columns.

    ``problems`` are the rejected rows' defects; ``warnings`` the optional
    values that were left empty in rows that were kept (or rejected for
    another reason): a bad year, weight, coordinate, city or theme.
    """

    files: dict[str, FileCount] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    extra_columns: dict[str, list[str]] = field(default_factory=dict)

    def count(self, file: str) -> FileCount:
        """The counter of ``file``, created on first use."""
        if file not in self.files:
            self.files[file] = FileCount(file)
        return self.files[file]

    @property
    def rows_read(self) -> int:
        return sum(c.read for c in self.files.values())

    @property
    def rows_kept(self) -> int:
        return sum(c.kept for c in self.files.values())

    @property
    def rows_rejected(self) -> int:
        return sum(c.rejected for c in self.files.values())

    @property
    def balanced(self) -> bool:
        """True when every file's rows read equal rows kept plus rejected."""
        return all(c.balanced for c in self.files.values())

    @property
    def clean(self) -> bool:
        """True when nothing was rejected."""
        return not self.problems

    @property
    def values_blanked(self) -> int:
        """How many optional values were left empty (one warning each)."""
        return len(self.warnings)
