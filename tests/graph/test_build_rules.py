"""The rules stated once over whole columns against the row-by-row reference, on
hand-written tables with bad rows of every kind.

Every table is given twice: as columns of text (as the CSV reader hands them
over) and as rows of JSON-like values (numbers, lists, booleans). Both the
package's builder and the reference in tests/reference_build.py must give the
same network and the same report, message for message, in order.
"""

from __future__ import annotations

import pytest

from actornet.graph.build import build_network
from actornet.graph.tables import ACTORS, PROJECTS, THEMES, TIES, NetworkTables, RawTable, Record
from reference_build import reference_network

THEME_ROWS = [
    {"id": "climate", "label_en": "Climate", "priority": "2"},
    {"id": "Climate", "label_en": "Again"},                      # duplicate (case folded)
    {"id": "", "label_en": "No id"},                             # id empty
    {"id": "energy", "kind": "city", "priority": "x"},           # kind; priority not a number
    {"id": "mobility", "priority": "-3", "note": "extra"},       # priority out of range
    {"id": "Again"},                                             # another theme's label
]
ACTOR_ROWS = [
    {"id": "berlin", "kind": "city", "name": "Berlin", "aliases": "Berlin-Mitte"},
    {"id": "kyiv", "kind": "city", "name": "Kyiv", "aliases": "Kiew; Kyjiw", "lat": "50.4"},
    {"id": "tu", "kind": "institution", "name": "TU", "city": "Berlin-Mitte",
     "themes": "Climate; SC 5", "external_ids": "pic:999986678;isni:1"},
    {"id": "na", "kind": "ngo", "name": "NA", "city": "Kiew", "themes": "sc5; energy",
     "lat": "91", "lon": "east"},
    {"id": "tu", "kind": "company", "name": "Dup"},                  # duplicate id
    {"id": "", "kind": "", "name": ""},                              # all required empty
    {"id": "bad", "kind": "planet", "name": "Bad", "city": "Nowhere"},
    {"id": "th", "kind": "theme", "name": "A theme"},                # themes are not actors
    {"id": "energy", "kind": "company", "name": "Energy Co", "city": "bad"},
    {"id": "net", "kind": "network", "name": "Net", "city": "berlin"},  # a network has no city
    {"id": "kyiv2", "kind": "city", "name": "Kyiv", "city": "berlin"},  # a city in a city
    {"id": "p1", "kind": "person", "name": "Person", "city": "kyiv", "E-Mail": "a@b.c"},
    {"id": "Mobility", "kind": "ngo", "name": "Mob", "themes": "mobility"},
    {"id": "ama", "kind": "ngo", "name": "Ama", "city": "Kyiv"},     # two cities named Kyiv
    {"id": "x1", "kind": "ngo", "name": "X1", "themes": "kyiv"},     # a theme with a city's id
]
PROJECT_ROWS = [
    {"id": "pr1", "name": "Project 1", "since": "2015", "until": "2012"},  # until before since
    {"id": "pr2", "name": "Project 2", "kind": "ngo", "since": "1994"},    # kind must be project
    {"id": "pr3", "name": "Project 3", "since": "19x4", "until": "3000",
     "themes": "climate; unknown"},
    {"id": "berlin", "name": "Dup of a city"},
]
TIE_ROWS = [
    {"source": "tu", "target": "na", "type": "cooperates_with", "since": "2010",
     "weight": "3", "themes": "climate", "role": "lead"},
    {"source": "tu", "target": "na", "type": "COOPERATES-WITH", "since": "2010"},  # duplicate
    {"source": "", "target": "", "type": ""},                                 # all empty
    {"source": "tu", "target": "tu", "type": "cooperates_with"},              # itself
    {"source": "tu", "target": "pr1", "type": "partner_of"},                  # kinds
    {"source": "tu", "target": "bad", "type": "knows"},                       # rejected row
    {"source": "nobody", "target": "na", "type": "partne_of"},                # unknown, typo
    {"source": "tu", "target": "pr1", "type": "participates_in", "weight": "9",
     "project": "na", "until": "1200", "themes": "Climate; SC 5; energy"},
    {"source": "na", "target": "climate", "type": "works_on"},
    {"source": "na", "target": "Soil", "type": "works_on", "id": "t-soil"},
    {"source": "p1", "target": "Soil", "type": "works_on", "id": "t-soil"},   # duplicate id
    {"source": "p1", "target": "tu", "type": "member_of", "weight": "2.5", "note": "x"},
    {"source": "tu", "target": "pr3", "type": "funds", "project": "pr3", "since": "2016"},
    {"source": "tu", "target": "pr3", "type": "funds", "project": "pr3", "since": "2016.0"},
    {"source": "berlin", "target": "kyiv", "type": "partner_of", "claimed_by": "berlin",
     "themes": "Mobility"},
    {"source": "tu", "target": "berlin", "type": "based_in"},                 # the seat again
    {"source": "tu", "target": "ama", "type": "knows", "themes": "na"},       # an actor's id
]


def _text_table(spec, name, rows):
    columns = list(dict.fromkeys(c for row in rows for c in row))
    data = {c: [str(row.get(c, "")).strip() for row in rows] for c in columns}
    return RawTable(spec, name, columns, rows_read=len(rows), data=data,
                    lines=list(range(2, len(rows) + 2)))


def _json_value(column, text):
    """A cell as JSON would give it: numbers, lists, booleans."""
    if column in ("since", "until", "weight", "lat", "lon", "priority"):
        try:
            return float(text) if "." in text else int(text)
        except ValueError:
            return text
    if column in ("themes", "aliases", "external_ids") and ";" in text:
        return [item.strip() for item in text.split(";")]
    return text if text != "" else None


def _json_table(spec, name, rows):
    columns = list(dict.fromkeys(c for row in rows for c in row))
    records = [Record(None, {c: _json_value(c, v) for c, v in row.items()}, f"{name}[{i}]")
               for i, row in enumerate(rows)]
    return RawTable(spec, "network.json", columns, records, rows_read=len(rows))


def _tables(make, themes):
    return NetworkTables(
        actors=[make(ACTORS, "actors", ACTOR_ROWS)],
        ties=[make(TIES, "ties", TIE_ROWS[:9]), make(TIES, "ties2", TIE_ROWS[9:])],
        projects=[make(PROJECTS, "projects", PROJECT_ROWS)],
        themes=[make(THEMES, "themes", THEME_ROWS)] if themes else [])


@pytest.mark.parametrize("themes", [True, False], ids=["themes-table", "themes-inferred"])
@pytest.mark.parametrize("make", [_text_table, _json_table], ids=["columns", "json-rows"])
def test_rules_match_the_reference(make, themes):
    columnar = build_network(_tables(make, themes))
    reference = reference_network(_tables(make, themes))
    assert list(columnar.graph.nodes(data=True)) == list(reference.graph.nodes(data=True))
    assert list(columnar.graph.edges(keys=True, data=True)) == \
        list(reference.graph.edges(keys=True, data=True))
    assert list(columnar.graph.in_edges(keys=True)) == list(reference.graph.in_edges(keys=True))
    assert columnar.themes == reference.themes
    assert [str(p) for p in columnar.report.problems] == \
        [str(p) for p in reference.report.problems]
    assert [str(p) for p in columnar.report.warnings] == \
        [str(p) for p in reference.report.warnings]
    assert columnar.report.files == reference.report.files
    # every kind of bad row was there to be found
    reasons = " | ".join(p.reason for p in reference.report.problems + reference.report.warnings)
    for found in ("duplicate id", "is empty", "unknown kind", "themes are not actors",
                  "a tie from an actor to itself", "cannot go from", "rejected at",
                  "unknown tie type", "duplicate tie", "is not a year", "outside",
                  "is not a number", "until is before since", "kind must be",
                  "project is not the id", "external id",
                  "unknown theme" if themes else "a theme named here has the id"):
        assert found in reasons
