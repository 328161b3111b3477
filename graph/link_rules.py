"""The rules of the actor projection's links, stated once.

Which ties link two actors and how (:func:`link_role`), the link types and
their bits (:data:`LINK_TYPES`, :func:`link_mask`), when a group is too big
to expand (:data:`BIG_GROUP`), and what a link's evidence is:
:func:`add_tie_link` adds a direct tie to it, :func:`add_group_links` the
pairs of a shared group, :func:`link_attributes` gives it as the attributes
``ActorNetwork.actor_graph()`` puts on an edge. The projection's builder
(:mod:`actornet.graph.projection_build`) and its evidence
(:mod:`actornet.graph.projection_evidence`) follow these and nothing else.

A link's evidence while it is gathered is a list ``[strength, themes,
types, ties, projects]``: the summed strength, the set of themes, the set of
link types, the tie ids and the group ids (see :func:`new_link`).

Examples
--------
>>> item = new_link()
>>> add_tie_link(item, "t1", {"type": "COOPERATES_WITH", "themes": ["water"]}, 2)
>>> add_group_links({("a", "b"): item}, "p1", ("climate",), [("a", 3), ("b", 1)])
>>> link_attributes(item)["themes"], link_attributes(item)["strength"]
(['climate', 'water'], 3)
"""

from __future__ import annotations

import functools

from actornet.graph.schema import Projection, TieType, tie_role

__all__ = ["BIG_GROUP", "LINK_BITS", "LINK_TYPES", "SHARED_PROJECT", "add_group_links",
           "add_tie_link", "link_attributes", "link_mask", "link_role", "link_type_names",
           "new_link"]

#: The ``types`` name of a link formed by a shared group (a project).
SHARED_PROJECT = "SHARED_PROJECT"
#: The link types a projection edge may be formed by, in bit order: the tie
#: types that may link two actors directly, then :data:`SHARED_PROJECT`. Bit
#: ``i`` of :attr:`ActorProjection.flags <actornet.graph.projection.ActorProjection>`
#: is ``LINK_TYPES[i]``.
LINK_TYPES = tuple(t.value for t in TieType if t.projection is Projection.DIRECT) + (SHARED_PROJECT,)
#: Link type name -> its bit (``1 << i`` for ``LINK_TYPES[i]``).
LINK_BITS = {name: 1 << i for i, name in enumerate(LINK_TYPES)}
#: Groups with more members than this are hubs, never expanded into pairs
#: (see "Large groups" in :mod:`actornet.graph.projection`): 100 members make
#: 4,950 pairs, 10,000 make 50 million.
BIG_GROUP = 100


@functools.lru_cache(maxsize=1024)
def link_role(tie_type, target_kind) -> Projection:
    """:func:`~actornet.graph.schema.tie_role`, remembered, and ``ATTRIBUTE``
    for a tie type or kind the schema does not know.

    Examples
    --------
    >>> link_role("MEMBER_OF", "ngo").value, link_role("FUNDS", "project").value
    ('direct', 'project')
    >>> link_role("LIKES", "ngo").value
    'attribute'
    """
    try:
        return tie_role(tie_type, target_kind)
    except ValueError:
        return Projection.ATTRIBUTE


def link_mask(types) -> int:
    """The bitmask of the link types named (one name, or several).

    Raises
    ------
    ValueError
        For a name that is not in :data:`LINK_TYPES`.

    Examples
    --------
    >>> link_mask("SHARED_PROJECT") == LINK_BITS["SHARED_PROJECT"]
    True
    >>> link_mask(["KNOWS", "KNOWS"]) == LINK_BITS["KNOWS"]
    True
    """
    if isinstance(types, str):
        types = [types]
    out = 0
    for t in types:
        t = getattr(t, "value", t)
        if t not in LINK_BITS:
            raise ValueError(f"not a link type: {t}; known: {', '.join(LINK_TYPES)}")
        out |= LINK_BITS[t]
    return out


def link_type_names(bits) -> list:
    """The sorted names of the link types whose bits are set in ``bits``.

    Examples
    --------
    >>> link_type_names(link_mask(["SHARED_PROJECT", "KNOWS"]))
    ['KNOWS', 'SHARED_PROJECT']
    """
    return sorted(name for name, bit in LINK_BITS.items() if bits & bit)


def new_link() -> list:
    """A link with no evidence yet: ``[strength, themes, types, ties, projects]``.

    Examples
    --------
    >>> new_link()
    [0, set(), set(), [], []]
    """
    return [0, set(), set(), [], []]


def add_tie_link(item, tie, data, weight, project_themes=()) -> None:
    """Add a direct tie to the evidence ``item`` of the link it forms.

    The tie (id ``tie``, attributes ``data``) adds ``weight`` (its weight, or
    the default intensity for a tie with none) to the strength, its own
    themes and ``project_themes`` (those of the project it names, if any),
    its type and its id.

    Examples
    --------
    >>> item = new_link()
    >>> add_tie_link(item, "t1", {"type": "KNOWS"}, 1.5, ["climate"])
    >>> item
    [1.5, {'climate'}, {'KNOWS'}, ['t1'], []]
    """
    item[0] += weight
    themes = data.get("themes")
    if themes:
        item[1].update(themes)
    if project_themes:
        item[1].update(project_themes)
    item[2].add(data["type"])
    item[3].append(tie)


def add_group_links(links: dict, group, group_themes, people) -> None:
    """Add the links a shared group makes between its members to ``links``.

    ``links`` maps ``(a, b)`` with ``a <= b`` to ``[strength, themes, types,
    ties, projects]``; ``people`` is the group's ``(actor, participation)``
    pairs sorted by actor. Each pair gains the smaller participation as
    strength, the group's themes, :data:`SHARED_PROJECT` and the group.

    Examples
    --------
    >>> links = {}
    >>> add_group_links(links, "p1", ("climate",), [("a", 1.0), ("b", 0.5)])
    >>> links[("a", "b")]
    [0.5, {'climate'}, {'SHARED_PROJECT'}, [], ['p1']]
    """
    for x, (a, wa) in enumerate(people):
        for b, wb in people[x + 1:]:
            item = links.get((a, b))
            if item is None:
                item = links[(a, b)] = [0, set(), set(), [], []]
            item[0] += wa if wa < wb else wb
            item[1].update(group_themes)
            item[2].add(SHARED_PROJECT)
            item[4].append(group)


def link_attributes(item) -> dict:
    """The attributes ``actor_graph()`` puts on the edge of a link whose
    evidence is ``item``: ``strength``, ``distance`` (1 / strength, inf at
    0), sorted ``themes`` and ``types``, ``ties`` and ``projects``.

    Examples
    --------
    >>> link_attributes([4, {"b", "a"}, {"KNOWS"}, ["t"], []])["themes"]
    ['a', 'b']
    >>> link_attributes(new_link())["distance"]
    inf
    """
    strength, themes, types, ties, projects = item
    return {"strength": strength, "distance": 1.0 / strength if strength > 0 else float("inf"),
            "themes": sorted(themes), "types": sorted(types), "ties": ties, "projects": projects}
