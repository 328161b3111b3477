"""Read one CSV file into a :class:`~actornet.graph.tables.RawTable`.

The careful parts: text is UTF-8 with or without a byte-order mark unless the
caller names another encoding, and a file that is not is an error naming the
line of the first bad byte; the delimiter (``,`` ``;`` or tab) is taken from
the header line, so a stray comma in a ``;`` file's cells cannot fool it;
lines are counted as a person counts them in an editor (the header is line 1,
a quoted cell spanning two lines makes the next row start two lines later).

Speed: a file's plain lines (no quote character, the usual number of cells)
are read into columns at once by pandas' C parser with quoting off, and only
the other lines by the csv module; a file where that could differ from
reading it whole with the csv module (a quoted cell spanning lines, a NUL, a
lone carriage return, blank lines above the header, a line longer than a
cell may be) is read whole by the csv module, row by row, as before.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
from pathlib import Path

from actornet.graph.errors import InputError
from actornet.graph.limits import MAX_CELL_CHARS, MAX_COLUMNS
from actornet.graph.load_report import Problem
from actornet.graph.tables import RawTable, Record, TableSpec, canonical_column
from actornet.loaders.cells import cells_may_need_stripping, read_cell

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
                   display: str | None = None, columnar: bool = True,
                   data: bytes | None = None) -> RawTable:
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
    columnar : bool
        Read a plain file into columns at C speed (see :func:`_read_columns`);
        ``False`` reads every file row by row with the csv module, the
        reference. Both give the same rows, lines and problems.
    data : bytes, optional
        The file's bytes, read before (the file is then not read again).

    Returns
    -------
    RawTable
        Rows with canonical column names; ragged rows are already rejected
        (in ``problems``) and counted in ``rows_read``. A file read into
        columns has them in ``data`` (its ``records`` are made on first use).

    Raises
    ------
    InputError
        If the file cannot be read, is not text in the encoding, has duplicate
        or empty headers, or lacks a required column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from actornet.graph.tables import ACTORS
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "actors.csv"
    >>> _ = path.write_text("id;kind;name\\n007;city; Berlin \\n\\nx;ngo\\n", encoding="utf-8")
    >>> table = read_csv_table(path, ACTORS)
    >>> table.records
    [Record(line=2, values={'id': '007', 'kind': 'city', 'name': 'Berlin'}, where=None)]
    >>> table.rows_read, str(table.problems[0])
    (2, 'actors.csv, line 4, column "name": the row has 2 cells but the header has 3 (quote cells that contain the delimiter ";", and give every row one cell per column)')
    """
    path = Path(path)
    file = display or path.name
    try:
        data = path.read_bytes() if data is None else data
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
    header_text = _first_text_line(text)
    if header_text is None:
        raise InputError("the file is empty", file=file,
                         hint="the first line must name the columns: " + ", ".join(spec.required))
    delimiter = detect_delimiter(header_text)
    if csv.field_size_limit() != MAX_CELL_CHARS:
        csv.field_size_limit(MAX_CELL_CHARS)
    if columnar:
        if encoding is None and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8):]
        elif encoding is not None or data.startswith(_UTF16_BOMS):
            try:
                data = text.encode("utf-8")
            except UnicodeEncodeError:
                data = None
        table = _read_columns(data, spec, file, delimiter) if data is not None else None
        if table is not None:
            return table
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = _read_rows(reader, spec, file, delimiter)
    if table is None:  # only blank rows
        raise InputError("the file is empty", file=file,
                         hint="the first line must name the columns: " + ", ".join(spec.required))
    return table


def _first_text_line(text: str):
    """The first of ``text.splitlines()`` holding more than white space, or None
    (without splitting all of a large text)."""
    size = 1 << 16
    while True:
        lines = text[:size].splitlines()
        whole = size >= len(text)
        for line in (lines if whole else lines[:-1]):
            if line.strip():
                return line
        if whole:
            return None
        size *= 4


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
        cells = _cells(row, columns, table, start, delimiter)
        if cells is not None:
            table.records.append(Record(start, dict(zip(columns, [cell or None for cell in cells]))))
    return table


def _cells(row, columns, table, line, delimiter):
    """The cells of a non-blank row as read (stripped, formula escapes undone),
    or None for a ragged row, which goes to ``table.problems``."""
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
            table.file, line, column,
            f"the row has {len(cells)} cells but the header has {len(columns)}",
            'quote cells that contain the delimiter "' + _show(delimiter)
            + '", and give every row one cell per column'))
        return None
    return cells


def _line_bounds(buf: bytes, data):
    """Where each line starts and ends (its newline, or the end of the text)."""
    import numpy as np  # lazy: `actornet --help` stays fast

    ends = np.flatnonzero(data == 10)
    if buf[-1:] != b"\n":
        ends = np.append(ends, len(buf))
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    return starts, ends


def _special_lines(buf: bytes, data, ends, delimiter, width):
    """Which lines the csv module must read (the header, lines with a quote or
    an unusual number of cells), and the usual number of cells per line."""
    import numpy as np  # lazy: `actornet --help` stays fast

    # cells per line: delimiters + 1 (right for lines without quotes), counted per
    # line by where each line ends (15x faster than np.add.reduceat over the bytes)
    before_end = np.searchsorted(np.flatnonzero(data == ord(delimiter)), ends)
    counts = np.diff(before_end, prepend=0) + 1
    special = np.zeros(len(ends), dtype=bool)
    special[0] = True  # the header
    for quote in (b'"', b"'"):
        if quote in buf:
            special[np.searchsorted(ends, np.flatnonzero(data == quote[0]))] = True
    usual = np.bincount(counts[~special])
    usual[:width] = 0  # fewer cells than columns: ragged
    cells_per_line = int(usual.argmax()) if usual.any() else width
    special |= counts != cells_per_line
    special[0] = True
    return special, cells_per_line


def _plain_values(buf, starts, ends, plain, special, delimiter, cells_per_line, width):
    """The plain lines' cells, stripped, per column (pandas' C parser, quoting
    off); blank rows and rows with cells beyond the columns are marked
    ``special`` instead. ``(values, plain)``, or None to read row by row."""
    import numpy as np  # lazy: `actornet --help` stays fast
    import pandas as pd  # lazy: `actornet --help` stays fast
    # the plain lines, in runs of consecutive lines, as one text for pandas
    breaks = np.flatnonzero(np.diff(plain) != 1)
    first = np.concatenate(([plain[0]], plain[breaks + 1]))
    last = np.concatenate((plain[breaks], [plain[-1]]))
    text = b"".join(buf[starts[a]:ends[b] + 1] for a, b in zip(first, last))
    if text[:3] == codecs.BOM_UTF8:
        return None  # pandas would drop it
    try:
        frame = pd.read_csv(io.BytesIO(text), sep=delimiter, header=None,
                            names=range(cells_per_line), dtype=object, na_filter=False,
                            keep_default_na=False, quoting=csv.QUOTE_NONE,
                            skip_blank_lines=False, engine="c", encoding="utf-8",
                            index_col=False, low_memory=False)
    except (ValueError, pd.errors.ParserError):
        return None
    if len(frame) != len(plain):
        return None
    strip = cells_may_need_stripping(text, delimiter)  # else every cell is as read
    stripped = [np.array(list(map(str.strip, frame[j].to_numpy())), dtype=object) if strip
                else frame[j].to_numpy(dtype=object) for j in range(cells_per_line)]
    # blank rows and rows with cells beyond the columns: read as the others are
    odd = stripped[0] == ""
    for column in stripped[1:]:
        odd &= column == ""
    for column in stripped[width:]:
        odd |= column != ""
    if odd.any():
        special[plain[odd]] = True
        keep = ~odd
        plain = plain[keep]
        stripped = [column[keep] for column in stripped]
    return stripped[:width], plain


def _other_rows(table, texts, others, columns, delimiter):
    """The other lines, by the csv module, one row per line: ``(lines, rows)``,
    or None when the whole file must go there (a quoted cell spans lines)."""
    other_lines, other_rows = [], []
    try:
        rows = list(csv.reader(texts, delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    if len(rows) != len(texts):
        return None
    for i, row in zip(others.tolist(), rows):
        if not any(cell.strip() for cell in row):
            continue
        table.rows_read += 1
        cells = _cells(row, columns, table, i + 1, delimiter)
        if cells is not None:
            other_lines.append(i + 1)
            other_rows.append(cells)
    return other_lines, other_rows


def _merged(values, lines, other_lines, other_rows, width):
    """The plain rows and the others, in line order: ``(columns, lines)``."""
    import numpy as np  # lazy: `actornet --help` stays fast

    total = len(lines) + len(other_lines)
    at_other = np.searchsorted(lines, other_lines) + np.arange(len(other_lines))
    at_plain = np.ones(total, dtype=bool)
    at_plain[at_other] = False
    merged_lines = np.empty(total, dtype=np.int64)
    merged_lines[at_plain], merged_lines[at_other] = lines, other_lines
    merged = []
    for j in range(width):
        column = np.empty(total, dtype=object)
        column[at_plain] = values[j]
        column[at_other] = [row[j] for row in other_rows]
        merged.append(column)
    return merged, merged_lines


def _read_columns(buf: bytes, spec, file, delimiter):
    """Read a file's UTF-8 bytes into columns, or None to read it row by row.

    The fast path of :func:`read_csv_table`, giving exactly the rows, lines
    and problems the csv module's reading gives. A line is *plain* when it
    holds no quote character (``"`` or ``'``), has the usual number of
    delimiters and is no longer than a cell may be: pandas' C parser reads
    all plain lines at once with quoting off, so it only splits them at the
    delimiter, as the csv module would. Every other line (quoted cells,
    formula escapes, ragged or blank rows) is read by the csv module, one
    line at a time, and its row handled as :func:`_read_rows` does. Line
    numbers are then simply the physical lines. The whole file goes back to
    the csv module (None) when a line could mean something else read alone
    (a quoted cell spanning lines), or the file holds a NUL or a lone
    carriage return, or its first line is not the header.
    """
    import numpy as np  # lazy: `actornet --help` stays fast

    if not buf or b"\x00" in buf:
        return None
    if b"\r" in buf and buf.count(b"\r") != buf.count(b"\r\n"):
        return None  # lone carriage returns: line breaks to the csv module only
    data = np.frombuffer(buf, dtype=np.uint8)
    starts, ends = _line_bounds(buf, data)
    if int((ends - starts).max()) > MAX_CELL_CHARS:
        return None  # a cell may be too long: the csv module says where

    def line_text(i):
        line = buf[starts[i]:ends[i]]
        return (line[:-1] if line.endswith(b"\r") else line).decode("utf-8")

    try:
        header = next(csv.reader([line_text(0)], delimiter=delimiter, strict=True))
    except (csv.Error, StopIteration):
        return None
    if not any(cell.strip() for cell in header):
        return None  # blank lines above the header
    columns = header_columns(header, spec, file=file, line=1)
    table = RawTable(spec=spec, file=file, columns=columns, data={}, lines=[])
    width = len(columns)
    if len(ends) == 1:
        table.data = {c: [] for c in columns}
        return table
    special, cells_per_line = _special_lines(buf, data, ends, delimiter, width)
    plain = np.flatnonzero(~special)
    values = [np.empty(0, dtype=object)] * width
    if len(plain):
        found = _plain_values(buf, starts, ends, plain, special, delimiter, cells_per_line,
                              width)
        if found is None:
            return None
        values, plain = found
    others = np.flatnonzero(special[1:]) + 1
    other_lines, other_rows = [], []
    if len(others):
        found = _other_rows(table, [line_text(i) for i in others], others, columns, delimiter)
        if found is None:
            return None
        other_lines, other_rows = found
    lines = plain + 1
    table.rows_read += len(plain)
    if other_rows:
        values, lines = _merged(values, lines, other_lines, other_rows, width)
    table.data = dict(zip(columns, values))
    table.lines = lines
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
