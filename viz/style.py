"""How the page and the report draw each kind of actor and tie: colours
(Okabe-Ito, colour-blind safe), shapes, dashes and the legend's words, keyed by
the schema's kinds and tie types."""

from __future__ import annotations

from actornet.graph.schema import Kind, TieType

__all__ = ["KIND_STYLE", "TIE_STYLE", "SHARED_PROJECT", "LINK_STATES", "LINK_STATE_STYLE"]

#: Colour (Okabe-Ito, colour-blind safe) and vis-network shape per kind; the
#: legend is generated from this mapping.
KIND_STYLE = {
    Kind.CITY: {"color": "#0072B2", "shape": "diamond", "label": "City"},
    Kind.INSTITUTION: {"color": "#009E73", "shape": "dot", "label": "Institution"},
    Kind.COMPANY: {"color": "#F0E442", "shape": "triangleDown", "label": "Company"},
    Kind.FEDERAL_BODY: {"color": "#D55E00", "shape": "square", "label": "Federal body"},
    Kind.NGO: {"color": "#E69F00", "shape": "triangle", "label": "NGO"},
    Kind.PERSON: {"color": "#CC79A7", "shape": "dot", "label": "Person"},
    Kind.PROJECT: {"color": "#56B4E9", "shape": "box", "label": "Project"},
    Kind.NETWORK: {"color": "#56B4E9", "shape": "hexagon", "label": "Network"},
    Kind.THEME: {"color": "#999999", "shape": "ellipse", "label": "Theme"},
}

#: How an actor-graph link is drawn, by the tie types behind it, in order of
#: precedence (a link with several types is drawn as the first). Links through
#: a shared project are ``SHARED_PROJECT``.
SHARED_PROJECT = "SHARED_PROJECT"
TIE_STYLE = {
    TieType.PARTNER_OF.value: {"color": "#0072B2", "dashes": False, "label": "formal city partnership"},
    TieType.COOPERATES_WITH.value: {"color": "#555555", "dashes": False, "label": "cooperation"},
    TieType.MEMBER_OF.value: {"color": "#8c8c8c", "dashes": [2, 4], "label": "member of"},
    TieType.KNOWS.value: {"color": "#CC79A7", "dashes": [6, 4], "label": "personal contact"},
    SHARED_PROJECT: {"color": "#E69F00", "dashes": [10, 6], "label": "shared project or network"},
}

#: How the partnership map draws a partnership's link, by its state (computed
#: by :func:`actornet.queries.partnership_map.link_state`), most serious first: a colour
#: (Okabe-Ito) and a dash pattern, so that the states differ without colour too.
LINK_STATE_STYLE = {
    "suspended": {"color": "#000000", "dashes": [2, 6], "label": "suspended / not in force"},
    "dormant": {"color": "#999999", "dashes": [10, 8], "label": "dormant (no active tie lately)"},
    "single_person": {"color": "#D55E00", "dashes": [12, 4, 2, 4], "label": "held by one actor"},
    "under_served": {"color": "#E69F00", "dashes": False, "label": "under-served (priority gaps)"},
    "active": {"color": "#009E73", "dashes": False, "label": "active"},
}
LINK_STATES = tuple(LINK_STATE_STYLE)
