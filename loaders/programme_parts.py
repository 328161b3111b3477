"""The EU framework programmes' parts in words: the themes table a CORDIS import writes.

CORDIS names a project's programme part by a code (H2020's ``SC5``, ``LEIT``,
``MSCA``; Horizon Europe's clusters ``CL1`` … ``CL6``). The labels ship as
data, ``data/cordis_programme_parts.csv`` (id, programme, English and German
label, short labels, ``;``-separated aliases such as "climate" for SC5), and
:func:`programme_theme_rows` turns the codes an import met into the rows of
its ``themes.csv``, so that every table, heading and sentence can say
"Climate action, environment, resource efficiency and raw materials" where
the source says SC5.
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

from actornet.graph.schema import theme_key

__all__ = ["programme_parts", "programme_theme_rows", "THEME_COLUMNS"]

#: The columns of the ``themes.csv`` a CORDIS import writes.
THEME_COLUMNS = ["id", "label_en", "label_de", "priority", "short_en", "short_de", "aliases",
                 "programme"]


@functools.cache
def _table() -> tuple[dict, ...]:
    text = resources.files("actornet.loaders").joinpath(
        "data/cordis_programme_parts.csv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


def programme_parts() -> list[dict]:
    """The shipped programme parts, one dict per part (a copy), in the table's order.

    Examples
    --------
    >>> parts = {p["id"]: p for p in programme_parts()}
    >>> parts["SC5"]["label_en"]
    'Climate action, environment, resource efficiency and raw materials'
    >>> parts["CL5"]["programme"], parts["SC1"]["short_de"]
    ('Horizon Europe', 'Gesundheit')
    """
    return [dict(row) for row in _table()]


@functools.cache
def _lookup() -> dict[str, int]:
    """Spelling key -> index of the part it names: ids and labels first, then
    aliases (a shared alias names the part listed first)."""
    found: dict[str, int] = {}
    table = _table()
    for rank in (("id",), ("label_en", "label_de", "short_en", "short_de"), ("aliases",)):
        for i, row in enumerate(table):
            for column in rank:
                for spelling in (row[column] or "").split(";"):
                    key = theme_key(spelling) if spelling.strip() else ""
                    if key:
                        found.setdefault(key, i)
    return found


def programme_theme_rows(codes) -> tuple[list[dict], dict[str, str], list[str]]:
    """The ``themes.csv`` rows for the programme-part ``codes`` an import met.

    Parameters
    ----------
    codes : iterable of str
        The codes as the source writes them (``SC5``, ``Innovation in SMEs``,
        ``Euratom``), each any number of times.

    Returns
    -------
    rows : list of dict
        One row per part met (columns :data:`THEME_COLUMNS`, priority 1: a
        planner marks the strategy's own), in the shipped table's order, then
        one per code the table does not know (labelled by the code itself).
        An alias stays only with the first row that has it, and never where
        it would spell another row's id or label: each spelling names one
        theme ("climate" is SC5 in an H2020 network, CL5 in one of Horizon
        Europe alone).
    ids : dict
        Code -> the theme id it became (``Innovation in SMEs`` -> ``SME``).
    unknown : list of str
        The codes the table does not know.

    Examples
    --------
    >>> rows, ids, unknown = programme_theme_rows(["SC5", "Innovation in SMEs", "SC5", "XYZ"])
    >>> [r["id"] for r in rows], ids["Innovation in SMEs"], unknown
    (['SC5', 'SME', 'XYZ'], 'SME', ['XYZ'])
    >>> rows[0]["short_en"], "climate" in rows[0]["aliases"].split(";")
    ('Climate and environment', True)
    >>> he, _, _ = programme_theme_rows(["CL5"])
    >>> "climate" in he[0]["aliases"].split(";")
    True
    """
    table, lookup = _table(), _lookup()
    ids, met, unknown = {}, set(), []
    for code in codes:
        if code in ids:
            continue
        index = lookup.get(theme_key(code))
        if index is None:
            ids[code] = code
            unknown.append(code)
        else:
            ids[code] = table[index]["id"]
            met.add(index)
    rows = [{c: 1 if c == "priority" else table[i][c] for c in THEME_COLUMNS}
            for i in sorted(met)]
    rows += [{"id": code, "label_en": code, "priority": 1} for code in unknown]
    _share_aliases(rows)
    return rows, ids, unknown


def _share_aliases(rows) -> None:
    taken = {theme_key(row.get(c) or "") for row in rows
             for c in ("id", "label_en", "label_de", "short_en", "short_de")}
    taken.discard("")
    for row in rows:
        kept = []
        for alias in (row.get("aliases") or "").split(";"):
            key = theme_key(alias) if alias.strip() else ""
            if key and key not in taken:
                taken.add(key)
                kept.append(alias.strip())
        if "aliases" in row:
            row["aliases"] = ";".join(kept)
