"""The one rule for the most important missing priority theme."""

from __future__ import annotations

from actornet.graph.schema import Theme, ThemeTable
from actornet.queries.priorities import most_important_missing_theme

THEMES = ThemeTable([Theme("business", "Business", priority=2),
                     Theme("climate", "Climate", priority=3),
                     Theme("culture", "Culture", priority=2),
                     Theme("sport", "Sport", priority=0)])


def test_highest_priority_wins():
    assert most_important_missing_theme(["sport", "culture", "climate"], THEMES) == "climate"


def test_equal_priorities_keep_the_order_given():
    assert most_important_missing_theme(["culture", "business"], THEMES) == "culture"
    assert most_important_missing_theme(["business", "culture"], THEMES) == "business"


def test_nothing_missing_is_none():
    assert most_important_missing_theme([], THEMES) is None
    assert most_important_missing_theme(None, THEMES) is None
    assert most_important_missing_theme((), THEMES) is None
