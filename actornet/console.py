"""Terminal output: tables on a terminal, CSV or JSON for pipes, progress on stderr.

Text from the data is printed as text: the consoles interpret no rich markup
(``[/bold] Berlin`` or ``[link=...]`` in a name print as written) and no
emoji codes, and a table cell shows control characters (an escape sequence
that could restyle the terminal or hide a link) as ``\x1b``-style escapes.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import sys

import click

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

__all__ = ["FORMATS", "as_text", "echo_text", "emit_table", "emit_json", "plain", "plain_records",
           "cell_text", "progress_bar", "stdout_console"]

FORMATS = ("table", "csv", "json")


def stdout_console() -> Console:
    # Wide enough that a table piped to a file is not folded into a narrow column.
    return Console(file=sys.stdout, width=None if sys.stdout.isatty() else 120,
                   highlight=False, soft_wrap=False, markup=False, emoji=False)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def as_text(value, style: str = "") -> Text:
    """``value`` as a rich Text shown literally: no markup, control characters escaped.

    Examples
    --------
    >>> as_text("[/bold] Berlin").plain
    '[/bold] Berlin'
    >>> print(as_text(chr(27) + "]8;;http://x" + chr(7) + "Click").plain)
    \\x1b]8;;http://x\\x07Click
    """
    return Text(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value)), style=style)


def echo_text(text: str, *, err: bool = False) -> None:
    """Print a line holding text from the data, control characters escaped
    (as in :func:`as_text`), so no escape sequence from a name reaches the terminal."""
    click.echo(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text)), err=err)


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
            writer.writerow(["" if row.get(c) is None else cell_text(row.get(c)) for c in columns])
        out.write(buffer.getvalue())
    else:
        table = Table(title=as_text(title), title_justify="left", title_style="bold")
        for column in columns:
            table.add_column(as_text(column), overflow="fold")
        for row in rows:
            table.add_row(*(as_text("" if row.get(c) is None else cell_text(row.get(c)))
                            for c in columns))
        stdout_console().print(table)


def emit_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n")


def plain(value, *, digits=None, join=None):
    """A table's value as plain Python, for JSON and CSV: the one conversion
    every command uses.

    NaN, ``pandas.NA`` and ``NaT`` become None; numpy scalars become Python
    numbers; strings, dicts, lists and tuples stay as they are. ``digits``
    rounds floats; ``join`` turns a list or tuple into one string of its
    items joined by ``join``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> plain(float("nan")), plain(pd.NA), plain(np.int64(3)), plain(["a", "b"])
    (None, None, 3, ['a', 'b'])
    >>> plain(0.123456, digits=3), plain(["a", "b"], join="; ")
    (0.123, 'a; b')
    """
    if isinstance(value, (list, tuple)):
        return value if join is None else join.join(str(v) for v in value)
    if value is None or isinstance(value, (str, dict)):
        return value
    try:
        if value != value:  # NaN, NaT
            return None
    except TypeError:  # pandas.NA has no truth value
        return None
    if hasattr(value, "item"):
        value = value.item()
    if digits is not None and isinstance(value, float):
        value = round(value, digits)
    return value


def plain_records(table, **options) -> list[dict]:
    """A DataFrame's rows as dicts of :func:`plain` values (``options`` as there)."""
    return [{c: plain(v, **options) for c, v in row.items()} for row in table.to_dict("records")]


def cell_text(value) -> str:
    """A value as the text of a table or CSV cell: a list's items joined with
    ``; ``, a float in ``g`` format."""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@contextlib.contextmanager
def progress_bar(description: str):
    """A progress bar on stderr, only when stderr is a terminal.

    Yields a ``callback(done, total=None)`` for the library to call, or None
    when piped (then nothing is shown). Until the first call (and while the
    total is unknown) the bar is a spinner with the time elapsed, so a step
    without a callback still shows that it is working.
    """
    stream = sys.stderr
    if not stream.isatty():
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}", markup=False), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    console = Console(file=stream, markup=False, emoji=False, highlight=False)
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(description, total=None)

        def update(done, total=None):
            progress.update(task, completed=done, total=total)

        yield update
