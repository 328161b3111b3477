"""Imported real-format networks (companies, networks, claims) round-trip through the store."""

from __future__ import annotations

import networkx as nx
import pytest

from actornet.graph.network import ActorNetwork
from actornet.loaders import read_network as read_files
from actornet.loaders.imports import run_recipe
from actornet.loaders.store import read_network, write_network
from testdata import DATA

pytestmark = pytest.mark.neo4j


def test_imported_cordis_round_trips_with_company_labels(store, tmp_path):
    run_recipe("cordis", [DATA / "import" / "cordis_participations.csv"], tmp_path / "c",
               organisations=DATA / "import" / "cordis_organisations.csv")
    network = read_files(tmp_path / "c")
    summary = write_network(store.driver, network, database=store.database)
    assert summary.labels["Company"] == 1
    assert read_network(store.driver, database=store.database) == network


def test_imported_cordis_themes_in_words_round_trip(store, tmp_path):
    themes = DATA / "themes"
    run_recipe("cordis", [themes / "cordis_participations.csv"], tmp_path / "c",
               organisations=themes / "cordis_organisations.csv",
               themes=themes / "cordis_programme_parts.csv", gazetteer=False)
    network = read_files(tmp_path / "c")
    write_network(store.driver, network, database=store.database)
    back = read_network(store.driver, database=store.database)
    assert back.themes == network.themes
    assert back.themes.resolve("climate").short_label == "Climate and environment"


def test_network_kind_and_claims_round_trip(store):
    G = nx.MultiDiGraph()
    G.add_node("berlin", kind="city", name="Berlin")
    G.add_node("paris", kind="city", name="Paris")
    G.add_node("eurocities", kind="network", name="Eurocities")
    G.add_edge("berlin", "eurocities", key="m1", type="MEMBER_OF")
    G.add_edge("paris", "eurocities", key="m2", type="MEMBER_OF")
    G.add_edge("berlin", "paris", key="p1", type="PARTNER_OF", claimed_by="berlin")
    network = ActorNetwork(G)
    summary = write_network(store.driver, network, database=store.database)
    assert summary.labels["Network"] == 1
    assert read_network(store.driver, database=store.database) == network
