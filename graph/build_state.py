"""What the builder knows while it validates a network's tables, table by table.

:class:`BuildState` holds the network being built (its graph, themes and
the kind of every node), where each kept node, rejected id and kept tie came
from (for messages), the report, and progress. The steps that fill it
(:mod:`actornet.graph.build_themes`, :mod:`~actornet.graph.build_nodes`,
:mod:`~actornet.graph.build_ties`) share it and the stateful rules stated
here once: which themes a cell names, and where a row came from.
"""

from __future__ import annotations

import networkx as nx

from actornet.graph.load_report import LoadReport, Problem
from actornet.graph.rules import Flaw, cell_items
from actornet.graph.schema import Kind, Theme, ThemeTable, fold_text, normalize_token
from actornet.graph.tie_origins import TieOrigins

__all__ = ["BuildState", "where"]


def where(origin) -> str:
    """``ties.csv line 12`` (or ``network.json nodes[3]``): a row's place, for messages."""
    file, line, place = origin
    return f"{file} line {line}" if line is not None else f"{file} {place}"


class BuildState:
    """The network being built from validated rows, and the report."""

    def __init__(self, tables, progress=None):
        self.tables = tables
        self.report = LoadReport()
        self.graph = nx.MultiDiGraph(name=tables.name)
        self.edges = []  # (source, target, key, attrs) of kept ties, added in bulk
        self.node_origin: dict[str, tuple] = {}  # where each kept node came from
        self.rejected_ids: dict[str, tuple] = {}  # where each rejected id came from (first)
        self.pending_ids: dict[str, tuple] = {}  # nodes kept, before they enter the graph
        self.tie_origin = TieOrigins()
        self.themes = ThemeTable()
        self.themes_given = bool(tables.themes)
        self.named_themes: dict[str, str] = {}  # folded spelling -> id (no themes table)
        self.kinds: dict[str, Kind] = {}  # kind of every node added so far
        self.progress = progress
        self.done = 0
        self.total = sum(t.rows_read for group in (tables.themes, tables.actors,
                                                   tables.projects, tables.ties)
                         for t in group)

    # -- the report ----------------------------------------------------------
    def register(self, table):
        """Count a table's rows and the rows its reader rejected."""
        counter = self.report.count(table.file)
        counter.read += table.rows_read
        counter.rejected += len(table.problems)
        self.report.problems.extend(table.problems)
        extras = table.extra_columns
        if extras:
            known = self.report.extra_columns.setdefault(table.file, [])
            seen = set(known)  # a set: linear in the number of columns
            known.extend(c for c in extras if not (c in seen or seen.add(c)))

    def warn(self, origin, flaw: Flaw):
        """Report an optional value left empty (the row may be kept)."""
        file, line, place = origin
        self.report.warnings.append(Problem(file, line, flaw.column,
                                            f"{flaw.reason}; left empty", flaw.hint, place))

    def reject(self, origin, flaws):
        """Report a rejected row with its rejecting flaws, in the order found."""
        file, line, place = origin
        self.report.count(file).rejected += 1
        self.report.problems.extend(Problem(file, line, f.column, f.reason, f.hint, place)
                                    for f in flaws)

    def advance(self, rows):
        """Count ``rows`` as done, calling the progress callback every 2,000 rows."""
        before = self.done
        self.done += rows
        if self.progress is not None and (self.done // 2000 > before // 2000
                                          or self.done == self.total):
            self.progress(self.done, self.total)

    # -- themes ----------------------------------------------------------------
    def add_theme_node(self, theme):
        attrs = dict(theme.properties)
        attrs.update(kind=Kind.THEME.value, name=theme.label_en, priority=theme.priority)
        if theme.label_de:
            attrs["label_de"] = theme.label_de
        self.graph.add_node(theme.id, **attrs)
        self.kinds[theme.id] = Kind.THEME

    def add_inferred(self, new_themes):
        """Add the themes a kept row named when no themes table was given."""
        for theme_id in new_themes:
            if theme_id not in self.themes:
                theme = Theme(theme_id, theme_id, "", 1.0)
                self.themes.add(theme)
                self.add_theme_node(theme)

    def inferred_id(self, text, column):
        """The rule for a theme the data names (no themes table): ``(id, flaw)``.

        Its id is its first spelling ("Climate" and "climate" are one
        theme), unless an actor or project has it (the row is rejected)."""
        if text in self.node_origin or text in self.pending_ids:
            return None, Flaw(column, "a theme named here has the id of an actor or project",
                              "give themes and actors different ids, or list themes in "
                              "themes.csv", True)
        return self.named_themes.setdefault(normalize_token(fold_text(text)), text), None

    def theme_ids(self, cell, new_themes):
        """The rule for a themes cell: ``(theme ids, flaws)``.

        With a themes table, an unknown theme is left out with a warning;
        without one, themes are whatever the data names: their ids go to
        ``new_themes``, to be added if the row is kept."""
        out, flaws = [], []
        for item in cell_items(cell):
            theme = self.themes.find(item)
            if theme is not None:
                theme_id = theme.id
            elif not self.themes_given:
                theme_id, flaw = self.inferred_id(item, "themes")
                if flaw is not None:
                    flaws.append(flaw)
                    continue
                new_themes.append(theme_id)
            else:
                flaws.append(Flaw("themes", "unknown theme", self.themes.suggest(item), False))
                continue
            if theme_id not in out:
                out.append(theme_id)
        return out, flaws
