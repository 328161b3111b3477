"""The ``actornet`` command line: a thin layer over the packages.

Each command parses its options, calls the library and formats the result.
An :class:`~actornet.graph.errors.ActornetError` becomes ``Error: <message>`` on
stderr with exit status 1; no traceback reaches a user.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import click

from actornet.cmd_brokers import brokers_command
from actornet.cmd_communities import communities_command
from actornet.cmd_whatif import whatif_command
from actornet.cmd_gaps import gaps as gaps_command
from actornet.cmd_build import build_command
from actornet.cmd_import import import_command
from actornet.cmd_resolve import dedupe_command, merge_command
from actornet.cmd_gaps import recommend as recommend_command
from actornet.cmd_paths import fragility as fragility_command
from actornet.cmd_paths import path as path_command
from actornet.cmd_report import report_command
from actornet.cmd_viz import viz_command
from rich.text import Text

from actornet.console import FORMATS, as_text, echo_text, emit_json, emit_table, progress_bar, stdout_console
from actornet.sample import sample_path
from actornet.source import NetworkSource, neo4j_options, network_source, open_store, warn_rejected
from actornet.graph.errors import ActornetError

__all__ = ["cli", "main"]


class _Cli(click.Group):
    """Turns library errors into ``Error: …`` and exit 1, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ActornetError as err:
            raise click.ClickException(str(err)) from err
        except OSError as err:
            # Name the file and the system's reason; no traceback.
            where = f" {err.filename}" if getattr(err, "filename", None) else ""
            raise click.ClickException(f"cannot access{where}: {err.strerror or err}") from err
        except Exception as err:
            if os.environ.get("ACTORNET_DEBUG"):
                raise
            # The exception's text may quote input data: name its type only.
            raise click.ClickException(
                f"internal error ({type(err).__name__}); please report it with the command "
                "you ran (set ACTORNET_DEBUG=1 to see the traceback)") from err


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="actornet")
@click.option("-v", "--verbose", is_flag=True,
              help="Show the Neo4j driver's warnings (e.g. transactions it retries).")
def cli(verbose):
    """actornet: the actors behind a city's international partnerships, as a graph.

    DATA is a folder with actors.csv and ties.csv (optionally projects.csv and
    themes.csv), an .xlsx workbook with those sheets, or node-link .json. It
    defaults to the bundled sample network (Berlin's).

    Example:

        actornet info
    """
    import logging

    # The driver's retry notices reach stderr only when asked for (see Neo4jSettings.driver).
    logging.getLogger("neo4j").setLevel(logging.WARNING if verbose else logging.ERROR)


@cli.command()
@network_source
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="How to print the problems.")
@click.option("--limit", type=int, default=50, show_default=True,
              help="Problems to list in the table (0: all); csv and json list all.")
def validate(source, fmt, limit):
    """Check a network's files and report every rejected row.

    Each problem names the file, line, column, the check that failed and a
    fix; cell values are never shown (they may be personal data). Rejected
    rows are warnings (exit 0) unless --strict is given (exit 1).

    Example:

        actornet validate my-network/ --strict
    """
    from actornet.loaders.read import check_strict

    network = source.load(strict=False)
    report = network.report
    rows = [{"file": p.file, "line": p.line if p.line is not None else p.where,
             "column": p.column, "problem": p.reason, "fix": p.hint} for p in report.problems]
    warnings = [{"file": p.file, "line": p.line if p.line is not None else p.where,
                 "column": p.column, "problem": p.reason, "fix": p.hint} for p in report.warnings]
    if fmt == "table":
        emit_table("Rows per file", ["file", "read", "kept", "rejected"],
                   [{"file": c.file, "read": c.read, "kept": c.kept, "rejected": c.rejected}
                    for c in report.files.values()])
        if rows:
            shown = rows if limit is None or limit <= 0 else rows[:limit]
            emit_table(f"{len(rows)} problem{'s' if len(rows) != 1 else ''}",
                       ["file", "line", "column", "problem", "fix"], shown)
            if len(shown) < len(rows):
                by_check = Counter((r["file"], r["column"], r["problem"]) for r in rows)
                emit_table("Problems by check", ["file", "column", "problem", "rows"],
                           [{"file": f, "column": c, "problem": p, "rows": n}
                            for (f, c, p), n in by_check.most_common()])
                click.echo(f"Showing {len(shown)} of {len(rows)} problems; --limit 0 or "
                           "--format csv lists them all.")
        if warnings:
            shown = warnings if limit is None or limit <= 0 else warnings[:limit]
            emit_table(f"{len(warnings)} optional value{'s' if len(warnings) != 1 else ''} "
                       "left empty (rows kept)", ["file", "line", "column", "problem", "fix"],
                       shown)
        for file, columns in report.extra_columns.items():
            echo_text(f"{file}: extra columns kept as properties: {', '.join(columns)}")
        verdict = ("OK: every row kept." if not rows else
                   f"{report.rows_rejected} of {report.rows_read} rows rejected.")
        click.echo(verdict)
    else:
        # rejected rows first, then values left empty (their reason says so)
        emit_table("problems", ["file", "line", "column", "problem", "fix"], rows + warnings, fmt)
    if source.strict:
        check_strict(network)


def _print_summary(summary, network):
    console = stdout_console()
    console.print(Text.assemble(as_text(summary.name, "bold"),
                                f": {summary.actors} actors, {summary.projects} projects, "
                                f"{len(summary.themes)} themes, {summary.ties} ties"))
    emit_table("Actors per kind", ["kind", "count"],
               [{"kind": k, "count": v} for k, v in summary.actors_per_kind.items()
                if k not in ("project", "theme")])
    emit_table("Ties per type", ["type", "count"],
               [{"type": k, "count": v} for k, v in summary.ties_per_type.items()])
    emit_table("Themes", ["id", "English", "German", "priority", "actors", "ties"],
               [{"id": t["id"], "English": t["label_en"], "German": t["label_de"],
                 "priority": t["priority"], "actors": t["actors"], "ties": t["ties"]}
                for t in summary.themes])
    if summary.home_city is not None:
        home = network.name_of(summary.home_city)
        claims = [p for p in summary.partnerships if p.get("claimed_by")]
        columns = ["city", "signed", "status", "actors based there"] + (
            ["claimed by"] if claims else [])
        emit_table(f"Partner cities of {home}", columns,
                   [{"city": p["name"], "signed": p["since"], "status": p["status"],
                     "actors based there": p["actors"],
                     "claimed by": _claimant(network, p.get("claimed_by"))}
                    for p in summary.partnerships])
        if claims:
            console.print(f"{len(claims)} of {len(summary.partnerships)} partnerships are "
                          "claimed by one side only (marked above).")
    pairs, one_sided = network.partnership_counts()
    if one_sided:
        console.print(f"Formal partnerships in the network: {pairs}, of which {one_sided} are "
                      "claimed by one side only.")
    first, last = summary.years
    console.print(f"Years covered: {first}–{last}" if first is not None else "Years covered: none given")
    emit_table("Rows per file", ["file", "read", "kept", "rejected"], summary.files)


def _claimant(network, city):
    """The name of the one city claiming a partnership, or "" (both sides do)."""
    return network.name_of(city) if city else ""


@cli.command()
@network_source
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Readable tables, or JSON for scripts.")
def info(source, fmt):
    """Summarise a network: actors per kind, ties per type, themes, partner
    cities with the year signed and status, years covered.

    Example:

        actornet info data/berlin --format json
    """
    network = source.load()
    from actornet.graph.summary import summarize  # networkx: after an error in the input

    summary = summarize(network)
    if fmt == "json":
        emit_json(summary.to_dict())
    else:
        _print_summary(summary, network)
    warn_rejected(network)


# Suffix -> writer in actornet.loaders (imported when a command writes).
_WRITERS = {".graphml": "write_graphml", ".gexf": "write_gexf", ".json": "write_json",
            ".xlsx": "write_excel"}


@cli.command()
@network_source
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Where to write: a .graphml, .gexf, .json or .xlsx file, or a folder for CSV.")
@click.option("--force", is_flag=True,
              help="Replace the output folder even when it holds files actornet did not write.")
def export(source, output, force):
    """Write a network as GraphML, GEXF, node-link JSON, Excel or CSV files.

    The format follows the output's suffix; no suffix writes a folder of CSV
    files (with its network.toml), whole: an existing folder is replaced only
    when it holds a network actornet wrote (or with --force). JSON, Excel and
    CSV read back into the same network.

    Example:

        actornet export data/berlin -o out/berlin.gexf
    """
    from actornet import loaders

    writer = _WRITERS.get(output.suffix.casefold())
    if writer is None and output.suffix:
        raise click.ClickException("unknown output format; use .graphml, .gexf, .json, .xlsx "
                                   "or a folder name")
    writer = getattr(loaders, writer) if writer is not None else None
    if writer is None:
        from actornet.outputs import check_output_folder, check_settings

        check_output_folder(output, source.inputs(), force=force)
        check_settings(home=source.home)  # it goes into the folder's network.toml
    else:
        source.check_outputs(output)
    network = source.load()
    if writer is None:
        from actornet.loaders.folder import write_network_folder

        write_network_folder(network, output, force=force)
    else:
        writer(network, output)
    click.echo(f"Wrote {output}")
    warn_rejected(network)


@cli.command()
@click.argument("data", required=False, type=click.Path(path_type=Path))
@neo4j_options
@click.option("--batch-size", type=click.IntRange(min=1), default=None, metavar="N",
              help="Rows per transaction (default: 5000, chosen by benchmarks/load.py).")
@click.option("--replace", is_flag=True,
              help="Rewrite the dataset: properties set exactly as in DATA, and what an "
                   "earlier load of it wrote that DATA lacks removed.")
@click.option("--dataset", default=None, metavar="NAME",
              help="Name marking what this load writes (default: the network's name).")
@click.option("--strict", is_flag=True,
              help="Refuse to load if any input row is rejected.")
@click.option("--encoding", default=None, metavar="NAME", help="Text encoding of CSV/JSON input.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Readable summary, or JSON for scripts.")
def load(data, neo4j, insecure, batch_size, replace, dataset, strict, encoding, fmt):
    """Load a network's files into a Neo4j store, idempotently.

    Nodes and ties are merged in batches (a second load of the same data
    creates nothing); then the counts per label and per relationship type
    are read back and checked. A load that stopped part-way is completed by
    loading again. The store comes from --neo4j or NEO4J_URI; user, password
    and database from NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE (in
    the environment or a .env file).

    Example:

        NEO4J_URI=neo4j+s://db.example.org actornet load data/berlin --replace
    """
    from actornet.loaders.settings import Neo4jSettings
    from actornet.loaders.store import DEFAULT_BATCH_SIZE, write_network

    settings = Neo4jSettings.from_env(uri=neo4j, insecure=insecure)
    network = NetworkSource(data=data if data is not None else sample_path(), strict=strict,
                            encoding=encoding).load()
    warn_rejected(network)
    with open_store(settings) as driver, progress_bar("Loading into Neo4j") as progress:
        summary = write_network(driver, network, database=settings.database,
                                batch_size=batch_size or DEFAULT_BATCH_SIZE, replace=replace,
                                dataset=dataset, progress=progress)
    if fmt == "json":
        emit_json({"server": settings.describe(), **summary.to_dict()})
        return
    click.echo(f"Loaded {summary.dataset!r} into {settings.describe()}: "
               f"{summary.nodes_sent} nodes and {summary.ties_sent} ties in {summary.batches} "
               f"batches of up to {summary.batch_size} rows, {summary.seconds:.1f} s "
               f"({summary.rows_per_second:,.0f} rows/s).")
    if summary.nodes_deleted or summary.ties_deleted:
        click.echo(f"Replaced: removed {summary.nodes_deleted} nodes and {summary.ties_deleted} "
                   "ties the earlier load wrote and this one has not.")
    if summary.batches_skipped:
        click.echo(f"{summary.batches_skipped} of {summary.batches} batches unchanged since "
                   "the last load of this dataset: not sent again.")
    click.echo("Nothing new: the store already held this network." if summary.unchanged else
               f"Created {summary.nodes_created} nodes and {summary.ties_created} ties.")
    emit_table("Nodes per label", ["label", "count"],
               [{"label": k, "count": v} for k, v in sorted(summary.labels.items())])
    emit_table("Ties per type", ["type", "count"],
               [{"type": k, "count": v} for k, v in sorted(summary.tie_types.items())])
    click.echo("Verified: the store holds what was sent; no duplicate ids.")


@cli.command()
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Folder for the files the demo writes.")
def demo(out_dir):
    """Validate the bundled Berlin network, summarise it, write it as GraphML,
    as the interactive page and as the planners' report; print the top findings.

    Example:

        actornet demo --out out
    """
    from actornet.graph.summary import summarize
    from actornet.loaders import write_graphml

    source = NetworkSource(data=sample_path(), strict=True)
    names = ("berlin.graphml", "berlin-network.html", "berlin-report.html")
    source.check_outputs(out_dir, *(out_dir / name for name in names))
    network = source.load()
    _print_summary(summarize(network), network)
    path = write_graphml(network, out_dir / names[0])
    click.echo(f"Wrote {path} (open it in Gephi, yEd or Cytoscape)")
    from actornet.page import network_page

    page = network_page(network, out_dir / names[1])
    click.echo(f"Wrote {page} (the interactive page: open it in a browser)")
    from actornet.queries.home_brokers import home_brokers
    from actornet.queries.under_served import under_served
    from actornet.report import network_report

    report = network_report(network, out_dir / names[2])
    click.echo(f"Wrote {report} (the planners' report: open it in a browser)")
    click.echo("Most under-served partnerships:")
    ranked = under_served(network)
    for row in ranked[ranked["rank"].notna()].head(3).itertuples():
        echo_text(f"  {int(row.rank)}. {row.why}")
    click.echo("Top brokers:")  # of the home city's partnerships, as `brokers` ranks them
    for i, row in enumerate(home_brokers(network, top=3).itertuples(), 1):
        echo_text(f"  {i}. {row.name}: {row.why}")
    _demo_who_to_connect(network, ranked)


def _demo_who_to_connect(network, ranked):
    """For the most under-served partnership with a priority theme nobody
    works on, the most important such theme: whom to bring in and introduce."""
    from actornet.queries.priorities import most_important_missing_theme
    from actornet.queries.paths import route_caveat
    from actornet.queries.recommend import recommend

    for row in ranked[ranked["rank"].notna()].itertuples():
        theme = most_important_missing_theme(row.missing_themes, network.themes)
        if theme is None:
            continue
        answer = recommend(network, theme, row.city, k=3)
        label = network.themes[theme].label_en or theme
        echo_text(f"Who to connect for a {label} project with {row.name} "
                   f"(actornet recommend --theme {theme} --city \"{row.name}\"):")
        for note in answer.notes:
            echo_text(f"  {note}")
        for title, table in (("bring in", answer.bring_in),
                             ("meet there", answer.counterparts)):
            if len(table):
                echo_text(f"  {title}: {', '.join(table['name'])}")
        for r in answer.introductions.itertuples():
            route = " → ".join(r.path_names) if r.path_names else "no chain of ties yet"
            echo_text(f"  introduce {r.home_name} to {r.partner_name}: {route}")
            caveat = route_caveat(network, r.path)
            if caveat:
                echo_text(f"    ({caveat})")
        return


# The analysis commands live in their own modules.
for _command in (brokers_command, path_command, fragility_command, viz_command,
                 communities_command, whatif_command):
    cli.add_command(_command)
for _command in (gaps_command, recommend_command, report_command):
    cli.add_command(_command)
for _command in (import_command, dedupe_command, merge_command, build_command):
    cli.add_command(_command)


#: Exit statuses after a signal (128 + its number, as shells report them).
_SIGNAL_EXITS = {130: "Interrupted.", 143: "Terminated."}


def _stop(signum, frame):
    """SIGINT (Ctrl-C) or SIGTERM: leave as SystemExit, which no ``except
    Exception`` catches and click passes through (a KeyboardInterrupt it turns
    into exit status 1), so every writer removes its temporary files and
    leaves the earlier output whole on the way out."""
    raise SystemExit(128 + signum)


def main(argv=None):
    """Entry point of the ``actornet`` console script.

    Ctrl-C exits with status 130 and SIGTERM with 143 (128 + the signal's
    number), after every writer has removed its temporary files and left the
    earlier output whole.
    """
    import signal

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, _stop)
    try:
        return cli.main(args=argv, prog_name="actornet")
    except SystemExit as done:
        if done.code in _SIGNAL_EXITS:
            click.echo(_SIGNAL_EXITS[done.code], err=True)
        raise
    except KeyboardInterrupt:
        click.echo(_SIGNAL_EXITS[130], err=True)
        sys.exit(130)
