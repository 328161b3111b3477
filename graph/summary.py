"""A plain summary of a network: what it holds, by kind, type, theme, city, year."""

from __future__ import annotations

from dataclasses import dataclass, field

from actornet.graph.network import ActorNetwork
from actornet.graph.schema import ACTOR_KINDS, Kind, TieType

__all__ = ["NetworkSummary", "summarize"]


@dataclass
class NetworkSummary:
    """Counts a person wants to see first. Every field is plain data."""

    name: str
    actors: int
    projects: int
    ties: int
    actors_per_kind: dict = field(default_factory=dict)
    ties_per_type: dict = field(default_factory=dict)
    themes: list = field(default_factory=list)
    home_city: str | None = None
    partnerships: list = field(default_factory=list)
    years: tuple = (None, None)
    files: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "name": self.name, "actors": self.actors, "projects": self.projects,
            "ties": self.ties, "actors_per_kind": self.actors_per_kind,
            "ties_per_type": self.ties_per_type, "themes": self.themes,
            "home_city": self.home_city, "partnerships": self.partnerships,
            "years": {"first": self.years[0], "last": self.years[1]}, "files": self.files,
        }


def summarize(network: ActorNetwork) -> NetworkSummary:
    """Count a network's actors, ties, themes, partnerships and years.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("berlin", kind="city", name="Berlin")
    >>> G.add_node("paris", kind="city", name="Paris")
    >>> _ = G.add_edge("berlin", "paris", key="t", type="PARTNER_OF", since=1987)
    >>> s = summarize(ActorNetwork(G))
    >>> s.actors_per_kind["city"], s.ties_per_type["PARTNER_OF"], s.years
    (2, 1, (1987, 1987))
    """
    counts = network._counts  # one walk of the graph, kept with a cached network
    kinds, types = counts["kinds"], counts["types"]
    theme_actors, theme_ties = counts["theme_actors"], counts["theme_ties"]
    themes = [{"id": t.id, "label_en": t.label_en, "label_de": t.label_de,
               "priority": t.priority, "actors": theme_actors.get(t.id, 0),
               "ties": theme_ties.get(t.id, 0)}
              for t in network.themes]
    partnerships = [dict(p, actors=counts["seated"].get(p["city"], 0))
                    for p in network.partnerships()]
    files = [{"file": c.file, "read": c.read, "kept": c.kept, "rejected": c.rejected}
             for c in network.report.files.values()]
    return NetworkSummary(
        name=network.name,
        actors=sum(kinds.get(k.value, 0) for k in ACTOR_KINDS),
        projects=kinds.get(Kind.PROJECT.value, 0),
        ties=counts["ties"],
        actors_per_kind={k.value: kinds[k.value] for k in Kind if k.value in kinds},
        ties_per_type={t.value: types[t.value] for t in TieType if t.value in types},
        themes=themes,
        home_city=network.home_city,
        partnerships=partnerships,
        years=network.years(),
        files=files,
    )
