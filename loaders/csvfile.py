"""Read one CSV file into a :class:`~actornet.graph.tables.RawTable`.

The careful parts: text is UTF-8 with or without a byte-order mark unless the
caller names another encoding, and a file that is not is an error naming the
line of the first bad byte; the delimiter (``,`` ``;`` or tab) is taken from
the header line, so a stray comma in a ``;`` file's cells cannot fool it;
lines are counted as a person counts them in an editor (the header is line 1,
a quoted cell spanning two lines makes the next row start two lines later).
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
from pathlib import Path

from actornet.graph.errors import InputError
from actornet.graph.limits import MAX_CELL_CHARS, MAX_COLUMNS
from actornet.graph.report import Problem
from actornet.graph.tables import RawTable, Record, TableSpec, canonical_column
from actornet.loaders.cells import read_cell

__all__ = ["read_csv_table", "decode_text", "detect_delimiter", "header_columns"]

_DELIMITERS = (",", ";", "\t")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_text(data: bytes, *, file: str, encoding: str | None = None) -> str:
    """Decode a file's bytes; UTF-8 (BOM optional) unless ``encoding`` is given.

    Raises
    ------
    InputError
        If the bytes are not valid in the encoding; the error names the line
        holding the first bad byte.

    Examples
    --------
    >>> decode_text("id\\n007\\n".encode("utf-8-sig"), file="a.csv")
    'id\\n007\\n'
    >>> decode_text(b"id\\nM\\xfcller\\n", file="a.csv")
    Traceback (most recent call last):
    ...
    actornet.graph.errors.InputError: a.csv, line 2: the file is not UTF-8 text (save it as UTF-8, or name its encoding, e.g. --encoding cp1252)
    >>> decode_text(b"id\\nM\\xfcller\\n", file="a.csv", encoding="cp1252")
    'id\\nMüller\\n'
    """
    if encoding is None:
        if data.startswith(_UTF16_BOMS):
            encoding = "utf-16"
        else:
            encoding = "utf-8-sig"
        named = False
    else:
        named = True
        try:
            codecs.lookup(encoding)
        except LookupError as err:
            raise InputError("unknown text encoding",
                             hint="use a Python codec name such as utf-8, cp1252 or latin-1") from err
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        if named:
            reason = "the file cannot be decoded with the encoding given"
            hint = "check the file's encoding"
        else:
            reason = "the file is not UTF-8 text"
            hint = "save it as UTF-8, or name its encoding, e.g. --encoding cp1252"
        raise InputError(reason, file=file, line=line, hint=hint) from err


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def detect_delimiter(header_line: str) -> str:
    """The delimiter that splits the header line into the most columns.

    Only the header is looked at: data cells often contain commas.

    Examples
    --------
    >>> detect_delimiter("id;kind;name")
    ';'
    >>> detect_delimiter('id,kind,"name; full"')
    ','
    >>> detect_delimiter("id;name,de;kind")
    ';'
    """
    counts = {d: _count_outside_quotes(header_line, d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties go to ","
    return best if counts[best] else ","


def read_csv_table(path, spec: TableSpec, *, encoding: str | None = None,
                   display: str | None = None) -> RawTable:
    """Read ``path`` as the table ``spec`` describes.

    Parameters
    ----------
    path : path-like
        The CSV file.
    spec : TableSpec
        Which table this is (its required and known columns).
    encoding : str, optional
        The text encoding; default UTF-8 with or without BOM.
    display : str, optional
        The name used in messages; default the file's name.

    Returns
    -------
    RawTable
        Rows with canonical column names; ragged rows are already rejected
        (in ``problems``) and counted in ``rows_read``.

    Raises
    ------
    InputError
        If the file cannot be read, is not text in the encoding, has duplicate
        or empty headers, or lacks a required column.
    """
    path = Path(path)
    file = display or path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise InputError("file not found", file=file) from err
    except IsADirectoryError as err:
        raise InputError("is a folder, not a file", file=file,
                         hint="a network folder holds actors.csv and ties.csv as files") from err
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise InputError("is a symbolic link that leads to itself (a loop)", file=file,
                             hint="replace the link by the file") from err
        raise InputError(f"cannot read the file ({err.strerror})", file=file) from err
    text = decode_text(data, file=file, encoding=encoding)
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InputError("the file is empty", file=file,
                         hint="the first line must name the columns: " + ", ".join(spec.required))
    delimiter = detect_delimiter(lines[first])
    if csv.field_size_limit() != MAX_CELL_CHARS:
        csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = _read_rows(reader, spec, file, delimiter)
    if table is None:  # only blank rows
        raise InputError("the file is empty", file=file,
                         hint="the first line must name the columns: " + ", ".join(spec.required))
    return table


def _rows(reader, file):
    """The reader's rows; its errors (a cell over the size limit) as InputError."""
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            if "field limit" in str(err):
                raise InputError(f"a cell is longer than {MAX_CELL_CHARS:,} characters", file=file,
                                 line=line, hint="is a quote missing its closing quote? "
                                                 "Otherwise shorten the cell") from err
            raise InputError(f"not readable as CSV ({err})", file=file, line=line) from err
        yield row


def _read_rows(reader, spec, file, delimiter):
    header, header_line, columns = None, 0, []
    table = None
    last_line = 0
    for row in _rows(reader, file):
        start, last_line = last_line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header, header_line = row, start
            columns = header_columns(header, spec, file=file, line=header_line)
            table = RawTable(spec=spec, file=file, columns=columns)
            continue
        table.rows_read += 1
        # read_cell is strip() for a row without a quote character (most rows)
        cells = ([cell.strip() for cell in row] if "'" not in "".join(row)
                 else [read_cell(cell) for cell in row])
        while len(cells) > len(columns) and not cells[-1]:
            cells.pop()  # trailing delimiters, as spreadsheets write them
        if len(cells) != len(columns):
            # Point at the first column without a cell, or the first cell without a column.
            column = (columns[len(cells)] if len(cells) < len(columns)
                      else f"unnamed column {len(columns) + 1}")
            table.problems.append(Problem(
                file, start, column,
                f"the row has {len(cells)} cells but the header has {len(columns)}",
                'quote cells that contain the delimiter "' + _show(delimiter)
                + '", and give every row one cell per column'))
            continue
        table.records.append(Record(start, dict(zip(columns, [cell or None for cell in cells]))))
    return table


def _show(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else delimiter


def header_columns(header, spec: TableSpec, *, file: str, line: int) -> list[str]:
    """The canonical column names of a header row (CSV line or sheet row).

    Trailing empty header cells are dropped (spreadsheets write them).

    Raises
    ------
    InputError
        For an empty header cell between named ones, a duplicate header, a
        missing required column, or more than ``MAX_COLUMNS`` columns.
    """
    names = ["" if h is None else read_cell(str(h)) for h in header]
    while names and not names[-1]:
        names.pop()
    if len(names) > MAX_COLUMNS:
        raise InputError(f"the header has {len(names):,} columns; at most {MAX_COLUMNS:,} are read",
                         file=file, line=line,
                         hint="keep the columns the network needs and move the rest elsewhere")
    columns, seen = [], {}
    for position, name in enumerate(names, start=1):
        if not name:
            raise InputError(f"column {position} has no header", file=file, line=line,
                             hint="name every column, or delete the empty one")
        column = canonical_column(name, spec)
        if column in seen:
            raise InputError(
                f"duplicate header: columns {seen[column]} and {position} are both \"{column}\"",
                file=file, line=line, column=column,
                hint="rename or remove one of them")
        seen[column] = position
        columns.append(column)
    missing = [c for c in spec.required if c not in seen]
    if missing:
        hint = "the first line must name the columns " + ", ".join(spec.required)
        if len(columns) == 1:
            hint = ("the header was read as a single column: separate columns with "
                    "a comma, a semicolon or a tab")
        raise InputError("missing required column" + ("s" if len(missing) > 1 else "")
                         + ": " + ", ".join(missing), file=file, line=line, hint=hint)
    return columns
