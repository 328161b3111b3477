"""The row-by-row reference of :func:`actornet.graph.build.build_network`.

The validation rules as they were stated before issue 23, one row at a
time: the parity tests (tests/graph/test_build_parity.py) check that the
package's columnar builder, whose rules are stated once over whole columns,
gives the same network and the same report, message for message.

Every row is checked. A row whose required field is broken (an id, kind or
name; a tie's source, target or type) is rejected whole; an unparseable or
implausible optional value (a year, weight, coordinate, priority, city,
theme, project) is left empty with a warning, so that one bad optional cell
never drops a row and everything tied to it. Each rejection and warning is
reported with file, line, column, reason and a fix hint, and rows read =
rows kept + rows rejected, per file. Messages never repeat a cell's value:
cells may hold personal data.
"""

from __future__ import annotations

import math
import re

import networkx as nx

from actornet.graph.gc_pause import gc_paused
from actornet.graph.errors import InputError, SchemaError
from actornet.graph.network import ActorNetwork, tie_key
from actornet.graph.load_report import LoadReport, Problem
from actornet.graph.schema import (
    ACTOR_KINDS, MAX_INTENSITY, MIN_INTENSITY, Kind, Theme, ThemeTable, TieType, fold_text,
    normalize_token, parse_external_ids, parse_kind, parse_tie_type,
)
from actornet.graph.tables import NetworkTables, Record

__all__ = ["reference_network"]

#: Years outside this range are taken to be typing mistakes: left empty with a
#: warning. The oldest city partnership (Paderborn-Le Mans) dates from 836.
MIN_YEAR = 500
MAX_YEAR = 2100

_YEAR = re.compile(r"[0-9]{3,4}")
#: ids that are their own normalize_token(fold_text(...)) (ASCII lower case and digits)
_SIMPLE_TOKEN = re.compile(r"[a-z0-9]+")
_WEIGHT_HINT = f"intensity runs from {MIN_INTENSITY} (weak) to {MAX_INTENSITY} (strong)"


class _Defects:
    """The defects found in one row: ``add`` rejects the row, ``blank`` warns
    that an optional value was left empty (the row is kept)."""

    def __init__(self, file: str, record: Record, warnings=None):
        self.file, self.record, self.items = file, record, []
        self.warnings = warnings if warnings is not None else []

    def add(self, column, reason, hint=""):
        self.items.append(Problem(self.file, self.record.line, column, reason, hint,
                                  self.record.where))

    def blank(self, column, reason, hint=""):
        self.warnings.append(Problem(self.file, self.record.line, column,
                                     f"{reason}; left empty", hint, self.record.where))

    def __bool__(self):
        return bool(self.items)


def _text(value):
    """A cell as a stripped string, or None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, int):
        value = str(value)
    elif isinstance(value, float):
        if math.isnan(value):
            return None
        value = str(int(value)) if value.is_integer() else repr(value)
    elif not isinstance(value, str):
        value = str(value)
    value = value.strip()
    return value or None


def _list(value):
    """A ``;``-separated cell (or a JSON list) as a list of stripped strings."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else str(value).split(";")
    out = []
    for item in items:
        text = _text(item)
        if text is not None and text not in out:
            out.append(text)
    return out


def _external_ids(value, defects):
    ids, bad = parse_external_ids(value)
    if bad:
        defects.blank("external_ids", "an external id is not scheme:value of a known scheme",
                      "write e.g. wikidata:Q64, geonames:2950159 or pic:999986678")
    return ids


def _year(value, column, defects):
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _text(value)
    if text is None:
        return None
    if not _YEAR.fullmatch(text):
        defects.blank(column, f"{column} is not a year",
                      "write a year such as 1994, or leave the cell empty")
        return None
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        defects.blank(column, f"{column} is outside the years {MIN_YEAR}-{MAX_YEAR}",
                      "check for a typing mistake")
        return None
    return year


def _number(value, column, defects, low, high, hint):
    if isinstance(value, str):
        value = _text(value)
    if value is None:
        return None
    try:
        number = float(value) if not isinstance(value, bool) else math.nan
    except (TypeError, ValueError):
        number = math.nan
    if math.isnan(number) or math.isinf(number):
        defects.blank(column, f"{column} is not a number", hint)
        return None
    if not low <= number <= high:
        defects.blank(column, f"{column} is outside {low:g}-{high:g}", hint)
        return None
    return int(number) if number.is_integer() else number


class _Builder:
    def __init__(self, tables: NetworkTables, progress=None):
        self.tables = tables
        self._edges = []  # (source, target, key, attrs) of kept ties, added in bulk
        self._places = None  # the table's cities by GeoNames place, made on first need
        self.report = LoadReport()
        self.graph = nx.MultiDiGraph(name=tables.name)
        # where each kept node, rejected id and tie came from, for messages
        self.node_origin: dict[str, tuple[str, int | None, str | None]] = {}
        self.rejected_ids: dict[str, tuple[str, int | None, str | None]] = {}
        self.tie_origin = {}
        self.themes = ThemeTable()
        self.themes_given = bool(tables.themes)
        self.kinds: dict[str, Kind] = {}  # kind of every node added so far
        self.progress = progress
        self._done = 0
        self._total = sum(t.rows_read for group in (tables.themes, tables.actors, tables.projects,
                                                    tables.ties) for t in group)

    def _tick(self):
        """Report progress every 2,000 rows (and at the end) to the caller's callback."""
        self._done += 1
        if self.progress is not None and (self._done % 2000 == 0 or self._done == self._total):
            self.progress(self._done, self._total)

    # -- bookkeeping -------------------------------------------------------
    def _register(self, table):
        counter = self.report.count(table.file)
        counter.read += table.rows_read
        counter.rejected += len(table.problems)
        self.report.problems.extend(table.problems)
        extras = table.extra_columns
        if extras:
            known = self.report.extra_columns.setdefault(table.file, [])
            seen = set(known)  # a set: linear in the number of columns
            known.extend(c for c in extras if not (c in seen or seen.add(c)))

    def _keep(self, file):
        self.report.count(file).kept += 1

    def _reject(self, defects):
        self.report.count(defects.file).rejected += 1
        self.report.problems.extend(defects.items)

    @staticmethod
    def _where(origin):
        file, line, where = origin
        return f"{file} line {line}" if line is not None else f"{file} {where}"

    # -- themes ------------------------------------------------------------
    def build_themes(self):
        for table in self.tables.themes:
            for record in table.records:
                self._tick()
                defects = _Defects(table.file, record, self.report.warnings)
                values = record.values
                theme_id = _text(values.get("id"))
                if theme_id is None:
                    defects.add("id", "id is empty", "give every theme a unique id")
                elif (self.themes.find(theme_id, loosest=1) is not None
                      or theme_id in self.node_origin):  # another theme's alias may be an id
                    defects.add("id", "duplicate theme id",
                                "each theme is listed once; remove or rename one")
                _check_fixed_kind(values, Kind.THEME, defects)
                priority = _number(values.get("priority"), "priority", defects, 0, 1e9,
                                   "a priority weight is a number, 0 or more (higher is more important)")
                if defects:
                    self._reject(defects)
                    continue
                extras = _extras(values, table)
                theme = Theme(theme_id, _text(values.get("label_en")) or theme_id,
                              _text(values.get("label_de")) or "",
                              1.0 if priority is None else priority, extras)
                self.themes.add(theme)
                self._add_theme_node(theme)
                self.node_origin[theme_id] = (table.file, record.line, record.where)
                self._keep(table.file)

    def _add_theme_node(self, theme):
        attrs = dict(theme.properties)
        attrs.update(kind=Kind.THEME.value, name=theme.label_en, priority=theme.priority)
        if theme.label_de:
            attrs["label_de"] = theme.label_de
        self.graph.add_node(theme.id, **attrs)
        self.kinds[theme.id] = Kind.THEME

    def _add_inferred(self, new_themes):
        """Add the themes a kept row named when no themes table was given."""
        for theme_id in new_themes:
            if theme_id not in self.themes:
                theme = Theme(theme_id, theme_id, "", 1.0)
                self.themes.add(theme)
                self._add_theme_node(theme)

    def _themes(self, value, defects, new_themes):
        """Theme ids of a cell; unknown themes are defects when a table was given.

        Without a themes table, themes are whatever the data names: their ids
        go to ``new_themes``, to be added if the row is kept.
        """
        out = []
        for item in _list(value):
            theme = self.themes.find(item)
            if theme is not None:
                theme_id = theme.id
            elif not self.themes_given:
                theme_id = self._inferred_id(item, "themes", defects)
                if theme_id is None:
                    continue
                new_themes.append(theme_id)
            else:
                defects.blank("themes", "unknown theme", self.themes.suggest(item))
                continue
            if theme_id not in out:
                out.append(theme_id)
        return out

    def _inferred_id(self, text, column, defects):
        """The id of a theme the data names (no themes table): its first spelling
        ("Climate" and "climate" are one theme), unless an actor or project has it."""
        if text in self.node_origin or text in self._pending_ids:
            defects.add(column, "a theme named here has the id of an actor or project",
                        "give themes and actors different ids, or list themes in themes.csv")
            return None
        return self._named_themes.setdefault(normalize_token(fold_text(text)), text)

    # -- actors and projects -------------------------------------------------
    def build_nodes(self):
        pending = []  # (file, line, where, node_id, attrs, city_text, new_themes)
        for tables, is_project in ((self.tables.actors, False), (self.tables.projects, True)):
            for table in tables:
                for record in table.records:
                    self._tick()
                    result = self._node_row(table, record, is_project=is_project)
                    if result is not None:
                        pending.append(result)
        # An actor's city may be listed after it: resolve cities once all are known.
        city_value = Kind.CITY.value
        cities = {entry[3]: entry[4] for entry in pending if entry[4]["kind"] == city_value}
        city_lookup = _city_lookup(cities)
        # kinds whose city is plainly theirs (others are warned about by _resolve_city)
        seated = {k.value for k in TieType.BASED_IN.sources} - {city_value, Kind.PROJECT.value}
        kind_of = {k.value: k for k in Kind}
        based_in = []
        graph, kinds, origin, warnings = self.graph, self.kinds, self.node_origin, self.report.warnings
        node_dicts, succ, pred = graph._node, graph._succ, graph._pred
        kept = {}
        for file, line, where, node_id, attrs, city_text, new_themes in pending:
            if city_text is not None:
                if city_text in cities and attrs["kind"] in seated:
                    city_id = city_text
                else:
                    defects = _Defects(file, Record(line, {}, where), warnings)
                    # An unknown city is left empty with a warning: the actor is kept.
                    city_id = self._resolve_city(city_text, cities, city_lookup, attrs, defects)
                if city_id is not None:
                    based_in.append((node_id, city_id))
            if new_themes:
                self._add_inferred(new_themes)
            # graph.add_node(node_id, **attrs) of a new node, without its checks
            succ[node_id], pred[node_id], node_dicts[node_id] = {}, {}, attrs
            kinds[node_id] = kind_of[attrs["kind"]]
            origin[node_id] = (file, line, where)
            kept[file] = kept.get(file, 0) + 1
        for file, count in kept.items():
            self.report.count(file).kept += count
        based_in_type = TieType.BASED_IN.value
        for node_id, city_id in based_in:
            if city_id in self.kinds:  # a node of the graph
                key = f"{node_id}>{based_in_type}>{city_id}"  # tie_key's
                self._edges.append((node_id, city_id, key, {"type": based_in_type}))
                self.tie_origin[key] = self.node_origin[node_id]
            # else: the city row itself was rejected; it is reported there.

    def _resolve_city(self, text, cities, lookup, attrs, defects):
        kind = attrs["kind"]
        if kind == Kind.CITY.value:
            defects.blank("city", "a city cannot sit in a city",
                          "leave the city column empty for cities")
            return None
        if kind == Kind.PROJECT.value:
            defects.blank("city", "a project has no city column",
                          "link the project to its actors with PARTICIPATES_IN ties")
            return None
        if Kind(kind) not in TieType.BASED_IN.sources:
            defects.blank("city", f"a {kind} has no city column",
                          "link its members to it with MEMBER_OF ties")
            return None
        if text in cities:
            return text
        matches = lookup.get(fold_text(text), set())
        if len(matches) == 1:
            return next(iter(matches))
        if not matches:  # another spelling of a city of the table ("Warschau": Warsaw)
            if self._places is None:
                from actornet.graph.gazetteer import PlaceIndex

                self._places = PlaceIndex(cities)
            found = self._places.city_named(text, attrs.get("country"))
            if found is not None:
                return found
        if len(matches) > 1:
            defects.blank("city", "city matches several cities",
                          "write the city's id from actors.csv")
        elif text in self.rejected_ids:
            defects.blank("city", "city refers to a row that was rejected at "
                          + self._where(self.rejected_ids[text]), "fix that row first")
        else:
            defects.blank("city", "city is not the id, name or alias of a city in the actors table",
                          "add the city as an actor of kind city, or correct the spelling")
        return None

    def _node_row(self, table, record, *, is_project):
        defects = _Defects(table.file, record, self.report.warnings)
        values = record.values
        node_id = _text(values.get("id"))
        if node_id is None:
            defects.add("id", "id is empty", "give every row a unique id")
        if is_project:
            kind = Kind.PROJECT
            _check_fixed_kind(values, Kind.PROJECT, defects)
        else:
            kind = None
            kind_text = _text(values.get("kind"))
            if kind_text is None:
                defects.add("kind", "kind is empty",
                            "allowed: " + ", ".join(k.value for k in Kind if k is not Kind.THEME))
            else:
                try:
                    kind = parse_kind(kind_text)
                except SchemaError as err:
                    defects.add("kind", "unknown kind", str(err).removeprefix("unknown kind; "))
            if kind is Kind.THEME:
                defects.add("kind", "themes are not actors", "list themes in themes.csv")
        name = _text(values.get("name"))
        if name is None:
            defects.add("name", "name is empty", "give every row a name")
        if node_id is not None:
            earlier = self.node_origin.get(node_id) or self._pending_ids.get(node_id)
            if earlier is not None:
                defects.add("id", "duplicate id: first used at " + self._where(earlier),
                            "ids must be unique across actors, projects and themes")
            elif node_id in self.themes or normalize_token(fold_text(node_id)) in self._named_themes:
                defects.add("id", "duplicate id: a theme has this id",
                            "ids must be unique across actors, projects and themes")
        attrs = {"kind": kind.value if kind else None, "name": name}
        for column in ("country", "evidence"):
            text = _text(values.get(column))
            if text is not None:
                attrs[column] = text
        new_themes = []
        themes = self._themes(values.get("themes"), defects, new_themes)
        if themes:
            attrs["themes"] = themes
        aliases = _list(values.get("aliases"))
        if aliases:
            attrs["aliases"] = aliases
        external = [] if is_project else _external_ids(values.get("external_ids"), defects)
        if external:
            attrs["external_ids"] = external
        if is_project:
            since = _year(values.get("since"), "since", defects)
            until = _year(values.get("until"), "until", defects)
            until = _check_period(since, until, defects)
            if since is not None:
                attrs["since"] = since
            if until is not None:
                attrs["until"] = until
        else:
            lat = _number(values.get("lat"), "lat", defects, -90, 90,
                          "latitude in decimal degrees, -90 to 90")
            lon = _number(values.get("lon"), "lon", defects, -180, 180,
                          "longitude in decimal degrees, -180 to 180")
            if lat is not None:
                attrs["lat"] = float(lat)
            if lon is not None:
                attrs["lon"] = float(lon)
        attrs.update(_extras(values, table))
        if defects:
            self._reject(defects)
            if node_id is not None:
                self.rejected_ids.setdefault(node_id, (table.file, record.line, record.where))
            return None
        self._pending_ids[node_id] = (table.file, record.line, record.where)
        city_text = None if is_project else _text(values.get("city"))
        return table.file, record.line, record.where, node_id, attrs, city_text, new_themes

    # -- ties --------------------------------------------------------------
    def build_ties(self):
        for table in self.tables.ties:
            for record in table.records:
                self._tick()
                self._tie_row(table, record)

    def _endpoint(self, values, column, defects, new_themes):
        node_id = _text(values.get(column))
        if node_id is None:
            defects.add(column, f"{column} is empty", "name the actor by its id")
            return None, None
        if node_id in self.graph:
            return node_id, self.kinds[node_id]
        theme = self.themes.find(node_id)
        if theme is not None:
            return theme.id, Kind.THEME
        if not self.themes_given and column == "target" and \
                normalize_token(_text(values.get("type")) or "") == "works_on":
            theme_id = self._inferred_id(node_id, column, defects)  # the data names the themes
            if theme_id is None:
                return None, None
            new_themes.append(theme_id)
            return theme_id, Kind.THEME
        if node_id in self.rejected_ids:
            defects.add(column, f"{column} refers to a row that was rejected at "
                        + self._where(self.rejected_ids[node_id]), "fix that row first")
        else:
            defects.add(column, f"{column} is not the id of any actor, project or theme",
                        "ties name actors by their id in actors.csv; check the spelling")
        return None, None

    def _tie_row(self, table, record):
        defects = _Defects(table.file, record, self.report.warnings)
        values = record.values
        new_themes = []
        source, source_kind = self._endpoint(values, "source", defects, new_themes)
        target, target_kind = self._endpoint(values, "target", defects, new_themes)
        tie_type = None
        type_text = _text(values.get("type"))
        if type_text is None:
            defects.add("type", "type is empty", "allowed: " + ", ".join(t.value for t in TieType))
        else:
            try:
                tie_type = parse_tie_type(type_text)
            except SchemaError as err:
                defects.add("type", "unknown tie type", str(err).removeprefix("unknown tie type; "))
        if tie_type is not None and source_kind is not None and target_kind is not None:
            if not tie_type.allows(source_kind, target_kind):
                defects.add("type", f"a {tie_type.value} tie cannot go from {source_kind.value} "
                            f"to {target_kind.value}",
                            f"{tie_type.value} goes from {_kinds(tie_type.sources)} "
                            f"to {_kinds(tie_type.targets)}")
        if source is not None and source == target:
            defects.add("target", "a tie from an actor to itself", "remove the row")
        since = _year(values.get("since"), "since", defects)
        until = _year(values.get("until"), "until", defects)
        until = _check_period(since, until, defects)
        weight = _number(values.get("weight"), "weight", defects, MIN_INTENSITY, MAX_INTENSITY,
                         _WEIGHT_HINT)
        themes = self._themes(values.get("themes"), defects, new_themes)
        project = _text(values.get("project"))
        if project is not None and self.kinds.get(project) is not Kind.PROJECT:
            defects.blank("project", "project is not the id of a project",
                          "list the project in projects.csv")
            project = None
        key = _text(values.get("id"))
        if key is None and not defects:  # a derived key from bad values would be meaningless
            key = tie_key(source, tie_type, target, since=since, project=project)
            duplicate_reason = "duplicate tie: same source, type, target, since and project as "
            duplicate_hint = "merge the two rows, or give each tie an id in an id column"
        else:
            duplicate_reason = "duplicate tie id: also used at "
            duplicate_hint = "tie ids must be unique"
        if key is not None and key in self.tie_origin:
            defects.add("id" if "id" in values else None,
                        duplicate_reason + self._where(self.tie_origin[key]), duplicate_hint)
        if defects:
            self._reject(defects)
            return
        attrs = {"type": tie_type.value}
        if themes:
            attrs["themes"] = themes
        for column, value in (("since", since), ("until", until), ("weight", weight),
                              ("project", project)):
            if value is not None:
                attrs[column] = value
        for column in ("role", "status", "evidence", "claimed_by"):
            text = _text(values.get(column))
            if text is not None:
                attrs[column] = text
        attrs.update(_extras(values, table))
        self._add_inferred(new_themes)
        self._edges.append((source, target, key, attrs))
        self.tie_origin[key] = (table.file, record.line, record.where)
        self._keep(table.file)

    def build(self) -> ActorNetwork:
        self._pending_ids = {}
        self._named_themes = {}  # folded spelling -> id of themes rows named (no themes table)
        for tables in (self.tables.themes, self.tables.actors, self.tables.projects,
                       self.tables.ties):
            for table in tables:
                self._register(table)
        self.build_themes()
        self.build_nodes()
        self.build_ties()
        _add_edges(self.graph, self._edges)
        self._edges = []
        if self.progress is not None:
            self.progress(self._total, self._total)  # rows the readers rejected count as done
        actor_kinds = {k.value for k in ACTOR_KINDS}
        if not any(k in actor_kinds for _, k in self.graph.nodes(data="kind")):
            raise InputError("no actor could be kept: every row was rejected or the tables are empty",
                             file=self.tables.name,
                             hint="run `actornet validate` to see every problem")
        return ActorNetwork._adopt(self.graph, self.themes, report=self.report, name=self.tables.name)


def _add_edges(graph, edges):
    """Add keyed edges whose keys are new, in order, as ``add_edge`` would.

    Writes the adjacency dictionaries of the new graph directly: one dict
    lookup per edge instead of ``add_edge``'s checks (the builder has checked
    every key is unique and both ends are nodes). Writing a node's
    successors at once (grouped with numpy, one ``dict.update`` each) was
    tried and measured slower at 1M edges."""
    succ, pred = graph._succ, graph._pred
    for source, target, key, attrs in edges:
        successors = succ[source]
        keys = successors.get(target)
        if keys is None:  # the first tie between the two: its keys dict made whole
            successors[target] = pred[target][source] = {key: attrs}
        else:
            keys[key] = attrs


def _check_fixed_kind(values, kind, defects):
    """A kind cell in a table of one kind must be empty or name that kind."""
    text = _text(values.get("kind"))
    if text is None:
        return
    try:
        ok = parse_kind(text) is kind
    except SchemaError:
        ok = False
    if not ok:
        defects.add("kind", f"kind must be {kind.value} in this table",
                    f"leave it empty: every row here is a {kind.value}")


def _check_period(since, until, defects):
    """``until``, or None (with a warning) when it lies before ``since``."""
    if since is not None and until is not None and until < since:
        defects.blank("until", "until is before since", "a tie ends in or after the year it starts")
        return None
    return until


def _kinds(kinds) -> str:
    names = sorted(k.value for k in kinds)
    return names[0] if len(names) == 1 else "{" + ", ".join(names) + "}"


def _extras(values, table):
    """Unknown columns, kept as properties under the name written."""
    known = table.spec.known
    return {column: value for column, value in values.items()
            if column not in known and value is not None}


def _city_lookup(cities):
    lookup = {}
    for city_id, attrs in cities.items():
        for spelling in [attrs.get("name"), *attrs.get("aliases", [])]:
            if spelling:
                lookup.setdefault(fold_text(spelling), set()).add(city_id)
    return lookup


def reference_network(tables: NetworkTables, *, progress=None) -> ActorNetwork:
    """Validate ``tables`` row by row and build the network (the reference)."""
    with gc_paused():
        return _Builder(tables, progress).build()
