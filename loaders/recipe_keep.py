"""The keep.eu recipe: Interreg partners, as the ``;``-separated export or the workbook.

The workbook (.xlsx) holds a partners sheet and a projects sheet; they are
joined on Programme + Acronym, so a project gets its full name, its themes
(thematic objectives) and its years (start and end dates). A workbook
without both sheets is an error naming the sheets it needs.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pandas as pd

from actornet.graph.errors import InputError
from actornet.loaders.import_memberships import import_memberships

__all__ = ["run_keep", "read_keep_workbook", "PROJECT_COLUMNS"]

_KEY = ["Programme", "Acronym"]
#: The projects sheet's columns the recipe reads (any of the spellings).
PROJECT_COLUMNS = {
    "project_name": ("Project name", "Name", "Title", "Project title"),
    "project_start": ("Start date", "Project start date", "Start"),
    "project_end": ("End date", "Project end date", "End"),
    "project_themes": ("Thematic objective", "Thematic objectives", "Themes", "Theme",
                       "Priority", "Priorities"),
}


def _is_workbook(path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def run_keep(files, output, options):
    """Import keep.eu ``files`` (CSV exports or workbooks)."""
    workbooks = [f for f in files if _is_workbook(f)]
    if not workbooks:
        return import_memberships(files, output, **options)
    with tempfile.TemporaryDirectory(prefix="actornet-keep-") as tmp:
        sheets = [f for f in files if f not in workbooks]
        for book in workbooks:
            sheets.append(read_keep_workbook(book, Path(tmp)))
        options = dict(options, group_name="project_name", group_since="project_start",
                       group_until="project_end", themes="project_themes", delimiter=",",
                       encoding="utf-8")
        return import_memberships(sheets, output, **options)


def _sheet(book, names, want, file):
    for name in names:
        if want in name.casefold():
            return name
    raise InputError(f"the workbook has no {want}s sheet", file=file,
                     hint="a keep.eu workbook has a partners sheet and a projects sheet "
                          "(sheets found: " + ", ".join(names) + ")")


def _year(value):
    found = re.search(r"(?<!\d)(\d{4})(?!\d)", str(value)) if value not in (None, "") else None
    return found.group(1) if found else ""


def read_keep_workbook(path, folder: Path) -> Path:
    """The partners sheet of a keep.eu workbook joined to its projects sheet,
    written as a CSV file in ``folder`` (named ``book.xlsx:Partners``, so that
    reports name the sheet); rows keep their sheet row numbers."""
    path = Path(path)
    try:
        book = pd.ExcelFile(path, engine="openpyxl")
    except Exception as err:  # a damaged workbook: zip, XML or openpyxl errors
        raise InputError("the workbook cannot be read", file=path.name,
                         hint="save it again from Excel or LibreOffice") from err
    with book:
        partners_sheet = _sheet(book, book.sheet_names, "partner", path.name)
        projects_sheet = _sheet(book, book.sheet_names, "project", path.name)
        partners = pd.read_excel(book, partners_sheet, dtype=str, keep_default_na=False)
        projects = pd.read_excel(book, projects_sheet, dtype=str, keep_default_na=False)
    for sheet, table in ((partners_sheet, partners), (projects_sheet, projects)):
        missing = [c for c in _KEY if c not in table.columns]
        if missing:
            raise InputError(f"the {sheet} sheet has no column " + ", ".join(missing),
                             file=path.name, hint="both sheets name Programme and Acronym")
    extra = {}
    for target, spellings in PROJECT_COLUMNS.items():
        column = next((c for c in spellings if c in projects.columns), None)
        values = projects[column] if column else pd.Series([""] * len(projects))
        extra[target] = [_year(v) for v in values] if target in ("project_start",
                                                                 "project_end") else values
    projects = pd.DataFrame({**{k: projects[k] for k in _KEY}, **extra})
    projects = projects.drop_duplicates(_KEY)
    joined = partners.merge(projects, on=_KEY, how="left", sort=False).fillna("")
    joined["project_name"] = joined["project_name"].where(joined["project_name"] != "",
                                                          joined["Acronym"])
    out = folder / f"{path.name}:{partners_sheet}"
    joined.to_csv(out, index=False, encoding="utf-8")
    return out
