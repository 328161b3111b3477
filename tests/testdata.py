"""Paths of the test data and the personal data that must never leak."""

from pathlib import Path

DATA = Path(__file__).parent / "data"
GOOD = DATA / "good"
BAD = DATA / "bad"

#: Strings from the corpus that are personal data and must never appear in a message.
PERSONAL = ["Anna", "Lindqvist", "a.lindqvist@example.org", "Budi", "Santoso",
            "b.santoso@example.org"]
