"""A hand-written network for the match model: organisations of five cities as several
sources spell them (tests/graph/test_linkage.py, tests/actornet/test_cmd_resolve.py)."""

from __future__ import annotations

import networkx as nx

from actornet.graph.network import ActorNetwork

CITIES = {"berlin": ("Berlin", "DE", []), "graz": ("Graz", "AT", []),
          "munich": ("Munich", "DE", ["München"]), "warsaw": ("Warsaw", "PL", ["Warszawa"]),
          "vienna": ("Vienna", "AT", ["Wien"])}
ORGS = [
    ("tub_cordis", "institution", "Technische Universitaet Berlin", "berlin"),
    ("tub_keep", "institution", "TU Berlin", "berlin"),
    ("tub_en", "institution", "Technical University of Berlin", "berlin"),
    ("fub", "institution", "Freie Universität Berlin", "berlin"),
    ("hub", "institution", "Humboldt-Universität zu Berlin", "berlin"),
    ("charite", "institution", "Charité - Universitätsmedizin Berlin", "berlin"),
    ("eco_company", "company", "Ecologic Institut gemeinnützige GmbH", "berlin"),
    ("eco_inst", "institution", "Ecologic Institute", "berlin"),
    ("bsr", "company", "Berliner Stadtreinigungsbetriebe", "berlin"),
    ("fokus", "institution", "Fraunhofer-Institut für Offene Kommunikationssysteme FOKUS",
     "berlin"),
    ("tug", "institution", "TU Graz", "graz"),
    ("tug_de", "institution", "Technische Universität Graz", "graz"),
    ("unigraz", "institution", "Universität Graz", "graz"),
    ("medunigraz", "institution", "Medizinische Universität Graz", "graz"),
    ("joanneum", "company", "Joanneum Research Forschungsgesellschaft mbH", "graz"),
    ("tum", "institution", "TU München", "munich"),
    ("lmu", "institution", "Ludwig-Maximilians-Universität München", "munich"),
    ("siemens", "company", "Siemens AG", "munich"),
    ("uw", "institution", "Uniwersytet Warszawski", "warsaw"),
    ("wum", "institution", "Warszawski Uniwersytet Medyczny", "warsaw"),
    ("pw", "institution", "Politechnika Warszawska", "warsaw"),
    ("ait", "company", "AIT Austrian Institute of Technology GmbH", "vienna"),
    ("univie", "institution", "Universität Wien", "vienna"),
    ("tuwien", "institution", "Technische Universität Wien", "vienna"),
]


def world(extra=()):
    """Organisations of five cities as several sources spell them."""
    G = nx.MultiDiGraph()
    for n, (name, country, aliases) in CITIES.items():
        G.add_node(n, kind="city", name=name, country=country,
                   **({"aliases": aliases} if aliases else {}))
    for n, kind, name, city, *more in [*ORGS, *extra]:
        G.add_node(n, kind=kind, name=name, country=CITIES[city][1], **(more[0] if more else {}))
        G.add_edge(n, city, key=f"{n}>BASED_IN>{city}", type="BASED_IN")
    return ActorNetwork(G)
