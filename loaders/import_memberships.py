"""``import memberships``: a long member x group table into a network folder.

Organisations x projects (CORDIS, keep.eu), cities x networks (Eurocities,
URBACT): one row per membership, the member by id or by name and country,
optionally joined to an actor table by id, the groups' full names and themes
optionally joined from further tables. Read in chunks; a row repeated cell
for cell is a duplicate; a member listed twice in one group with two roles
is one tie with the stronger role (lead over partner), both roles kept in
its evidence. Member and group ids live apart: a group whose id an actor
already has is renamed ``project_<id>`` (or ``network_<id>``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from actornet.graph.gc_pause import gc_paused
from actornet.graph.errors import InputError, SchemaError
from actornet.graph.names import clean_name, slug
from actornet.graph.load_report import Problem
from actornet.graph.schema import Kind, TieType, normalize_token, parse_kind
from actornet.loaders.import_network import ImportedNetwork, Places, display_name
from actornet.loaders.import_pairs import RowFilter, parse_kind_option
from actornet.loaders.import_rows import CHUNK_ROWS, SourceFile, blank_missing, find_column
from actornet.loaders.import_summary import FileSink, ImportSummary
from actornet.loaders.import_tables import (
    ActorTable, join_group_names, join_group_themes,
)
from actornet.loaders.import_values import is_missing, parse_coordinate, years

__all__ = ["import_memberships", "ROLE_RANK"]

#: How strong a role is: a member listed with two roles in one group keeps the stronger.
ROLE_RANK = {"lead": 3, "coordinator": 3, "lead partner": 3, "leadpartner": 3,
             "partner": 2, "participant": 2, "beneficiary": 2, "member": 1,
             "associated partner": 1, "observer": 0}
_OPTIONAL = ("member_name", "member_city", "member_country", "member_kind", "member_lat",
             "member_lon")


def import_memberships(files, output, *, member=None, group, member_name=None,
                       member_kind="institution", kind_map=None, member_city=None,
                       member_country=None, member_lat=None, member_lon=None, group_name=None,
                       group_kind="project", role=None, role_map=None, since=None, until=None,
                       themes=None, group_since=None, group_until=None, group_themes=None,
                       groups=None, extra=(), actors=None, actor_id=None, id_scheme=None,
                       delimiter=None, evidence=None, home=None, encoding=None, gazetteer=True,
                       chunk_rows=CHUNK_ROWS, theme_table=None) -> ImportSummary:
    """Import a long member x group table into the folder ``output``.

    Parameters
    ----------
    files : list of path-like
        Delimited text files (gzipped or not), one membership per row.
    member : str, optional
        The column of the member's id; without it the id is made from the
        member's name and country.
    group : str or list of str
        The column(s) naming the group; several are joined (keep.eu's
        Programme + Acronym).
    member_name, member_city, member_country, member_lat, member_lon : str, optional
        Columns of the member's name, town, country and coordinates: in the
        table, or in the ``actors`` table joined by id. An empty town makes
        no city; a town is resolved through the gazetteer.
    member_kind : str
        A kind for every member, or a column holding each member's kind
        (mapped through ``kind_map``; an unknown value gives an institution,
        with a warning).
    group_name : str, optional
        The column of the group's name (default: its id).
    group_kind : {"project", "network"}
        Members of a project take part (PARTICIPATES_IN); of a network, are
        members (MEMBER_OF).
    role, since, until, themes : str, optional
        Columns of the membership's role (mapped through ``role_map``),
        years and the group's themes (``;``-separated).
    group_since, group_until : str, optional
        Columns of the group's years.
    group_themes : tuple, optional
        ``(file, id column, theme column)``: the groups' themes.
    groups : tuple, optional
        ``(file, id column, name column)``: the groups' full names (a
        network's acronym stays as an alias).
    extra : list of str
        Further columns kept on each membership tie.
    actors, actor_id : optional
        An actor table and its id column, joined to ``member``.
    id_scheme : str, optional
        The scheme of the member ids (``pic``): kept in ``external_ids``.
    theme_table : callable, optional
        Codes -> ``(rows, ids, unknown)``: the ``themes.csv`` the groups'
        themes are named by (:func:`~actornet.loaders.programme_parts.programme_theme_rows`
        for CORDIS), written with the folder; each code becomes its theme's id.

    Returns
    -------
    ImportSummary
    """
    spec = _Spec(member, group, member_kind, kind_map, role_map, group_kind, extra, id_scheme,
                 {"member_name": member_name, "member_city": member_city,
                  "member_country": member_country, "member_kind": member_kind,
                  "member_lat": member_lat, "member_lon": member_lon},
                 {"group_name": group_name, "role": role, "since": since, "until": until,
                  "themes": themes, "group_since": group_since, "group_until": group_until})
    summary = ImportSummary(Path(output))
    net = ImportedNetwork(evidence)
    table = None
    if actors is not None:
        if member is None or actor_id is None:
            raise InputError("--actors needs --member and --actor-id to join on")
        table = ActorTable(actors, actor_id, summary, encoding=encoding)
    state = _State(net, summary, spec, table, Places(net, summary, gazetteer=gazetteer),
                   evidence)
    for path in files:
        source = SourceFile(path, delimiter=delimiter, encoding=encoding, chunk_rows=chunk_rows)
        cols = spec.columns(source, table)
        sink = FileSink(summary, source.file)
        rows = RowFilter()
        for frame, lines in source.chunks():
            state.chunk(frame, lines, cols, sink, rows)
        sink.take(source)
    if group_themes is not None:
        join_group_themes(net, summary, *group_themes, encoding=encoding)
    if groups is not None:
        join_group_names(net, summary, *groups, encoding=encoding)
    theme_rows = None if theme_table is None else _name_themes(net, summary, theme_table)
    ties = state.ties_frame()
    source = ", ".join(Path(f).name for f in files)
    net.write(output, ties, home=home, source=source, summary=summary, themes=theme_rows)
    return summary.finish()


class _Spec:
    """The options of a memberships import, checked once."""

    def __init__(self, member, group, member_kind, kind_map, role_map, group_kind, extra,
                 id_scheme, member_options, group_options):
        self.group_kind = parse_kind_option(group_kind, "--group-kind")
        if self.group_kind not in (Kind.PROJECT, Kind.NETWORK):
            raise InputError("--group-kind must be project or network")
        self.tie_type = (TieType.PARTICIPATES_IN if self.group_kind is Kind.PROJECT
                         else TieType.MEMBER_OF)
        try:
            self.fixed_kind = parse_kind(member_kind)
        except SchemaError:
            self.fixed_kind = None  # a column
        if self.fixed_kind is not None:
            member_options = dict(member_options, member_kind=None)
        self.kind_map = {normalize_token(k): parse_kind_option(v, "--kind-map").value
                         for k, v in (kind_map or {}).items()}
        self.role_map = {normalize_token(k): v for k, v in (role_map or {}).items()}
        self.member, self.extra, self.id_scheme = member, list(extra), id_scheme
        self._kinds: dict = {}
        self.groups = [group] if isinstance(group, str) else list(group)
        self.member_options, self.group_options = member_options, group_options
        if member is None and member_options["member_name"] is None:
            raise InputError("give --member (an id column) or --member-name")

    def columns(self, source, table) -> dict:
        """Option -> (column in the rows, column in the actor table), checked."""
        file = source.file
        cols = {"group": [find_column(source.columns, g, "--group", file=file)
                          for g in self.groups],
                "member": find_column(source.columns, self.member, "--member", file=file),
                "extra": [find_column(source.columns, c, "--extra", file=file)
                          for c in self.extra]}
        for option, name in self.group_options.items():
            cols[option] = find_column(source.columns, name, "--" + option.replace("_", "-"),
                                       file=file)
        for option, name in self.member_options.items():
            flag = "--" + option.replace("_", "-")
            here = find_column(source.columns, name, flag, file=file, required=table is None)
            there = table.column(name) if table is not None and name is not None else None
            if name is not None and here is None and there is None:
                raise InputError(f"no column named by {flag} in either table", file=file)
            cols[option] = (here, there)
        return cols

    def kind_of(self, raw, sink, column):
        """The kind a member's kind cell means (each distinct cell worked out once);
        an unknown one is an institution, with a warning on each row."""
        if self.fixed_kind is not None:
            return self.fixed_kind.value
        found = self._kinds.get(raw)
        if found is None:
            found = self._kinds[raw] = self._kind_of(raw)
        kind, unknown = found
        if unknown:
            sink.warn(column, "kind is not a kind of actor: an institution is assumed",
                      "map the column's values with --kind-map VALUE=KIND")
        return kind

    def _kind_of(self, raw):
        kind = self.kind_map.get(normalize_token(raw)) if raw else None
        if kind is None and raw:
            try:
                kind = parse_kind(raw).value
            except SchemaError:
                kind = None
        if kind is None or not Kind(kind).is_actor:
            return Kind.INSTITUTION.value, bool(raw)
        return kind, False

    def role_of(self, raw):
        if is_missing(raw):
            return None
        return self.role_map.get(normalize_token(raw), raw)


class _State:
    """What the rows built so far: members, groups and one tie per (member, group)."""

    def __init__(self, net, summary, spec, table, places, evidence):
        self.net, self.summary, self.spec, self.table = net, summary, spec, table
        self.places, self.evidence = places, evidence
        self.ties: dict[tuple, list] = {}
        self._members: dict[tuple, str | None] = {}

    def chunk(self, frame, lines, cols, sink, rows) -> None:
        fresh = rows.new(frame)
        sink.duplicate(int((~fresh).sum()))
        frame, lines = frame[fresh].copy(), lines[fresh]
        for option in ("role", "since", "until", "themes", "group_since", "group_until"):
            if cols[option]:
                frame[cols[option]] = blank_missing(frame[cols[option]])
        year_cols = {}
        for key in ("since", "until", "group_since", "group_until"):
            if cols[key]:
                year_cols[key] = years(frame[cols[key]].to_numpy(), lines, cols[key], sink)
        columns = list(frame.columns)
        records = (dict(zip(columns, row)) for row in zip(*(frame[c].tolist() for c in columns)))
        with gc_paused():  # a dict per row and per actor, none in a cycle
            for i, (values, line) in enumerate(zip(records, lines.tolist())):
                sink.line = line
                yrs = {k: v[i] for k, v in year_cols.items()}
                if self.row(values, yrs, cols, sink):
                    sink.keep()

    def value(self, values, joined, pair):
        here, there = pair
        found = values.get(here) if here else None
        if not found and there and joined is not None:
            found = joined.get(there)
        return None if is_missing(found) else found

    def row(self, values, yrs, cols, sink) -> bool:
        parts = [values[c] for c in cols["group"]]
        if not all(parts):
            column = cols["group"][[not p for p in parts].index(True)]
            sink.reject(column, f"{column} is empty", "every row names its group")
            return False
        ident = values[cols["member"]] if cols["member"] else None
        if cols["member"] and not ident:
            sink.reject(cols["member"], f"{cols['member']} is empty",
                        "every row names its member")
            return False
        member = self.member(values, ident, cols, sink)
        if member is None:
            return False
        group_id = " | ".join(parts)
        self.group(group_id, values, yrs, cols, sink)
        self.tie(member, group_id, values, yrs, cols)
        return True

    def member(self, values, ident, cols, sink):
        """The member's id (added to the network), or None with the row rejected."""
        joined = self.table.get(ident) if self.table is not None and ident else None
        spec, net = self.spec, self.net
        kind_cols = cols["member_kind"]
        kind = spec.kind_of(self.value(values, joined, kind_cols), sink,
                            kind_cols[0] or kind_cols[1])
        code = self._country(self.value(values, joined, cols["member_country"]),
                             cols["member_country"], sink)
        lat, lon = self._coordinates(values, joined, cols, sink)
        raw = self.value(values, joined, cols["member_name"])
        city_text = self.value(values, joined, cols["member_city"])
        seen = (ident, raw, kind, code, city_text, lat, lon)
        if ident is not None and seen in self._members:  # the same member again
            return self._members[seen]
        name = display_name(raw) if raw else None
        if ident is None and name is None:
            sink.reject(cols["member_name"][0] or cols["member_name"][1],
                        "the member's name is empty" if raw is None else
                        "the member's name has no letter or digit", "every row names its member")
            return None
        city_id = None
        if kind != Kind.CITY.value:  # the city first: an organisation named like it yields
            city_id = self.places.city(city_text, code, lat, lon)
        if ident is None and kind == Kind.CITY.value:
            ident = self.places.city(name, code, lat, lon)  # a city member by name
        elif ident is None:
            ident = net.free_id(slug(name) + (f"_{code.lower()}" if code else ""), kind)
        if name is None:
            self.summary.named_by_id += ident not in net.actors
            name = _unnamed(kind, ident, code, spec.id_scheme)
        external = [f"{spec.id_scheme}:{ident}"] if spec.id_scheme and cols["member"] else []
        net.actor(ident, kind, name, country=code, city=city_id,
                  lat=None if kind == Kind.CITY.value else lat,
                  lon=None if kind == Kind.CITY.value else lon, external_ids=external)
        self._members[seen] = ident
        return ident

    def _country(self, text, pair, sink):
        if text is None:
            return None
        from actornet.graph.names import country_code

        code = country_code(text)
        if code is None:
            sink.blank(pair[0] or pair[1], "country is not a country name or ISO 3166 code",
                       "write a country name or code such as Germany or DE")
        return code

    def _coordinates(self, values, joined, cols, sink):
        found = []
        for option, limit in (("member_lat", 90.0), ("member_lon", 180.0)):
            text = self.value(values, joined, cols[option])
            number = parse_coordinate(text, limit) if text else None
            if text and number is None:
                column = cols[option][0] or cols[option][1]
                sink.blank(column, f"{column} is not a coordinate in decimal degrees",
                           "write e.g. 52.52 (latitude) or 13.40 (longitude)")
            found.append(number)
        return tuple(found) if None not in found else (None, None)

    def group(self, group_id, values, yrs, cols, sink) -> None:
        g = self.net.groups.get(group_id)
        if g is None:
            name = values.get(cols["group_name"]) if cols["group_name"] else None
            g = self.net.groups[group_id] = {"id": group_id, "kind": self.spec.group_kind.value,
                                             "name": clean_name(name) or group_id}
            for key, column in (("since", "group_since"), ("until", "group_until")):
                if yrs.get(column) is not None:
                    g[key] = yrs[column]
            if self.evidence:
                g["evidence"] = self.evidence
        if cols["themes"] and values.get(cols["themes"]):
            themes = g.setdefault("themes", [])
            themes += [t.strip() for t in values[cols["themes"]].split(";")
                       if t.strip() and t.strip() not in themes]

    def tie(self, member, group_id, values, yrs, cols) -> None:
        role = self.spec.role_of(values.get(cols["role"])) if cols["role"] else None
        tie = self.ties.get((member, group_id))
        if tie is None:
            tie = self.ties[(member, group_id)] = {"roles": []}
            tie.update({k: yrs[k] for k in ("since", "until") if yrs.get(k) is not None})
            for column in cols["extra"]:
                if values.get(column):
                    tie[column] = values[column]
        else:
            for key, pick in (("since", min), ("until", max)):
                if yrs.get(key) is not None:
                    tie[key] = pick(tie.get(key, yrs[key]), yrs[key])
        if role is not None and role not in tie["roles"]:
            tie["roles"].append(role)
            if _rank(role) > _rank(tie.get("role")):
                tie["role"] = role

    def ties_frame(self) -> pd.DataFrame:
        """The ties as columns; groups whose id an actor has renamed first."""
        rename = _separate_namespaces(self.net)
        rows = []
        for (member, group_id), tie in self.ties.items():
            roles = tie.pop("roles")
            row = {"source": member, "target": rename.get(group_id, group_id),
                   "type": self.spec.tie_type.value, **tie}
            if len(roles) > 1:
                listed = "listed as " + ", ".join(roles)
                row["evidence"] = f"{self.evidence}: {listed}" if self.evidence else listed
            elif self.evidence:
                row["evidence"] = self.evidence
            rows.append(row)
        frame = pd.DataFrame(rows, columns=None if rows else ["source", "target", "type"])
        for key in ("since", "until"):
            if key in frame:
                frame[key] = frame[key].astype("Int64")
        first = [c for c in ("source", "target", "type", "role", "since", "until") if c in frame]
        return frame[first + [c for c in frame.columns if c not in first]]


def _name_themes(net, summary, theme_table) -> list[dict]:
    """The groups' theme codes as the ids of ``theme_table``'s rows; the rows."""
    if not callable(theme_table):
        raise InputError("theme_table must be a function of the theme codes")
    codes = [t for g in net.groups.values() for t in g.get("themes", ())]
    rows, ids, unknown = theme_table(codes)
    for g in net.groups.values():
        if g.get("themes"):
            g["themes"] = list(dict.fromkeys(ids.get(t, t) for t in g["themes"]))
    for code in unknown:
        summary.warnings.append(Problem(
            "themes.csv", None, "label_en", f"the theme {code} has no label: its code stands in",
            "give it a label_en (and label_de) in the folder's themes.csv"))
    return rows


def _rank(role) -> int:
    if role is None:
        return -1
    return ROLE_RANK.get(" ".join(str(role).casefold().replace("_", " ").split()), 0)


def _unnamed(kind, ident, code, scheme) -> str:
    """A readable stand-in for a member the source names by id only:
    "unnamed organisation (PIC 999992401, FR)"."""
    what = {"person": "person", "city": "city"}.get(kind, "organisation")
    label = f"{scheme.upper()} {ident}" if scheme else f"id {ident}"
    return f"unnamed {what} ({label}, {code})" if code else f"unnamed {what} ({label})"


def _separate_namespaces(net) -> dict:
    """Group id -> a new id for each group whose id an actor has (member ids and
    group ids are separate namespaces in a source: project 17 is not member 17)."""
    rename = {}
    for group_id in [g for g in net.groups if g in net.actors]:
        row = net.groups.pop(group_id)
        new = f"{row['kind']}_{group_id}"
        while new in net.actors or new in net.groups:
            new += "_"
        row["id"] = new
        net.groups[new] = row
        rename[group_id] = new
    return rename
