"""Read the network's tables from the sheets of one Excel workbook.

Sheets are named like the CSV files without ``.csv`` (``actors``, ``ties``,
optional ``projects`` and ``themes``; case ignored). The first non-empty row
of a sheet is its header; lines in messages are the sheet's row numbers.
Ids keep their leading zeros whether typed as text ("007") or as a number
shown with a zero-padded format (``000``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from actornet.graph.errors import InputError
from actornet.graph.load_report import Problem
from actornet.graph.tables import ACTORS, PROJECTS, THEMES, TIES, NetworkTables, RawTable, Record
from actornet.loaders.cells import read_cell, xlsx_untext
from actornet.loaders.csvfile import header_columns

__all__ = ["read_excel_tables"]

_ZERO_PADDED = re.compile(r"0+")


def _cell_value(cell):
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        fmt = cell.number_format or ""
        if isinstance(value, int) and _ZERO_PADDED.fullmatch(fmt):
            return str(value).zfill(len(fmt))
        return value
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return xlsx_untext(str(value))


def _sheet_table(ws, spec, display):
    header_row, table = None, None
    for row in ws.iter_rows():
        values = [_cell_value(c) for c in row]
        if not any(v is not None and str(v).strip() for v in values):
            continue
        line = row[0].row
        if header_row is None:
            header_row = line
            columns = header_columns(values, spec, file=display, line=line)
            table = RawTable(spec=spec, file=display, columns=columns)
            continue
        table.rows_read += 1
        extra = [v for v in values[len(columns):] if v is not None and str(v).strip()]
        if extra:
            table.problems.append(Problem(
                display, line, f"unnamed column {len(columns) + 1}",
                f"the row has cells beyond the {len(columns)} named columns",
                "give the extra cells a header, or delete them"))
            continue
        values = values[:len(columns)] + [None] * (len(columns) - len(values))
        cells = {}
        for column, value in zip(columns, values):
            if isinstance(value, str):
                value = read_cell(value) or None
            cells[column] = value
        table.records.append(Record(line, cells))
    if table is None:
        raise InputError("the sheet is empty", file=display,
                         hint="the first row must name the columns " + ", ".join(spec.required))
    return table


def read_excel_tables(path, *, data: bytes | None = None) -> NetworkTables:
    """Read the ``actors``, ``ties``, ``projects`` and ``themes`` sheets of
    ``path`` (from ``data``, its bytes, when given).

    Raises
    ------
    InputError
        If the workbook cannot be opened or lacks the actors or ties sheet.
    """
    import openpyxl  # imported here: only Excel users pay for it

    path = Path(path)
    try:
        book = openpyxl.load_workbook(path if data is None else io.BytesIO(data),
                                      data_only=True)
    except FileNotFoundError as err:
        raise InputError("file not found", file=path.name) from err
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise InputError("not an Excel .xlsx workbook", file=path.name,
                         hint="save it from Excel as .xlsx") from err
    sheets = {name.strip().casefold(): name for name in book.sheetnames}
    found = {}
    for spec in (ACTORS, TIES, PROJECTS, THEMES):
        if spec.name in sheets:
            name = sheets[spec.name]
            found[spec.name] = _sheet_table(book[name], spec, f"{path.name}[{name}]")
        elif spec in (ACTORS, TIES):
            raise InputError(f'no sheet named "{spec.name}"', file=path.name,
                             hint="the workbook needs sheets actors and ties "
                                  "(projects and themes are optional)")
    return NetworkTables(
        actors=[found["actors"]], ties=[found["ties"]],
        projects=[found["projects"]] if "projects" in found else [],
        themes=[found["themes"]] if "themes" in found else [],
        name=path.stem)
