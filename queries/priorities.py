"""Which missing priority theme matters most: the one rule, used wherever a
partnership's gaps lead to a recommendation (the demo's "who to connect", the
report's recommended introductions)."""

from __future__ import annotations

__all__ = ["most_important_missing_theme"]


def most_important_missing_theme(missing_themes, themes):
    """The most important of a partnership's missing priority themes.

    Parameters
    ----------
    missing_themes : sequence of str
        Theme ids, as in the ``missing_themes`` column of
        :func:`actornet.queries.under_served.under_served` (most important first
        there too); None or empty when nothing is missing.
    themes : ThemeTable
        The network's themes (``network.themes``), for their priorities.

    Returns
    -------
    str or None
        The id of the theme with the highest priority; among equally high
        ones, the first listed. None when no theme is missing.

    Examples
    --------
    >>> from actornet.graph.schema import Theme, ThemeTable
    >>> themes = ThemeTable([Theme("climate", "Climate", priority=3),
    ...                      Theme("culture", "Culture", priority=2),
    ...                      Theme("science", "Science", priority=3)])
    >>> most_important_missing_theme(["culture", "science", "climate"], themes)
    'science'
    >>> most_important_missing_theme([], themes) is None
    True
    """
    missing = list(missing_themes or ())
    if not missing:
        return None
    return max(missing, key=lambda t: themes[t].priority)  # max keeps the first of equals
