"""Terminal output: tables on a terminal, CSV or JSON for pipes, progress on stderr."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

__all__ = ["FORMATS", "emit_table", "emit_json", "progress_bar", "stdout_console"]

FORMATS = ("table", "csv", "json")


def stdout_console() -> Console:
    # Wide enough that a table piped to a file is not folded into a narrow column.
    return Console(file=sys.stdout, width=None if sys.stdout.isatty() else 120,
                   highlight=False, soft_wrap=False)


def emit_table(title: str, columns: list[str], rows: list[dict], fmt: str = "table") -> None:
    """Print ``rows`` (dicts keyed by ``columns``) in the format asked for."""
    out = sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n")
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else _plain(row.get(c)) for c in columns])
        out.write(buffer.getvalue())
    else:
        table = Table(title=title, title_justify="left", title_style="bold")
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*("" if row.get(c) is None else _plain(row.get(c)) for c in columns))
        stdout_console().print(table)


def emit_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n")


def _plain(value) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@contextlib.contextmanager
def progress_bar(description: str):
    """A progress bar on stderr, only when stderr is a terminal.

    Yields a ``callback(done, total)`` for the library to call, or None when
    piped (then nothing is shown).
    """
    stream = sys.stderr
    if not stream.isatty():
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(file=stream), transient=True) as progress:
        task = progress.add_task(description, total=None)

        def update(done, total):
            progress.update(task, completed=done, total=total)

        yield update
