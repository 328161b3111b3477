"""Answers an analyst can act on (issue 14): the demo and the report on the
Berlin sample name people and organisations, never ids, and no route they
suggest crosses the suspended partnership with Moscow or runs through a city
node while another route exists."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from actornet.cli import cli
from actornet.queries.paths import introduction_path
from actornet.queries.recommend import recommend
from actornet.network_report import report_data


@pytest.fixture(scope="module")
def demo_output(tmp_path_factory):
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path_factory.mktemp("demo"))])
    assert result.exit_code == 0, result.output
    return result.stdout


def _ids_in(text, network):
    """Actor and project ids that appear in ``text`` as words (ids spelt
    like the name, e.g. a city "Paris" with id "paris", only when cased
    as the id and not as the name)."""
    names = sorted({str(d.get("name")) for _, d in network.graph.nodes(data=True)
                    if d.get("name")}, key=len, reverse=True)
    for name in names:  # a name may contain an id ("... – brussels international")
        text = text.replace(name, " ")
    found = []
    for n, d in network.graph.nodes(data=True):
        if d["kind"] == "theme" or n == d.get("name"):
            continue
        if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text):
            found.append(n)
    return found


def _suspended_cities(network):
    return {p["city"] for p in network.partnerships() if p["status"] == "suspended"}


def _crosses(network, route):
    """Whether a route passes a suspended partner city (its node or an actor
    based there) or a city node between its ends."""
    suspended = _suspended_cities(network)
    inner = route[1:-1]
    return any(a in suspended or network.city_of(a) in suspended for a in route) or any(
        network.kind(a).value == "city" for a in inner)


def test_the_sample_has_a_suspended_partnership(berlin):
    assert _suspended_cities(berlin) == {"moscow"}


def test_demo_prose_names_no_ids(demo_output, berlin):
    prose = demo_output.split("Most under-served partnerships:", 1)[1]
    assert "Who to connect for a " in prose
    assert _ids_in(prose, berlin) == []
    assert "p001" not in prose and ">KNOWS>" not in prose


def test_demo_routes_avoid_moscow_and_city_nodes(demo_output, berlin):
    assert "Moscow" not in demo_output.split("Who to connect", 1)[1]
    assert "through ." not in demo_output and ": ." not in demo_output  # no empty lists


def test_report_introductions_never_cross_a_suspended_partnership(berlin):
    data = report_data(berlin)
    routes = [r["path"] for row in data["under_served"] for r in (row["introductions"] or ())]
    assert routes, "the report recommends introductions"
    for route in routes:
        assert not _crosses(berlin, route), route


@pytest.mark.parametrize("city", ["budapest", "jakarta", "tashkent", "buenos_aires"])
@pytest.mark.parametrize("theme", ["business", "climate", "culture"])
def test_no_recommended_route_crosses_moscow_or_meets_a_city(berlin, city, theme):
    answer = recommend(berlin, theme, city, k=10)
    for table in (answer.bring_in, answer.counterparts):
        for route in table["path"]:
            assert not _crosses(berlin, route), route
    for row in answer.introductions.to_dict("records"):
        assert berlin.kind(row["partner_actor"]).value != "city"  # nobody meets a city
        assert berlin.kind(row["home_actor"]).value != "city"
        assert not _crosses(berlin, row["path"]), row["path"]
    # Bring-in candidates work in the theme, or the answer says nobody does.
    assert (answer.bring_in["theme"] > 0).all()
    if answer.bring_in.empty:
        assert any("Nobody in Berlin is active in" in note for note in answer.notes)
    for why in [*answer.bring_in["why"], *answer.counterparts["why"],
                *answer.introductions["why"]]:
        assert _ids_in(why, berlin) == [], why
        assert "through ." not in why and ": ." not in why


def test_roles_tell_the_rows_apart(berlin):
    roles = recommend(berlin, "climate", "jakarta", k=10).bring_in["roles"]
    texts = ["; ".join(r) for r in roles]
    assert len(set(texts)) == len(texts)


def test_path_through_moscow_only_when_nothing_else_links(berlin):
    # The suspended partnership itself is never a step: Berlin's city node
    # reaches Moscow's only through people and organisations, if at all.
    [best] = introduction_path(berlin, "skzl_protocol", "budapest_city_hall")
    assert "moscow" not in best.actors and "berlin" not in best.actors
    for found in introduction_path(berlin, "berlin", "moscow", k=3):
        assert ["berlin", "moscow"] != found.actors


# -- questions that make no sense ---------------------------------------------------
def test_as_of_outside_the_data_is_a_warning_with_the_range():
    runner = CliRunner()
    result = runner.invoke(cli, ["gaps", "--as-of", "1800"])
    assert result.exit_code == 0
    assert "Warning: --as-of 1800 is outside the years the data covers (1967–2026)" \
        in result.stderr
    strict = runner.invoke(cli, ["gaps", "--as-of", "1800", "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr.startswith("Error: --as-of 1800 is outside the years the data covers")
    inside = runner.invoke(cli, ["gaps", "--as-of", "2020"])
    assert inside.exit_code == 0 and "outside the years" not in inside.stderr


def test_the_default_year_is_never_later_than_this_year():
    import datetime

    import networkx as nx

    from actornet.graph.network import ActorNetwork
    from actornet.queries.activity import reference_year_of

    G = nx.MultiDiGraph()
    G.add_node("p", kind="project", name="P", since=2015, until=2999)
    G.add_node("a", kind="ngo", name="A")
    G.add_edge("a", "p", key="t", type="PARTICIPATES_IN")
    net = ActorNetwork(G)
    assert net.years() == (2015, 2999)
    assert reference_year_of(net, None) == datetime.date.today().year
    assert reference_year_of(net, 2999) == 2999  # asked for: as asked


def test_djakarta_finds_jakarta_as_the_readme_says():
    result = CliRunner().invoke(cli, ["recommend", "--theme", "climate", "--city", "Djakarta",
                                      "--k", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"city": "jakarta"' in result.stdout


def test_unknown_city_names_the_option_and_suggests():
    result = CliRunner().invoke(cli, ["recommend", "--theme", "climate", "--city", "Budapst"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --city: no actor has that id, name or alias; "
                                    "did you mean budapest (Budapest)")


def test_brokers_without_cities_answers(tmp_path):
    (tmp_path / "actors.csv").write_text("id,kind,name\na,ngo,Alpha\nb,ngo,Beta\nc,ngo,Gamma\n",
                                         encoding="utf-8")
    (tmp_path / "ties.csv").write_text("source,target,type\na,b,COOPERATES_WITH\n"
                                       "b,c,COOPERATES_WITH\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["brokers", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Beta" in result.stdout and "betweenness 1.000" in result.stdout
    assert "group roles need groups" in result.output


def test_whatif_betweenness_is_the_brokers_betweenness(berlin):
    from actornet.queries.brokers import brokers
    from actornet.queries.whatif import what_if

    result = what_if(berlin, [("fu_berlin", "nuu_tashkent")])
    before = result.actors.set_index("actor").loc["fu_berlin", "betweenness_before"]
    table = brokers(berlin, top=None).set_index("actor")
    assert before == pytest.approx(table.loc["fu_berlin", "betweenness"])
    assert before == pytest.approx(0.1714, abs=1e-4)
