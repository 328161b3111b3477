"""Source files read for import: in chunks, into columns, each row with its line.

A real source can be larger than memory (a gzip of 0.7 MB may expand to
gigabytes), so :class:`SourceFile` never holds it whole: pandas' C parser
reads it ``chunk_rows`` rows at a time into columns of text, each cell
stripped, an empty cell ``""``. Lines are counted as an editor counts them
(a quoted cell spanning lines moves the next row down). A row with more
cells than the header is rejected with its line; a row with fewer reads its
missing cells as empty; blank rows are skipped.

Examples
--------
>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "p.csv"
>>> _ = f.write_text("a,b\\nx,1\\n\\ny,NA\\n", encoding="utf-8")
>>> source = SourceFile(f)
>>> [(frame["a"].tolist(), lines.tolist()) for frame, lines in source.chunks()]
[(['x', 'y'], [2, 4])]
>>> blank_missing(next(source.chunks())[0]["b"]).tolist()
['1', '']
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from actornet.graph.errors import InputError
from actornet.graph.load_report import Problem
from actornet.graph.schema import normalize_token
from actornet.loaders.csvfile import decode_text, detect_delimiter

__all__ = ["SourceFile", "blank_missing", "MISSING", "CHUNK_ROWS", "find_column"]

#: Rows read at a time.
CHUNK_ROWS = 50_000
#: Cells that mean "no value" in an optional field ("NA", "n/a", "null").
MISSING = frozenset({"na", "n/a", "null", "#n/a", "n.a.", "none"})
_MISSING_SPELLINGS = sorted({v for m in MISSING for v in (m, m.upper(), m.title(),
                                                          m.capitalize())})
_PAD = 1  # an extra column read, so that a trailing delimiter is not a ragged row
_GZIP, _ZIP = b"\x1f\x8b", b"PK\x03\x04"


def blank_missing(values: pd.Series) -> pd.Series:
    """``values`` with the cells that mean "no value" ("NA", "n/a", "null") empty."""
    return values.mask(values.isin(_MISSING_SPELLINGS), "")


def find_column(columns, name, option, *, file, required=True):
    """The column of ``columns`` an option names (exactly, else ignoring case
    and spacing); None when ``name`` is None (or absent and not ``required``).

    Raises
    ------
    InputError
        If a required column is absent; the message names the option.
    """
    if name is None:
        return None
    name = str(name)
    if name in columns:
        return name
    token = normalize_token(name)
    for column in columns:
        if normalize_token(column) == token:
            return column
    if not required:
        return None
    raise InputError(f"no column named by {option}", file=file,
                     hint="columns: " + ", ".join(list(columns)[:20]))


class _Watch(io.RawIOBase):
    """A byte stream that notes whether a quote character has passed."""

    def __init__(self, raw):
        self.raw, self.quoted = raw, False

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        if not self.quoted and b'"' in data:
            self.quoted = True
        return n

    def close(self):
        self.raw.close()
        super().close()


class SourceFile:
    """One delimited text file (gzipped or not), read in chunks.

    Parameters
    ----------
    path : path-like
    delimiter : str, optional
        Recognised from the header line (``,`` ``;`` or tab) unless given.
    header : bool
        Without a header, columns are named ``1``, ``2``, ...
    encoding : str, optional
        UTF-8 (BOM optional) unless given.
    chunk_rows : int
        Rows per chunk.

    Attributes
    ----------
    file : str
        The file's name, as reports give it.
    columns : list of str
    problems : list of Problem
        The rows rejected while reading (more cells than the header).
    rows_read : int
        Non-blank rows read so far (rejected ones included).
    """

    def __init__(self, path, *, delimiter=None, header=True, encoding=None,
                 chunk_rows=CHUNK_ROWS):
        self.path, self.file = Path(path), Path(path).name
        self.header, self.chunk_rows = header, chunk_rows
        self.problems: list[Problem] = []
        self.rows_read = 0
        head = self._head()
        if head[:4] == _ZIP:
            raise InputError("the file is a workbook or zip archive, not delimited text",
                             file=self.file, hint="save the sheet as CSV (UTF-8), or use a "
                             "recipe that reads workbooks (keep)")
        self.compressed = head[:2] == _GZIP
        self.encoding = self._encoding(head, encoding)
        text = decode_text(self._sample(), file=self.file, encoding=self.encoding) \
            if encoding else self._decoded_sample()
        lines = text.splitlines()
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            raise InputError("the file is empty", file=self.file)
        self.delimiter = delimiter or detect_delimiter(lines[first])
        cells = next(csv.reader([lines[first]], delimiter=self.delimiter))
        if header:
            self.columns = [c.strip() for c in cells]
            check_header(self.columns, self.file, first + 1)
            self._skip, self._first_line = first + 1, first + 2
        else:
            self.columns = [str(i) for i in range(1, len(cells) + 1)]
            self._skip, self._first_line = first, first + 1

    def _open(self):
        try:
            raw = open(self.path, "rb")
        except FileNotFoundError as err:
            raise InputError("file not found", file=str(self.path)) from err
        except OSError as err:
            raise InputError(f"cannot read the file ({err.strerror})",
                             file=str(self.path)) from err
        if getattr(self, "compressed", False):
            return gzip.GzipFile(fileobj=raw)
        return raw

    def _head(self) -> bytes:
        with self._open() as handle:
            return handle.read(4)

    def _sample(self, size=1 << 16) -> bytes:
        with self._open() as handle:
            try:
                return handle.read(size)
            except (OSError, EOFError) as err:
                raise InputError("the gzip file is damaged", file=self.file) from err

    def _decoded_sample(self) -> str:
        data = self._sample()
        try:
            return decode_text(data, file=self.file, encoding=self.encoding)
        except InputError:
            # a character cut at the sample's end is no error
            return data[:-4].decode(self.encoding, errors="strict") if len(data) > 4 \
                else decode_text(data, file=self.file)

    @staticmethod
    def _encoding(head, encoding):
        if encoding is not None:
            try:
                codecs.lookup(encoding)
            except LookupError as err:
                raise InputError("unknown text encoding", hint="use a Python codec name such "
                                 "as utf-8, cp1252 or latin-1") from err
            return encoding
        return "utf-8-sig"

    def chunks(self):
        """Yield ``(frame, lines)``: the next rows as a DataFrame of stripped
        text (its columns :attr:`columns`) and the line of each row."""
        names = list(range(len(self.columns) + _PAD))
        watch = _Watch(self._open())
        offset, extra = 0, 0
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                reader = pd.read_csv(
                    io.BufferedReader(watch, 1 << 20), sep=self.delimiter, header=None,
                    names=names, skiprows=self._skip, dtype=object, keep_default_na=False,
                    na_filter=False, skip_blank_lines=False, chunksize=self.chunk_rows,
                    on_bad_lines="warn", engine="c", encoding=self.encoding,
                    quotechar='"', doublequote=True)
                for frame in reader:
                    skipped = self._ragged(caught)
                    n = len(frame)
                    step = np.ones(n, dtype=np.int64)
                    last = 0
                    if watch.quoted:  # cells may span lines
                        for column in frame.columns:
                            cells = frame[column].tolist()
                            if "\n" in "".join(cells):
                                spans = np.fromiter((c.count("\n") for c in cells),
                                                    dtype=np.int64, count=n)
                                step[1:] += spans[:-1]
                                last += int(spans[-1])
                    lines = self._first_line + offset + extra + np.cumsum(step) - 1
                    for line in skipped:  # a ragged row pandas skipped had a line too
                        lines[lines >= line] += 1
                        extra += 1
                    if n:
                        extra += int(step[1:].sum() - (n - 1)) + last
                    offset += n
                    out = self._tidy(frame, lines)
                    if out is not None:
                        yield out
                self._ragged(caught)
        except UnicodeDecodeError as err:
            raise InputError("the file is not UTF-8 text" if self.encoding == "utf-8-sig" else
                             "the file cannot be decoded with the encoding given",
                             file=self.file, hint="save it as UTF-8, or name its encoding, "
                             "e.g. --encoding cp1252") from err
        except (OSError, EOFError) as err:
            raise InputError("the gzip file is damaged" if self.compressed else
                             f"cannot read the file ({err})", file=self.file) from err
        except pd.errors.ParserError as err:
            raise InputError("the file cannot be read as delimited text", file=self.file,
                             hint="check the quoting") from err
        finally:
            watch.close()

    def _ragged(self, caught) -> list[int]:
        """The lines of the rows pandas skipped (too many cells), rejected."""
        skipped = []
        for warning in caught:
            text = str(warning.message)
            for part in text.split("Skipping line ")[1:]:
                line, _, rest = part.partition(":")
                saw = rest.rsplit("saw", 1)[-1].strip().split()[0] if "saw" in rest else "more"
                self._reject_ragged(int(line), saw)
                skipped.append(int(line))
        caught.clear()
        return sorted(skipped)

    def _reject_ragged(self, line, saw):
        self.rows_read += 1
        self.problems.append(Problem(self.file, line, None,
                                     f"the row has {saw} cells but the header has "
                                     f"{len(self.columns)}", "quote cells that hold the delimiter"))

    def _tidy(self, frame, lines):
        width = len(self.columns)
        data = {name: _stripped(frame.iloc[:, j]) for j, name in enumerate(self.columns)}
        pad = frame.iloc[:, width:].to_numpy()
        long = (pad != "").any(axis=1) if pad.size else np.zeros(len(frame), dtype=bool)
        blank = np.logical_and.reduce([values == "" for values in data.values()]) \
            if data else np.ones(len(frame), dtype=bool)
        for i in np.flatnonzero(long):
            row = frame.iloc[i].to_numpy()
            cells = int(np.flatnonzero(row != "")[-1]) + 1
            self._reject_ragged(int(lines[i]), str(cells))
        keep = ~(blank | long)
        self.rows_read += int(keep.sum())
        if not keep.any():
            return None
        if not keep.all():
            data = {name: values[keep] for name, values in data.items()}
            lines = lines[keep]
        return pd.DataFrame(data, dtype=object, copy=False), lines


def _stripped(values: pd.Series) -> np.ndarray:
    """The cells without surrounding spaces, each distinct text stripped once."""
    codes, uniques = pd.factorize(values.to_numpy(), use_na_sentinel=False)
    stripped = np.array([u.strip() for u in uniques] + [""], dtype=object)
    return stripped[codes]


def check_header(columns, file, line) -> None:
    """A header naming a column twice is an error naming it (the last would win)."""
    seen = {}
    for position, name in enumerate(columns, start=1):
        if name and name in seen:
            raise InputError(f'duplicate header: columns {seen[name]} and {position} are both '
                             f'"{name}"', file=file, line=line, column=name,
                             hint="rename or remove one of them")
        seen[name] = position
