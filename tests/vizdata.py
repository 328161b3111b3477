"""A small hostile network for the page tests: XSS names, contact data, an alias."""

from __future__ import annotations

import networkx as nx

from actornet.graph.network import ActorNetwork

#: Names an attacker might put into the data; none may act in the page.
XSS = {
    "img": "<img src=x onerror=alert(1)>",
    "script": "</script><script>alert(1)</script>",
    "js_url": "javascript:alert(1)",
    "href": 'Click <a href="javascript:alert(1)">here</a> & win',
}
#: Contact data that must never reach a page.
CONTACT = ["anna.secret@example.org", "+49 30 1234567", "budi.hidden@example.org"]
PEOPLE_NAMES = ["Anna Secret", "Budi Hidden"]


def hostile_network() -> ActorNetwork:
    G = nx.MultiDiGraph(name="hostile")
    G.add_node("berlin", kind="city", name="Berlin", lat=52.52, lon=13.405)
    G.add_node("paris", kind="city", name="Paris", lat=48.8566, lon=2.3522)
    G.add_node("jakarta", kind="city", name="Jakarta", aliases=["Djakarta", "Batavia"],
               lat=-6.2088, lon=106.8456)
    G.add_node("climate", kind="theme", name="Climate")
    G.add_node("x_img", kind="institution", name=XSS["img"], themes=["climate"],
               website=XSS["js_url"])
    G.add_node("x_script", kind="ngo", name=XSS["script"], aliases=[XSS["js_url"]])
    G.add_node("x_href", kind="institution", name=XSS["href"], website="https://evil.example/x")
    G.add_node("jakarta_gov", kind="institution", name="Provincial Government of DKI Jakarta",
               themes=["climate"])
    G.add_node("p1", kind="person", name="Anna Secret", email=CONTACT[0], phone=CONTACT[1])
    G.add_node("p2", kind="person", name="Budi Hidden", email=CONTACT[2])
    ties = [("berlin", "jakarta", "PARTNER_OF", {"since": 1994}),
            ("berlin", "paris", "PARTNER_OF", {"since": 1987}),
            ("x_img", "x_script", "COOPERATES_WITH", {"since": 2010, "until": 2015, "themes": ["climate"]}),
            ("x_script", "x_href", "COOPERATES_WITH", {"since": 2020}),
            ("x_href", "jakarta_gov", "COOPERATES_WITH", {"since": 2021, "weight": 3}),
            ("p1", "x_img", "MEMBER_OF", {}), ("p2", "jakarta_gov", "MEMBER_OF", {}),
            ("p1", "p2", "KNOWS", {}),
            ("x_img", "berlin", "BASED_IN", {}), ("p1", "berlin", "BASED_IN", {}),
            ("x_script", "berlin", "BASED_IN", {}), ("x_href", "paris", "BASED_IN", {}),
            ("jakarta_gov", "jakarta", "BASED_IN", {}), ("p2", "jakarta", "BASED_IN", {}),
            ("jakarta_gov", "climate", "WORKS_ON", {})]
    for i, (u, v, t, d) in enumerate(ties):
        G.add_edge(u, v, key=f"t{i}", type=t, **d)
    return ActorNetwork(G)
