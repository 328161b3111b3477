"""The external_ids column: read by both build paths, bad items left out with a warning."""

from __future__ import annotations

import pytest

from actornet.graph.schema import parse_external_ids
from actornet.loaders import read_network
from actornet.loaders.write import write_folder


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "actors.csv").write_text(
        "id,kind,name,external_ids\n"
        "berlin,city,Berlin,wikidata:Q64;GeoNames:2950159\n"
        "tu,institution,TU Berlin,pic:999986678;isni:123\n"
        "fu,institution,FU Berlin,\n", encoding="utf-8")
    (tmp_path / "ties.csv").write_text("source,target,type\ntu,berlin,BASED_IN\n",
                                       encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("columnar", [True, False])
def test_external_ids_are_lists_and_bad_items_are_left_out(folder, columnar):
    from actornet.graph.build import build_network
    from actornet.loaders.read import read_tables
    from reference_build import reference_network

    build = build_network if columnar else reference_network
    net = build(read_tables(folder))
    assert net.graph.nodes["berlin"]["external_ids"] == ["wikidata:Q64", "geonames:2950159"]
    assert net.graph.nodes["tu"]["external_ids"] == ["pic:999986678"]
    assert "external_ids" not in net.graph.nodes["fu"]
    assert [(w.line, w.column) for w in net.report.warnings] == [(3, "external_ids")]


def test_external_ids_round_trip_through_a_folder(folder, tmp_path):
    net = read_network(folder)
    write_folder(net, tmp_path / "out")
    again = read_network(tmp_path / "out")
    assert again.graph.nodes["berlin"]["external_ids"] == ["wikidata:Q64", "geonames:2950159"]
    assert again.resolve("Q64") == "berlin"


def test_parse_external_ids_checks_each_scheme():
    assert parse_external_ids("pic:12345;wikidata:64;geonames:0") == (
        [], ["pic:12345", "wikidata:64", "geonames:0"])
