"""``actornet import``: real sources in, a network folder out.

Two generic commands (``pairs``, ``memberships``) and the recipes built on
them (``twin-towns``, ``wikidata-p190``, ``cordis``, ``keep``; see
:data:`actornet.loaders.imports.RECIPES`). Each prints rows read = kept +
rejected per file, every rejected row with file, line, column and reason,
the values left empty, and what was written.
"""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import click

from actornet.console import emit_json, emit_table, stdout_console
from actornet.graph.errors import UsageError

__all__ = ["import_command"]


def import_pairs(*args, **kwargs):
    """:func:`actornet.loaders.import_pairs.import_pairs`, imported when run (pandas)."""
    from actornet.loaders.import_pairs import import_pairs as run

    return run(*args, **kwargs)


def import_memberships(*args, **kwargs):
    """:func:`actornet.loaders.import_memberships.import_memberships`, imported when run."""
    from actornet.loaders.import_memberships import import_memberships as run

    return run(*args, **kwargs)


def run_recipe(*args, **kwargs):
    """:func:`actornet.loaders.recipes.run_recipe`, imported when run."""
    from actornet.loaders.recipes import run_recipe as run

    return run(*args, **kwargs)

_FILES = click.argument("files", nargs=-1, required=True,
                        type=click.Path(exists=True, dir_okay=False, path_type=Path))


def _common(func):
    """-o DIR, --home, --encoding, --limit, --format, --force, --no-gazetteer; and
    the checks every import makes before reading anything (:func:`_checked`)."""
    func = _checked(func)
    for decorator in reversed([
        click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
                     help="The network folder to write (actors.csv, ties.csv, projects.csv, "
                          "network.toml), whole: an existing folder is replaced only when it "
                          "holds a network actornet wrote (see --force)."),
        click.option("--home", default=None, metavar="CITY",
                     help="The home city, written to network.toml (id, name or alias)."),
        click.option("--encoding", default=None, metavar="NAME",
                     help="Text encoding of the files (default UTF-8, BOM optional)."),
        click.option("--limit", type=int, default=20, show_default=True,
                     help="Rejected rows to list (0: all); --format json lists all."),
        click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                     show_default=True, help="A readable summary, or JSON for scripts."),
        click.option("--force", is_flag=True,
                     help="Replace the output folder even when it holds files actornet did "
                          "not write (everything in it is replaced)."),
        click.option("--no-gazetteer", "no_gazetteer", is_flag=True,
                     help="Keep every town as written (no GeoNames resolution)."),
    ]):
        func = decorator(func)
    return func


def _checked(func):
    """Before anything is read: the output folder neither is, nor holds, nor
    lies inside an input, and may be replaced (--force); --home and the input
    files' names can be written to network.toml. The import then runs with
    --force passed down to the folder writer."""

    @functools.wraps(func)
    def command(*args, force, **kwargs):
        from actornet.loaders.folder import replacing_allowed
        from actornet.outputs import check_output_folder, check_settings

        inputs = [item for value in kwargs.values()
                  for item in (value if isinstance(value, (list, tuple)) else [value])
                  if isinstance(item, Path)]
        output = kwargs["output"]
        inputs = [p for p in inputs if p is not output]
        check_output_folder(output, inputs, force=force)
        check_settings(home=kwargs.get("home"), files=inputs)
        with replacing_allowed(force):
            return func(*args, **kwargs)

    return command


def _delimiter(text):
    if text is None:
        return None
    text = {"tab": "\t", "\\t": "\t"}.get(text.casefold(), text)
    if len(text) != 1:
        raise UsageError("--delimiter is one character (or tab)")
    return text


def _report(summary, fmt, limit):
    if fmt == "json":
        emit_json(summary.to_dict())
        return
    emit_table("Rows per file (read = kept + duplicates + rejected)",
               ["file", "read", "kept", "duplicates", "rejected"],
               [{"file": c.file, "read": c.read, "kept": c.kept, "duplicates": c.duplicates,
                 "rejected": c.rejected} for c in summary.files.values()])
    rows = [{"file": p.file, "line": p.line, "column": p.column, "problem": p.reason,
             "fix": p.hint} for p in summary.problems]
    if rows:
        shown = rows if limit <= 0 else rows[:limit]
        emit_table(f"{len(rows)} rejected row{'s' if len(rows) != 1 else ''}",
                   ["file", "line", "column", "problem", "fix"], shown)
        if len(shown) < len(rows):
            click.echo(f"Showing {len(shown)} of {len(rows)}; --limit 0 or --format json "
                       "lists them all.")
    if summary.warnings:
        by_check = Counter((p.file, p.column, p.reason) for p in summary.warnings)
        emit_table(f"{len(summary.warnings)} value{'s' if len(summary.warnings) != 1 else ''} "
                   "left empty (rows kept)", ["file", "column", "problem", "rows", "first line"],
                   [{"file": f, "column": c, "problem": r, "rows": n,
                     "first line": next(p.line for p in summary.warnings
                                        if (p.file, p.column, p.reason) == (f, c, r))}
                    for (f, c, r), n in by_check.most_common()])
    console = stdout_console()
    groups = f", {summary.groups} projects or networks" if summary.groups else ""
    console.print(f"Wrote {summary.output}: {summary.actors} actors{groups}, {summary.ties} "
                  f"ties in {summary.seconds:.2f} s.")
    if summary.one_sided:
        console.print(f"{summary.one_sided} pairs are claimed by one side only (ties.csv: "
                      "claimed_by names that side).")
    if summary.named_by_id:
        console.print(f"{summary.named_by_id} actors have no name in the source: they are "
                      "named by their id (e.g. \"unnamed organisation (PIC …, FR)\").")
    if summary.resolved or summary.unresolved:
        examples = ", ".join(summary.unresolved_examples)
        console.print(f"Places: {summary.resolved} cities resolved against GeoNames; "
                      f"{summary.unresolved} town names not found, kept as written"
                      + (f" (e.g. {examples})" if examples else "") + ".")
    console.print(f"Next: actornet validate {summary.output}")


@click.group("import")
def import_command():
    """Import a real source into a network folder that every command reads.

    Two generic importers (pairs, memberships) and recipes for public formats
    (twin-towns, wikidata-p190, cordis, keep). Gzipped files are read as
    they are. Each prints rows read = kept + rejected per file and every
    rejected row with its line and column; a bad optional value (a year, a
    country) is left empty with a warning, never a reason to drop a row.

    Example:

        actornet import twin-towns twin_cities.csv -o twins --home Berlin
    """


@import_command.command("pairs")
@_FILES
@click.option("--a", "a", required=True, metavar="COL", help="Column of the first end.")
@click.option("--b", "b", required=True, metavar="COL", help="Column of the second end.")
@click.option("--a-country", default=None, metavar="COL", help="Column of the first end's country.")
@click.option("--b-country", default=None, metavar="COL",
              help="Column of the second end's country.")
@click.option("--a-lat", default=None, metavar="COL",
              help="Column of the first end's latitude (decimal degrees; a decimal comma is "
                   "fine): picks the nearest city and corrects a contradicting country.")
@click.option("--a-lon", default=None, metavar="COL", help="Column of the first end's longitude.")
@click.option("--b-lat", default=None, metavar="COL", help="Column of the second end's latitude.")
@click.option("--b-lon", default=None, metavar="COL", help="Column of the second end's longitude.")
@click.option("--since", default=None, metavar="COL", help="Column of the year it began.")
@click.option("--until", default=None, metavar="COL", help="Column of the year it ended.")
@click.option("--kind", default="city", show_default=True, help="Kind of both ends.")
@click.option("--type", "tie_type", default="PARTNER_OF", show_default=True, help="Tie type.")
@click.option("--delimiter", default=None, metavar="D",
              help="Cell delimiter (default: recognised from the header line; 'tab' for tab).")
@click.option("--no-header", is_flag=True, help="The files have no header: columns are 1, 2, ...")
@click.option("--ids", is_flag=True, help="The ends are ids, not names (see --names).")
@click.option("--names", "names_file", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A headerless id<TAB>name file naming the ids (with --ids).")
@click.option("--claims", is_flag=True,
              help="Each row is a claim by its first end: a pair listed by one side only is "
                   "kept and marked (claimed_by).")
@click.option("--evidence", default=None, help="Written to every row's evidence column.")
@_common
def pairs_command(files, a, b, a_country, b_country, a_lat, a_lon, b_lat, b_lon, since, until,
                  kind, tie_type, delimiter, no_header, ids, names_file, claims, evidence, output,
                  home, encoding, limit, fmt, no_gazetteer):
    """Import a list of pairs: twin towns by default (kind city, PARTNER_OF).

    A pair of a symmetric type (PARTNER_OF, COOPERATES_WITH, KNOWS) is one
    tie whichever way round it is listed. Without --ids, an end's id is made
    from its name and country, so spellings of a country ("England",
    "England, United Kingdom") do not split a city.

    Example:

        actornet import pairs partners.csv -o net --a city --b partner --a-country country --b-country partner_country --since signed
    """
    names = None
    if names_file is not None:
        from actornet.loaders.recipe_wikidata import read_names

        names, _ = read_names(names_file, encoding=encoding)
    summary = import_pairs(list(files), output, a=a, b=b, a_country=a_country,
                           b_country=b_country, a_lat=a_lat, a_lon=a_lon, b_lat=b_lat,
                           b_lon=b_lon, since=since, until=until, kind=kind,
                           gazetteer=not no_gazetteer,
                           tie_type=tie_type, delimiter=_delimiter(delimiter),
                           header=not no_header, ids=ids, names=names, claims=claims,
                           evidence=evidence, home=home, encoding=encoding)
    _report(summary, fmt, limit)


def _mapping(values, option):
    out = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(f"{option} takes VALUE=KIND pairs, e.g. PRC=company")
        out[key.strip()] = value.strip()
    return out


@import_command.command("memberships")
@_FILES
@click.option("--member", default=None, metavar="COL",
              help="Column of the member's id (default: made from name and country).")
@click.option("--group", "group", required=True, multiple=True, metavar="COL",
              help="Column of the group (project or network); repeat to join several.")
@click.option("--member-name", default=None, metavar="COL", help="Column of the member's name.")
@click.option("--member-kind", default="institution", show_default=True, metavar="KIND|COL",
              help="The members' kind, or a column holding it (see --kind-map).")
@click.option("--kind-map", multiple=True, metavar="VALUE=KIND",
              help="Map a value of the kind column to a kind, e.g. PRC=company.")
@click.option("--member-city", default=None, metavar="COL", help="Column of the member's city.")
@click.option("--member-country", default=None, metavar="COL",
              help="Column of the member's country.")
@click.option("--lat", "member_lat", default=None, metavar="COL",
              help="Column of the member's latitude (decimal degrees; a decimal comma is fine).")
@click.option("--lon", "member_lon", default=None, metavar="COL",
              help="Column of the member's longitude.")
@click.option("--group-name", default=None, metavar="COL",
              help="Column of the group's name (with --groups: the name column of that file).")
@click.option("--groups", "groups_file", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A second table naming the groups in full (with --group-id, --group-name).")
@click.option("--group-id", default=None, metavar="COL",
              help="The --groups table's column of the group's id.")
@click.option("--group-kind", type=click.Choice(["project", "network"]), default="project",
              show_default=True, help="What the groups are.")
@click.option("--role", default=None, metavar="COL", help="Column of the member's role.")
@click.option("--since", default=None, metavar="COL", help="Column of the year it began.")
@click.option("--until", default=None, metavar="COL", help="Column of the year it ended.")
@click.option("--themes", default=None, metavar="COL", help="Column of the group's themes.")
@click.option("--group-since", default=None, metavar="COL", help="Column of the group's start.")
@click.option("--group-until", default=None, metavar="COL", help="Column of the group's end.")
@click.option("--extra", multiple=True, metavar="COL",
              help="A further column kept on each membership tie; repeatable.")
@click.option("--actors", "actors_file", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An actor table joined by id (names, cities, countries, kinds).")
@click.option("--actor-id", default=None, metavar="COL", help="The actor table's id column.")
@click.option("--delimiter", default=None, metavar="D",
              help="Cell delimiter (default: recognised from the header line).")
@click.option("--evidence", default=None, help="Written to every row's evidence column.")
@_common
def memberships_command(files, member, group, member_name, member_kind, kind_map, member_city,
                        member_country, member_lat, member_lon, group_name, groups_file,
                        group_id, group_kind, role, since, until, themes, group_since,
                        group_until, extra, actors_file, actor_id, delimiter, evidence, output,
                        home, encoding, limit, fmt, no_gazetteer):
    """Import a long member x group table: organisations x projects, cities x networks.

    Members of a project take part in it (PARTICIPATES_IN); members of a
    network are its members (MEMBER_OF); the analyses link the members of a
    group to each other. An empty city makes no city.

    Example:

        actornet import memberships eurocities.csv -o net --member-name city --member-kind city --member-country country --group network --group-kind network
    """
    groups = None
    if groups_file is not None:
        if group_id is None or group_name is None:
            raise UsageError("--groups needs --group-id and --group-name (its columns)")
        groups, group_name = (groups_file, group_id, group_name), None
    summary = import_memberships(
        list(files), output, member=member, group=list(group), member_name=member_name,
        member_kind=member_kind, kind_map=_mapping(kind_map, "--kind-map"),
        member_city=member_city, member_country=member_country, member_lat=member_lat,
        member_lon=member_lon, group_name=group_name, groups=groups, gazetteer=not no_gazetteer,
        group_kind=group_kind, role=role, since=since, until=until, themes=themes,
        group_since=group_since, group_until=group_until, extra=list(extra),
        actors=actors_file, actor_id=actor_id, delimiter=_delimiter(delimiter),
        evidence=evidence, home=home, encoding=encoding)
    _report(summary, fmt, limit)


@import_command.command("twin-towns")
@_FILES
@_common
def twin_towns_command(files, output, home, encoding, limit, fmt, no_gazetteer):
    """Import Wikipedia twin-town lists (city1,country1,city2,country2).

    Each row is a claim by its first city: a pair listed from both sides is
    one partnership, a pair listed by one side only is kept and marked.

    Example:

        actornet import twin-towns twin_cities.csv -o twins --home Berlin
    """
    _report(run_recipe("twin-towns", list(files), output, home=home, encoding=encoding,
                       gazetteer=not no_gazetteer), fmt, limit)


@import_command.command("wikidata-p190")
@click.argument("relations", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("names", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_common
def wikidata_command(relations, names, output, home, encoding, limit, fmt, no_gazetteer):
    """Import Wikidata "twinned administrative body" (P190) statements.

    RELATIONS: headerless subjectQID<TAB>objectQID lines; NAMES: QID<TAB>label.
    QIDs stay the ids, labels become names; a statement made by one side
    only is kept and marked.

    Example:

        actornet import wikidata-p190 relations.tsv names.tsv -o p190 --home Q64
    """
    _report(run_recipe("wikidata-p190", [relations], output, names=names, home=home,
                       encoding=encoding, gazetteer=not no_gazetteer), fmt, limit)


@import_command.command("cordis")
@click.argument("participations", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--organisations", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CORDIS organisations (orgId, name, city, ...): names and cities.")
@click.option("--themes", "themes_file", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Programme parts (rcn, programme_part): a project's themes.")
@_common
def cordis_command(participations, organisations, themes_file, output, home, encoding, limit,
                   fmt, no_gazetteer):
    """Import CORDIS H2020 participations (one row per organisation x project).

    PICs stay text ids; roles and contributions are kept on the ties;
    activity types become kinds (HES, REC, PUB: institution; PRC: company;
    OTH: ngo); a project's programme parts become its themes, written to
    themes.csv in words (SC5: "Climate action, environment, resource
    efficiency and raw materials", also found as "climate" or "Klima").

    Example:

        actornet import cordis h2020.csv.gz --organisations organisations.csv --themes programme_parts.csv.gz -o h2020
    """
    _report(run_recipe("cordis", [participations], output, organisations=organisations,
                       themes=themes_file, home=home, encoding=encoding,
                       gazetteer=not no_gazetteer), fmt, limit)


@import_command.command("keep")
@_FILES
@_common
def keep_command(files, output, home, encoding, limit, fmt, no_gazetteer):
    """Import keep.eu Interreg partners: the ;-separated export or the .xlsx workbook.

    A project is Programme + Acronym; a partner's id is made from its name
    and country (spelling variants stay apart until `actornet dedupe`). A
    workbook's partners sheet is joined to its projects sheet (project names,
    themes, start and end years).

    Example:

        actornet import keep keep_partners.csv -o interreg

        actornet import keep keep.xlsx -o interreg
    """
    _report(run_recipe("keep", list(files), output, home=home, encoding=encoding,
                       gazetteer=not no_gazetteer), fmt, limit)

