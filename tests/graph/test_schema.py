"""Tests for actornet.graph.schema: kinds, tie types and their endpoint rules, themes."""

import math

import pytest

from actornet.graph.errors import ActornetError, SchemaError
from actornet.graph.schema import (
    ACTOR_KINDS, GROUP_KINDS, ORGANISATION_KINDS, Kind, Projection, Theme, ThemeTable, TieType,
    parse_kind, parse_tie_type, tie_role,
)

# -- parse_kind ------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Federal Body", Kind.FEDERAL_BODY),
    ("federal-body", Kind.FEDERAL_BODY),
    ("FEDERAL_BODY", Kind.FEDERAL_BODY),
    ("FederalBody", Kind.FEDERAL_BODY),
    ("ngo", Kind.NGO),
    ("NGO", Kind.NGO),
    ("city", Kind.CITY),
    ("Institution", Kind.INSTITUTION),
    ("person", Kind.PERSON),
    ("Person ", Kind.PERSON),
    ("project", Kind.PROJECT),
    ("theme", Kind.THEME),
    ("Theme", Kind.THEME),
])
def test_parse_kind_accepts_spelling_variants(text, expected):
    assert parse_kind(text) is expected


@pytest.mark.parametrize("kind", list(Kind))
def test_parse_kind_accepts_the_neo4j_label_of_every_kind(kind):
    assert parse_kind(kind.label) is kind


def test_parse_kind_passes_a_kind_through():
    assert parse_kind(Kind.NGO) is Kind.NGO


@pytest.mark.parametrize("typo, suggestion", [
    ("instituton", "institution"),
    ("persn", "person"),
])
def test_parse_kind_of_a_typo_suggests_the_right_kind(typo, suggestion):
    with pytest.raises(SchemaError) as info:
        parse_kind(typo)
    assert f'did you mean "{suggestion}"' in str(info.value)


def test_parse_kind_of_garbage_gives_no_suggestion():
    with pytest.raises(SchemaError) as info:
        parse_kind("xyzzy")
    assert "did you mean" not in str(info.value)


def test_parse_kind_of_garbage_lists_every_allowed_kind():
    with pytest.raises(SchemaError) as info:
        parse_kind("xyzzy")
    message = str(info.value)
    assert all(kind.value in message for kind in Kind)


def test_parse_kind_message_never_repeats_the_input():
    text = "anna.schmidt@example.org"
    with pytest.raises(SchemaError) as info:
        parse_kind(text)
    assert text not in str(info.value)


def test_parse_kind_message_never_repeats_part_of_the_input():
    with pytest.raises(SchemaError) as info:
        parse_kind("anna.schmidt@example.org")
    assert "schmidt" not in str(info.value).casefold()


def test_parse_kind_of_empty_text_raises_schema_error():
    with pytest.raises(SchemaError):
        parse_kind("")


def test_schema_error_is_an_actornet_error():
    with pytest.raises(ActornetError):
        parse_kind("xyzzy")


# -- parse_tie_type --------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("partner of", TieType.PARTNER_OF),
    ("Partner-Of", TieType.PARTNER_OF),
    ("PARTNER_OF", TieType.PARTNER_OF),
    ("partnerOf", TieType.PARTNER_OF),
    ("PartnerOf", TieType.PARTNER_OF),
    ("cooperates with", TieType.COOPERATES_WITH),
    ("participates-in", TieType.PARTICIPATES_IN),
    ("funds", TieType.FUNDS),
    ("basedIn", TieType.BASED_IN),
    ("member_of", TieType.MEMBER_OF),
    (" KNOWS ", TieType.KNOWS),
    ("Works On", TieType.WORKS_ON),
])
def test_parse_tie_type_accepts_spelling_variants(text, expected):
    assert parse_tie_type(text) is expected


def test_parse_tie_type_passes_a_tie_type_through():
    assert parse_tie_type(TieType.KNOWS) is TieType.KNOWS


@pytest.mark.parametrize("typo, suggestion", [
    ("partner_off", "PARTNER_OF"),
    ("cooperate with", "COOPERATES_WITH"),
    ("membr of", "MEMBER_OF"),
])
def test_parse_tie_type_of_a_typo_suggests_the_right_type(typo, suggestion):
    with pytest.raises(SchemaError) as info:
        parse_tie_type(typo)
    assert f'did you mean "{suggestion}"' in str(info.value)


def test_parse_tie_type_of_garbage_lists_allowed_types_without_suggestion():
    with pytest.raises(SchemaError) as info:
        parse_tie_type("xyzzy")
    message = str(info.value)
    assert "did you mean" not in message
    assert all(tie_type.value in message for tie_type in TieType)


def test_parse_tie_type_message_never_repeats_the_input():
    text = "anna.schmidt@example.org"
    with pytest.raises(SchemaError) as info:
        parse_tie_type(text)
    assert "schmidt" not in str(info.value).casefold()


# -- endpoint rules ------------------------------------------------------------------

K = Kind
ALLOWS = [
    (TieType.PARTNER_OF, K.CITY, K.CITY, True),
    (TieType.PARTNER_OF, K.CITY, K.NGO, False),
    (TieType.PARTNER_OF, K.NGO, K.CITY, False),
    (TieType.PARTNER_OF, K.PERSON, K.PERSON, False),
    (TieType.COOPERATES_WITH, K.NGO, K.INSTITUTION, True),
    (TieType.COOPERATES_WITH, K.PERSON, K.CITY, True),
    (TieType.COOPERATES_WITH, K.FEDERAL_BODY, K.PERSON, True),
    (TieType.COOPERATES_WITH, K.NGO, K.PROJECT, False),
    (TieType.COOPERATES_WITH, K.PROJECT, K.NGO, False),
    (TieType.COOPERATES_WITH, K.NGO, K.THEME, False),
    (TieType.PARTICIPATES_IN, K.NGO, K.PROJECT, True),
    (TieType.PARTICIPATES_IN, K.PERSON, K.PROJECT, True),
    (TieType.PARTICIPATES_IN, K.CITY, K.PROJECT, True),
    (TieType.PARTICIPATES_IN, K.PROJECT, K.PROJECT, False),
    (TieType.PARTICIPATES_IN, K.NGO, K.NGO, False),
    (TieType.PARTICIPATES_IN, K.THEME, K.PROJECT, False),
    (TieType.FUNDS, K.FEDERAL_BODY, K.PROJECT, True),
    (TieType.FUNDS, K.INSTITUTION, K.PROJECT, True),
    (TieType.FUNDS, K.FEDERAL_BODY, K.NGO, False),
    (TieType.FUNDS, K.PROJECT, K.PROJECT, False),
    (TieType.BASED_IN, K.NGO, K.CITY, True),
    (TieType.BASED_IN, K.INSTITUTION, K.CITY, True),
    (TieType.BASED_IN, K.FEDERAL_BODY, K.CITY, True),
    (TieType.BASED_IN, K.PERSON, K.CITY, True),
    (TieType.BASED_IN, K.CITY, K.CITY, False),
    (TieType.BASED_IN, K.PROJECT, K.CITY, False),
    (TieType.BASED_IN, K.NGO, K.NGO, False),
    (TieType.MEMBER_OF, K.PERSON, K.NGO, True),
    (TieType.MEMBER_OF, K.PERSON, K.INSTITUTION, True),
    (TieType.MEMBER_OF, K.PERSON, K.FEDERAL_BODY, True),
    (TieType.MEMBER_OF, K.NGO, K.PERSON, False),
    (TieType.MEMBER_OF, K.PERSON, K.PERSON, False),
    (TieType.MEMBER_OF, K.PERSON, K.CITY, False),
    (TieType.MEMBER_OF, K.PERSON, K.PROJECT, False),
    (TieType.KNOWS, K.PERSON, K.PERSON, True),
    (TieType.KNOWS, K.PERSON, K.NGO, False),
    (TieType.KNOWS, K.NGO, K.PERSON, False),
    (TieType.WORKS_ON, K.NGO, K.THEME, True),
    (TieType.WORKS_ON, K.PERSON, K.THEME, True),
    (TieType.WORKS_ON, K.PROJECT, K.THEME, True),
    (TieType.WORKS_ON, K.THEME, K.THEME, False),
    (TieType.WORKS_ON, K.NGO, K.PROJECT, False),
]


@pytest.mark.parametrize("tie_type, source, target, allowed", ALLOWS,
                         ids=[f"{t.value}-{s.value}-{g.value}" for t, s, g, _ in ALLOWS])
def test_tie_type_allows_only_the_specified_endpoints(tie_type, source, target, allowed):
    assert tie_type.allows(source, target) is allowed


@pytest.mark.parametrize("tie_type", list(TieType))
def test_endpoint_table_has_an_allowed_and_a_forbidden_pair_for_every_tie_type(tie_type):
    outcomes = {allowed for t, _, _, allowed in ALLOWS if t is tie_type}
    assert outcomes == {True, False}


# -- kinds -------------------------------------------------------------------------


@pytest.mark.parametrize("kind, label", [
    (Kind.CITY, "City"),
    (Kind.INSTITUTION, "Institution"),
    (Kind.FEDERAL_BODY, "FederalBody"),
    (Kind.NGO, "NGO"),
    (Kind.PERSON, "Person"),
    (Kind.PROJECT, "Project"),
    (Kind.THEME, "Theme"),
])
def test_kind_label(kind, label):
    assert kind.label == label


@pytest.mark.parametrize("kind", [Kind.PROJECT, Kind.THEME])
def test_actor_kinds_exclude_projects_and_themes(kind):
    assert kind not in ACTOR_KINDS


def test_actor_kinds_are_the_six_actor_kinds():
    assert ACTOR_KINDS == {Kind.CITY, Kind.INSTITUTION, Kind.COMPANY, Kind.FEDERAL_BODY,
                           Kind.NGO, Kind.PERSON}


def test_organisation_kinds_exclude_people_and_cities():
    assert ORGANISATION_KINDS == {Kind.INSTITUTION, Kind.COMPANY, Kind.FEDERAL_BODY, Kind.NGO}


def test_network_is_a_group_not_an_actor():
    assert Kind.NETWORK in GROUP_KINDS and not Kind.NETWORK.is_actor


@pytest.mark.parametrize("source", [Kind.CITY, Kind.COMPANY, Kind.NGO, Kind.PERSON])
def test_any_actor_may_be_a_member_of_a_network(source):
    assert TieType.MEMBER_OF.allows(source, Kind.NETWORK)


def test_member_of_a_network_links_members_like_a_project():
    assert tie_role(TieType.MEMBER_OF, Kind.NETWORK) is Projection.PROJECT


@pytest.mark.parametrize("kind, label", [(Kind.COMPANY, "Company"), (Kind.NETWORK, "Network")])
def test_new_kinds_have_labels(kind, label):
    assert kind.label == label


@pytest.mark.parametrize("kind, is_actor", [(Kind.PERSON, True), (Kind.PROJECT, False)])
def test_kind_is_actor(kind, is_actor):
    assert kind.is_actor is is_actor


# -- themes ------------------------------------------------------------------------


@pytest.fixture
def themes():
    return ThemeTable([
        Theme("climate", "Climate", "Klimaschutz", 3),
        Theme("mobility", "Mobility", "Mobilität", 2),
        Theme("urban_development", "Urban development", "Stadtentwicklung", 1),
        Theme("sport", "Sport", "Sport", 0),
    ])


@pytest.mark.parametrize("text, theme_id", [
    ("climate", "climate"),
    ("Climate", "climate"),
    ("Klimaschutz", "climate"),
    ("Mobilität", "mobility"),
    ("mobilitat", "mobility"),
    ("urban development", "urban_development"),
    ("Urban-Development", "urban_development"),
    ("  stadtentwicklung ", "urban_development"),
])
def test_theme_table_resolves_ids_and_labels(themes, text, theme_id):
    assert themes.resolve(text).id == theme_id


def test_theme_table_resolve_of_a_typo_suggests_the_theme(themes):
    with pytest.raises(SchemaError) as info:
        themes.resolve("climat")
    assert str(info.value) == "unknown theme 'climat'; did you mean climate?"


def test_theme_table_resolve_of_garbage_lists_known_themes(themes):
    with pytest.raises(SchemaError) as info:
        themes.resolve("xyzzy")
    assert "urban_development" in str(info.value)


def test_theme_table_find_of_unknown_is_none(themes):
    assert themes.find("xyzzy") is None


def test_theme_table_priorities_are_highest_first_from_two_up(themes):
    assert [t.id for t in themes.priorities()] == ["climate", "mobility"]


def test_theme_table_priorities_with_lower_minimum(themes):
    assert [t.id for t in themes.priorities(minimum=0)] == [
        "climate", "mobility", "urban_development", "sport"]


def test_theme_table_contains_by_id(themes):
    assert "mobility" in themes


def test_theme_table_does_not_contain_by_label(themes):
    assert "Mobility" not in themes


def test_theme_table_keeps_order(themes):
    assert [t.id for t in themes] == ["climate", "mobility", "urban_development", "sport"]


def test_theme_table_duplicate_id_raises():
    table = ThemeTable([Theme("climate", "Climate")])
    with pytest.raises(SchemaError):
        table.add(Theme("climate", "Climate again"))


def test_theme_tables_with_same_themes_are_equal():
    assert ThemeTable([Theme("a", "A", "", 2)]) == ThemeTable([Theme("a", "A", "", 2)])


def test_theme_tables_differing_in_a_priority_are_not_equal():
    assert ThemeTable([Theme("a", "A", "", 2)]) != ThemeTable([Theme("a", "A", "", 3)])


@pytest.mark.parametrize("priority", [-1, math.nan, "high"])
def test_theme_rejects_a_bad_priority(priority):
    with pytest.raises(SchemaError):
        Theme("climate", "Climate", "Klimaschutz", priority)


def test_theme_accepts_priority_zero():
    assert Theme("sport", "Sport", "Sport", 0).priority == 0
