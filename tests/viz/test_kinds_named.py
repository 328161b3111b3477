"""Kinds named right in the page's prose (issue 21): two members of a
network share a network, never "a project"."""

from __future__ import annotations

import networkx as nx

from actornet.graph.network import ActorNetwork
from actornet.viz.page_data import page_data
from actornet.viz.style import SHARED_PROJECT, TIE_STYLE


def network_and_project():
    G = nx.MultiDiGraph(name="kinds")
    G.add_node("berlin", kind="city", name="Berlin")
    G.add_node("paris", kind="city", name="Paris")
    G.add_node("eurocities", kind="network", name="Eurocities")
    G.add_node("prj", kind="project", name="Clean Air")
    G.add_node("uni", kind="institution", name="Uni", city="berlin")
    G.add_node("lab", kind="institution", name="Lab", city="paris")
    ties = [("berlin", "paris", "PARTNER_OF"), ("berlin", "eurocities", "MEMBER_OF"),
            ("paris", "eurocities", "MEMBER_OF"), ("uni", "prj", "PARTICIPATES_IN"),
            ("lab", "prj", "PARTICIPATES_IN")]
    for i, (u, v, t) in enumerate(ties):
        G.add_edge(u, v, key=f"t{i}", type=t)
    return ActorNetwork(G)


def test_a_shared_network_is_called_a_network():
    page = page_data(network_and_project())
    edges = {frozenset((e["from"], e["to"])): e for e in page["edges"]}
    cities = edges[frozenset(("berlin", "paris"))]
    assert (cities["networks"], cities["projects"]) == (1, 0)
    labs = edges[frozenset(("uni", "lab"))]
    assert (labs["networks"], labs["projects"]) == (0, 1)
    said = {n["id"]: " ".join(t[3] for t in n["ties"]) for n in page["nodes"]}
    assert "both members of the network Eurocities" in said["berlin"]
    assert "project Eurocities" not in said["berlin"]
    assert "shared project Clean Air" in said["uni"]
    assert TIE_STYLE[SHARED_PROJECT]["label"] == "shared project or network"
