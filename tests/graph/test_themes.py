"""Themes found by id, label, short label or alias; named in words."""

from __future__ import annotations

import networkx as nx
import pytest

from actornet.graph.errors import SchemaError
from actornet.graph.network import ActorNetwork
from actornet.graph.schema import Theme, ThemeTable, theme_label

SC5 = Theme("SC5", "Climate action, environment, resource efficiency and raw materials",
            "Klimaschutz, Umwelt, Ressourceneffizienz und Rohstoffe",
            properties={"short_en": "Climate and environment", "short_de": "Klima und Umwelt",
                        "aliases": "climate; Klima;environment"})
SC3 = Theme("SC3", "Secure, clean and efficient energy", properties={"short_en": "Energy",
                                                                      "aliases": "energy"})


@pytest.fixture
def table():
    return ThemeTable([SC5, SC3])


@pytest.mark.parametrize("text", ["SC5", "sc5", "SC 5", "climate", "CLIMATE", "Klima",
                                  "Klima und Umwelt", "climate and environment",
                                  "Klimaschutz, Umwelt, Ressourceneffizienz und Rohstoffe"])
def test_a_theme_by_id_label_short_label_or_alias(table, text):
    assert table.resolve(text).id == "SC5"


def test_aliases_from_a_list_as_json_gives_them():
    theme = Theme("SC3", "Energy", properties={"aliases": ["power", " Strom "]})
    assert theme.aliases == ["power", "Strom"]


def test_an_id_beats_another_themes_alias():
    table = ThemeTable([Theme("SC5", "Climate", properties={"aliases": "energy"}),
                        Theme("energy", "Energy in the strategy")])
    assert table.resolve("energy").id == "energy"


def test_a_label_beats_an_alias_given_first():
    table = ThemeTable([Theme("a", "Alpha", properties={"aliases": "Beta"}), Theme("b", "Beta")])
    assert table.resolve("beta").id == "b"


def test_a_typo_of_an_alias_suggests_it_with_the_theme_in_words(table):
    with pytest.raises(SchemaError) as info:
        table.resolve("climat")
    assert str(info.value) == ("unknown theme 'climat'; did you mean climate "
                               "(SC5 Climate and environment)?")


def test_a_typo_of_an_id_suggests_the_id_and_its_short_label(table):
    with pytest.raises(SchemaError) as info:
        table.resolve("SC55")
    assert "did you mean SC5 (Climate and environment)?" in str(info.value)


def test_a_long_text_is_cut_in_the_message(table):
    with pytest.raises(SchemaError) as info:
        table.resolve("x" * 200)
    assert len(str(info.value)) < 200


def test_an_empty_table_says_so():
    with pytest.raises(SchemaError, match="the network lists no themes"):
        ThemeTable().resolve("climate")


def test_theme_label_of_a_network(table):
    G = nx.MultiDiGraph()
    net = ActorNetwork(G, table)
    assert theme_label(net, "SC3", short=True) == "Energy"


def test_a_network_built_from_theme_nodes_keeps_their_aliases_and_short_labels():
    G = nx.MultiDiGraph()
    G.add_node("SC5", kind="theme", name=SC5.label_en, priority=1.0,
               short_en="Climate and environment", aliases="climate")
    net = ActorNetwork(G)
    assert (net.themes.resolve("climate").id, theme_label(net, "SC5", short=True)) == (
        "SC5", "Climate and environment")


def test_find_can_refuse_aliases():
    table = ThemeTable([SC5])
    assert (table.find("climate").id, table.find("climate", loosest=1)) == ("SC5", None)
