"""Networks whose home city has any number of partner cities, for the
partnership map's tests and benchmark (benchmarks/map_labels.py).

The partner cities carry real names of real cities (short and long ones,
accents, a few with the same country) and their approximate coordinates; the
actors and ties are made up (seeded), so every partnership has some activity
and some have none.
"""

from __future__ import annotations

import random

import networkx as nx

from actornet.graph.network import ActorNetwork

#: (name, country, lat, lon): public facts, approximate coordinates.
WORLD_CITIES = [
    ("Paris", "France", 48.86, 2.35), ("London", "United Kingdom", 51.51, -0.13),
    ("Madrid", "Spain", 40.42, -3.70), ("Warsaw", "Poland", 52.23, 21.01),
    ("Prague", "Czechia", 50.08, 14.44), ("Budapest", "Hungary", 47.50, 19.04),
    ("Brussels", "Belgium", 50.85, 4.35), ("Kyiv", "Ukraine", 50.45, 30.52),
    ("Istanbul", "Türkiye", 41.01, 28.98), ("Moscow", "Russia", 55.76, 37.62),
    ("Tashkent", "Uzbekistan", 41.30, 69.24), ("Beijing", "China", 39.90, 116.41),
    ("Tokyo", "Japan", 35.68, 139.69), ("Jakarta", "Indonesia", -6.21, 106.85),
    ("Windhoek", "Namibia", -22.56, 17.08), ("Buenos Aires", "Argentina", -34.60, -58.38),
    ("Mexico City", "Mexico", 19.43, -99.13), ("Los Angeles", "United States", 34.05, -118.24),
    ("Rio de Janeiro", "Brazil", -22.91, -43.17), ("São Paulo", "Brazil", -23.55, -46.63),
    ("Santiago de Compostela", "Spain", 42.88, -8.54), ("Ho Chi Minh City", "Viet Nam", 10.82, 106.63),
    ("Saint Petersburg", "Russia", 59.93, 30.34), ("Frankfurt am Main", "Germany", 50.11, 8.68),
    ("Vilnius", "Lithuania", 54.69, 25.28), ("Riga", "Latvia", 56.95, 24.11),
    ("Tallinn", "Estonia", 59.44, 24.75), ("Helsinki", "Finland", 60.17, 24.94),
    ("Stockholm", "Sweden", 59.33, 18.07), ("Oslo", "Norway", 59.91, 10.75),
    ("Copenhagen", "Denmark", 55.68, 12.57), ("Amsterdam", "Netherlands", 52.37, 4.90),
    ("Vienna", "Austria", 48.21, 16.37), ("Bratislava", "Slovakia", 48.15, 17.11),
    ("Ljubljana", "Slovenia", 46.06, 14.51), ("Zagreb", "Croatia", 45.81, 15.98),
    ("Belgrade", "Serbia", 44.79, 20.45), ("Sofia", "Bulgaria", 42.70, 23.32),
    ("Bucharest", "Romania", 44.43, 26.10), ("Athens", "Greece", 37.98, 23.73),
    ("Rome", "Italy", 41.90, 12.50), ("Lisbon", "Portugal", 38.72, -9.14),
    ("Dublin", "Ireland", 53.35, -6.26), ("Reykjavík", "Iceland", 64.15, -21.94),
    ("Tbilisi", "Georgia", 41.72, 44.79), ("Yerevan", "Armenia", 40.18, 44.51),
    ("Baku", "Azerbaijan", 40.41, 49.87), ("Almaty", "Kazakhstan", 43.24, 76.89),
    ("Tehran", "Iran", 35.69, 51.39), ("Cairo", "Egypt", 30.04, 31.24),
    ("Tunis", "Tunisia", 36.81, 10.18), ("Casablanca", "Morocco", 33.57, -7.59),
    ("Dakar", "Senegal", 14.72, -17.47), ("Lagos", "Nigeria", 6.52, 3.38),
    ("Nairobi", "Kenya", -1.29, 36.82), ("Addis Ababa", "Ethiopia", 9.03, 38.74),
    ("Johannesburg", "South Africa", -26.20, 28.05), ("Cape Town", "South Africa", -33.92, 18.42),
    ("Dar es Salaam", "Tanzania", -6.79, 39.21), ("Mumbai", "India", 19.08, 72.88),
    ("New Delhi", "India", 28.61, 77.21), ("Kolkata", "India", 22.57, 88.36),
    ("Dhaka", "Bangladesh", 23.81, 90.41), ("Bangkok", "Thailand", 13.76, 100.50),
    ("Hanoi", "Viet Nam", 21.03, 105.85), ("Manila", "Philippines", 14.60, 120.98),
    ("Seoul", "South Korea", 37.57, 126.98), ("Busan", "South Korea", 35.18, 129.08),
    ("Shanghai", "China", 31.23, 121.47), ("Guangzhou", "China", 23.13, 113.26),
    ("Osaka", "Japan", 34.69, 135.50), ("Sydney", "Australia", -33.87, 151.21),
    ("Melbourne", "Australia", -37.81, 144.96), ("Auckland", "New Zealand", -36.85, 174.76),
    ("Vancouver", "Canada", 49.28, -123.12), ("Montréal", "Canada", 45.50, -73.57),
    ("New York City", "United States", 40.71, -74.01), ("Chicago", "United States", 41.88, -87.63),
    ("San Francisco", "United States", 37.77, -122.42), ("Havana", "Cuba", 23.11, -82.37),
    ("Bogotá", "Colombia", 4.71, -74.07), ("Lima", "Peru", -12.05, -77.04),
    ("Santiago de Chile", "Chile", -33.45, -70.67), ("Montevideo", "Uruguay", -34.90, -56.16),
    ("Quito", "Ecuador", -0.18, -78.47), ("Caracas", "Venezuela", 10.48, -66.90),
    ("Kathmandu", "Nepal", 27.72, 85.32), ("Ulaanbaatar", "Mongolia", 47.89, 106.91),
    ("Kraków", "Poland", 50.06, 19.94), ("Gdańsk", "Poland", 54.35, 18.65),
    ("Thessaloniki", "Greece", 40.64, 22.94), ("Valletta", "Malta", 35.90, 14.51),
    ("Bethlehem", "Palestine", 31.70, 35.20), ("Kaunas", "Lithuania", 54.90, 23.90),
    ("Wrocław", "Poland", 51.11, 17.04), ("Chernivtsi", "Ukraine", 48.29, 25.94),
]


def partners_network(partners: int, *, home=("Berlin", "Germany", 52.52, 13.40), seed=0,
                     coordinates=True, until=None, dated=True) -> ActorNetwork:
    """A network whose home city has ``partners`` partner cities (at most
    ``len(WORLD_CITIES)``; more get numbered names "Partner city 101"), each
    with a few organisations, some cooperating with the home city's; with
    ``until``, one cooperation runs to that year; ``dated=False`` drops
    every year (as twin-town lists give none)."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(name=f"{partners} partner cities")
    name, country, lat, lon = home
    G.add_node("home", kind="city", name=name, country=country,
               **({"lat": lat, "lon": lon} if coordinates else {}))
    places = list(WORLD_CITIES[:partners])
    places += [(f"Partner city {i}", None, None, None) for i in range(len(places) + 1, partners + 1)]
    ties = []
    for o in range(4):
        G.add_node(f"home_org{o}", kind="institution", name=f"{name} institute {o}")
        ties.append((f"home_org{o}", "home", "BASED_IN", {}))
    for i, (city, country, lat, lon) in enumerate(places):
        c = f"c{i:03d}"
        attrs = {"country": country} if country else {}
        if coordinates and lat is not None:
            attrs.update(lat=lat, lon=lon)
        G.add_node(c, kind="city", name=city, **attrs)
        ties.append(("home", c, "PARTNER_OF", {"since": rng.randint(1960, 2020)}))
        for o in range(rng.randint(0, 3)):
            org = f"{c}_org{o}"
            G.add_node(org, kind="ngo" if o % 2 else "institution", name=f"{city} group {o}")
            ties.append((org, c, "BASED_IN", {}))
            if rng.random() < 0.7:
                ties.append((f"home_org{rng.randrange(4)}", org, "COOPERATES_WITH",
                             {"since": rng.randint(2015, 2024), "weight": rng.randint(1, 5)}))
    if until is not None:
        ties.append(("home_org0", "home_org1", "COOPERATES_WITH", {"since": 2020, "until": until}))
    for k, (u, v, t, d) in enumerate(ties):
        if not dated:
            d = {a: x for a, x in d.items() if a not in ("since", "until")}
        G.add_edge(u, v, key=f"t{k}", type=t, **d)
    return ActorNetwork(G)
