"""The interactive network page: one self-contained, offline HTML file.

:func:`draw_page` draws a network (or the part of it :func:`page_scope` cut)
with the broker scores it is given as one HTML file that opens from disk with
no request to any other origin: vis-network's JavaScript and CSS (the copy
bundled with pyvis, with its licence header) are inlined, and a
Content-Security-Policy forbids everything else. The page is our own Jinja2
template (autoescaped); the data (:mod:`actornet.viz.page_data`) travels as
JSON inside a ``<script type="application/json">`` element and is read with
``JSON.parse``, never as HTML. Tooltips are built with ``textContent`` from
an allowlist of fields; e-mails, phones and any other attribute never reach
the page. :func:`actornet.network_page.network_page` computes the scores and draws.

Pyvis is used only for its bundled copy of vis-network: its ``Network`` class
copies every node attribute into the page, mutates the caller's graph and
scans every edge on each ``add_edge``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from importlib import resources
from pathlib import Path

from actornet.graph.atomic import write_text_atomic
from actornet.graph.errors import VizError
from actornet.viz.page_data import LAYOUTS, MAX_NODES, Scope, page_data, page_scope, pseudonym
from actornet.viz.style import KIND_STYLE, SHARED_PROJECT, TIE_STYLE

__all__ = ["draw_page", "render", "script_hashes", "script_json", "page_scope", "pseudonym",
           "Scope", "KIND_STYLE", "TIE_STYLE", "SHARED_PROJECT", "LAYOUTS", "MAX_NODES"]

_VIS_DIR = "lib/vis-9.1.2"
_VIS_LICENCE = ("vis-network 9.1.2, (c) 2011-2017 Almende B.V., (c) 2017-2019 visjs contributors; "
                "dual licensed under the Apache License 2.0 and the MIT License "
                "(the full notice is kept at the top of the inlined script).")

_CSP = ("default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src data:; "
        "font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")


def draw_page(scope, path, *, scores=None, key=None, focus=None, depth=1, layout="spring",
              max_nodes=MAX_NODES, seed=0, partners=None, map_placement="oval",
              progress=None) -> Path:
    """Write the interactive page of ``scope`` to ``path``; return the path.

    Parameters
    ----------
    scope : Scope or ActorNetwork
        The part of a network to draw (:func:`page_scope`), or a whole
        network. Read only; never changed.
    path : str or Path
        The HTML file to write (parent folders are created). Nothing else is
        written.
    scores : pandas.DataFrame, optional
        The broker scores of the scope's actors (node size, drawing order,
        which actors a big network is cut to): see
        :func:`actornet.viz.page_data.page_data`. None: every actor the same
        size.
    key : bytes, optional
        Draw people under stable pseudonyms (an HMAC keyed by ``key``, which
        never enters the page) and drop their aliases.
    focus, depth, layout, max_nodes, seed, partners, map_placement
        As for :func:`actornet.viz.page_data.page_data` (``partners``: the
        partnership map's data, drawn as the first view).
    progress : callable, optional
        ``progress(done, total)`` while the page's data is made (see
        :func:`actornet.viz.page_data.page_data`).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    VizError
        For an unknown layout, a bad ``depth`` or ``max_nodes``.
    ResolveError
        For a ``focus`` that names no actor drawn.

    Examples
    --------
    >>> import tempfile
    >>> from actornet.graph.generate import generated_network
    >>> net = generated_network(60, 200, cities=3, seed=1)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = draw_page(net, Path(tmp) / "net.html")
    ...     html = out.read_text(encoding="utf-8")
    >>> "Content-Security-Policy" in html and "https://cdn" not in html
    True
    """
    page = page_data(scope, scores, key=key, focus=focus, depth=depth, layout=layout,
                     max_nodes=max_nodes, seed=seed, partners=partners,
                     map_placement=map_placement, progress=progress)
    html = render(page)
    return write_text_atomic(path, html)


# -- the page -----------------------------------------------------------------

def script_json(data) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``,
    ``&`` and the line separators as ``\\u`` escapes.

    Examples
    --------
    >>> script_json({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _vis_assets():
    lib = resources.files("pyvis").joinpath(_VIS_DIR)
    js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.casefold() or "</style" in css.casefold():
        raise VizError("the bundled vis-network cannot be inlined safely")
    return js, css


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def script_hashes() -> str:
    """The CSP ``script-src`` sources of the page's two scripts: their SHA-256
    hashes (vis-network and the page's own), for a document that embeds the page."""
    js, _ = _vis_assets()
    app = resources.files("actornet.viz").joinpath("templates/page.js").read_text(encoding="utf-8")
    return f"{_sha256(js)} {_sha256(app)}"


def render(page: dict) -> str:
    """The HTML of a page's data (:func:`actornet.viz.page_data.page_data`)."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(loader=PackageLoader("actornet.viz", "templates"), autoescape=select_autoescape(
        enabled_extensions=("html",), default_for_string=True, default=True),
        keep_trailing_newline=True)
    js, css = _vis_assets()
    app = resources.files("actornet.viz").joinpath("templates/page.js").read_text(encoding="utf-8")
    # Only scripts with these exact texts may run: an injected one could not.
    csp = _CSP.format(scripts=f"{_sha256(js)} {_sha256(app)}")
    template = env.get_template("page.html")
    return template.render(page=page, csp=csp, licence=_VIS_LICENCE, vis_js=Markup(js),
                           vis_css=Markup(css), app_js=Markup(app),
                           data_json=Markup(script_json(page)))
