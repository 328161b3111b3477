"""The past as of a year never sees the future: everything computed as of Y
equals the same computation on a copy of the network with every later tie
and project deleted."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from actornet.graph.network import ActorNetwork
from actornet.graph.schema import Theme, ThemeTable
from actornet.queries.link_features import actor_table, pair_grid
from actornet.queries.link_history import Past
from actornet.queries.link_model import actor_examples, pair_examples

YEAR = 2012


def history_graph():
    """home: uni, agency, firm; twin: lab, office, school; a third city: hub.

    Projects from 2010 to 2015 (p1 ended in 2011 and still counts as past),
    direct ties before and after 2012, one undated tie (known from the
    start), coordinators in some projects.
    """
    G = nx.MultiDiGraph()
    for n in ("home", "twin", "third"):
        G.add_node(n, kind="city", name=n.title())
    for n, seat in [("uni", "home"), ("agency", "home"), ("firm", "home"), ("lab", "twin"),
                    ("office", "twin"), ("school", "twin"), ("hub", "third")]:
        G.add_node(n, kind="institution", name=n.title())
        G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    G.add_edge("home", "twin", key="signed", type="PARTNER_OF", since=1990)
    projects = {
        "p1": (2010, 2011, ["climate"], [("uni", "coordinator"), ("hub", "participant")]),
        "p2": (2011, 2014, ["climate"], [("hub", "coordinator"), ("lab", "participant"),
                                         ("agency", "participant")]),
        "p3": (2012, 2013, ["culture"], [("firm", "coordinator"), ("office", "participant"),
                                         ("hub", "participant")]),
        "p4": (2013, 2016, ["climate"], [("uni", "coordinator"), ("lab", "participant")]),
        "p5": (2014, 2015, ["culture", "climate"], [("agency", "participant"),
                                                    ("school", "coordinator")]),
    }
    for p, (since, until, themes, members) in projects.items():
        G.add_node(p, kind="project", name=p.upper(), since=since, until=until, themes=themes)
        for actor, role in members:
            G.add_edge(actor, p, key=f"{actor} in {p}", type="PARTICIPATES_IN", role=role)
    G.add_edge("uni", "agency", key="t1", type="COOPERATES_WITH", since=2009,
               themes=["climate"])
    G.add_edge("firm", "lab", key="t2", type="COOPERATES_WITH", since=2013,
               themes=["climate"])
    G.add_edge("office", "agency", key="t3", type="KNOWS")  # undated
    G.add_edge("school", "hub", key="t4", type="COOPERATES_WITH", since=2012, until=2012,
               themes=["culture"])
    themes = ThemeTable([Theme("climate", "Climate"), Theme("culture", "Culture")])
    return G, themes


def cut_at(G, year):
    """A copy without the ties and projects that started after ``year``."""
    H = nx.MultiDiGraph(G)
    later = [n for n, d in H.nodes(data=True) if d.get("kind") == "project"
             and d.get("since") is not None and d["since"] > year]
    H.remove_nodes_from(later)
    H.remove_edges_from([(u, v, k) for u, v, k, d in H.edges(keys=True, data=True)
                         if d.get("since") is not None and d["since"] > year])
    return H


@pytest.fixture(scope="module")
def both():
    G, themes = history_graph()
    full = ActorNetwork(G, themes, home="home")
    cut = ActorNetwork(cut_at(G, YEAR), themes, home="home")
    return Past(full), Past(cut)


def by_id(past, values):
    return {a: np.asarray(values)[i].tolist() for i, a in enumerate(past.actors)}


def test_the_fixture_has_a_future_to_hide(both):
    full, cut = both
    assert full.years[-1] > YEAR >= cut.years[-1]
    # The full network's last year knows more than the year asked for.
    assert full.as_of(None).projects.sum() > full.as_of(YEAR).projects.sum()


@pytest.mark.parametrize("attribute", ["projects", "theme_counts", "coordinated",
                                       "coordinated_theme", "degree", "recent_theme_counts",
                                       "new_partners"])
def test_actor_arrays_as_of_a_year_equal_the_cut_copy(both, attribute):
    full, cut = both
    seen = by_id(full, getattr(full.as_of(YEAR), attribute))
    assert seen == by_id(cut, getattr(cut.as_of(None), attribute))
    assert seen == by_id(cut, getattr(cut.as_of(YEAR), attribute))


def test_shared_groups_as_of_a_year_equal_the_cut_copy(both):
    full, cut = both

    def pairs(past, year):
        S = past.as_of(year).shared.tocoo()
        return {(past.actors[i], past.actors[j]): v for i, j, v in zip(S.row, S.col, S.data)}

    seen = pairs(full, YEAR)
    assert seen == pairs(cut, None)
    assert ("uni", "hub") in seen  # p1 ended in 2011: still the past
    assert ("firm", "lab") not in seen and ("uni", "lab") not in seen  # 2013 and later


def sides(past):
    seats = {"uni": "home", "agency": "home", "firm": "home", "lab": "twin", "office": "twin",
             "school": "twin", "hub": "third"}

    def side(city):
        return np.array([seats.get(a) == city for a in past.actors])
    return side


def rows(past, names):
    return np.array([past.index[n] for n in names])


@pytest.mark.parametrize("theme", ["climate", "culture"])
def test_pair_features_as_of_a_year_equal_the_cut_copy(both, theme):
    home, twin = ["uni", "agency", "firm"], ["lab", "office", "school"]
    got = []
    for past, year in zip(both, (YEAR, None)):
        side = sides(past)
        X, tied = pair_grid(past.as_of(year), theme, rows(past, home), rows(past, twin),
                            side("home"), side("twin"))
        got.append((X, tied))
    assert np.array_equal(got[0][0], got[1][0])
    assert np.array_equal(got[0][1], got[1][1])
    # The tie agency-office (undated) is known; firm-lab (2013) is not yet.
    assert got[0][1][1, 1] and not got[0][1][2, 0]


def test_actor_features_as_of_a_year_equal_the_cut_copy(both):
    got = []
    for past, year in zip(both, (YEAR, None)):
        side = sides(past)
        got.append(actor_table(past.as_of(year), "climate", rows(past, ["uni", "agency", "lab"]),
                               side("twin")))
    assert np.array_equal(got[0], got[1])


@pytest.mark.parametrize("examples", [pair_examples, actor_examples])
def test_what_the_model_learns_from_equals_the_cut_copy(both, examples):
    got = [examples(past, YEAR, [("home", "twin"), ("home", "third")], sides(past))
           for past in both]
    (X1, y1, w1), (X2, y2, w2) = got
    assert w1 == w2 == [(YEAR - 2, YEAR), (YEAR - 1, YEAR)]
    assert X1 is not None and y1.any()  # something to learn from: the test can fail
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)


def test_first_shared_names_the_first_projects_themes(both):
    full, _ = both
    side = sides(full)
    H, P = np.flatnonzero(side("home")), np.flatnonzero(side("twin"))
    found = full.first_shared(YEAR, rows=H, cols=P)
    got = {(full.actors[s], full.actors[t], y, th) for s, t, y, th in
           found[["source", "target", "year", "theme"]].itertuples(index=False)}
    # uni and lab first share p4 (2013, climate); agency and school p5 (2014,
    # both themes); firm-lab's direct tie (2013, climate); agency-lab shared
    # p2 in 2011 and office-agency were tied all along: not new.
    assert got == {("uni", "lab", 2013, "climate"), ("firm", "lab", 2013, "climate"),
                   ("agency", "school", 2014, "climate"),
                   ("agency", "school", 2014, "culture")}


def test_recent_counts_only_the_last_two_years(both):
    full, _ = both
    h = full.as_of(YEAR)
    i, climate = full.index, full.themes.index("climate")
    # uni: p1 (2010) and t1 (2009), climate both: past, not recent.
    assert h.theme_counts[i["uni"], climate] == 2
    assert h.recent_theme_counts[i["uni"], climate] == 0
    # hub: p2 (2011, climate) is recent; p1 (2010) is not.
    assert h.recent_theme_counts[i["hub"], climate] == 1
    # hub met uni in 2010, then lab and agency (2011), firm, office and
    # school (2012): five new partners in the last two years.
    assert h.new_partners[i["hub"]] == 5
    assert h.new_partners[i["uni"]] == 0


def _first_shared_reference(past, after, until=None, *, rows, cols):
    """The product per theme that :meth:`Past.first_shared` gave before it
    took all themes in one product over the new pairs: the reference."""
    import pandas as pd
    from scipy import sparse

    rows, cols = np.asarray(rows, np.int64), np.asarray(cols, np.int64)
    before = past.as_of(after)
    seen = (before.incidence[rows] @ before.incidence[cols].T).tocsr()
    seen.data[:] = 1
    found = []
    window = past._window(after, until)
    masks = [sparse.diags(past._group_themes[:, t].toarray().ravel())
             for t in range(len(past.themes))]
    for year in sorted(set(past._since[window].tolist())):
        B = past._incidence(window & (past._since == year))
        Br, Bc = B[rows], B[cols]
        S = (Br @ Bc.T).tocsr()
        S.data[:] = 1
        S = (S - S.multiply(seen)).tocoo()
        S.eliminate_zeros()
        if S.nnz == 0:
            continue
        fresh = sparse.csr_matrix((np.ones(S.nnz), (S.row, S.col)), shape=S.shape)
        for theme, mask in zip(past.themes, masks):
            St = ((Br @ mask) @ Bc.T).multiply(fresh).tocoo()
            St.eliminate_zeros()
            if St.nnz:
                found.append(pd.DataFrame({"source": rows[St.row], "target": cols[St.col],
                                           "year": year, "theme": theme}))
        seen = seen + fresh
        seen.data[:] = 1
    return [] if not found else sorted(pd.concat(found).itertuples(index=False, name=None))


@pytest.mark.parametrize("seed", [3, 4])
def test_first_shared_equals_the_per_theme_reference(seed):
    from actornet.graph.generate import generated_network

    past = Past(generated_network(300, 2500, cities=4, seed=seed, hubs=1))
    everyone = np.arange(len(past.actors))
    H, P = everyone[::2], everyone[1::2]  # any two sets of actors
    for after, until in [(2005, None), (2010, 2015), (2015, 2016)]:
        got = past.first_shared(after, until, rows=H, cols=P)
        want = _first_shared_reference(past, after, until, rows=H, cols=P)
        assert want  # new pairs to find: the test can fail
        assert sorted(got.itertuples(index=False, name=None)) == want
        # each theme's pairs in row, then column order
        for _, block in got.groupby(["year", "theme"], sort=False):
            pairs = list(zip(block["source"], block["target"]))
            assert pairs == sorted(pairs)


# -- the memberships from the column tables equal the walk of the graph --------------
def odd_graph():
    """history_graph, and ties of every sort the walk reads apart: a direct
    tie naming a project (a node, or not one) for its year and themes, a
    project tie naming another project, a tie from a city and one to
    itself, a partnership between two actors, roles in other spellings, a
    project with no year and themes of both kinds on a project tie."""
    G, themes = history_graph()
    G.add_node("p6", kind="project", name="P6", themes=["culture", "unknown theme"])
    G.add_edge("lab", "p6", key="lab in p6", type="PARTICIPATES_IN", role="Lead Partner",
               themes=["climate"])
    G.add_edge("uni", "p6", key="uni in p6", type="PARTICIPATES_IN", role=None)
    G.add_edge("office", "p6", key="office in p6", type="PARTICIPATES_IN", role="LEAD",
               project="p2")
    G.add_edge("firm", "school", key="t5", type="COOPERATES_WITH", project="p3")
    G.add_edge("firm", "school", key="t6", type="COOPERATES_WITH", project="nowhere",
               since=2011)
    G.add_edge("home", "uni", key="t7", type="COOPERATES_WITH", since=2010)
    G.add_edge("lab", "lab", key="t8", type="KNOWS", since=2010)
    G.add_edge("uni", "lab", key="t9", type="PARTNER_OF", since=2010)
    G.add_edge("agency", "p1", key="agency in p1", type="PARTICIPATES_IN", since=2009,
               role="coordinator")
    return G, themes


def assert_same_memberships(network):
    columns, walked = Past(network), Past(network, walk=True)
    assert network.column_tables() is not None
    assert columns.actors == walked.actors and columns.index == walked.index
    assert columns.kinds.tolist() == walked.kinds.tolist()
    for name in ("_member", "_group", "_since", "_coordinator", "group_year"):
        ours, theirs = getattr(columns, name), getattr(walked, name)
        assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs), name
    assert (columns._group_themes != walked._group_themes).nnz == 0
    assert columns._group_themes.shape == walked._group_themes.shape


def test_the_memberships_from_columns_equal_the_walk_on_odd_ties():
    G, themes = odd_graph()
    network = ActorNetwork(G, themes, home="home")
    assert_same_memberships(network)
    walked = Past(network, walk=True)
    # The odd ties are read: lab leads p6; office's tie takes p2's year; the
    # partnership, the city's tie and the self tie make no group.
    lab, office = walked.index["lab"], walked.index["office"]
    assert walked._coordinator[walked._member == lab].sum() == 1
    assert 2011 in walked._since[walked._member == office].tolist()
    assert len(walked.group_year) == 5 + 1 + 4 + 3  # projects, p6, t1-t4, t5 and t6


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_the_memberships_from_columns_equal_the_walk_on_generated_networks(seed):
    from actornet.graph.generate import generated_network

    assert_same_memberships(generated_network(400, 2500, seed=seed))


def test_the_memberships_from_columns_equal_the_walk_on_the_sample(berlin):
    assert_same_memberships(berlin)


def test_a_view_is_walked():
    G, themes = odd_graph()
    view = ActorNetwork(G, themes, home="home").as_of(2012)
    assert view.column_tables() is None
    assert Past(view).actors == Past(view, walk=True).actors


def test_a_network_with_no_groups_has_no_memberships_either_way():
    G = nx.MultiDiGraph()
    G.add_node("b", kind="city", name="B")
    G.add_node("u", kind="institution", name="U")
    G.add_edge("u", "b", key="k", type="BASED_IN")
    network = ActorNetwork(G, ThemeTable([Theme("t", "T")]), home="b")
    assert_same_memberships(network)
    assert Past(network)._member.size == 0 and Past(network).group_year.size == 0
