"""Themes: a network's strategic themes as data (:class:`ThemeTable`, read
from ``themes.csv``), found by id, label or alias, named in words.

Part of the schema (:mod:`actornet.graph.schema` names these as its own);
kept apart only for length.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field

from actornet.graph.errors import SchemaError

__all__ = ["Theme", "ThemeTable", "theme_key", "theme_label"]

# Letters that no accent folding takes apart (Skłodowska, Ørsted), as typed on
# a keyboard without them.
_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i",
                          "þ": "th"})


@dataclass(frozen=True)
class Theme:
    """A strategic theme.

    ``priority`` is the theme's weight in the partnership strategy: higher
    means more important; 0 means "not in the strategy". ``properties`` keeps
    the themes table's further columns; two are read here: ``short_en`` (a
    short label, for where space is tight) and ``aliases`` (``;``-separated
    other names: "climate" for H2020's SC5).

    Examples
    --------
    >>> sc5 = Theme("SC5", "Climate action, environment, resource efficiency and raw materials",
    ...             properties={"short_en": "Climate and environment", "aliases": "climate;Klima"})
    >>> sc5.short_label, sc5.aliases
    ('Climate and environment', ['climate', 'Klima'])
    >>> Theme("sport", "Sport").short_label
    'Sport'
    """

    id: str
    label_en: str
    label_de: str = ""
    priority: float = 1.0
    properties: dict = field(default_factory=dict, compare=True, hash=False)

    def __post_init__(self):
        if not isinstance(self.priority, (int, float)) or math.isnan(self.priority):
            raise SchemaError("a theme's priority must be a number")
        if self.priority < 0:
            raise SchemaError("a theme's priority must not be negative")

    @property
    def short_label(self) -> str:
        """The short English label (``short_en``), else the label, else the id."""
        return str(self.properties.get("short_en") or self.label_en or self.id)

    @property
    def aliases(self) -> list[str]:
        """The ``aliases`` column as a list (a list from JSON or Excel stays one)."""
        value = self.properties.get("aliases")
        items = value if isinstance(value, (list, tuple)) else str(value or "").split(";")
        return [str(a).strip() for a in items if str(a).strip()]

    def spellings(self) -> list[tuple[int, str]]:
        """(rank, text) of every name the theme answers to: 0 its id, 1 a
        label, 2 a short label, 3 an alias (a lower rank wins a tie)."""
        props = self.properties
        named = [(0, self.id), (1, self.label_en), (1, self.label_de),
                 (2, props.get("short_en")), (2, props.get("short_de"))]
        return [(r, str(t)) for r, t in named if t] + [(3, a) for a in self.aliases]


def theme_key(text) -> str:
    """Fold a theme's spelling for lookup: case, accents, spaces, hyphens,
    dots and underscores ignored.

    Examples
    --------
    >>> theme_key("Klimaschutz") == theme_key("KLIMASCHUTZ")
    True
    >>> theme_key("SC 5") == theme_key("sc5"), theme_key("Mobilität") == theme_key("mobilitat")
    (True, True)
    >>> theme_key("Skłodowska") == theme_key("Sklodowska")
    True
    """
    from actornet.graph.schema import fold_text, normalize_token  # the schema imports this module

    return normalize_token(fold_text(text).translate(_LETTERS)).replace("_", "")


class ThemeTable:
    """The themes of a network, keyed by id, in the order given.

    Themes are found by id, label (English, German, short) or alias, ignoring
    case, accents, spaces and hyphens; where two themes share a spelling, an
    id beats a label, a label a short label, a short label an alias.

    Examples
    --------
    >>> themes = ThemeTable([Theme("climate", "Climate", "Klimaschutz", 3),
    ...                      Theme("sport", "Sport", "Sport", 1)])
    >>> themes.resolve("Klimaschutz").id
    'climate'
    >>> [t.id for t in themes.priorities()]
    ['climate']
    >>> "sport" in themes
    True
    >>> themes.resolve("climat")
    Traceback (most recent call last):
    ...
    actornet.graph.errors.SchemaError: unknown theme 'climat'; did you mean climate?
    """

    def __init__(self, themes=()):
        self._themes: dict[str, Theme] = {}
        self._lookup: dict[str, tuple[int, str, str]] = {}  # key -> (rank, id, spelling)
        for theme in themes:
            self.add(theme)

    def add(self, theme: Theme) -> None:
        if theme.id in self._themes:
            raise SchemaError("duplicate theme id")
        self._themes[theme.id] = theme
        for rank, spelling in theme.spellings():
            key = theme_key(spelling)
            if key and (key not in self._lookup or rank < self._lookup[key][0]):
                self._lookup[key] = (rank, theme.id, spelling)

    def resolve(self, text: str) -> Theme:
        """The theme named by ``text`` (id, label, short label or alias).

        Raises
        ------
        SchemaError
            If no theme matches; the message gives the text (a theme's name,
            never personal data) and suggests the nearest theme.
        """
        found = self.find(text)
        if found is not None:
            return found
        shown = " ".join(str(text).split())
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise SchemaError(f"unknown theme '{shown}'; {self.suggest(text)}")

    def find(self, text: str, *, loosest: int = 3):
        """Like :meth:`resolve` but returns None when nothing matches;
        ``loosest`` is the loosest spelling taken: 0 an id, 1 a label, 2 a
        short label, 3 an alias."""
        found = self._lookup.get(theme_key(text))
        return self._themes[found[1]] if found is not None and found[0] <= loosest else None

    def suggest(self, text: str) -> str:
        """What to say when ``text`` names no theme: the nearest theme
        ("did you mean climate (SC5 Climate and environment)?"), else the
        themes known. The text itself is not repeated.

        Examples
        --------
        >>> themes = ThemeTable([Theme("SC5", "Climate action", properties={
        ...     "short_en": "Climate and environment", "aliases": "climate"})])
        >>> themes.suggest("climat")
        'did you mean climate (SC5 Climate and environment)?'
        >>> themes.suggest("xyz")
        'known: SC5 (Climate and environment)'
        """
        close = difflib.get_close_matches(theme_key(text), list(self._lookup), n=1, cutoff=0.6)
        if close:
            _, theme_id, spelling = self._lookup[close[0]]
            theme = self._themes[theme_id]
            named = theme.short_label
            same = {theme_key(theme_id), theme_key(spelling)}
            if spelling == theme_id:
                return f"did you mean {theme_id}" + ("?" if theme_key(named) in same
                                                     else f" ({named})?")
            extra = theme_id if theme_key(named) in same else f"{theme_id} {named}"
            return f"did you mean {spelling} ({extra})?"
        if not self._themes:
            return "the network lists no themes"
        known = [t.id if t.short_label == t.id else f"{t.id} ({t.short_label})"
                 for t in self._themes.values()]
        return "known: " + ", ".join(known[:20]) + (", …" if len(known) > 20 else "")

    def label(self, theme_id, *, short: bool = False) -> str:
        """The label people read for ``theme_id`` (the short one with
        ``short``); an id the table does not hold is returned as text."""
        theme = self._themes.get(theme_id)
        if theme is None:
            return str(theme_id)
        return theme.short_label if short else (theme.label_en or theme.id)

    def priorities(self, minimum: float = 2) -> list[Theme]:
        """Themes whose priority is at least ``minimum``, highest first."""
        chosen = [t for t in self._themes.values() if t.priority >= minimum]
        return sorted(chosen, key=lambda t: -t.priority)

    def __getitem__(self, theme_id: str) -> Theme:
        return self._themes[theme_id]

    def __contains__(self, theme_id) -> bool:
        return theme_id in self._themes

    def __iter__(self):
        return iter(self._themes.values())

    def __len__(self) -> int:
        return len(self._themes)

    def __eq__(self, other) -> bool:
        return isinstance(other, ThemeTable) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"ThemeTable({list(self._themes)})"


def theme_label(themes, theme_id, *, short: bool = False) -> str:
    """The label people read for a theme: ``themes`` is a network (anything
    with ``.themes``) or a :class:`ThemeTable`; ``short`` gives the short
    label, for headings and other tight places. Never a bare code where the
    table has a label.

    Examples
    --------
    >>> table = ThemeTable([Theme("SC3", "Secure, clean and efficient energy",
    ...                           properties={"short_en": "Energy"})])
    >>> theme_label(table, "SC3"), theme_label(table, "SC3", short=True)
    ('Secure, clean and efficient energy', 'Energy')
    """
    return getattr(themes, "themes", themes).label(theme_id, short=short)
