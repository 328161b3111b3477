"""Tests for actornet.graph.build.build_network: row validation on raw tables.

Tables are built in memory from :class:`RawTable` and :class:`Record`, as a
reader hands them over; reading files is tested with the loaders.
"""

import pytest

from actornet.graph.build import MAX_YEAR, MIN_YEAR, build_network
from actornet.graph.errors import InputError
from actornet.graph.load_report import Problem
from actornet.graph.schema import TieType
from actornet.graph.tables import ACTORS, PROJECTS, THEMES, TIES, NetworkTables, RawTable, Record


def table(spec, rows, *, file=None, columns=None, first_line=2, problems=()):
    """A RawTable of ``rows`` (dicts), numbered from line 2 as under a header."""
    if columns is None:
        columns = list(spec.required)
        for row in rows:
            columns += [c for c in row if c not in columns]
    records = [Record(first_line + i, {c: row.get(c) for c in columns})
               for i, row in enumerate(rows)]
    return RawTable(spec, file or spec.file_name, columns, records,
                    rows_read=len(rows) + len(problems), problems=list(problems))


BASE_ACTORS = [
    {"id": "berlin", "kind": "city", "name": "Berlin"},                           # line 2
    {"id": "kyiv", "kind": "city", "name": "Kyiv", "aliases": "Kiew;Kyjiw"},       # line 3
    {"id": "fu", "kind": "institution", "name": "Freie Universität", "city": "berlin"},  # 4
    {"id": "ngo1", "kind": "ngo", "name": "Green Bridges"},                        # line 5
    {"id": "p1", "kind": "person", "name": "Person One"},                          # line 6
    {"id": "p2", "kind": "person", "name": "Person Two"},                          # line 7
]
BASE_PROJECTS = [{"id": "proj", "name": "Clean Air", "since": "2015", "until": "2018"}]
BASE_THEMES = [
    {"id": "climate", "label_en": "Climate", "label_de": "Klimaschutz", "priority": "3"},
    {"id": "sport", "label_en": "Sport", "label_de": "Sport", "priority": "1"},
]


def build(actors=(), ties=(), *, projects=None, themes=None, base=True, **table_options):
    """Build a network of the base actors plus ``actors`` (after them), and ``ties``."""
    actor_rows = (BASE_ACTORS if base else []) + list(actors)
    tables = NetworkTables(
        [table(ACTORS, actor_rows, **table_options.get("actors", {}))],
        [table(TIES, list(ties), **table_options.get("ties", {}))],
        [table(PROJECTS, BASE_PROJECTS if projects is None else projects)],
        [] if themes is None else [table(THEMES, themes)],
    )
    return build_network(tables)


def problems_at(net, file, line):
    return [p for p in net.report.problems if p.file == file and p.line == line]


def only_problem(net, file, line):
    found = problems_at(net, file, line)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def warnings_at(net, file, line):
    return [p for p in net.report.warnings if p.file == file and p.line == line]


def only_warning(net, file, line):
    """The one warning (a blanked optional value) at ``line``; nothing rejected there."""
    assert problems_at(net, file, line) == []
    found = warnings_at(net, file, line)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


NEXT_ACTOR_LINE = 2 + len(BASE_ACTORS)


# -- conservation --------------------------------------------------------------------


@pytest.fixture
def mixed():
    """Good and bad rows in every table, plus a row the reader already rejected."""
    ragged = Problem("actors.csv", 99, None, "row has more cells than the header")
    actors = table(ACTORS, BASE_ACTORS + [
        {"id": "", "kind": "ngo", "name": "No Id"},
        {"id": "x1", "kind": "planet", "name": "X"},
        {"id": "x2", "kind": "ngo", "name": "X2", "city": "Atlantis"},
    ], problems=[ragged])
    ties = table(TIES, [
        {"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "weight": "3"},
        {"source": "p1", "target": "fu", "type": "MEMBER_OF"},
        {"source": "fu", "target": "nobody", "type": "COOPERATES_WITH"},
        {"source": "ngo1", "target": "fu", "type": "COOPERATES_WITH", "weight": "9",
         "since": "19x4"},                                                 # two defects
        {"source": "x1", "target": "fu", "type": "COOPERATES_WITH"},     # rejected endpoint
        {"source": "ngo1", "target": "proj", "type": "PARTICIPATES_IN", "themes": "climate"},
    ])
    projects = table(PROJECTS, BASE_PROJECTS + [{"id": "proj2", "name": ""}])
    themes = table(THEMES, BASE_THEMES + [{"id": "energy", "priority": "lots"}])
    return build_network(NetworkTables([actors], [ties], [projects], [themes]))


@pytest.mark.parametrize("file", ["actors.csv", "ties.csv", "projects.csv", "themes.csv"])
def test_every_file_balances_read_kept_rejected(mixed, file):
    assert mixed.report.files[file].balanced


def test_report_balances(mixed):
    assert mixed.report.balanced


@pytest.mark.parametrize("file, read, kept, rejected", [
    ("actors.csv", 10, 7, 3),
    ("ties.csv", 6, 4, 2),
    ("projects.csv", 2, 1, 1),
    ("themes.csv", 3, 3, 0),
])
def test_counts_per_file(mixed, file, read, kept, rejected):
    count = mixed.report.files[file]
    assert (count.read, count.kept, count.rejected) == (read, kept, rejected)


def test_a_row_with_two_bad_optional_values_gives_two_warnings(mixed):
    assert {p.column for p in warnings_at(mixed, "ties.csv", 5)} == {"weight", "since"}


def test_a_row_with_bad_optional_values_is_kept_without_them(mixed):
    assert mixed.graph.edges["ngo1", "fu", "ngo1>COOPERATES_WITH>fu"] == {
        "type": "COOPERATES_WITH"}


def test_reader_problems_are_reported(mixed):
    assert any(p.line == 99 for p in mixed.report.problems)


def test_kept_ties_are_in_the_graph(mixed):
    assert mixed.graph.number_of_edges() == 4 + 1  # four ties and fu's BASED_IN


# -- actor defects -------------------------------------------------------------------


@pytest.mark.parametrize("row, column, reason", [
    ({"id": "", "kind": "ngo", "name": "N"}, "id", "id is empty"),
    ({"id": "   ", "kind": "ngo", "name": "N"}, "id", "id is empty"),
    ({"id": "n", "kind": None, "name": "N"}, "kind", "kind is empty"),
    ({"id": "n", "kind": "planet", "name": "N"}, "kind", "unknown kind"),
    ({"id": "n", "kind": "ngoo", "name": "N"}, "kind", 'did you mean "ngo"'),
    ({"id": "n", "kind": "theme", "name": "N"}, "kind", "themes are not actors"),
    ({"id": "n", "kind": "ngo", "name": ""}, "name", "name is empty"),
], ids=["blank-id", "space-id", "blank-kind", "unknown-kind", "kind-typo", "theme-kind",
        "blank-name"])
def test_bad_actor_row_is_reported(row, column, reason):
    net = build([row])
    problem = only_problem(net, "actors.csv", NEXT_ACTOR_LINE)
    assert problem.column == column
    assert reason in f"{problem.reason} ({problem.hint})"


BAD_OPTIONAL_ACTOR_VALUES = [
    ({"id": "n", "kind": "ngo", "name": "N", "city": "Atlantis"}, "city",
     "not the id, name or alias of a city"),
    ({"id": "n", "kind": "ngo", "name": "N", "city": "fu"}, "city",
     "not the id, name or alias of a city"),
    ({"id": "n", "kind": "city", "name": "N", "city": "berlin"}, "city",
     "a city cannot sit in a city"),
    ({"id": "n", "kind": "network", "name": "N", "city": "berlin"}, "city",
     "a network has no city column"),
    ({"id": "n", "kind": "ngo", "name": "N", "lat": "91"}, "lat", "outside"),
    ({"id": "n", "kind": "ngo", "name": "N", "lon": "east"}, "lon", "not a number"),
    ({"id": "n", "kind": "ngo", "name": "N", "lat": "NA"}, "lat", "not a number"),
]
BAD_OPTIONAL_ACTOR_IDS = ["unknown-city", "city-not-a-city", "city-in-city", "city-of-network",
                          "lat", "lon", "lat-NA"]


@pytest.mark.parametrize("row, column, reason", BAD_OPTIONAL_ACTOR_VALUES,
                         ids=BAD_OPTIONAL_ACTOR_IDS)
def test_bad_optional_actor_value_is_blanked_with_a_warning(row, column, reason):
    net = build([row])
    warning = only_warning(net, "actors.csv", NEXT_ACTOR_LINE)
    assert warning.column == column
    assert reason in f"{warning.reason} ({warning.hint})"
    assert warning.reason.endswith("left empty")


@pytest.mark.parametrize("row, column, reason", BAD_OPTIONAL_ACTOR_VALUES,
                         ids=BAD_OPTIONAL_ACTOR_IDS)
def test_actor_with_a_bad_optional_value_is_kept_without_it(row, column, reason):
    net = build([row])
    assert column not in net.graph.nodes["n"]
    assert net.city_of("n") in (None, "n")


def test_bad_actor_row_is_not_kept():
    assert "n" not in build([{"id": "n", "kind": "planet", "name": "N"}]).graph


def test_ties_of_an_actor_with_a_bad_optional_value_are_kept():
    """The cascade the issue saw: latitude NA dropped a member and its ties."""
    net = build([{"id": "n", "kind": "ngo", "name": "N", "lat": "NA", "city": "nowhere"}],
                [{"source": "n", "target": "fu", "type": "COOPERATES_WITH"}])
    assert net.report.files["ties.csv"].kept == 1


def test_company_and_network_kinds_with_memberships():
    net = build([{"id": "co", "kind": "company", "name": "Co", "city": "berlin"},
                 {"id": "euro", "kind": "network", "name": "Eurocities"}],
                [{"source": "berlin", "target": "euro", "type": "MEMBER_OF"},
                 {"source": "co", "target": "euro", "type": "MEMBER_OF"},
                 {"source": "fu", "target": "co", "type": "MEMBER_OF"}])
    assert net.report.files["ties.csv"].kept == 3


def test_duplicate_actor_id_names_the_first_line():
    net = build([{"id": "ngo1", "kind": "ngo", "name": "Other"}])
    problem = only_problem(net, "actors.csv", NEXT_ACTOR_LINE)
    assert "first used at actors.csv line 5" in problem.reason


def test_duplicate_actor_id_keeps_the_first_row():
    net = build([{"id": "ngo1", "kind": "ngo", "name": "Other"}])
    assert net.graph.nodes["ngo1"]["name"] == "Green Bridges"


def test_project_id_used_by_an_actor_is_a_duplicate():
    net = build(projects=[{"id": "fu", "name": "Project FU"}])
    problem = only_problem(net, "projects.csv", 2)
    assert "duplicate id" in problem.reason


def test_actor_id_used_by_a_theme_is_a_duplicate():
    net = build([{"id": "climate", "kind": "ngo", "name": "Climate NGO"}], themes=BASE_THEMES)
    problem = only_problem(net, "actors.csv", NEXT_ACTOR_LINE)
    assert "first used at themes.csv line 2" in problem.reason


@pytest.mark.parametrize("city", ["kyiv", "Kyiv", "KYIV", "Kiew", "kyjiw"])
def test_city_by_id_name_or_alias_resolves(city):
    net = build([{"id": "n", "kind": "ngo", "name": "N", "city": city}])
    assert net.city_of("n") == "kyiv"


def test_city_may_be_listed_after_the_actor():
    net = build([{"id": "n", "kind": "ngo", "name": "N", "city": "Lviv"},
                 {"id": "lviv", "kind": "city", "name": "Lviv"}])
    assert net.city_of("n") == "lviv"


def test_city_cell_becomes_a_based_in_tie():
    net = build([{"id": "n", "kind": "ngo", "name": "N", "city": "Kiew"}])
    assert [k for _, _, k in net.graph.edges("n", keys=True)] == ["n>BASED_IN>kyiv"]


def test_city_naming_a_rejected_city_row_points_at_that_row():
    net = build([{"id": "lviv", "kind": "city", "name": ""},
                 {"id": "n", "kind": "ngo", "name": "N", "city": "lviv"}])
    problem = only_warning(net, "actors.csv", NEXT_ACTOR_LINE + 1)
    assert f"rejected at actors.csv line {NEXT_ACTOR_LINE}" in problem.reason


def test_city_name_shared_by_two_cities_is_ambiguous():
    net = build([{"id": "frankfurt_oder", "kind": "city", "name": "Frankfurt"},
                 {"id": "frankfurt_main", "kind": "city", "name": "Frankfurt"},
                 {"id": "n", "kind": "ngo", "name": "N", "city": "Frankfurt"}])
    problem = only_warning(net, "actors.csv", NEXT_ACTOR_LINE + 2)
    assert "several cities" in problem.reason


# -- tie defects ---------------------------------------------------------------------


@pytest.mark.parametrize("row, column, reason", [
    ({"source": "fu", "target": "nobody", "type": "COOPERATES_WITH"}, "target",
     "not the id of any actor"),
    ({"source": "nobody", "target": "fu", "type": "COOPERATES_WITH"}, "source",
     "not the id of any actor"),
    ({"source": "", "target": "fu", "type": "COOPERATES_WITH"}, "source", "source is empty"),
    ({"source": "fu", "target": "ngo1", "type": "FRIENDS_WITH"}, "type", "unknown tie type"),
    ({"source": "fu", "target": "ngo1", "type": "cooperate with"}, "type",
     'did you mean "COOPERATES_WITH"'),
    ({"source": "fu", "target": "ngo1", "type": ""}, "type", "type is empty"),
    ({"source": "ngo1", "target": "p1", "type": "MEMBER_OF"}, "type",
     "a MEMBER_OF tie cannot go from ngo to person"),
    ({"source": "fu", "target": "ngo1", "type": "BASED_IN"}, "type",
     "a BASED_IN tie cannot go from institution to ngo"),
    ({"source": "fu", "target": "kyiv", "type": "PARTNER_OF"}, "type",
     "a PARTNER_OF tie cannot go from institution to city"),
    ({"source": "p1", "target": "fu", "type": "KNOWS"}, "type", "KNOWS goes from person"),
    ({"source": "fu", "target": "fu", "type": "COOPERATES_WITH"}, "target",
     "a tie from an actor to itself"),
], ids=["unknown-target", "unknown-source", "blank-source", "unknown-type", "type-typo",
        "blank-type", "member-of-backwards", "based-in-non-city", "partner-of-non-city",
        "knows-non-person", "self-loop"])
def test_bad_tie_row_is_reported(row, column, reason):
    net = build(ties=[row])
    problem = only_problem(net, "ties.csv", 2)
    assert problem.column == column
    assert reason in f"{problem.reason} ({problem.hint})"


BAD_OPTIONAL_TIE_VALUES = [
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "since": "19x4"},
     "since", "since is not a year"),
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "since": "1994.5"},
     "since", "since is not a year"),
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "since": "NA"},
     "since", "since is not a year"),
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "since": "94"},
     "since", "since is not a year"),
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "since": "499"},
     "since", f"outside the years {MIN_YEAR}-{MAX_YEAR}"),
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "until": "2999"},
     "until", f"outside the years {MIN_YEAR}-{MAX_YEAR}"),
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "since": "2010",
      "until": "2009"}, "until", "until is before since"),
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "weight": "0"},
     "weight", "weight is outside 1-5"),
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "weight": "6"},
     "weight", "weight is outside 1-5"),
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "weight": "strong"},
     "weight", "weight is not a number"),
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "weight": "nan"},
     "weight", "weight is not a number"),
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "project": "ngo1"},
     "project", "project is not the id of a project"),
    ({"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "project": "nothing"},
     "project", "project is not the id of a project"),
]
BAD_OPTIONAL_TIE_IDS = ["since-19x4", "since-1994.5", "since-NA", "since-94", "since-499",
                        "until-2999", "until-before-since", "weight-0", "weight-6",
                        "weight-strong", "weight-nan", "project-not-project", "project-unknown"]


@pytest.mark.parametrize("row, column, reason", BAD_OPTIONAL_TIE_VALUES, ids=BAD_OPTIONAL_TIE_IDS)
def test_bad_optional_tie_value_is_blanked_with_a_warning(row, column, reason):
    net = build(ties=[row])
    warning = only_warning(net, "ties.csv", 2)
    assert warning.column == column
    assert reason in f"{warning.reason} ({warning.hint})"


@pytest.mark.parametrize("row, column, reason", BAD_OPTIONAL_TIE_VALUES, ids=BAD_OPTIONAL_TIE_IDS)
def test_tie_with_a_bad_optional_value_is_kept_without_it(row, column, reason):
    net = build(ties=[row])
    [(_, _, data)] = [e for e in net.graph.edges(data=True) if e[2]["type"] != "BASED_IN"]
    assert column not in data


def test_bad_tie_row_is_not_kept():
    row = {"source": "fu", "target": "fu", "type": "COOPERATES_WITH"}
    assert build(ties=[row]).report.files["ties.csv"].kept == 0


def test_year_range_is_500_to_2100():
    assert (MIN_YEAR, MAX_YEAR) == (500, 2100)


@pytest.mark.parametrize("year, stored", [("499", None), ("500", 500), ("836", 836),
                                          ("1430", 1430), ("2100", 2100), ("2101", None)])
def test_year_range_bounds_are_inclusive(year, stored):
    net = build(ties=[{"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH",
                       "since": year, "id": "t"}])
    assert net.graph.edges["fu", "ngo1", "t"].get("since") == stored


@pytest.mark.parametrize("value, stored", [("3", 3), ("2.5", 2.5), (" 5 ", 5), (1, 1)])
def test_valid_weight_is_stored_as_a_number(value, stored):
    net = build(ties=[{"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH",
                       "weight": value, "id": "t"}])
    assert net.graph.edges["fu", "ngo1", "t"]["weight"] == stored


def test_missing_weight_is_left_out():
    net = build(ties=[{"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH",
                       "weight": None, "id": "t"}])
    assert "weight" not in net.graph.edges["fu", "ngo1", "t"]


@pytest.mark.parametrize("column", ["since", "until"])
def test_blank_year_text_is_empty(column):
    net = build(ties=[{"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH",
                       column: "  ", "id": "t"}])
    assert column not in net.graph.edges["fu", "ngo1", "t"]


@pytest.mark.parametrize("blank", ["", "  "])
def test_blank_weight_text_is_empty(blank):
    net = build(ties=[{"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH",
                       "weight": blank, "id": "t"}])
    assert net.report.files["ties.csv"].kept == 1


@pytest.mark.parametrize("value", ["1994", 1994, 1994.0])
def test_year_is_stored_as_an_int(value):
    net = build(ties=[{"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH",
                       "since": value, "id": "t"}])
    assert net.graph.edges["fu", "ngo1", "t"]["since"] == 1994


def test_tie_type_is_stored_canonically():
    net = build(ties=[{"source": "p1", "target": "fu", "type": "member of", "id": "t"}])
    assert net.graph.edges["p1", "fu", "t"]["type"] == TieType.MEMBER_OF.value


def test_tie_to_a_rejected_actor_points_at_that_row():
    net = build([{"id": "bad", "kind": "planet", "name": "Bad"}],
                [{"source": "bad", "target": "fu", "type": "COOPERATES_WITH"}])
    problem = only_problem(net, "ties.csv", 2)
    assert problem.column == "source"
    assert f"rejected at actors.csv line {NEXT_ACTOR_LINE}" in problem.reason


def test_tie_to_a_project_is_kept():
    net = build(ties=[{"source": "ngo1", "target": "proj", "type": "PARTICIPATES_IN"}])
    assert net.graph.has_edge("ngo1", "proj")


def test_tie_with_a_project_column_is_kept():
    net = build(ties=[{"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH",
                       "project": "proj"}])
    assert net.graph.edges["fu", "ngo1", "fu>COOPERATES_WITH>ngo1#proj"]["project"] == "proj"


# -- duplicate ties ------------------------------------------------------------------

TIE = {"source": "fu", "target": "ngo1", "type": "COOPERATES_WITH", "since": "2019"}


def test_duplicate_tie_is_rejected_naming_the_first_line():
    net = build(ties=[TIE, dict(TIE)])
    problem = only_problem(net, "ties.csv", 3)
    assert "duplicate tie: same source, type, target, since and project as ties.csv line 2" \
        in problem.reason


def test_duplicate_tie_keeps_the_first():
    net = build(ties=[TIE, dict(TIE, weight="5")])
    assert net.graph.edges["fu", "ngo1", "fu>COOPERATES_WITH>ngo1@2019"].get("weight") is None


def test_duplicate_tie_spelled_differently_is_still_a_duplicate():
    net = build(ties=[TIE, dict(TIE, type="cooperates-with", since="2019 ")])
    assert net.report.files["ties.csv"].rejected == 1


@pytest.mark.parametrize("change", [{"since": "2020"}, {"project": "proj"},
                                    {"type": "COOPERATES_WITH", "source": "ngo1",
                                     "target": "fu"}])
def test_ties_differing_in_the_key_are_both_kept(change):
    net = build(ties=[TIE, dict(TIE, **change)])
    assert net.report.files["ties.csv"].kept == 2


def test_derived_tie_key():
    net = build(ties=[TIE])
    assert list(net.graph.edges("fu", keys=True)) == [
        ("fu", "berlin", "fu>BASED_IN>berlin"), ("fu", "ngo1", "fu>COOPERATES_WITH>ngo1@2019")]


def test_duplicate_explicit_tie_id_is_rejected():
    net = build(ties=[{"id": "t1", "source": "fu", "target": "ngo1", "type": "COOPERATES_WITH"},
                      {"id": "t1", "source": "p1", "target": "p2", "type": "KNOWS"}])
    problem = only_problem(net, "ties.csv", 3)
    assert problem.column == "id"
    assert problem.reason == "duplicate tie id: also used at ties.csv line 2"


def test_explicit_tie_id_is_the_edge_key():
    net = build(ties=[{"id": "t1", "source": "p1", "target": "p2", "type": "KNOWS"}])
    assert net.graph.has_edge("p1", "p2", key="t1")


# -- themes --------------------------------------------------------------------------


def test_unknown_theme_with_a_themes_table_is_left_out_with_a_warning():
    net = build(ties=[dict(TIE, themes="climat")], themes=BASE_THEMES)
    problem = only_warning(net, "ties.csv", 2)
    assert problem.column == "themes"
    assert problem.reason == "unknown theme; left empty"


def test_unknown_theme_hint_suggests_the_theme():
    net = build(ties=[dict(TIE, themes="climat")], themes=BASE_THEMES)
    assert "did you mean climate" in only_warning(net, "ties.csv", 2).hint


def test_unknown_actor_theme_with_a_themes_table_is_left_out_with_a_warning():
    net = build([{"id": "n", "kind": "ngo", "name": "N", "themes": "housing"}],
                themes=BASE_THEMES)
    assert only_warning(net, "actors.csv", NEXT_ACTOR_LINE).column == "themes"


@pytest.mark.parametrize("spelling", ["climate", "Klimaschutz", "CLIMATE"])
def test_theme_by_label_is_stored_by_id(spelling):
    net = build(ties=[dict(TIE, themes=spelling, id="t")], themes=BASE_THEMES)
    assert net.graph.edges["fu", "ngo1", "t"]["themes"] == ["climate"]


def test_themes_are_inferred_without_a_themes_table():
    net = build([{"id": "n", "kind": "ngo", "name": "N", "themes": "housing; water"}])
    assert [t.id for t in net.themes] == ["housing", "water"]


def test_inferred_themes_become_theme_nodes():
    net = build([{"id": "n", "kind": "ngo", "name": "N", "themes": "housing"}])
    assert net.graph.nodes["housing"]["kind"] == "theme"


def test_works_on_target_infers_a_theme_without_a_themes_table():
    net = build(ties=[{"source": "ngo1", "target": "water", "type": "WORKS_ON"}])
    assert net.kind("water").value == "theme"


def test_works_on_unknown_theme_with_a_themes_table_is_rejected():
    net = build(ties=[{"source": "ngo1", "target": "water", "type": "WORKS_ON"}],
                themes=BASE_THEMES)
    assert only_problem(net, "ties.csv", 2).column == "target"


def test_themes_table_duplicate_id_is_rejected():
    net = build(themes=BASE_THEMES + [{"id": "Climate"}])
    assert "duplicate theme id" in only_problem(net, "themes.csv", 4).reason


def test_a_theme_whose_id_is_another_themes_alias_is_kept():
    net = build(themes=[{"id": "climate", "label_en": "Climate", "aliases": "environment"},
                        {"id": "environment", "label_en": "Environment"}])
    assert ([t.id for t in net.themes], net.themes.resolve("environment").id) == (
        ["climate", "environment"], "environment")


def test_a_tie_names_a_theme_by_its_alias():
    themes = [dict(BASE_THEMES[0], aliases="Klima;environment"), BASE_THEMES[1]]
    net = build(ties=[dict(TIE, themes="Environment", id="t")], themes=themes)
    assert net.graph.edges["fu", "ngo1", "t"]["themes"] == ["climate"]


def test_rejected_row_contributes_no_inferred_theme():
    net = build([{"id": "n", "kind": "planet", "name": "N", "themes": "housing"}])
    assert "housing" not in net.graph


def test_actor_id_equal_to_an_inferred_theme_is_a_duplicate():
    net = build([{"id": "n", "kind": "ngo", "name": "N", "themes": "climate"},
                 {"id": "climate", "kind": "ngo", "name": "Climate NGO"}])
    assert net.report.files["actors.csv"].rejected == 1


# -- values stay values ------------------------------------------------------------


def test_ids_stay_strings_exactly():
    net = build([{"id": "007", "kind": "ngo", "name": "Agency"}],
                [{"source": "007", "target": "fu", "type": "COOPERATES_WITH"}])
    assert net.graph.has_edge("007", "fu")


def test_leading_zero_id_is_not_an_int():
    net = build([{"id": "007", "kind": "ngo", "name": "Agency"}])
    assert "7" not in net.graph


@pytest.mark.parametrize("text", ["NA", "None", "null", "N/A", "nan"])
def test_missing_value_words_are_names(text):
    net = build([{"id": "n", "kind": "ngo", "name": text}])
    assert net.graph.nodes["n"]["name"] == text


@pytest.mark.parametrize("text", ["NA", "None", "null"])
def test_missing_value_words_are_ids(text):
    net = build([{"id": text, "kind": "ngo", "name": "N"}],
                [{"source": text, "target": "fu", "type": "COOPERATES_WITH"}])
    assert net.graph.has_edge(text, "fu")


def test_aliases_cell_is_split_into_a_list():
    net = build()
    assert net.graph.nodes["kyiv"]["aliases"] == ["Kiew", "Kyjiw"]


# -- extra columns -----------------------------------------------------------------


@pytest.fixture
def extras():
    return build([{"id": "n", "kind": "ngo", "name": "N", "website": "https://n.example"},
                  {"id": "m", "kind": "ngo", "name": "M", "website": None}],
                 [{"source": "n", "target": "fu", "type": "COOPERATES_WITH", "id": "t",
                   "agreement": "MoU 2021"}])


def test_extra_actor_column_is_a_node_property(extras):
    assert extras.graph.nodes["n"]["website"] == "https://n.example"


def test_empty_extra_cell_is_not_a_property(extras):
    assert "website" not in extras.graph.nodes["m"]


def test_extra_tie_column_is_an_edge_property(extras):
    assert extras.graph.edges["n", "fu", "t"]["agreement"] == "MoU 2021"


def test_extra_columns_are_listed_per_file(extras):
    assert extras.report.extra_columns == {"actors.csv": ["website"], "ties.csv": ["agreement"]}


def test_extra_column_cannot_overwrite_a_projects_kind():
    net = build(projects=[{"id": "proj", "name": "Clean Air", "kind": "Project"}])
    assert net.kind("proj").value == "project"


# -- personal data never appears in a problem -----------------------------------------

NAME, EMAIL, PHONE = "Zofia Wiśniewska", "zofia@example.org", "+48 600 700 800"
SECRETS = [NAME, "Zofia", "Wiśniewska", "wisniewska", EMAIL, "zofia@", PHONE, "600 700"]


@pytest.fixture
def leaky():
    person = {"kind": "person", "name": NAME, "email": EMAIL, "phone": PHONE}
    actors = [
        dict(person, id="z1", kind="persn"),                    # unknown kind
        dict(person, id="z2", kind=NAME),                       # name typed into kind
        dict(person, id="z3", city=NAME),                       # name typed into city
        dict(person, id="z4", lat=EMAIL),                       # e-mail in a number
        dict(person, id="z5", themes=EMAIL),                    # e-mail as a theme
        dict(person, id="z6"),                                  # kept
        dict(person, id="z6"),                                  # duplicate id
        dict(person, id="z7", name=""),                         # blank name
    ]
    ties = [
        {"source": "z1", "target": "z6", "type": "KNOWS", "note": PHONE},   # rejected source
        {"source": "z6", "target": NAME, "type": "KNOWS"},                  # unknown target
        {"source": "z6", "target": "p1", "type": NAME},                     # name as type
        {"source": "z6", "target": "p1", "type": "KNOWS", "weight": PHONE},
        {"source": "z6", "target": "p1", "type": "KNOWS", "since": EMAIL},
        {"source": "z6", "target": "p1", "type": "KNOWS", "themes": NAME},
        {"source": "z6", "target": "z6", "type": "KNOWS", "note": EMAIL},   # self-loop
        {"source": "z6", "target": "p1", "type": "KNOWS", "project": NAME},
        {"source": "z6", "target": "fu", "type": "KNOWS"},                  # wrong kinds
    ]
    return build(actors, ties, themes=BASE_THEMES)


def test_personal_rows_are_rejected(leaky):
    # z3-z5 are kept with the bad city, lat and theme left empty; the four ties
    # with a bad optional value are kept once (then the same tie: duplicates)
    assert leaky.report.files["actors.csv"].rejected == 4
    assert leaky.report.files["ties.csv"].rejected == 8


@pytest.mark.parametrize("secret", SECRETS)
def test_no_problem_repeats_personal_data(leaky, secret):
    leaked = [str(p) for p in leaky.report.problems if secret.casefold() in str(p).casefold()]
    assert leaked == []


def test_personal_rows_produce_problems_to_check(leaky):
    assert len(leaky.report.problems) + len(leaky.report.warnings) >= 16


def test_all_rows_rejected_error_repeats_no_personal_data():
    with pytest.raises(InputError) as info:
        build([{"id": "z", "kind": NAME, "name": NAME, "email": EMAIL}], base=False,
              projects=[])
    assert NAME not in str(info.value)


# -- nothing kept ----------------------------------------------------------------------


def test_every_row_rejected_raises_input_error():
    with pytest.raises(InputError):
        build([{"id": "a", "kind": "planet", "name": "A"},
               {"id": "", "kind": "ngo", "name": "B"}], base=False, projects=[])


def test_empty_tables_raise_input_error():
    with pytest.raises(InputError):
        build(base=False, projects=[])


def test_only_themes_kept_raises_input_error():
    with pytest.raises(InputError):
        build([{"id": "a", "kind": "planet", "name": "A"}], base=False, projects=[],
              themes=BASE_THEMES)


def test_only_projects_kept_raises_input_error():
    with pytest.raises(InputError):
        build([{"id": "a", "kind": "planet", "name": "A"}], base=False)


def test_input_error_names_the_network():
    with pytest.raises(InputError) as info:
        build(base=False, projects=[])
    assert info.value.file == "network"


def test_inferred_themes_ignore_case():
    net = build([{"id": "n1", "kind": "ngo", "name": "N1", "themes": "Climate"},
                 {"id": "n2", "kind": "ngo", "name": "N2", "themes": "climate"}])
    assert [t.id for t in net.themes] == ["Climate"]
    assert net.graph.nodes["n2"]["themes"] == ["Climate"]
