"""The network's schema: node kinds, tie types, themes.

This module is the single source of truth for what a network may contain.
The loaders (validation, Neo4j labels), the queries and the drawing read it
and never repeat it.

Kinds and tie types are part of the model and live here as enums. Themes are
data: a :class:`ThemeTable` built from a network's ``themes.csv`` (id, English
and German label, strategic priority weight).

Examples
--------
>>> parse_kind("Federal Body")
<Kind.FEDERAL_BODY: 'federal_body'>
>>> parse_kind("federal-body").label
'FederalBody'
>>> parse_tie_type("partner of")
<TieType.PARTNER_OF: 'PARTNER_OF'>
>>> TieType.MEMBER_OF.allows(Kind.PERSON, Kind.NGO)
True
>>> TieType.MEMBER_OF.allows(Kind.CITY, Kind.NETWORK)
True
>>> TieType.MEMBER_OF.allows(Kind.NGO, Kind.PERSON)
False
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from actornet.graph.errors import SchemaError
# Themes are data; their table lives in its own module, named here as the schema's.
from actornet.graph.themes import Theme, ThemeTable, theme_key, theme_label

__all__ = [
    "Kind",
    "TieType",
    "Projection",
    "ACTOR_KINDS",
    "ORGANISATION_KINDS",
    "GROUP_KINDS",
    "tie_role",
    "Theme",
    "ThemeTable",
    "theme_key",
    "tie_key",
    "theme_label",
    "DEFAULT_INTENSITY",
    "MIN_INTENSITY",
    "MAX_INTENSITY",
    "normalize_token",
    "fold_text",
    "parse_kind",
    "parse_tie_type",
    "EXTERNAL_ID_SCHEMES",
    "parse_external_ids",
]

#: Tie intensity (``weight``) runs from 1 (weak) to 5 (strong).
MIN_INTENSITY = 1
MAX_INTENSITY = 5
#: A tie whose intensity is not stated counts as the weakest.
DEFAULT_INTENSITY = 1


class Kind(str, Enum):
    """What a node is. Every node is also an ``:Actor`` in Neo4j."""

    CITY = "city"
    INSTITUTION = "institution"
    COMPANY = "company"
    FEDERAL_BODY = "federal_body"
    NGO = "ngo"
    PERSON = "person"
    PROJECT = "project"
    NETWORK = "network"
    THEME = "theme"

    @property
    def label(self) -> str:
        """The Neo4j label of this kind (``federal_body`` -> ``FederalBody``)."""
        return _LABELS[self]

    @property
    def is_actor(self) -> bool:
        """True for the kinds that take part in the actor graph."""
        return self in ACTOR_KINDS

    def __str__(self) -> str:
        return self.value


_LABELS = {
    Kind.CITY: "City",
    Kind.INSTITUTION: "Institution",
    Kind.COMPANY: "Company",
    Kind.FEDERAL_BODY: "FederalBody",
    Kind.NGO: "NGO",
    Kind.PERSON: "Person",
    Kind.PROJECT: "Project",
    Kind.NETWORK: "Network",
    Kind.THEME: "Theme",
}

#: Kinds that are actors: they cooperate, broker and get recommended.
ACTOR_KINDS = frozenset(
    {Kind.CITY, Kind.INSTITUTION, Kind.COMPANY, Kind.FEDERAL_BODY, Kind.NGO, Kind.PERSON}
)
#: Kinds that are organisations (any actor can be a member of one).
ORGANISATION_KINDS = frozenset({Kind.INSTITUTION, Kind.COMPANY, Kind.FEDERAL_BODY, Kind.NGO})


class Projection(str, Enum):
    """How a tie type enters the actor graph (the analysis view)."""

    #: the tie links its two actors directly
    DIRECT = "direct"
    #: the tie puts an actor into a project; actors sharing a project are linked
    PROJECT = "project"
    #: the tie describes an actor (where it sits, what it works on); no link
    ATTRIBUTE = "attribute"


@dataclass(frozen=True)
class _TieSpec:
    sources: frozenset
    targets: frozenset
    projection: Projection
    meaning: str


class TieType(str, Enum):
    """A relationship type, with the node kinds it may join."""

    PARTNER_OF = "PARTNER_OF"
    COOPERATES_WITH = "COOPERATES_WITH"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    FUNDS = "FUNDS"
    BASED_IN = "BASED_IN"
    MEMBER_OF = "MEMBER_OF"
    KNOWS = "KNOWS"
    WORKS_ON = "WORKS_ON"

    @property
    def spec(self) -> _TieSpec:
        return _TIE_SPECS[self]

    @property
    def sources(self) -> frozenset:
        """Kinds allowed at the tie's source."""
        return self.spec.sources

    @property
    def targets(self) -> frozenset:
        """Kinds allowed at the tie's target."""
        return self.spec.targets

    @property
    def projection(self) -> Projection:
        """How this tie type enters the actor graph."""
        return self.spec.projection

    @property
    def meaning(self) -> str:
        return self.spec.meaning

    @property
    def symmetric(self) -> bool:
        """True for ties that mean the same both ways (A->B is B->A): a
        partnership, a cooperation, a personal contact."""
        return self in (TieType.PARTNER_OF, TieType.COOPERATES_WITH, TieType.KNOWS)

    def allows(self, source_kind: Kind, target_kind: Kind) -> bool:
        """Whether a tie of this type may go from ``source_kind`` to ``target_kind``."""
        return source_kind in self.sources and target_kind in self.targets

    def __str__(self) -> str:
        return self.value


_ACTORS = ACTOR_KINDS
_TIE_SPECS = {
    TieType.PARTNER_OF: _TieSpec(
        frozenset({Kind.CITY}), frozenset({Kind.CITY}), Projection.DIRECT,
        "formal city partnership (since = year signed)"),
    TieType.COOPERATES_WITH: _TieSpec(
        _ACTORS, _ACTORS, Projection.DIRECT,
        "direct cooperation (themes, since, until, intensity 1-5)"),
    TieType.PARTICIPATES_IN: _TieSpec(
        _ACTORS, frozenset({Kind.PROJECT}), Projection.PROJECT,
        "takes part in a project (role: lead / partner / funder)"),
    TieType.FUNDS: _TieSpec(
        _ACTORS, frozenset({Kind.PROJECT}), Projection.PROJECT,
        "funds a project"),
    TieType.BASED_IN: _TieSpec(
        ORGANISATION_KINDS | {Kind.PERSON}, frozenset({Kind.CITY}),
        Projection.ATTRIBUTE, "where an actor sits"),
    TieType.MEMBER_OF: _TieSpec(
        _ACTORS, ORGANISATION_KINDS | {Kind.NETWORK}, Projection.DIRECT,
        "works for / represents (role); membership in a network"),
    TieType.KNOWS: _TieSpec(
        frozenset({Kind.PERSON}), frozenset({Kind.PERSON}), Projection.DIRECT,
        "personal contact"),
    TieType.WORKS_ON: _TieSpec(
        _ACTORS | {Kind.PROJECT}, frozenset({Kind.THEME}), Projection.ATTRIBUTE,
        "active in a theme"),
}


#: Kinds that group actors: the members of one are linked in the actor graph
#: (a project's participants and funders; a network's members, such as the
#: cities in Eurocities). Groups are not actors themselves.
GROUP_KINDS = frozenset({Kind.PROJECT, Kind.NETWORK})


def tie_role(tie_type, target_kind) -> Projection:
    """How one tie enters the actor graph: the one rule every projection uses.

    ``DIRECT`` links its two actors; ``PROJECT`` puts its source into a
    group (the target, a kind in :data:`GROUP_KINDS`), whose members are
    linked to each other; ``ATTRIBUTE`` links nobody.

    Examples
    --------
    >>> tie_role("KNOWS", "person").value
    'direct'
    >>> tie_role("PARTICIPATES_IN", "project").value
    'project'
    >>> tie_role("BASED_IN", "city").value
    'attribute'
    >>> tie_role("MEMBER_OF", "network").value  # a network's members are linked
    'project'
    >>> tie_role("MEMBER_OF", "company").value
    'direct'
    """
    spec = _TIE_SPECS[TieType(tie_type)]
    kind = Kind(target_kind)
    if spec.projection is Projection.ATTRIBUTE:
        return Projection.ATTRIBUTE
    if kind in GROUP_KINDS:
        return Projection.PROJECT
    if spec.projection is Projection.DIRECT and kind in ACTOR_KINDS:
        return Projection.DIRECT
    return Projection.ATTRIBUTE


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[\s\-_./]+")


@functools.lru_cache(maxsize=8192)
def _normalize(text: str) -> str:
    text = _CAMEL.sub("_", text.strip())
    return _SEPARATORS.sub("_", text).strip("_").casefold()


def normalize_token(text: str) -> str:
    """Fold a kind, tie type or theme id for matching.

    Case, spaces, hyphens and camel case are ignored.

    Examples
    --------
    >>> normalize_token("  Federal Body ")
    'federal_body'
    >>> normalize_token("FederalBody") == normalize_token("federal-body")
    True
    >>> normalize_token("PARTNER_OF")
    'partner_of'
    """
    return _normalize(str(text))


@functools.lru_cache(maxsize=65536)
def fold_text(text: str) -> str:
    """Fold a name for lookup: case-, accent- and spacing-insensitive.

    Examples
    --------
    >>> fold_text("Ciudad de México") == fold_text("ciudad de mexico")
    True
    >>> fold_text("  Kyjiw ")
    'kyjiw'
    """
    text = str(text)
    if text.isascii():  # the same result, without decomposing
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@functools.cache
def _spellings(enum_cls, key):
    table = {normalize_token(key(member)): member for member in enum_cls}
    # Neo4j labels ("FederalBody") are accepted as spellings of kinds too.
    if enum_cls is Kind:
        table.update({normalize_token(m.label): m for m in enum_cls})
    return table


def _enum_value(member):
    return member.value


def _parse_enum(enum_cls, text, what, key=_enum_value):
    token = normalize_token(text) if text is not None else ""
    table = _spellings(enum_cls, key)
    if token in table:
        return table[token]
    allowed = ", ".join(key(m) for m in enum_cls)
    close = difflib.get_close_matches(token, list(table), n=1, cutoff=0.6)
    hint = f'did you mean "{key(table[close[0]])}"? ' if close else ""
    raise SchemaError(f"unknown {what}; {hint}allowed: {allowed}")


def parse_kind(text: str) -> Kind:
    """The :class:`Kind` spelled by ``text``.

    Raises
    ------
    SchemaError
        If ``text`` names no kind. The message suggests the closest kind and
        lists the allowed ones; it does not repeat ``text``.

    Examples
    --------
    >>> parse_kind("NGO")
    <Kind.NGO: 'ngo'>
    >>> parse_kind("instituton")
    Traceback (most recent call last):
    ...
    actornet.graph.errors.SchemaError: unknown kind; did you mean "institution"? allowed: city, institution, company, federal_body, ngo, person, project, network, theme
    """
    if isinstance(text, Kind):
        return text
    return _parse_enum(Kind, text, "kind")


def parse_tie_type(text: str) -> TieType:
    """The :class:`TieType` spelled by ``text`` (case, spaces, hyphens ignored).

    Raises
    ------
    SchemaError
        If ``text`` names no tie type.

    Examples
    --------
    >>> parse_tie_type("member-of")
    <TieType.MEMBER_OF: 'MEMBER_OF'>
    """
    if isinstance(text, TieType):
        return text
    return _parse_enum(TieType, text, "tie type")


#: The schemes of an actor's external ids (``actors.csv`` column ``external_ids``:
#: a ``;``-separated list of ``scheme:value``): a Wikidata item, a GeoNames
#: place, a European Commission participant id (CORDIS' PIC). Each scheme's
#: values must match its pattern.
EXTERNAL_ID_SCHEMES = {
    "wikidata": re.compile(r"Q[1-9][0-9]*"),
    "geonames": re.compile(r"[1-9][0-9]*"),
    "pic": re.compile(r"[0-9]{9}"),
}


def parse_external_ids(value) -> tuple[list[str], list[str]]:
    """An ``external_ids`` cell as its ids (``scheme:value``, scheme lower-case)
    and the items that are not one (an unknown scheme, a bad value).

    Examples
    --------
    >>> parse_external_ids("Wikidata:q64; geonames:2950159;pic:999986678")
    (['wikidata:Q64', 'geonames:2950159', 'pic:999986678'], [])
    >>> parse_external_ids(["isni:0000", "geonames:2950159", "geonames:2950159"])
    (['geonames:2950159'], ['isni:0000'])
    """
    if value is None:
        return [], []
    items = value if isinstance(value, (list, tuple)) else str(value).split(";")
    ids, bad = [], []
    for item in items:
        scheme, sep, ident = str(item).strip().partition(":")
        if not scheme and not sep:
            continue
        scheme, ident = scheme.strip().casefold(), ident.strip()
        if scheme == "wikidata":
            ident = ident.upper()
        pattern = EXTERNAL_ID_SCHEMES.get(scheme)
        if not sep or pattern is None or not pattern.fullmatch(ident):
            bad.append(str(item).strip())
        elif f"{scheme}:{ident}" not in ids:
            ids.append(f"{scheme}:{ident}")
    return ids, bad


_TIE_TYPE_VALUES = frozenset(t.value for t in TieType)


def tie_key(source, tie_type, target, *, since=None, project=None) -> str:
    """The id of a tie that has none of its own: stable across loads.

    Examples
    --------
    >>> tie_key("fu_berlin", TieType.COOPERATES_WITH, "ui_jakarta", since=2019)
    'fu_berlin>COOPERATES_WITH>ui_jakarta@2019'
    >>> tie_key("a", "KNOWS", "b", project="p1")
    'a>KNOWS>b#p1'
    """
    # a type's own text as is (no enum call per tie when many are spelled)
    value = tie_type if type(tie_type) is str and tie_type in _TIE_TYPE_VALUES \
        else TieType(tie_type).value
    key = f"{source}>{value}>{target}"
    if since is not None:
        key += f"@{since}"
    if project is not None:
        key += f"#{project}"
    return key
