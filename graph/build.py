"""Validate input tables and build an :class:`~actornet.graph.network.ActorNetwork`.

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

import itertools
import math
import re

import networkx as nx

from actornet.graph._gc import gc_paused
from actornet.graph.errors import InputError, SchemaError
from actornet.graph.network import ActorNetwork, tie_key
from actornet.graph.load_report import LoadReport, Problem
from actornet.graph.schema import (
    ACTOR_KINDS, MAX_INTENSITY, MIN_INTENSITY, Kind, Theme, ThemeTable, TieType, fold_text,
    normalize_token, parse_external_ids, parse_kind, parse_tie_type,
)
from actornet.graph.tables import NetworkTables, Record

__all__ = ["build_network", "MIN_YEAR", "MAX_YEAR"]

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
    def __init__(self, tables: NetworkTables, progress=None, *, fast=True):
        self.tables = tables
        #: take the fast path for rows it can check (``False``: every row by the
        #: reference path, row by row; both give the same network and report)
        self.fast = fast
        self._edges = []  # (source, target, key, attrs) of kept ties, added in bulk
        self._places = None  # the table's cities by GeoNames place, made on first need
        self.report = LoadReport()
        self.graph = nx.MultiDiGraph(name=tables.name)
        # where each kept node, rejected id and tie came from, for messages
        self.node_origin: dict[str, tuple[str, int | None, str | None]] = {}
        self.rejected_ids: dict[str, tuple[str, int | None, str | None]] = {}
        self.tie_origin = _Origins()
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
                if self.fast and table.data is not None:
                    self._columnar_nodes(table, is_project, pending)
                    continue
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

    def _columnar_nodes(self, table, is_project, pending):
        """The actor or project rows of a table read into columns, in order.

        Each check's answer is worked out once per distinct cell text (a
        kind, year, coordinate, themes or aliases cell repeats); a row whose
        every value is plainly valid is kept here, with the bookkeeping
        :meth:`_node_row` does; any other row goes to :meth:`_node_row`
        itself, which finds and reports its problems. The state both read
        (ids kept so far, themes the data names) is kept row by row, so the
        rows and the report are the same as the reference's."""
        data, file, n = table.data, table.file, len(table.lines)

        def column(name):
            return data[name] if name in data else itertools.repeat("", n)

        scratch = _Defects("", Record(None, {}), [])

        def distinct(name, parse):
            return {text: parse(text) for text in set(column(name))}

        def checked(parse):
            def check(text):
                if not text:
                    return None
                scratch.warnings = []
                value = parse(text, scratch)
                return _MISS if scratch.warnings or scratch.items else value
            return check

        if is_project:
            kind_text = distinct("kind", lambda t: Kind.PROJECT if not t or _fixed_kind(t, Kind.PROJECT)
                                 else None)
        else:
            kind_text = distinct("kind", _actor_kind)
        themes_given = self.themes_given
        named = self._named_themes
        if themes_given:
            theme_cells = distinct("themes", self._known_themes)
        else:
            inferable = len(self.themes) == 0  # else: rows with themes to the reference
            theme_cells = distinct("themes", lambda t: [(item, normalize_token(fold_text(item)))
                                                        for item in _list(t)] if inferable
                                   else (_MISS if _list(t) else []))
        alias_cells = distinct("aliases", _list)
        external = distinct("external_ids", checked(_external_ids))
        if is_project:
            first = distinct("since", checked(lambda t, d: _year(t, "since", d)))
            second = distinct("until", checked(lambda t, d: _year(t, "until", d)))
            names = ("since", "until")
        else:
            first = distinct("lat", checked(lambda t, d: _number(
                t, "lat", d, -90, 90, "latitude in decimal degrees, -90 to 90")))
            second = distinct("lon", checked(lambda t, d: _number(
                t, "lon", d, -180, 180, "longitude in decimal degrees, -180 to 180")))
            names = ("lat", "lon")
        extras = [c for c in table.columns if c not in table.spec.known]
        extra_cells = list(zip(*(data[c] for c in extras))) if extras else itertools.repeat(())
        cities = itertools.repeat("", n) if is_project else column("city")
        pending_ids, origin, themes = self._pending_ids, self.node_origin, self.themes
        lines = table.lines.tolist() if hasattr(table.lines, "tolist") else list(table.lines)

        def as_list(values):
            return values.tolist() if hasattr(values, "tolist") else values

        rows = zip(range(n), lines, *(as_list(column(name)) for name in (
            "id", "kind", "name", "country", "evidence", "themes", "aliases", names[0],
            names[1])), as_list(cities), extra_cells,
                   itertools.repeat("", n) if is_project else as_list(column("external_ids")))
        kind_text = {text: (kind, kind.value) if kind is not None else (None, None)
                     for text, kind in kind_text.items()}
        simple = _SIMPLE_TOKEN.fullmatch
        for (i, line, node_id, kind, name, country, evidence, themes_cell, aliases, one, two,
             city, extra, ext) in rows:
            kind, kind_value = kind_text[kind]
            theme_ids = theme_cells[themes_cell]
            one, two, ext = first[one], second[two], external[ext]
            plain = (node_id and kind is not None and name and theme_ids is not _MISS
                     and one is not _MISS and two is not _MISS and ext is not _MISS
                     and node_id not in origin and node_id not in pending_ids
                     and node_id not in themes)
            if plain and named:  # an id that folds to a theme the data names
                plain = (node_id if simple(node_id) else
                         normalize_token(fold_text(node_id))) not in named
            if plain and theme_ids and not themes_given:
                plain = not any(item in origin or item in pending_ids for item, _ in theme_ids)
            if plain and is_project and one is not None and two is not None and two < one:
                plain = False
            if not plain:
                result = self._node_row(table, table.record(i), is_project=is_project)
                if result is not None:
                    pending.append(result)
                continue
            attrs = {"kind": kind_value, "name": name}
            if country:
                attrs["country"] = country
            if evidence:
                attrs["evidence"] = evidence
            new_themes = []
            if themes_given:
                if theme_ids:
                    attrs["themes"] = list(theme_ids)
            elif theme_ids:
                out = []
                for item, token in theme_ids:
                    theme_id = named.setdefault(token, item)
                    new_themes.append(theme_id)
                    if theme_id not in out:
                        out.append(theme_id)
                attrs["themes"] = out
            aliases = alias_cells[aliases]
            if aliases:
                attrs["aliases"] = list(aliases)
            if ext:
                attrs["external_ids"] = list(ext)
            if is_project:
                if one is not None:
                    attrs["since"] = one
                if two is not None:
                    attrs["until"] = two
            else:
                if one is not None:
                    attrs["lat"] = float(one)
                if two is not None:
                    attrs["lon"] = float(two)
            for column_name, value in zip(extras, extra):
                if value:
                    attrs[column_name] = value
            pending_ids[node_id] = (file, line, None)
            pending.append((file, line, None, node_id, attrs, city or None, new_themes))
        self._advance(n)

    def _known_themes(self, text):
        """The theme ids of a themes cell when every theme in it is known, else ``_MISS``
        (:meth:`_themes` without its warnings, without naming new themes)."""
        out = []
        for item in _list(text):
            theme = self.themes.find(item)
            if theme is None:
                return _MISS
            if theme.id not in out:
                out.append(theme.id)
        return tuple(out)

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
            if self.fast and table.data is not None:
                self._columnar_ties(table)
                continue
            if self.fast:
                self._fast_ties(table)
                continue
            for record in table.records:
                self._tick()
                self._tie_row(table, record)

    def _columnar_ties(self, table):
        """The ties of a table read into columns, checked whole columns at a time.

        Every check of :meth:`_tie_row` is worked out for whole columns: the
        endpoints' kinds by dictionary lookups, each type, year, weight,
        themes and project cell once per distinct text, whether the type
        allows the kinds by a table lookup, the keys (given or derived) and
        their duplicates at once. The plainly valid rows are kept in runs,
        their attribute dicts built in bulk; every other row (and a row whose
        key an earlier row of the reference path took) goes to
        :meth:`_tie_row`, in order, so that the network and the report are
        the same as row by row."""
        import numpy as np
        import pandas as pd

        data, file = table.data, table.file
        n = len(table.lines)
        if n == 0:
            return
        kinds = self.kinds

        def column(name):
            values = data.get(name)
            return None if values is None else np.asarray(values, dtype=object)

        types = column("type")
        kind_list = list(Kind)
        missing = len(kind_list)
        code = {k: i for i, k in enumerate(kind_list)}
        # Both ends at once, by their distinct ids: each id's kind looked up
        # once, and each end made the graph's own id object, so that later
        # dictionary lookups (the adjacency) find it by identity.
        ends, ids = pd.factorize(np.concatenate((column("source"), column("target"))))
        canonical = {node: node for node in kinds}
        ids = ids.tolist()
        end_kind = np.array([code.get(kinds.get(i), missing) for i in ids], dtype=np.int64)
        ids = _objects([canonical.get(i, i) for i in ids])
        source, target = ids[ends[:n]], ids[ends[n:]]
        source_code, target_code = end_kind[ends[:n]], end_kind[ends[n:]]
        type_code, type_texts = pd.factorize(types)
        tie_types = [_cached_tie_type(text) for text in type_texts]
        allowed = np.zeros((len(tie_types) + 1, missing + 1, missing + 1), dtype=bool)
        for t, tie_type in enumerate(tie_types):
            if tie_type is not None:
                for a, source_kind in enumerate(kind_list):
                    for b, target_kind in enumerate(kind_list):
                        allowed[t, a, b] = tie_type.allows(source_kind, target_kind)
        plain = allowed[type_code, source_code, target_code]
        plain &= ends[:n] != ends[n:]  # not a tie from an actor to itself
        type_values = _objects([t.value if t is not None else "" for t in tie_types])[type_code]

        def per_text(values, parse):
            """(value per row, None when empty or not plainly valid; whether it is)."""
            out = np.full(n, None, dtype=object)
            ok = np.ones(n, dtype=bool)
            if values is None:
                return out, ok
            given = np.flatnonzero(values != "")
            if len(given):
                codes, texts = pd.factorize(values[given])
                parsed = [parse(text) for text in texts]
                ok[given] = np.array([p is not _MISS for p in parsed], dtype=bool)[codes]
                out[given] = _objects([None if p is _MISS else p for p in parsed])[codes]
            return out, ok

        since, ok = per_text(column("since"), _cached_year)
        plain &= ok
        until, ok = per_text(column("until"), _cached_year)
        plain &= ok
        both = np.flatnonzero((since != None) & (until != None))  # noqa: E711 (elementwise)
        if len(both):
            plain[both[until[both] < since[both]]] = False
        weight, ok = per_text(column("weight"), _cached_weight)
        plain &= ok
        themes, ok = per_text(column("themes"),
                              lambda text: self._known_themes(text) or None)  # () -> None
        plain &= ok
        PROJECT = Kind.PROJECT
        project, ok = per_text(column("project"),
                               lambda text: text if kinds.get(text) is PROJECT else _MISS)
        plain &= ok
        # keys: the id given, else tie_key's, spelled out
        keys = column("id")
        if keys is None:
            keys = np.full(n, "", dtype=object)
        derive = np.flatnonzero(keys == "")
        if len(derive):
            suffix = np.full(len(derive), "", dtype=object)
            years = since[derive]
            has = np.flatnonzero(years != None)  # noqa: E711 (elementwise)
            if len(has):
                suffix[has] = "@" + years[has].astype(str).astype(object)
            projects = project[derive]
            has = np.flatnonzero(projects != None)  # noqa: E711
            if len(has):
                suffix[has] = suffix[has] + "#" + projects[has]
            keys = keys.copy()
            keys[derive] = (source[derive] + ">" + type_values[derive] + ">" + target[derive]
                            + suffix)
        plain &= ~pd.Index(keys).duplicated(keep=False)
        # attribute dicts of the plain rows, in bulk per set of attributes present
        present = [("type", type_values)]
        for name, values in (("themes", themes), ("since", since), ("until", until),
                             ("weight", weight), ("project", project)):
            present.append((name, values))
        for name in ("role", "status", "evidence", "claimed_by",
                     *(c for c in table.columns if c not in table.spec.known)):
            values = column(name)
            if values is not None:
                present.append((name, np.where(values == "", None, values)))
        rows = np.flatnonzero(plain)
        attrs = np.full(n, None, dtype=object)
        if len(rows):
            # which attributes each row has, as bits (in pieces of 60 columns)
            pieces = [np.zeros(len(rows), dtype=np.int64)
                      for _ in range(1 + (len(present) - 1) // 60)]
            masks = []
            for bit, (name, values) in enumerate(present[1:]):
                has = values[rows] != None  # noqa: E711 (elementwise)
                masks.append(has)
                pieces[bit // 60] |= has.astype(np.int64) << (bit % 60)
            pattern = (pieces[0] if len(pieces) == 1
                       else pd.MultiIndex.from_arrays(pieces).to_flat_index())
            codes, patterns = pd.factorize(pattern)
            for p in range(len(patterns)):
                which = np.flatnonzero(codes == p)
                chosen = [0] + [b + 1 for b, mask in enumerate(masks) if mask[which[0]]]
                names = [present[b][0] for b in chosen]
                values = [present[b][1][rows[which]].tolist() for b in chosen]
                if "themes" in names:
                    at = names.index("themes")
                    values[at] = list(map(list, values[at]))
                made = list(map(_dict_maker(names), *values))
                block = np.empty(len(made), dtype=object)
                block[:] = made
                attrs[rows[which]] = block
        self._keep_runs(table, plain, source.tolist(), target.tolist(), keys.tolist(),
                        attrs.tolist())

    def _keep_runs(self, table, plain, sources, targets, keys, attrs):
        """Keep the runs of plain rows in bulk; the others to :meth:`_tie_row`, in order.

        A plain row whose key a tie kept earlier already has (an earlier
        table's, a seat's, or one kept by :meth:`_tie_row` in this table)
        goes to :meth:`_tie_row` too, which reports the duplicate."""
        import heapq

        import numpy as np

        file, origin, edges = table.file, self.tie_origin, self._edges
        lines = table.lines.tolist() if hasattr(table.lines, "tolist") else list(table.lines)
        n = len(keys)
        rows = np.flatnonzero(plain)
        block = origin.block(file, [keys[i] for i in rows.tolist()], rows,
                             np.asarray(lines, dtype=np.int64))
        taken = np.flatnonzero(block.taken_before())  # keys kept before this table
        plain[rows[taken]] = False
        waiting = np.flatnonzero(~plain).tolist()  # sorted: a heap already
        kept = 0
        start = 0
        while True:
            stop = heapq.heappop(waiting) if waiting else n
            if stop < start:
                continue  # already handled
            if start < stop:
                edges.extend(zip(sources[start:stop], targets[start:stop], keys[start:stop],
                                 attrs[start:stop]))
                block.show(start, stop)
                kept += stop - start
            if stop == n:
                self._advance(stop - start)
                break
            before = len(edges)
            self._tie_row(table, table.record(stop))
            if len(edges) > before:  # kept: a later plain row with its key is a duplicate
                later = block.row_of(edges[-1][2])
                if later is not None and later > stop and plain[later]:
                    plain[later] = False
                    heapq.heappush(waiting, later)
            self._advance(stop + 1 - start)
            start = stop + 1
        self.report.count(file).kept += kept

    def _advance(self, rows):
        """Count ``rows`` as done, calling the progress callback every 2,000 rows."""
        before = self._done
        self._done += rows
        if self.progress is not None and (self._done // 2000 > before // 2000
                                          or self._done == self._total):
            self.progress(self._done, self._total)

    def _fast_ties(self, table):
        """The ties of ``table``: rows whose every value is plainly valid are
        kept here, with each check's answer remembered per distinct cell text
        (a type, year, weight or themes cell repeats across many rows); any
        other row goes to :meth:`_tie_row`, the reference, which finds and
        reports its problems. Both keep a row alike, so the network and the
        report are the same as row by row (a test checks it)."""
        kinds, origin, edges, fallback = self.kinds, self.tie_origin, self._edges, self._tie_row
        file = table.file
        known = frozenset(table.spec.known)
        types, allowed, years, weights, theme_lists = {}, {}, {}, {}, {}
        texts = ("role", "status", "evidence", "claimed_by")
        themes_given = self.themes_given
        PROJECT = Kind.PROJECT
        done, total, progress = self._done, self._total, self.progress
        kept = 0
        for record in table.records:
            done += 1
            if progress is not None and (done % 2000 == 0 or done == total):
                self._done = done
                progress(done, total)
            values = record.values
            row = _fast_tie(values, kinds, types, allowed, years, weights, theme_lists,
                            themes_given, self, known, texts, PROJECT)
            if row is None or row[2] in origin:
                fallback(table, record)  # finds and reports what is wrong, or keeps the row
                continue
            edges.append(row)
            origin[row[2]] = (file, record.line, record.where)
            kept += 1
        self._done = done
        self.report.count(file).kept += kept

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


_MISS = object()  # a cached check that failed: the row goes to the reference path


def _fast_tie(values, kinds, types, allowed, years, weights, theme_lists, themes_given,
              builder, known, texts, PROJECT):
    """A tie row as ``(source, target, key, attrs)`` when every value in it is
    plainly valid (nothing to reject, nothing to leave empty, no theme to
    infer), else None. The checks are :meth:`_Builder._tie_row`'s, their
    answers cached per cell text."""
    source = values.get("source")
    target = values.get("target")
    if type(source) is not str or type(target) is not str:
        return None
    source, target = source.strip(), target.strip()
    source_kind, target_kind = kinds.get(source), kinds.get(target)
    if source_kind is None or target_kind is None or source == target:
        return None
    type_text = values.get("type")
    found = types.get(type_text, _MISS) if type(type_text) is str else None
    if found is _MISS:
        found = _cached_tie_type(type_text)
        found = types[type_text] = (found, found.value) if found is not None else None
    if found is None:
        return None
    tie_type, type_value = found
    ok = allowed.get((tie_type, source_kind, target_kind))
    if ok is None:
        ok = allowed[tie_type, source_kind, target_kind] = tie_type.allows(source_kind,
                                                                           target_kind)
    if not ok:
        return None
    since = until = weight = project = None
    value = values.get("since")
    if value is not None:
        since = _remembered(years, value, _cached_year)
        if since is _MISS:
            return None
    value = values.get("until")
    if value is not None:
        until = _remembered(years, value, _cached_year)
        if until is _MISS:
            return None
    if since is not None and until is not None and until < since:
        return None
    value = values.get("weight")
    if value is not None:
        weight = _remembered(weights, value, _cached_weight)
        if weight is _MISS:
            return None
    themes = None
    value = values.get("themes")
    if value is not None:
        if themes_given:
            themes = _remembered(theme_lists, value, lambda text: _cached_themes(builder, text))
        else:  # the themes the data names change as rows are kept: no cache
            themes = _cached_themes(builder, value)
        if themes is _MISS:
            return None
    value = values.get("project")
    if value is not None:
        if type(value) is not str:
            return None
        project = value.strip() or None
        if project is not None and kinds.get(project) is not PROJECT:
            return None
    key = values.get("id")
    if key is not None:
        if type(key) is not str:
            return None
        key = key.strip() or None
    if key is None:  # tie_key's derived id, spelled out
        key = f"{source}>{type_value}>{target}"
        if since is not None:
            key += f"@{since}"
        if project is not None:
            key += f"#{project}"
    attrs = {"type": type_value}
    if themes:
        attrs["themes"] = list(themes)
    if since is not None:
        attrs["since"] = since
    if until is not None:
        attrs["until"] = until
    if weight is not None:
        attrs["weight"] = weight
    if project is not None:
        attrs["project"] = project
    for column in texts:
        value = values.get(column)
        if value is not None:
            text = value.strip() if type(value) is str else _text(value)
            if text:
                attrs[column] = text
    if not known.issuperset(values):  # extra columns, kept as properties
        for column, value in values.items():
            if column not in known and value is not None:
                attrs[column] = value
    return source, target, key, attrs


class _Origins:
    """Where each kept tie came from: tie key -> (file, line, where).

    A dict, plus one block per table read into columns: the keys of its
    plain rows with their lines (checked against earlier keys with pandas,
    in C; looked up one by one only once a row of the reference path asks),
    each row visible once it is kept. Saves a million tuples and dict
    entries at a million ties.
    """

    def __init__(self):
        self._main = {}
        self._blocks = []

    def block(self, file, keys, rows, lines):
        block = _KeyBlock(self, file, keys, rows, lines)
        self._blocks.append(block)
        return block

    def __contains__(self, key):
        return key in self._main or any(b.line_of(key) is not None for b in self._blocks)

    def __getitem__(self, key):
        found = self._main.get(key)
        if found is not None:
            return found
        for block in self._blocks:
            line = block.line_of(key)
            if line is not None:
                return (block.file, line, None)
        raise KeyError(key)

    def __setitem__(self, key, origin):
        self._main[key] = origin


class _KeyBlock:
    """The plain rows' keys of one table (unique among them), and which are kept."""

    def __init__(self, origins, file, keys, rows, lines):
        import numpy as np

        self.origins, self.file = origins, file
        self.keys, self.rows, self.lines = keys, rows, lines
        self._index = None
        self._row = None
        self._shown = np.zeros(len(lines), dtype=bool)  # per row of the table

    @property
    def index(self):
        import pandas as pd

        if self._index is None:
            self._index = pd.Index(self.keys, dtype=object)
        return self._index

    def taken_before(self):
        """Which keys a tie kept before this block already has."""
        import numpy as np

        earlier = [b.index[b._shown[b.rows]] for b in self.origins._blocks if b is not self]
        taken = self.index.isin(list(self.origins._main)) if self.origins._main else \
            np.zeros(len(self.keys), dtype=bool)
        for index in earlier:
            taken |= self.index.isin(index)
        return taken

    def show(self, start, stop):
        self._shown[start:stop] = True

    def row_of(self, key):
        """The table row of a plain row with this key, or None."""
        if self._row is None:  # made on the first question: one lookup each after
            self._row = dict(zip(self.keys, self.rows.tolist()))
        return self._row.get(key)

    def line_of(self, key):
        """The line of the kept row with this key, or None."""
        row = self.row_of(key)
        return int(self.lines[row]) if row is not None and self._shown[row] else None


def _objects(values):
    """A 1-d object array of ``values`` (tuples and lists stay single items)."""
    import numpy as np

    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        out[i] = value
    return out


def _dict_maker(names):
    """A function of len(names) arguments returning ``dict(zip(names, args))``,
    built as a dict display: about twice as fast per row. The names are
    passed in as values, never written into the code."""
    scope = {f"k{i}": name for i, name in enumerate(names)}
    args = ", ".join(f"a{i}" for i in range(len(names)))
    body = ", ".join(f"k{i}: a{i}" for i in range(len(names)))
    return eval(f"lambda {args}: {{{body}}}", scope)  # noqa: S307 (no input text in it)


def _remembered(answers, value, check):
    """``check(value)`` for a text cell, remembered in ``answers`` per text;
    ``_MISS`` for a cell that is not text (the reference path reads it)."""
    if type(value) is not str:
        return _MISS
    found = answers.get(value, _MISS)
    if found is _MISS:
        found = answers[value] = check(value)
    return found


def _cached_tie_type(text):
    text = _text(text)
    if text is None:
        return None
    try:
        return parse_tie_type(text)
    except SchemaError:
        return None


def _cached_year(text):
    """:func:`_year` of a text cell, or ``_MISS`` when it would warn."""
    scratch = _Defects("", Record(None, {}), [])
    year = _year(text, "since", scratch)
    return _MISS if scratch.warnings else year


def _cached_weight(text):
    scratch = _Defects("", Record(None, {}), [])
    weight = _number(text, "weight", scratch, MIN_INTENSITY, MAX_INTENSITY, _WEIGHT_HINT)
    return _MISS if scratch.warnings or weight is None else weight


def _cached_themes(builder, text):
    """The theme ids of a cell, or ``_MISS`` when it would warn, reject or infer a theme."""
    scratch = _Defects("", Record(None, {}), [])
    new_themes = []
    themes = builder._themes(text, scratch, new_themes)
    if scratch.warnings or scratch.items or new_themes:
        return _MISS
    return tuple(themes)


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


def _fixed_kind(text, kind) -> bool:
    """Whether a kind cell's text names ``kind``."""
    try:
        return parse_kind(text) is kind
    except SchemaError:
        return False


def _actor_kind(text):
    """The kind an actors row's kind cell names, or None when the row is rejected for it."""
    if not text:
        return None
    try:
        kind = parse_kind(text)
    except SchemaError:
        return None
    return None if kind is Kind.THEME else kind


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


def build_network(tables: NetworkTables, *, progress=None, fast: bool = True) -> ActorNetwork:
    """Validate ``tables`` and build the network from the rows that pass.

    Parameters
    ----------
    tables : NetworkTables
        The raw tables from any reader.
    progress : callable, optional
        Called as ``progress(rows_done, rows_total)`` now and then, for a
        progress bar; the library itself never prints.
    fast : bool
        Check plainly valid rows on a fast path: for tables a reader handed
        over as columns (``RawTable.data``, CSV files), whole columns at a
        time with each check's answer worked out once per distinct cell text
        and the ties' attribute dicts built in bulk; for other tables, tie
        rows with answers cached per cell text. Every other row goes to the
        reference checks, in order. ``False`` checks every row by the
        reference path, row by row. Both give the same network and report.

    Returns
    -------
    ActorNetwork
        The network; its ``report`` lists every rejected row and the counts
        per file (rows read = kept + rejected).

    Raises
    ------
    InputError
        If no actor at all could be kept.

    Examples
    --------
    >>> from actornet.graph.tables import ACTORS, TIES, RawTable, Record
    >>> actors = RawTable(ACTORS, "actors.csv", ["id", "kind", "name", "city"], [
    ...     Record(2, {"id": "berlin", "kind": "city", "name": "Berlin", "city": None}),
    ...     Record(3, {"id": "007", "kind": "Federal Body", "name": "Agency", "city": "Berlin"}),
    ...     Record(4, {"id": "x", "kind": "planet", "name": "X", "city": None})], rows_read=3)
    >>> ties = RawTable(TIES, "ties.csv", ["source", "target", "type"], [], rows_read=0)
    >>> net = build_network(NetworkTables([actors], [ties]))
    >>> sorted(net.graph.nodes)
    ['007', 'berlin']
    >>> net.city_of("007")
    'berlin'
    >>> print(net.report.problems[0])
    actors.csv, line 4, column "kind": unknown kind (allowed: city, institution, company, federal_body, ngo, person, project, network, theme)
    >>> net.report.files["actors.csv"].kept, net.report.files["actors.csv"].rejected
    (2, 1)
    """
    with gc_paused():
        return _Builder(tables, progress, fast=fast).build()
