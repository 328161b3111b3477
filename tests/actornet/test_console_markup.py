"""Text from data is printed as text (issue 15, item 4): names holding rich
markup, emoji codes or terminal escape sequences print as written."""

from __future__ import annotations

import shutil

import pytest

from testdata import DATA
from checks import run_cli as run

MARKUP = DATA / "hostile" / "markup"
LINK = "[link=https://evil.example]Click[/link]"


def _printed_as_text(result):
    assert result.exit_code == 0, result.output + result.stderr
    assert "MarkupError" not in result.output + result.stderr


@pytest.mark.parametrize("args, shown", [
    (("brokers",), "[/red] Jakarta"),
    (("info",), "[/red] Jakarta"),
    (("gaps",), LINK),
    (("path", "tu", "itb"), "[/bold] Berlin"),
    (("recommend", "--theme", "science", "--city", "jakarta"), ":warning: [on red]Agency"),
    (("validate",), "[/bold]note"),
], ids=["brokers", "info", "gaps", "path", "recommend", "validate"])
def test_markup_in_names_prints_literally(args, shown):
    result = run(*args, MARKUP) if args[0] == "path" else run(args[0], MARKUP, *args[1:])
    _printed_as_text(result)
    assert shown in result.output


def test_info_names_a_network_whose_name_is_markup(tmp_path):
    folder = tmp_path / "[bold]net[red]"
    shutil.copytree(MARKUP, folder)
    result = run("info", folder)
    _printed_as_text(result)
    assert "[bold]net[red]: 8 actors" in result.output


def test_a_terminal_escape_in_a_name_is_shown_escaped(tmp_path):
    folder = tmp_path / "net"
    shutil.copytree(MARKUP, folder)
    actors = folder / "actors.csv"
    text = actors.read_text(encoding="utf-8").replace(
        "Partnership Association", "\x1b]8;;http://evil.example\x07Partnership\x1b]8;;\x07")
    actors.write_text(text, encoding="utf-8")
    result = run("brokers", folder, "--format", "table")
    _printed_as_text(result)
    assert "\x1b" not in result.output


def test_a_terminal_escape_in_a_why_line_is_shown_escaped(tmp_path):
    folder = tmp_path / "net"
    shutil.copytree(MARKUP, folder)
    actors = folder / "actors.csv"
    text = actors.read_text(encoding="utf-8").replace("[/red] Jakarta", "\x1b[8mJakarta")
    actors.write_text(text, encoding="utf-8")
    result = run("gaps", folder)
    _printed_as_text(result)
    assert "\x1b" not in result.output
    assert "\\x1b[8mJakarta" in result.output
