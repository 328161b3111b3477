"""The report for planners: one offline HTML file with the findings.

:func:`draw_report` writes the findings it is given (built by
:func:`actornet.network_report.report_data`: key figures, top brokers, the fragile,
dormant and under-served partnerships with the recommended introductions),
the coverage heatmap (partner city x theme, an inline SVG drawn here from the
coverage rows), and the interactive network page itself.

The page is embedded, not linked: its HTML sits, escaped, in the ``srcdoc``
of a sandboxed ``<iframe sandbox="allow-scripts">`` (an opaque origin, so its
scripts cannot touch the report). A ``srcdoc`` document inherits the
report's Content-Security-Policy, which therefore allows exactly the two
scripts of the page by their SHA-256 hashes and nothing else; the report
itself runs no script. Everything taken from the data goes through Jinja2's
autoescape (or :func:`markupsafe.escape` in the SVG); nothing is fetched
from any origin.
"""

from __future__ import annotations

import math
from pathlib import Path

from markupsafe import Markup, escape

from actornet.graph.atomic import write_text_atomic
from actornet.viz.page_html import render, script_hashes

__all__ = ["draw_report", "heatmap_svg", "REPORT_CSP"]

#: The report's policy: no source of any kind but the page's two inline
#: scripts (by hash, for the embedded page) and inline styles.
REPORT_CSP = ("default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; "
              "img-src data:; font-src 'none'; connect-src 'none'; "
              "base-uri 'none'; form-action 'none'")

# Heatmap geometry (pixels).
_CELL_W, _CELL_H = 34, 22
_LEFT, _TOP = 170, 60
_ANGLE = 60  # degrees the theme headings are slanted
_CHAR_W = 7.2  # a generous average width of a 12 px character (bold)
_FILL = (0x00, 0x72, 0xB2)  # Okabe-Ito blue, as cities in the page
_GAP = "#D55E00"
_HEADING = 36  # characters of a theme heading before it is cut


def draw_report(data, path, *, page=None) -> Path:
    """Write the planners' report of ``data`` to ``path``; return the path.

    Parameters
    ----------
    data : dict
        The findings (:func:`actornet.network_report.report_data`); with a home
        city, ``data["coverage"]`` holds the coverage rows the heatmap is
        drawn from.
    path : str or Path
        The HTML file to write (parent folders are created). Nothing else is
        written.
    page : dict, optional
        The network page's data (:func:`actornet.viz.page_data.page_data`),
        embedded in a sandboxed ``iframe srcdoc``; None leaves it out.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> data = {"title": "t", "as_of": None, "home": None, "kinds": [], "brokers": [],
    ...         "figures": {"actors": 0, "projects": 0, "ties": 0, "themes": 0,
    ...                     "partnerships": 0, "first": None, "last": None}}
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     html = draw_report(data, Path(tmp) / "r.html").read_text("utf-8")
    >>> "Content-Security-Policy" in html and "<iframe" not in html
    True
    """
    shown = dict(data)
    if data.get("coverage") is not None:
        shown["heatmap"] = heatmap_svg(data["coverage"])
    page_html, scripts = "", "'none'"
    if page is not None:
        page_html = render(page)
        scripts = script_hashes()
    html = _render(shown, page_html=page_html, csp=REPORT_CSP.format(scripts=scripts))
    return write_text_atomic(path, html)


# -- the heatmap --------------------------------------------------------------

def _shade(share: float) -> str:
    """White to blue; ``share`` in [0, 1]."""
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in _FILL)


def _num(x) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _heading(cell) -> str:
    """A theme's column heading: its short label (``theme_short``) where the
    cells carry one, else its label, cut after whole words when long
    ("Climate action, environment…"); never its bare code. The cell's
    tooltip keeps the full label.

    Examples
    --------
    >>> _heading({"theme_name": "Climate action, environment, resource efficiency and "
    ...                         "raw materials"})
    'Climate action, environment…'
    >>> _heading({"theme_name": "Climate action, …", "theme_short": "Climate and environment"})
    'Climate and environment'
    """
    if cell.get("theme_short"):
        return str(cell["theme_short"])
    name = " ".join(str(cell["theme_name"]).split())
    if len(name) <= _HEADING:
        return name
    words = name.split(" ")
    kept = words[0][:_HEADING - 2]
    for word in words[1:]:
        if len(kept) + 1 + len(word) > _HEADING - 2:
            break
        kept += " " + word
    return kept.rstrip(",;:\u2013\u2014- ") + "\u2026"


def heatmap_svg(cells) -> Markup:
    """The coverage heatmap, partner city x theme, as inline SVG markup.

    Parameters
    ----------
    cells : list of dict
        The records of :func:`actornet.queries.coverage.coverage` (columns
        :data:`~actornet.queries.coverage.COVERAGE_COLUMNS`); a
        ``theme_short`` (:func:`~actornet.graph.schema.theme_label` with
        ``short=True``), where given, heads the theme's column.

    Returns
    -------
    markupsafe.Markup
        One ``<rect class="cell">`` per partner city and theme, shaded by
        ``activity`` (square-root scale up to the highest cell); priority
        themes carry a star in their heading; a gap (a priority theme with
        no active tie or project) is unshaded, with an orange outline and a
        cross. The headings are slanted at 60 degrees, the margins sized to
        the longest so none is cut off or overlaps another. Every
        text from the data is escaped.

    Examples
    --------
    >>> svg = heatmap_svg([{"city": "p", "name": "<b>Paris</b>", "status": "active",
    ...     "theme": "t", "theme_name": "Climate", "priority": 3.0, "ties": 0, "projects": 0,
    ...     "intensity": 0.0, "activity": 0.0, "last_active": None, "gap": True}])
    >>> svg.count('class="cell'), "&lt;b&gt;Paris" in svg, "<b>" in svg
    (1, True, False)
    """
    cities, themes = [], []
    for c in cells:
        if (c["city"], c["name"], c["status"]) not in cities:
            cities.append((c["city"], c["name"], c["status"]))
        if (c["theme"], _heading(c), c["priority"]) not in themes:
            themes.append((c["theme"], _heading(c), c["priority"]))
    row = {c[0]: i for i, c in enumerate(cities)}
    col = {t[0]: i for i, t in enumerate(themes)}
    priority = {t[0] for t in themes if any(c["theme"] == t[0] and c["gap"] for c in cells)}
    priority |= {t[0] for t in themes if t[2] is not None and t[2] >= 2}
    top = max((float(c["activity"] or 0) for c in cells), default=0.0) or 1.0
    # Headings slanted at _ANGLE degrees, parallel lines _CELL_W * sin apart
    # (29 px: clear of 12 px text); the top margin and the right margin
    # follow the longest heading so none is cut off.
    longest = max((len(str(t[1])) + 2 for t in themes), default=0) * _CHAR_W
    rise = math.sin(math.radians(_ANGLE))
    run = math.cos(math.radians(_ANGLE))
    head = max(_TOP, int(longest * rise) + 16)
    width = int(_LEFT + _CELL_W * len(themes) + max(40, longest * run) + 10)
    height = head + _CELL_H * len(cities) + 10
    e = escape
    out = [f'<svg id="heatmap" role="img" '
           f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'font-family="system-ui, sans-serif" font-size="12">',
           "<title>Coverage: activity per partner city and theme</title>"]
    for theme, name, prio in themes:
        x = _LEFT + col[theme] * _CELL_W + _CELL_W / 2
        star = "\u2605 " if theme in priority else ""
        weight = ' font-weight="bold"' if theme in priority else ""
        out.append(f'<text class="theme" x="{x:g}" y="{head - 6}" transform="rotate(-{_ANGLE} '
                   f'{x:g} {head - 6})"{weight}>{e(star)}{e(name)}</text>')
    for city, name, status in cities:
        y = head + row[city] * _CELL_H + _CELL_H / 2 + 4
        label = name if status == "active" else f"{name} ({status})"
        out.append(f'<text class="city" x="{_LEFT - 6}" y="{y:g}" text-anchor="end">'
                   f"{e(label)}</text>")
    for c in cells:
        x = _LEFT + col[c["theme"]] * _CELL_W
        y = head + row[c["city"]] * _CELL_H
        activity = float(c["activity"] or 0)
        gap = bool(c["gap"])
        # A gap is drawn as one: unshaded and crossed (its past activity,
        # if any, stays in the tooltip).
        fill = _shade(math.sqrt(activity / top)) if activity > 0 and not gap else "#ffffff"
        last = c["last_active"] if c["last_active"] is not None else "never"
        tip = (f"{c['name']} \u00d7 {c['theme_name']}: {c['ties']} active ties, {c['projects']} "
               f"projects, activity {_num(activity)}, last active {last}"
               + ("; a gap in a priority theme" if gap else ""))
        stroke = f'stroke="{_GAP}" stroke-width="2"' if gap else 'stroke="#dddddd"'
        out.append(f'<g><rect class="cell{" gap" if gap else ""}" data-city="{e(c["city"])}" '
                   f'data-theme="{e(c["theme"])}" x="{x + 1}" y="{y + 1}" width="{_CELL_W - 2}" '
                   f'height="{_CELL_H - 2}" fill="{fill}" {stroke}><title>{e(tip)}</title></rect>')
        if gap:
            out.append(f'<path d="M{x + 9} {y + 6}l{_CELL_W - 18} {_CELL_H - 12}m0 '
                       f'-{_CELL_H - 12}l-{_CELL_W - 18} {_CELL_H - 12}" stroke="{_GAP}" '
                       'stroke-width="1.5"/>')
        out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))


# -- the HTML -----------------------------------------------------------------

def _render(data, *, page_html, csp) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("actornet.viz", "templates"), autoescape=select_autoescape(
        enabled_extensions=("html",), default_for_string=True, default=True),
        keep_trailing_newline=True)
    env.filters["num"] = lambda x: "" if x is None else _num(float(x))
    env.filters["fixed"] = lambda x: "" if x is None else f"{float(x):.2f}"
    return env.get_template("report.html").render(r=data, csp=csp, page_html=page_html)
