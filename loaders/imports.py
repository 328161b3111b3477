"""Import real sources into a network folder: pair lists and membership tables.

Two generic importers cover the shapes real sources come in:

* :func:`import_pairs`: a list of pairs (twin towns, cooperations), one row
  per pair, the two ends by id or by name and country;
* :func:`import_memberships`: a long table of member x group rows
  (organisation x project, city x network), optionally joined to an actor
  table by id.

Ready-made recipes for public formats (:data:`RECIPES`: Wikipedia twin-town
lists, Wikidata P190, CORDIS, keep.eu) are data: the options of one of the two
importers. Each import writes a network folder (``actors.csv``, ``ties.csv``,
``projects.csv``, ``network.toml``) that every other command reads, and
returns an :class:`ImportSummary`: per file rows read = kept + rejected, every
rejected row and every value left empty with file, line, column and reason
(never the cell's value: names may be personal data).

Names are normalised as they are read: a country cell becomes its ISO 3166
code ("England", ``UK`` -> ``GB``; CORDIS' ``EL`` -> ``GR``), a city known
under several names gets one id and the other names as aliases ("Warschau" is
Warsaw), an all-capitals name ("BERLIN") is written in title case.
"""

from __future__ import annotations

import csv
import gzip
import io
import time
from dataclasses import dataclass, field
from pathlib import Path

from actornet.graph.errors import InputError, SchemaError
from actornet.graph.names import canonical_city, city_aliases, country_code, slug
from actornet.graph.report import FileCount, Problem
from actornet.graph.schema import Kind, TieType, normalize_token, parse_kind, parse_tie_type
from actornet.loaders.csvfile import decode_text, detect_delimiter
from actornet.loaders.folder import network_folder
from actornet.loaders.network_toml import SETTINGS_FILE, write_settings

__all__ = ["ImportSummary", "import_pairs", "import_memberships", "run_recipe", "RECIPES",
           "read_rows", "write_settings"]

_YEAR_RANGE = (500, 2100)


# -- reading rows -----------------------------------------------------------------------


@dataclass
class _Rows:
    """The rows of one source file: (line, {column: text}) with the header's columns."""

    file: str
    columns: list[str]
    rows: list[tuple[int, dict]]
    problems: list[Problem] = field(default_factory=list)


def read_rows(path, *, delimiter: str | None = None, header: bool = True,
              encoding: str | None = None) -> _Rows:
    """Read a delimited text file (gzipped or not) into rows of text cells.

    The delimiter is recognised from the first line (``,`` ``;`` or tab)
    unless given; without a header, columns are named ``1``, ``2``, ... A
    ragged row (more cells than the header, or fewer) is rejected with its
    line; lines are counted as an editor counts them.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.tsv"
    >>> _ = f.write_text("Q1\\tQ2\\nQ2\\tQ1\\n", encoding="utf-8")
    >>> read_rows(f, header=False).rows
    [(1, {'1': 'Q1', '2': 'Q2'}), (2, {'1': 'Q2', '2': 'Q1'})]
    """
    path = Path(path)
    file = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise InputError("file not found", file=str(path)) from err
    except OSError as err:
        raise InputError(f"cannot read the file ({err.strerror})", file=str(path)) from err
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as err:
            raise InputError("the gzip file is damaged", file=file) from err
    text = decode_text(data, file=file, encoding=encoding)
    first = next((line for line in text.splitlines() if line.strip()), None)
    if first is None:
        raise InputError("the file is empty", file=file)
    if delimiter is None:
        delimiter = detect_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns, out, problems, last = None, [], [], 0
    for row in reader:
        start, last = last + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            if header:
                columns = [c.strip() for c in row]
                _check_header(columns, file, start)
                continue
            columns = [str(i) for i in range(1, len(row) + 1)]
        cells = [c.strip() for c in row]
        while len(cells) > len(columns) and not cells[-1]:
            cells.pop()
        if len(cells) != len(columns):
            problems.append(Problem(file, start, None,
                                    f"the row has {len(cells)} cells but the header has "
                                    f"{len(columns)}", "quote cells that hold the delimiter"))
            continue
        out.append((start, {c: (v or None) for c, v in zip(columns, cells)}))
    return _Rows(file, columns or [], out, problems)


def _check_header(columns, file, line) -> None:
    """A header naming a column twice is an error naming it (the last would win)."""
    seen = {}
    for position, name in enumerate(columns, start=1):
        if name and name in seen:
            raise InputError(f'duplicate header: columns {seen[name]} and {position} are both '
                             f'"{name}"', file=file, line=line, column=name,
                             hint="rename or remove one of them")
        seen[name] = position


def _column(rows: _Rows, name, option: str, *, optional_in=None):
    """The column of ``rows`` an option names (exactly, else ignoring case and
    spacing), None when ``name`` is None; an error naming the option when absent."""
    if name is None:
        return None
    name = str(name)
    if name in rows.columns:
        return name
    token = normalize_token(name)
    for column in rows.columns:
        if normalize_token(column) == token:
            return column
    if optional_in is not None:
        return None
    raise InputError(f"no column named by {option}", file=rows.file,
                     hint="columns: " + ", ".join(rows.columns[:20]))


# -- what an import builds ----------------------------------------------------------------


@dataclass
class ImportSummary:
    """What an import read, kept and wrote.

    ``files`` counts rows per input file (read = kept + rejected);
    ``problems`` are the rejected rows, ``warnings`` the values left empty.
    """

    output: Path
    files: dict[str, FileCount] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    actors: int = 0
    groups: int = 0
    ties: int = 0
    one_sided: int = 0
    named_by_id: int = 0
    seconds: float = 0.0

    @property
    def balanced(self) -> bool:
        return all(c.balanced for c in self.files.values())

    def to_dict(self) -> dict:
        return {"output": str(self.output),
                "files": [{"file": c.file, "read": c.read, "kept": c.kept, "rejected": c.rejected}
                          for c in self.files.values()],
                "actors": self.actors, "groups": self.groups, "ties": self.ties,
                "one_sided_claims": self.one_sided, "named_by_id": self.named_by_id,
                "rejected": [_problem_dict(p) for p in self.problems],
                "left_empty": [_problem_dict(p) for p in self.warnings],
                "seconds": round(self.seconds, 3)}


def _problem_dict(p: Problem) -> dict:
    return {"file": p.file, "line": p.line, "column": p.column, "problem": p.reason,
            "fix": p.hint}


class _Network:
    """Actors, groups and ties collected from rows, written as a network folder."""

    def __init__(self, evidence: str | None):
        self.actors: dict[str, dict] = {}
        self.groups: dict[str, dict] = {}
        self.ties: dict[tuple, dict] = {}
        self.evidence = evidence

    def actor(self, actor_id, kind, name, **attrs) -> None:
        row = self.actors.get(actor_id)
        if row is None:
            row = self.actors[actor_id] = {"id": actor_id, "kind": kind, "name": name,
                                           "aliases": []}
            if self.evidence:
                row["evidence"] = self.evidence
        elif name and name != row["name"] and name not in row["aliases"]:
            row["aliases"].append(name)  # another spelling: kept as an alias
        for key, value in attrs.items():
            if value in (None, "", []):
                continue
            if key == "aliases":
                row["aliases"] += [a for a in value if a not in row["aliases"] and a != row["name"]]
            else:
                row.setdefault(key, value)

    def free_id(self, actor_id, kind) -> str:
        """``actor_id``, or ``actor_id_kind`` when an actor of another kind has it
        (an organisation named "Ghent" beside the city of Ghent)."""
        row = self.actors.get(actor_id)
        if row is not None and row["kind"] != kind:
            return f"{actor_id}_{kind}"
        return actor_id

    def city_id(self, name, code) -> str:
        """The id the city ``name`` in country ``code`` has (or will have)."""
        city_id = slug(canonical_city(_display(name))) + (f"_{code.lower()}" if code else "")
        if city_id in self.actors and self.actors[city_id]["kind"] != Kind.CITY.value:
            city_id += "_city"
        return city_id

    def city(self, name, code, sink) -> str | None:
        """The id of the city ``name`` in country ``code`` (added if new); None for no name."""
        if not name:
            return None
        shown = _display(name)
        canonical = canonical_city(shown)
        city_id = self.city_id(name, code)
        self.actor(city_id, Kind.CITY.value, canonical, country=code,
                   aliases=[shown] + city_aliases(canonical) if shown != canonical
                   else city_aliases(canonical))
        return city_id


_LOWER_WORDS = frozenset({"of", "de", "la", "le", "les", "the", "and", "for", "und", "der",
                          "die", "das", "des", "du", "di", "del", "della", "van", "von", "fur",
                          "für", "et", "en", "y", "e", "i", "a", "zu", "am", "im"})


def _display(name: str) -> str:
    """A name for people to read: "BERLIN" -> "Berlin", "UNIVERSITY OF PLYMOUTH" ->
    "University of Plymouth"; short words of a name in capitals stay (CNRS, LTD);
    a name in mixed case stays as written.

    Examples
    --------
    >>> _display("CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE CNRS")
    'Centre National de la Recherche Scientifique CNRS'
    >>> _display("BERLIN"), _display("TU Berlin")
    ('Berlin', 'TU Berlin')
    """
    words = name.split()
    name = " ".join(words)
    if not name.isupper() or len(name) <= 3:
        return name
    if len(words) == 1:
        return name.title()
    out = []
    for i, word in enumerate(words):
        if word.casefold() in _LOWER_WORDS and i > 0:
            out.append(word.casefold())
        elif len(word) <= 4:
            out.append(word)  # an acronym or a legal form: CNRS, GMBH, LTD
        else:
            out.append(word.title())
    return " ".join(out)


class _Sink:
    """Counts and problems of one file."""

    def __init__(self, summary: ImportSummary, rows: _Rows):
        self.summary, self.file = summary, rows.file
        self.count = summary.files.setdefault(rows.file, FileCount(rows.file))
        self.count.read += len(rows.rows) + len(rows.problems)
        self.count.rejected += len(rows.problems)
        summary.problems.extend(rows.problems)
        self.line = None

    def reject(self, column, reason, hint=""):
        self.summary.problems.append(Problem(self.file, self.line, column, reason, hint))
        self.count.rejected += 1

    def warn(self, column, reason, hint=""):
        self.summary.warnings.append(Problem(self.file, self.line, column, reason, hint))

    def blank(self, column, reason, hint=""):
        self.summary.warnings.append(Problem(self.file, self.line, column,
                                             f"{reason}; left empty", hint))

    def keep(self):
        self.count.kept += 1


def _year(text, column, sink):
    if text is None:
        return None
    value = text.strip()
    if value.endswith(".0"):
        value = value[:-2]
    if not value.isdigit():
        sink.blank(column, f"{column} is not a year", "write a year such as 1994")
        return None
    year = int(value)
    if not _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1]:
        sink.blank(column, f"{column} is outside the years {_YEAR_RANGE[0]}-{_YEAR_RANGE[1]}",
                   "check for a typing mistake")
        return None
    return year


def _country(text, column, sink):
    if text is None:
        return None
    code = country_code(text)
    if code is None:
        sink.blank(column, "country is not a country name or ISO 3166 code",
                   "write a country name or code such as Germany or DE")
    return code


def _kind(text, option="--kind") -> Kind:
    try:
        return parse_kind(text)
    except SchemaError as err:
        raise InputError(f"{option}: {err}") from err


def _tie_type(text) -> TieType:
    try:
        return parse_tie_type(text)
    except SchemaError as err:
        raise InputError(f"--type: {err}") from err


# -- pairs ------------------------------------------------------------------------------


def import_pairs(files, output, *, a, b, a_country=None, b_country=None, since=None, until=None,
                 kind="city", tie_type="PARTNER_OF", delimiter=None, header=True, ids=False,
                 names=None, claims=False, evidence=None, home=None,
                 encoding=None) -> ImportSummary:
    """Import lists of pairs (twin towns by default) into the folder ``output``.

    Parameters
    ----------
    files : list of path-like
        Delimited text files (gzipped or not), one pair per row.
    output : path-like
        The network folder to write (created if needed).
    a, b : str
        The columns of the two ends (``1``, ``2`` without a header).
    a_country, b_country : str, optional
        Columns holding the ends' countries (names or codes; stored as ISO
        3166 alpha-2). Without ``ids``, an end's id is its name and country
        ("london_gb"), so "London, England" and "London, England, United
        Kingdom" are one city.
    since, until : str, optional
        Columns of the years; a bad year is left empty with a warning.
    kind : str
        The kind of both ends (default city).
    tie_type : str
        The tie type (default PARTNER_OF). Pairs of a symmetric type
        (PARTNER_OF, COOPERATES_WITH, KNOWS) are undirected: A,B and B,A are
        one tie.
    ids : bool
        The ends are ids (Wikidata QIDs); ``names`` maps them to names.
    names : dict, optional
        id -> name, for ``ids``.
    claims : bool
        Each row is a claim by its ``a`` side (Wikidata's statements,
        Wikipedia's list pages): a pair only one side lists is kept and its
        ``claimed_by`` names that side.
    evidence : str, optional
        Written to every row's ``evidence``.
    home : str, optional
        The home city, written to ``network.toml``.

    Returns
    -------
    ImportSummary
    """
    started = time.perf_counter()
    kind = _kind(kind)
    tie_type = _tie_type(tie_type)
    if tie_type.sources != tie_type.targets or kind not in tie_type.sources:
        raise InputError(f"--type: a {tie_type.value} tie cannot join two of kind {kind.value}",
                         hint="pairs join two actors of one kind, e.g. cities with PARTNER_OF")
    summary = ImportSummary(Path(output))
    net = _Network(evidence)
    undirected = tie_type.symmetric
    for path in files:
        rows = read_rows(path, delimiter=delimiter, header=header, encoding=encoding)
        cols = {opt: _column(rows, name, "--" + opt.replace("_", "-"))
                for opt, name in (("a", a), ("b", b), ("a_country", a_country),
                                  ("b_country", b_country), ("since", since), ("until", until))}
        sink = _Sink(summary, rows)
        for line, values in rows.rows:
            sink.line = line
            empty = [cols[side] for side in ("a", "b") if values.get(cols[side]) is None]
            if empty:
                sink.reject(empty[0], f"{empty[0]} is empty", "every row names two ends")
                continue
            ends = []
            for side in ("a", "b"):
                text = values[cols[side]]
                code = _country(values.get(cols[side + "_country"]), cols[side + "_country"],
                                sink) if cols[side + "_country"] else None
                if ids:
                    ends.append((text, code, (names or {}).get(text)))
                elif kind is Kind.CITY:
                    ends.append((net.city_id(text, code), code, text))
                else:
                    ends.append((net.free_id(slug(text) + (f"_{code.lower()}" if code else ""),
                                             kind.value), code, text))
            (u, _, _), (v, _, _) = ends
            if u == v:
                sink.reject(cols["b"], "both ends are the same actor", "remove the row")
                continue
            for ident, code, name in ends:
                if ids:
                    summary.named_by_id += name is None and ident not in net.actors
                    net.actor(ident, kind.value, name or ident, country=code,
                              aliases=city_aliases(name) if name and kind is Kind.CITY else [])
                elif kind is Kind.CITY:
                    net.city(name, code, sink)
                else:
                    net.actor(ident, kind.value, _display(name), country=code)
            first, last = _year(values.get(cols["since"]), cols["since"] or "since", sink), \
                _year(values.get(cols["until"]), cols["until"] or "until", sink)
            pair = (min(u, v), max(u, v)) if undirected else (u, v)
            tie = net.ties.get(pair)
            if tie is None:
                tie = net.ties[pair] = {"source": u, "target": v, "type": tie_type.value,
                                        "claims": set()}
                if evidence:
                    tie["evidence"] = evidence
            tie["claims"].add(u)
            if first is not None and (tie.get("since") is None or first < tie["since"]):
                tie["since"] = first
            if last is not None and (tie.get("until") is None or last > tie["until"]):
                tie["until"] = last
            sink.keep()
    for tie in net.ties.values():
        claimants = tie.pop("claims")
        if claims and undirected:
            tie["claimed_by"] = next(iter(claimants)) if len(claimants) == 1 else ""
            summary.one_sided += len(claimants) == 1
    source = ", ".join(Path(f).name for f in files)
    return _finish(net, summary, output, home=home, source=source, started=started)


# -- memberships ----------------------------------------------------------------------------


def import_memberships(files, output, *, member=None, group, member_name=None,
                       member_kind="institution", kind_map=None, member_city=None,
                       member_country=None, group_name=None, group_kind="project", role=None,
                       role_map=None, since=None, until=None, themes=None, group_since=None,
                       group_until=None, group_themes=None, extra=(), actors=None,
                       actor_id=None, delimiter=None, evidence=None, home=None,
                       encoding=None) -> ImportSummary:
    """Import a long member x group table (organisation x project, city x
    network) into the folder ``output``.

    Parameters
    ----------
    files : list of path-like
        Delimited text files (gzipped or not), one membership per row.
    member : str, optional
        The column of the member's id. Without it the id is made from the
        member's name and country (spelling variants stay apart: see
        ``actornet dedupe``).
    group : str or list of str
        The column(s) naming the group; several are joined (keep.eu's
        Programme + Acronym).
    member_name, member_city, member_country : str, optional
        Columns of the member's name, city and country: in the table, or in
        the ``actors`` table joined by id. An empty city makes no city.
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
        years and themes (``;``-separated; the group's themes).
    group_since, group_until : str, optional
        Columns of the group's years (a project's start and end).
    group_themes : tuple, optional
        ``(file, id column, theme column)``: a table of the groups' themes
        (CORDIS' programme parts).
    extra : list of str
        Further columns kept on each membership tie (CORDIS' contribution).
    actors, actor_id : optional
        An actor table and its id column, joined to ``member``.

    Returns
    -------
    ImportSummary
    """
    started = time.perf_counter()
    group_kind = _kind(group_kind, "--group-kind")
    if group_kind not in (Kind.PROJECT, Kind.NETWORK):
        raise InputError("--group-kind must be project or network")
    tie_type = TieType.PARTICIPATES_IN if group_kind is Kind.PROJECT else TieType.MEMBER_OF
    fixed_kind = None
    try:
        fixed_kind = parse_kind(member_kind)
    except SchemaError:
        pass  # a column
    kind_map = {normalize_token(k): _kind(v, "--kind-map").value
                for k, v in (kind_map or {}).items()}
    role_map = {normalize_token(k): v for k, v in (role_map or {}).items()}
    groups = [group] if isinstance(group, str) else list(group)
    summary = ImportSummary(Path(output))
    net = _Network(evidence)
    table = {}
    if actors is not None:
        if member is None or actor_id is None:
            raise InputError("--actors needs --member and --actor-id to join on")
        actor_rows = read_rows(actors, encoding=encoding)
        key = _column(actor_rows, actor_id, "--actor-id")
        sink = _Sink(summary, actor_rows)
        for line, values in actor_rows.rows:
            sink.line = line
            ident = values.get(key)
            if ident is None:
                sink.reject(key, f"{key} is empty", "every actor row needs its id")
            elif ident in table:
                sink.reject(key, "duplicate id in the actor table", "list each actor once")
            else:
                table[ident] = values
                sink.keep()
        actor_columns = actor_rows.columns
    for path in files:
        rows = read_rows(path, delimiter=delimiter, encoding=encoding)
        sink = _Sink(summary, rows)
        group_cols = [_column(rows, g, "--group") for g in groups]
        member_col = _column(rows, member, "--member")
        if member_col is None and member_name is None:
            raise InputError("give --member (an id column) or --member-name")

        def pick(name, option):
            """(column in the rows, column in the actor table) for an option."""
            if name is None:
                return None, None
            here = _column(rows, name, option, optional_in=table or None)
            there = None
            if table:
                there = _column(_Rows("", actor_columns, []), name, option, optional_in=True)
                if here is None and there is None:
                    raise InputError(f"no column named by {option} in either table",
                                     file=rows.file)
            return here, there

        name_cols = pick(member_name, "--member-name")
        city_cols = pick(member_city, "--member-city")
        country_cols = pick(member_country, "--member-country")
        kind_cols = pick(None if fixed_kind else member_kind, "--member-kind")
        cols = {opt: _column(rows, name, "--" + opt.replace("_", "-"))
                for opt, name in (("group_name", group_name), ("role", role), ("since", since),
                                  ("until", until), ("themes", themes),
                                  ("group_since", group_since), ("group_until", group_until))}
        extra_cols = [_column(rows, c, "--extra") for c in extra]

        def value(values, joined, pair):
            here, there = pair
            found = values.get(here) if here else None
            if found is None and there and joined is not None:
                found = joined.get(there)
            return found

        for line, values in rows.rows:
            sink.line = line
            parts = [values.get(c) for c in group_cols]
            if any(p is None for p in parts):
                column = group_cols[[p is None for p in parts].index(True)]
                sink.reject(column, f"{column} is empty", "every row names its group")
                continue
            group_id = " | ".join(parts)
            ident = values.get(member_col) if member_col else None
            joined = table.get(ident) if ident is not None else None
            name = value(values, joined, name_cols)
            if ident is None and member_col is not None:
                sink.reject(member_col, f"{member_col} is empty", "every row names its member")
                continue
            if ident is None and name is None:
                sink.reject(name_cols[0] or member_name, "the member's name is empty",
                            "every row names its member")
                continue
            code = _country(value(values, joined, country_cols),
                            country_cols[0] or country_cols[1], sink)
            if fixed_kind is not None:
                kind = fixed_kind.value
            else:
                raw = value(values, joined, kind_cols)
                kind = kind_map.get(normalize_token(raw)) if raw is not None else None
                if kind is None and raw is not None:
                    try:
                        kind = parse_kind(raw).value
                    except SchemaError:
                        kind = None
                if kind is None or not Kind(kind).is_actor:
                    if raw is not None:
                        sink.warn(kind_cols[0] or kind_cols[1],
                                   "kind is not a kind of actor: an institution is assumed",
                                   "map the column's values with --kind-map VALUE=KIND")
                    kind = Kind.INSTITUTION.value
            city_id = None
            if kind != Kind.CITY.value:  # the city first: an organisation named like it yields
                city_id = net.city(value(values, joined, city_cols), code, sink)
            if ident is None and kind == Kind.CITY.value:
                ident = net.city(name, code, sink)  # a city member (of a network) by name
            elif ident is None:
                ident = net.free_id(slug(name) + (f"_{code.lower()}" if code else ""), kind)
            if name is None:
                summary.named_by_id += ident not in net.actors
                name = ident
            net.actor(ident, kind, _display(name), country=code, city=city_id)
            if group_id not in net.groups:
                net.groups[group_id] = {"id": group_id, "kind": group_kind.value,
                                        "name": values.get(cols["group_name"]) or group_id}
                g = net.groups[group_id]
                first = _year(values.get(cols["group_since"]), cols["group_since"] or "", sink)
                last = _year(values.get(cols["group_until"]), cols["group_until"] or "", sink)
                if first is not None:
                    g["since"] = first
                if last is not None:
                    g["until"] = last
                if evidence:
                    g["evidence"] = evidence
            g = net.groups[group_id]
            if cols["themes"] and values.get(cols["themes"]):
                g.setdefault("themes", [])
                g["themes"] += [t.strip() for t in values[cols["themes"]].split(";")
                                if t.strip() and t.strip() not in g["themes"]]
            pair = (ident, group_id)
            tie = net.ties.get(pair)
            if tie is not None:
                sink.reject(member_col or name_cols[0],
                            "the same member and group as an earlier row",
                            "each membership is listed once")
                continue
            tie = net.ties[pair] = {"source": ident, "target": group_id, "type": tie_type.value}
            raw_role = values.get(cols["role"])
            if raw_role is not None:
                tie["role"] = role_map.get(normalize_token(raw_role), raw_role)
            for column, key in ((cols["since"], "since"), (cols["until"], "until")):
                year = _year(values.get(column), column or key, sink)
                if year is not None:
                    tie[key] = year
            for column in extra_cols:
                if values.get(column) is not None:
                    tie[column] = values[column]
            if evidence:
                tie["evidence"] = evidence
            sink.keep()
    if group_themes is not None:
        _join_group_themes(net, summary, *group_themes, encoding=encoding)
    source = ", ".join(Path(f).name for f in files)
    return _finish(net, summary, output, home=home, source=source, started=started)


def _join_group_themes(net, summary, path, id_column, theme_column, *, encoding=None):
    rows = read_rows(path, encoding=encoding)
    key = _column(rows, id_column, "--themes")
    theme = _column(rows, theme_column, "--themes")
    sink = _Sink(summary, rows)
    for line, values in rows.rows:
        sink.line = line
        group = net.groups.get(values.get(key))
        if group is None or values.get(theme) is None:
            sink.reject(key, "names no group of the membership table",
                        "themes are joined to the groups by id")
            continue
        themes = group.setdefault("themes", [])
        if values[theme] not in themes:
            themes.append(values[theme])
        sink.keep()


# -- writing ------------------------------------------------------------------------------


def _write_csv(path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ";".join(map(str, v)) if isinstance(v, list) else v
                             for k, v in row.items()})


def _columns(first, rows):
    columns = list(first)
    for row in rows:
        columns += [c for c in row if c not in columns]
    return columns


def _home_id(net, home, summary):
    """The home city's id when ``home`` names exactly one city; else ``home``
    as given, with a warning (several cities: listed with their country)."""
    if home is None:
        return None
    from actornet.graph.schema import fold_text

    cities = {i: row for i, row in net.actors.items() if row["kind"] == Kind.CITY.value}
    if home in cities:
        return home
    key = fold_text(home)
    found = sorted(i for i, row in cities.items()
                   if key in {fold_text(n) for n in [row["name"], *row.get("aliases", [])]})
    if len(found) == 1:
        return found[0]
    reason = ("the home city matches several cities: " + ", ".join(
        f"{i} ({cities[i].get('country') or 'country unknown'})" for i in found)
        if found else "the home city is not a city of this import")
    summary.warnings.append(Problem(SETTINGS_FILE, None, "home", reason,
                                    "give the home city by its id with --home"))
    return home


def _finish(net, summary, output, *, home, source, started) -> ImportSummary:
    """Write the network folder whole (:func:`actornet.loaders.folder.network_folder`):
    an interrupted import leaves the earlier folder as it was."""
    actors = list(net.actors.values())
    for row in actors:
        if not row["aliases"]:
            del row["aliases"]
    projects = [g for g in net.groups.values() if g["kind"] == Kind.PROJECT.value]
    networks = [g for g in net.groups.values() if g["kind"] == Kind.NETWORK.value]
    actors += networks
    ties = list(net.ties.values())
    settings = {"home": _home_id(net, home, summary), "source": source}
    with network_folder(Path(output), settings=settings) as out:
        _write_csv(out / "actors.csv", _columns(["id", "kind", "name", "city", "country",
                                                 "aliases"], actors), actors)
        _write_csv(out / "ties.csv", _columns(["source", "target", "type"], ties), ties)
        if projects:
            rows = [{k: v for k, v in p.items() if k != "kind"} for p in projects]
            _write_csv(out / "projects.csv", _columns(["id", "name"], rows), rows)
    summary.actors = len(net.actors)
    summary.groups = len(net.groups)
    summary.ties = len(net.ties)
    summary.seconds = time.perf_counter() - started
    return summary


# -- recipes ---------------------------------------------------------------------------------

#: Ready-made imports of public formats: the options of a generic importer.
RECIPES = {
    "twin-towns": {
        "importer": "pairs",
        "help": "Wikipedia's twin-town lists: city1,country1,city2,country2",
        "options": {"a": "city1", "b": "city2", "a_country": "country1",
                    "b_country": "country2", "kind": "city", "tie_type": "PARTNER_OF",
                    "claims": True, "evidence": "Wikipedia list of twin towns"},
    },
    "wikidata-p190": {
        "importer": "pairs",
        "help": "Wikidata P190 statements (QID<TAB>QID) and labels (QID<TAB>label)",
        "options": {"a": "1", "b": "2", "header": False, "delimiter": "\t", "ids": True,
                    "kind": "city", "tie_type": "PARTNER_OF", "claims": True,
                    "evidence": "Wikidata P190"},
    },
    "cordis": {
        "importer": "memberships",
        "help": "CORDIS H2020 participations (rcn, role, pic, type, contribution, country, ...)",
        "options": {"member": "pic", "group": "rcn", "member_name": "name",
                    "member_city": "city", "member_country": "country", "member_kind": "type",
                    "kind_map": {"HES": "institution", "REC": "institution", "PRC": "company",
                                 "PUB": "institution", "OTH": "ngo"},
                    "role": "role", "extra": ["contribution"], "group_since": "start_year",
                    "group_until": "end_year", "group_kind": "project", "actor_id": "orgId",
                    "evidence": "CORDIS H2020"},
        "themes": ("rcn", "programme_part"),
    },
    "keep": {
        "importer": "memberships",
        "help": "keep.eu partner export (;-separated): a project is Programme + Acronym",
        "options": {"group": ["Programme", "Acronym"], "group_name": "Acronym",
                    "member_name": "Project Partner", "member_city": "Town",
                    "member_country": "Country", "member_kind": "Legal Status",
                    "kind_map": {"public": "institution", "private": "company", "n/a": "institution"},
                    "role": "Lead Partner", "role_map": {"yes": "lead", "no": "partner"},
                    "group_kind": "project", "evidence": "keep.eu"},
    },
}


def read_names(path, *, encoding=None) -> tuple[dict, _Rows]:
    """A headerless ``id<TAB>label`` file as a dict (Wikidata's labels)."""
    rows = read_rows(path, header=False, delimiter="\t", encoding=encoding)
    return {v.get("1"): v.get("2") for _, v in rows.rows if v.get("1") and v.get("2")}, rows


def run_recipe(name, files, output, *, names=None, organisations=None, themes=None,
               home=None, encoding=None) -> ImportSummary:
    """Run the recipe ``name`` (a key of :data:`RECIPES`) on ``files``.

    ``names`` is Wikidata's label file; ``organisations`` and ``themes`` are
    CORDIS' organisation table and programme parts.
    """
    recipe = RECIPES[name]
    options = dict(recipe["options"], home=home, encoding=encoding)
    if recipe["importer"] == "pairs":
        if name == "wikidata-p190":
            if names is None:
                raise InputError("wikidata-p190 needs the labels file after the relations file")
            labels, label_rows = read_names(names, encoding=encoding)
            options["names"] = labels
            summary = import_pairs(files, output, **options)
            count = summary.files.setdefault(label_rows.file, FileCount(label_rows.file))
            count.read = count.kept = len(label_rows.rows)
            summary.files[label_rows.file] = count
            return summary
        return import_pairs(files, output, **options)
    if name == "cordis":
        if organisations is not None:
            options["actors"] = organisations
        else:
            options.pop("actor_id")
            options.pop("member_name")
            options.pop("member_city")
        if themes is not None:
            options["group_themes"] = (themes, *recipe["themes"])
    return import_memberships(files, output, **options)
