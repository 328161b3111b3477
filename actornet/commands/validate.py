"""``actornet validate``: every rejected row of a network's files, with file, line and column."""

from __future__ import annotations

from collections import Counter

import click

from actornet.console import FORMATS, echo_text, emit_table
from actornet.source import network_source

__all__ = ["validate_command"]


@click.command("validate")
@network_source
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="How to print the problems.")
@click.option("--limit", type=int, default=50, show_default=True,
              help="Problems to list in the table (0: all); csv and json list all.")
def validate_command(source, fmt, limit):
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
