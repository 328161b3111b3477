"""The planners' report: one offline file, the heatmap and tables, inert to XSS."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from click.testing import CliRunner

from actornet.cli import cli
from actornet.graph.network import ActorNetwork
from actornet.graph.schema import Theme, ThemeTable
from actornet.network_report import network_report
from actornet.viz.report_html import heatmap_svg

from vizdata import XSS
from checks import graph_snapshot, person_spellings


@pytest.fixture
def hostile_themes(hostile):
    """The hostile network with a hostile partner city and theme label."""
    G = hostile.graph.copy()
    G.nodes["paris"]["name"] = XSS["img"]
    themes = ThemeTable([Theme("climate", XSS["script"], XSS["href"], 3),
                         Theme("sport", XSS["img"], "", 1)])
    return ActorNetwork(G, themes=themes)


@pytest.fixture(scope="module")
def berlin_report(tmp_path_factory):
    from actornet.sample import sample_path
    from actornet.loaders import read_network

    net = read_network(sample_path())
    folder = tmp_path_factory.mktemp("report")
    path = network_report(net, folder / "a" / "report.html")
    return net, folder, path, path.read_text(encoding="utf-8")


def csp_of(html):
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    return meta.group(1).replace("&#39;", "'") if meta else None


def test_one_self_contained_file(berlin_report):
    _, folder, path, html = berlin_report
    assert path == folder / "a" / "report.html"
    assert [p for p in folder.rglob("*") if p.is_file()] == [path]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "<link" not in html and "@import" not in html
    # The report runs no script of its own; the embedded page's are escaped in srcdoc.
    assert "<script" not in html.casefold()


def test_embedded_page_is_sandboxed_and_offline_too(berlin_report):
    _, _, _, html = berlin_report
    frame = re.search(r'<iframe id="network"[^>]*sandbox="allow-scripts" srcdoc="([^"]*)"', html)
    assert frame, "no sandboxed srcdoc iframe"
    inner = htmllib.unescape(frame.group(1))
    assert inner.startswith("<!DOCTYPE html>") and 'id="actornet-data"' in inner
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", inner, re.I)


def test_csp_is_strict(berlin_report):
    _, _, _, html = berlin_report
    csp = csp_of(html)
    assert csp, "no CSP meta"
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    scripts = csp.split("script-src")[1].split(";")[0].split()
    assert len(scripts) == 2 and all(s.startswith("'sha256-") for s in scripts)
    # The embedded page's own scripts are exactly the two the report allows.
    inner = htmllib.unescape(re.search(r'srcdoc="([^"]*)"', html).group(1))
    assert set(csp_of(inner).split("script-src")[1].split(";")[0].split()) == set(scripts)


def test_heatmap_has_one_cell_per_partnership_and_theme(berlin_report):
    net, _, _, html = berlin_report
    svg = re.search(r'<svg id="heatmap".*?</svg>', html, re.S)
    assert svg
    cells = re.findall(r'<rect class="cell[^"]*" data-city="([^"]*)" data-theme="([^"]*)"', svg.group(0))
    assert len(cells) == len(net.partnerships()) * len(net.themes)
    assert set(cells) == {(p["city"], t.id) for p in net.partnerships() for t in net.themes}
    assert 'class="cell gap"' in svg.group(0)  # the sample has gaps
    assert svg.group(0).count("\u2605") == len(net.themes.priorities())


def test_tables_present(berlin_report):
    net, _, _, html = berlin_report
    for table in ("kinds", "brokers", "fragility", "dormant", "under-served"):
        assert f'<table id="{table}"' in html, table
    assert html.count('<table class="introductions"') == 3
    assert html.count("<tr>", html.index('<table id="brokers"'),
                      html.index("</table>", html.index('<table id="brokers"'))) == 11
    assert "Budapest" in html[html.index('<table id="dormant"'):]
    assert f"<b>{len(net.partnerships())}</b>partnerships" in html


def test_xss_corpus_is_inert(hostile_themes, tmp_path):
    html = network_report(hostile_themes, tmp_path / "x.html").read_text(encoding="utf-8")
    assert "<img" not in html
    assert "<script" not in html.casefold()
    assert "<a href" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the city and theme, escaped
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count('<rect class="cell') == 2 * 2


def test_heatmap_svg_escapes():
    cell = {"city": '"><img src=x>', "name": "<b>", "status": "active", "theme": "t",
            "theme_name": "</svg><script>", "priority": 3.0, "ties": 0, "projects": 0,
            "intensity": 0.0, "activity": 0.0, "last_active": None, "gap": True}
    svg = str(heatmap_svg([cell]))
    assert "<img" not in svg and "<b>" not in svg and "<script" not in svg
    assert svg.count("</svg>") == 1


def test_never_mutates_the_network(berlin_report, hostile_themes, tmp_path):
    net = berlin_report[0]
    for network in (net, hostile_themes):
        before = graph_snapshot(network.graph)
        network_report(network, tmp_path / "r.html", as_of=2020, embed_page=False)
        network_report(network, tmp_path / "r.html")
        assert graph_snapshot(network.graph) == before


def test_same_input_same_bytes(berlin_report, tmp_path):
    net, _, path, _ = berlin_report
    assert network_report(net, tmp_path / "again.html").read_bytes() == path.read_bytes()


def test_without_partnerships_or_page(tmp_path):
    from actornet.graph.generate import generated_network

    import networkx as nx

    html = network_report(ActorNetwork(nx.MultiDiGraph()), tmp_path / "e.html").read_text("utf-8")
    assert "Key figures" in html and "<svg" not in html
    net = generated_network(60, 200, cities=3, seed=1)
    html = network_report(net, tmp_path / "g.html", embed_page=False, top=3).read_text("utf-8")
    assert "<iframe" not in html and csp_of(html).count("script-src 'none'") == 1


def test_bad_top(hostile, tmp_path):
    from actornet.graph.errors import VizError

    with pytest.raises(VizError):
        network_report(hostile, tmp_path / "x.html", top=0)
    assert not (tmp_path / "x.html").exists()


def test_cli_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    result = runner.invoke(cli, ["report", "-o", "out/r.html", "--as-of", "2020", "--no-page"])
    assert result.exit_code == 0, result.output
    assert "Wrote out/r.html" in result.output
    assert (tmp_path / "out" / "r.html").exists()
    result = runner.invoke(cli, ["report", "--top", "0"])
    assert result.exit_code == 2
    result = runner.invoke(cli, ["report", "missing-folder"])
    assert result.exit_code == 1 and result.output.startswith("Error: ")
    result = runner.invoke(cli, ["report", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_demo_writes_page_and_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    result = CliRunner().invoke(cli, ["demo", "--out", "out"])
    assert result.exit_code == 0, result.output
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        "berlin.graphml", "berlin-network.html", "berlin-report.html"}
    assert "Wrote out/berlin-report.html" in result.output
    findings = result.output.split("Most under-served partnerships:")[1]
    assert "  1. Budapest in " in findings and "  3. " in findings
    brokers = findings.split("Top brokers:")[1].split("Who to connect for a ")[0]
    assert brokers.count("\n  ") == 3


_LOCAL_CHAR = re.compile(r"[\w.+-]")
_DOMAIN = re.compile(r"[\w-]+\.[\w.]+")


def email_addresses(text: str) -> list[str]:
    """What the pattern ``[\\w.+-]+@[\\w-]+\\.[\\w.]+`` finds in ``text``, found in
    linear time: every ``@`` with a local-part character right before it and
    a domain with a dot right after it (the regex itself backtracks over
    each long run of word characters: minutes on a 1 MB page). Each address
    is given with the last local-part character only: enough to say where."""
    found, at = [], text.find("@")
    while at != -1:
        domain = _DOMAIN.match(text, at + 1)
        if at > 0 and _LOCAL_CHAR.match(text, at - 1) and domain:
            found.append(text[at - 1:domain.end()])
        at = text.find("@", at + 1)
    return found


def test_the_address_check_finds_addresses():
    assert email_addresses("write to anna.secret@example.org today") == ["t@example.org"]
    assert email_addresses("a@b.c and x+y@mail-host.example.com") == ["a@b.c", "y@mail-host.example.com"]
    assert email_addresses("@handle, a@b, @ b.c, user@localhost, a @b.c") == []
    padded = "x" * 500_000 + " nobody@example.org " + "y" * 500_000
    assert email_addresses(padded) == ["y@example.org"]


def test_the_address_check_finds_what_the_regex_finds_on_short_texts():
    import random

    rng = random.Random(7)
    pattern = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    for _ in range(3000):
        text = "".join(rng.choice("ab.@+- _é<>") for _ in range(rng.randint(0, 12)))
        assert bool(email_addresses(text)) == bool(pattern.search(text)), text


def test_no_contact_details_reach_the_report(berlin_report):
    network, html = berlin_report[0], berlin_report[3]
    emails = [d["email"] for _, d in network.graph.nodes(data=True) if d.get("email")]
    assert emails, "the sample has e-mail addresses to leak"
    assert [e for e in emails if e in html] == []
    assert email_addresses(html) == []
    # The check can fail: an address planted in the same page is found.
    middle = len(html) // 2
    assert email_addresses(html[:middle] + f" {emails[0]} " + html[middle:]) != []


# -- issue 14: redaction, readable headings, gaps that look like gaps ------------------
def _shows(text, spelling):
    import json

    plain = htmllib.unescape(htmllib.unescape(text))  # the page sits escaped in srcdoc
    return any(form in plain for form in (spelling, json.dumps(spelling)[1:-1]))


def test_cli_report_redact_people_leaves_no_person_named(tmp_path, monkeypatch):
    from actornet.sample import sample_path
    from actornet.loaders import read_network

    net = read_network(sample_path())
    people = person_spellings(net)
    assert len(people) > 10
    runner = CliRunner()
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("ACTORNET_PSEUDONYM_KEY", "test key")
    plain = runner.invoke(cli, ["report", str(sample_path()), "-o", str(tmp_path / "plain.html")])
    assert plain.exit_code == 0, plain.output
    shown = (tmp_path / "plain.html").read_text(encoding="utf-8")
    assert any(_shows(shown, s) for s in people)  # without the flag, people are named
    result = runner.invoke(cli, ["report", str(sample_path()), "-o", str(tmp_path / "r.html"),
                                 "--redact-people"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert [s for s in people if _shows(html, s)] == []
    assert "Person " in html
    # The page embedded in it is redacted too, and the report still names organisations.
    assert "Freie Universität Berlin" in htmllib.unescape(html)
    again = runner.invoke(cli, ["report", str(sample_path()), "-o", str(tmp_path / "r2.html"),
                                "--redact-people"])
    assert (tmp_path / "r2.html").read_text(encoding="utf-8") == html  # the same key, the same file
    # Without a key: a random one for the run, said in one line; nobody named either.
    monkeypatch.delenv("ACTORNET_PSEUDONYM_KEY")
    result = runner.invoke(cli, ["report", str(sample_path()), "-o", str(tmp_path / "x.html"),
                                 "--redact-people"])
    assert result.exit_code == 0, result.output
    assert "random key made for this run" in result.stderr and result.stderr.count("\n") == 1
    unkeyed = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert [s for s in people if _shows(unkeyed, s)] == []
    assert "Person " in unkeyed and unkeyed != html


def test_a_gap_cell_is_unshaded_and_crossed():
    cells = [{"city": "p", "name": "Paris", "status": "active", "theme": t, "theme_name": t,
              "priority": 3.0, "ties": 0, "projects": 0, "intensity": 0.0,
              "activity": activity, "last_active": 2001, "gap": gap}
             for t, activity, gap in [("climate", 2.0, True), ("culture", 2.0, False)]]
    svg = str(heatmap_svg(cells))
    gap = re.search(r'<rect class="cell gap"[^>]*fill="([^"]+)"', svg).group(1)
    active = re.search(r'<rect class="cell" [^>]*fill="([^"]+)"', svg).group(1)
    assert gap == "#ffffff" and active != "#ffffff"  # same past activity, only one shaded
    assert svg.count("<path") == 1  # the cross


def _cell(theme="t", name="Climate", **more):
    return {"city": "p", "name": "Paris", "status": "active", "theme": theme, "theme_name": name,
            "priority": 1.0, "ties": 0, "projects": 0, "intensity": 0.0, "activity": 0.0,
            "last_active": None, "gap": False, **more}


def _headings(svg):
    return re.findall(r'<text class="theme"[^>]*>([^<]*)</text>', svg)


def test_heatmap_headings_are_not_cut_off():
    name = "A very long theme name, that would not fit"
    svg = str(heatmap_svg([_cell(name=name)]))
    y = float(re.search(r'<text class="theme" x="[^"]+" y="([^"]+)"', svg).group(1))
    # The heading's vertical extent (slanted at 60 degrees) fits above its baseline.
    assert y >= len(_headings(svg)[0]) * 6 * 0.86


def test_heatmap_heads_a_long_label_by_its_first_words_and_keeps_it_whole_in_the_tooltip():
    name = "Climate action, environment, resource efficiency and raw materials"
    svg = str(heatmap_svg([_cell("SC5", name)]))
    assert _headings(svg) == ["Climate action, environment\u2026"]
    assert f"Paris \u00d7 {name}:" in svg


def test_heatmap_heads_a_column_by_the_short_label_where_the_cells_carry_one():
    svg = str(heatmap_svg([_cell("SC5", "Climate action, environment, resource efficiency",
                                 theme_short="Climate and environment"),
                           _cell("SC3", "Secure, clean and efficient energy")]))
    assert _headings(svg) == ["Climate and environment", "Secure, clean and efficient energy"]
