"""Every analysis gives the same CSV on the store as on the files it was loaded from.

The network has what made the two differ before: a project of more than
:data:`~actornet.graph.projection.BIG_GROUP` members (a hub), ties and
projects dated past this year, a suspended partnership, a network group
(MEMBER_OF a network) and a stated home city. The store is read back in the
order it was loaded, so seeded sampling and Leiden see the same graph.
"""

from __future__ import annotations

import datetime

import networkx as nx
import pytest
from click.testing import CliRunner

from actornet.cli import cli
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.graph.projection import BIG_GROUP
from actornet.loaders import read_network, write_folder

pytestmark = pytest.mark.neo4j

THIS_YEAR = datetime.date.today().year


def invoke(*args, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def parity_network() -> ActorNetwork:
    """A generated network with a hub project, future years, a suspended
    partnership and a network group."""
    base = generated_network(260, 1300, cities=5, seed=7, hubs=2)
    G = nx.MultiDiGraph(base.graph)
    actors = [n for n in base.actors() if base.kind(n).value != "city"]
    theme = next(iter(base.themes)).id
    G.add_node("big", kind="project", name="Big consortium", themes=[theme],
               since=THIS_YEAR - 3, until=THIS_YEAR + 2)
    for i, actor in enumerate(actors[:BIG_GROUP + 30]):
        G.add_edge(actor, "big", key=f"big{i}", type="PARTICIPATES_IN", weight=1 + i % 4)
    G.add_node("eurocities", kind="network", name="Eurocities")
    for i, actor in enumerate(actors[::9]):
        G.add_edge(actor, "eurocities", key=f"ec{i}", type="MEMBER_OF")
    for i, (u, v) in enumerate(zip(actors[5:60:5], actors[-60::5])):
        G.add_edge(u, v, key=f"future{i}", type="COOPERATES_WITH", since=THIS_YEAR + 1,
                   until=THIS_YEAR + 4, weight=3, themes=[theme])
    partner_ties = [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
                    if d["type"] == "PARTNER_OF"]
    u, v, k = partner_ties[1]
    G.edges[u, v, k]["status"] = "suspended"
    return ActorNetwork(G, themes=base.themes, name="parity")


@pytest.fixture(scope="module")
def parity_folder(tmp_path_factory):
    network = parity_network()
    folder = tmp_path_factory.mktemp("parity") / "parity"
    write_folder(network, folder)
    home = network.home_city
    (folder / "network.toml").write_text(f'home = "{home}"\n', encoding="utf-8")
    return folder


@pytest.fixture
def loaded(store, parity_folder):
    invoke("load", parity_folder, env=store.env())
    return store, parity_folder


def _both(loaded, *args):
    store, folder = loaded
    from_files = invoke(*args, folder)
    from_store = invoke(*args, env=store.env())
    return from_files, from_store


def test_the_parity_network_has_what_differed(parity_folder):
    network = read_network(parity_folder)
    P = network.projection()
    assert P.hubs.shape[0] >= 1
    assert network.years()[1] > THIS_YEAR
    assert any(p["status"] == "suspended" for p in network.partnerships())
    assert network.home_stated


def test_the_store_reads_back_the_network_in_load_order(loaded):
    from actornet.loaders.store import read_network as read_store

    store, folder = loaded
    files = read_network(folder)
    back = read_store(store.driver, database=store.database)
    assert back == files
    assert list(back.graph) == list(files.graph)
    assert list(back.graph.edges(keys=True)) == list(files.graph.edges(keys=True))
    assert back.stated_home == files.stated_home


@pytest.mark.parametrize("args", [["gaps"], ["gaps", "--as-of", "2015"],
                                  ["gaps", "--years", "2"]])
def test_gaps(loaded, args):
    files, store = _both(loaded, *args, "--format", "csv")
    assert files == store


def test_recommend(loaded):
    network = read_network(loaded[1])
    theme = next(iter(network.themes)).id
    for partner in [p["city"] for p in network.partnerships()][:3]:
        files, store = _both(loaded, "recommend", "--theme", theme, "--city", partner,
                             "--format", "csv")
        assert files == store


def test_path(loaded):
    network = read_network(loaded[1])
    actors = [n for n in network.actors() if network.kind(n).value != "city"]
    for source, target in zip(actors[:30:6], actors[-30::6]):
        for k in ("1", "3"):
            files, store = _both(loaded, "path", source, target, "--k", k, "--format", "csv")
            assert files == store


@pytest.mark.parametrize("args", [["fragility"], ["fragility", "--as-of", "2015"]])
def test_fragility(loaded, args):
    files, store = _both(loaded, *args, "--format", "csv")
    assert files == store


@pytest.mark.parametrize("mode", ["exact", "sampled"])
def test_brokers(loaded, mode):
    files, store = _both(loaded, "brokers", "--mode", mode, "--top", "0", "--format", "csv")
    assert files == store


@pytest.mark.parametrize("seed", ["0", "3"])
def test_communities(loaded, seed):
    files, store = _both(loaded, "communities", "--seed", seed, "--format", "csv")
    assert files == store
