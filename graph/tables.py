"""The input tables as read from any format, before validation.

A reader (CSV, Excel, JSON, Neo4j) turns its source into :class:`RawTable` s:
rows as dicts of canonical column names to values, each remembering where it
came from (the CSV reader hands them over as columns, with the line of each
row, and the rows are made from them when asked for). :func:`actornet.graph.build.build_network` validates them and builds the
network. The column lists here are the input format's single definition.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actornet.graph.load_report import Problem
from actornet.graph.schema import normalize_token

__all__ = ["TableSpec", "ACTORS", "TIES", "PROJECTS", "THEMES", "SPECS",
           "Record", "RawTable", "NetworkTables", "canonical_column"]


@dataclass(frozen=True)
class TableSpec:
    """The columns a table must have and the ones actornet understands.

    Columns not listed are kept as properties under the name written.
    """

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    #: other spellings of known columns (normalised header -> column)
    synonyms: tuple[tuple[str, str], ...] = ()

    @property
    def known(self) -> tuple[str, ...]:
        return self.required + self.optional

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"


ACTORS = TableSpec(
    "actors",
    required=("id", "kind", "name"),
    optional=("city", "country", "themes", "aliases", "evidence", "lat", "lon",
              "external_ids"),
)
TIES = TableSpec(
    "ties",
    required=("source", "target", "type"),
    optional=("id", "themes", "since", "until", "weight", "project", "role",
              "status", "evidence", "claimed_by"),
)
PROJECTS = TableSpec(
    "projects",
    required=("id", "name"),
    # kind may be present (exports often carry it); it must say project
    optional=("kind", "themes", "aliases", "since", "until", "evidence"),
)
THEMES = TableSpec(
    "themes",
    required=("id",),
    optional=("kind", "label_en", "label_de", "priority"),
    synonyms=(("name", "label_en"),),
)
SPECS = {spec.name: spec for spec in (ACTORS, TIES, PROJECTS, THEMES)}


def canonical_column(header: str, spec: TableSpec) -> str:
    """The known column a header spells (case, spaces, hyphens ignored), or
    the header itself, stripped, when it is an extra column.

    Examples
    --------
    >>> canonical_column(" Kind ", ACTORS)
    'kind'
    >>> canonical_column("Label-EN", THEMES)
    'label_en'
    >>> canonical_column("E-Mail", ACTORS)
    'E-Mail'
    >>> canonical_column("Name", THEMES)
    'label_en'
    """
    token = normalize_token(header)
    for known in spec.known:
        if token == known:
            return known
    return dict(spec.synonyms).get(token, header.strip())


@dataclass
class Record:
    """One row: canonical column -> value (None when the cell is empty).

    Values are strings from text files; JSON and Excel may give numbers and
    lists, which the builder accepts too.
    """

    line: int | None
    values: dict
    where: str | None = None


class RawTable:
    """The rows of one table and what reading them found.

    ``rows_read`` counts every non-blank row; ``problems`` are the rows the
    reader already rejected (ragged rows), so they are not in ``records``.

    A reader may hand the rows over as columns instead (``data``: canonical
    column -> a sequence of stripped texts, ``""`` for an empty cell, with
    ``lines`` the line of each row): the builder validates those whole
    columns at once, and ``records`` is then made from them when first asked
    for, so that every other consumer sees rows as before.

    Examples
    --------
    >>> table = RawTable(ACTORS, "actors.csv", ["id", "kind", "name"], rows_read=1,
    ...                  data={"id": ["007"], "kind": ["city"], "name": [""]}, lines=[2])
    >>> table.records
    [Record(line=2, values={'id': '007', 'kind': 'city', 'name': None}, where=None)]
    """

    def __init__(self, spec: TableSpec, file: str, columns: list[str], records=None,
                 rows_read: int = 0, problems=None, *, data: dict | None = None,
                 lines=None):
        self.spec, self.file, self.columns = spec, file, columns
        self.rows_read = rows_read
        self.problems: list[Problem] = [] if problems is None else problems
        #: the rows as columns (canonical column -> texts), or None
        self.data = data
        #: the line of each row of ``data``
        self.lines = lines
        self._records = records if records is not None or data is not None else []

    @property
    def records(self) -> list[Record]:
        """The rows, one :class:`Record` each (made from ``data`` on first use)."""
        if self._records is None:
            columns = list(self.data)
            cells = zip(*(list(self.data[c]) for c in columns))
            self._records = [Record(int(line), {c: v or None for c, v in zip(columns, row)})
                             for line, row in zip(self.lines, cells)]
        return self._records

    @records.setter
    def records(self, records) -> None:
        self._records, self.data, self.lines = records, None, None

    def record(self, index: int) -> Record:
        """Row ``index`` as a :class:`Record` (from ``data`` when there is one)."""
        if self._records is not None:
            return self._records[index]
        return Record(int(self.lines[index]),
                      {c: values[index] or None for c, values in self.data.items()})

    @property
    def extra_columns(self) -> list[str]:
        return [c for c in self.columns if c not in self.spec.known]

    def __repr__(self) -> str:
        return (f"RawTable({self.spec.name!r}, {self.file!r}, {self.columns!r}, "
                f"rows_read={self.rows_read}, problems={len(self.problems)})")


@dataclass
class NetworkTables:
    """The tables of one network; projects and themes are optional.

    A source may split one file into several tables of the same kind (a JSON
    file's nodes are actors, projects and themes), hence the lists.
    """

    actors: list[RawTable]
    ties: list[RawTable]
    projects: list[RawTable] = field(default_factory=list)
    themes: list[RawTable] = field(default_factory=list)
    name: str = "network"
