"""what_if: proposed ties change what they should, and nothing is saved."""

from __future__ import annotations

import pytest

from actornet.graph.errors import QueryError, ResolveError
from actornet.queries.whatif import ProposedTie, what_if


def test_a_second_route_to_tashkent_removes_the_single_point_of_failure(berlin):
    result = what_if(berlin, [("fu_berlin", "nuu_tashkent")])
    row = result.partnerships.set_index("city").loc["tashkent"]
    assert (row.routes_before, row.routes_after) == (1, 2)
    assert "p001" in row.single_points_of_failure_before
    assert "p001" not in row.single_points_of_failure_after
    assert row.score_after < row.score_before
    assert "Tashkent" in row.why and "routes 1 → 2" in row.why


def test_a_business_tie_with_windhoek_covers_the_business_gap(berlin):
    tie = ProposedTie("Berlin Partner", "nust", themes=("business",), weight=3)
    result = what_if(berlin, [tie])
    row = result.partnerships.set_index("city").loc["windhoek"]
    assert "business" in row.missing_themes_before
    assert "business" not in row.missing_themes_after
    assert "priority themes covered: Business" in row.why  # its label, not its id


def test_the_network_is_not_changed_and_the_copy_has_the_ties(berlin):
    edges = berlin.graph.number_of_edges()
    result = what_if(berlin, [("fu_berlin", "nuu_tashkent"), ("ihk_berlin", "nust")])
    assert berlin.graph.number_of_edges() == edges
    assert result.network.graph.number_of_edges() == edges + 2
    assert [key.startswith("proposed:") for *_, key in result.ties] == [True, True]
    assert set(result.actors["actor"]) == {"fu_berlin", "nuu_tashkent", "ihk_berlin", "nust"}


def test_joining_actors_changes_their_betweenness(berlin):
    result = what_if(berlin, [("fu_berlin", "nuu_tashkent")]).actors.set_index("actor")
    assert result.loc["nuu_tashkent", "betweenness_after"] > result.loc["nuu_tashkent", "betweenness_before"]


def test_a_tie_inside_the_home_city_touches_no_partnership(berlin):
    result = what_if(berlin, [("fu_berlin", "ihk_berlin")])
    assert result.partnerships.empty
    assert len(result.actors) == 2


@pytest.mark.parametrize("ties, error", [
    ([("fu_berlin", "fu_berlin")], QueryError),
    ([ProposedTie("fu_berlin", "p001", type="MEMBER_OF")], QueryError),  # institution -> person
    ([ProposedTie("fu_berlin", "nust", themes=("astrology",))], QueryError),
    ([("no such actor", "nust")], ResolveError),
    ([], QueryError),
    (["fu_berlin"], QueryError),
])
def test_bad_proposals_are_typed_errors(berlin, ties, error):
    with pytest.raises(error):
        what_if(berlin, ties)


def test_a_proposed_tie_names_its_theme_by_label_in_any_case(berlin):
    by_label = what_if(berlin, [ProposedTie("Berlin Partner", "nust", themes=("WIRTSCHAFT",))])
    by_id = what_if(berlin, [ProposedTie("Berlin Partner", "nust", themes=("business",))])
    assert by_label.partnerships["why"].tolist() == by_id.partnerships["why"].tolist()


def test_a_proposed_tie_with_a_misspelt_theme_suggests_the_theme(berlin):
    with pytest.raises(QueryError, match="did you mean business"):
        what_if(berlin, [ProposedTie("fu_berlin", "nust", themes=("busines",))])
