"""CSV, Excel and JSON give the same network; writers read back unchanged."""

from __future__ import annotations

import json

import networkx as nx
import openpyxl
import pytest

from actornet.graph.errors import InputError
from actornet.loaders import read_network, write_excel, write_folder, write_gexf, write_graphml, write_json
from testdata import GOOD


@pytest.fixture
def network():
    return read_network(GOOD)


def test_csv_round_trip(network, tmp_path):
    write_folder(network, tmp_path / "csv")
    again = read_network(tmp_path / "csv")
    assert again == network
    assert again.report.clean


def test_excel_round_trip(network, tmp_path):
    again = read_network(write_excel(network, tmp_path / "net.xlsx"))
    assert again == network


def test_json_round_trip(network, tmp_path):
    again = read_network(write_json(network, tmp_path / "net.json"))
    assert again == network


def test_round_trip_keeps_extra_columns_and_ids(network, tmp_path):
    again = read_network(write_excel(network, tmp_path / "net.xlsx"))
    assert again.graph.nodes["p1"]["email"] == "a.lindqvist@example.org"
    assert again.city_of("p1") == "berlin"


def test_network_differs_when_a_value_differs(network, tmp_path):
    write_folder(network, tmp_path / "csv")
    path = tmp_path / "csv" / "ties.csv"
    path.write_text(path.read_text().replace("2005", "2006"))
    assert read_network(tmp_path / "csv") != network


def test_json_is_node_link_readable_by_networkx(network, tmp_path):
    doc = json.loads(write_json(network, tmp_path / "net.json").read_text())
    G = nx.node_link_graph(doc, edges="links")
    assert G.number_of_nodes() == network.graph.number_of_nodes()
    # an actor's plain BASED_IN tie is written as its "city" field, the rest as links
    city_fields = sum(1 for _, data in G.nodes(data=True) if data.get("city"))
    assert G.number_of_edges() + city_fields == network.graph.number_of_edges()


def test_graphml_holds_every_node_and_tie(network, tmp_path):
    G = nx.read_graphml(write_graphml(network, tmp_path / "net.graphml"))
    assert G.number_of_nodes() == network.graph.number_of_nodes()
    assert G.number_of_edges() == network.graph.number_of_edges()
    assert G.nodes["tu"]["themes"] == "science;climate"


def test_gexf_holds_every_node(network, tmp_path):
    G = nx.read_gexf(write_gexf(network, tmp_path / "net.gexf"))
    assert G.number_of_nodes() == network.graph.number_of_nodes()


def _workbook(path, actors, ties, formats=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Actors"
    for row in actors:
        sheet.append(row)
    for (row, col), fmt in (formats or {}).items():
        sheet.cell(row=row, column=col).number_format = fmt
    ties_sheet = book.create_sheet("ties")
    for row in ties:
        ties_sheet.append(row)
    book.save(path)
    return path


def test_excel_leading_zero_ids_as_text_and_as_padded_numbers(tmp_path):
    path = _workbook(tmp_path / "zeros.xlsx",
                     [["id", "kind", "name"], ["007", "ngo", "Seven"], [42, "ngo", "Forty-two"],
                      ["berlin", "city", "Berlin"]],
                     [["source", "target", "type", "since"], ["007", "0042", "COOPERATES_WITH", 2001.0]],
                     formats={(3, 1): "0000"})
    net = read_network(path)
    assert net.report.clean
    assert set(net.graph.nodes) == {"007", "0042", "berlin"}
    assert net.graph.edges["007", "0042", "007>COOPERATES_WITH>0042@2001"]["since"] == 2001


def test_excel_problems_name_sheet_and_row(tmp_path):
    path = _workbook(tmp_path / "book.xlsx",
                     [["id", "kind", "name"], ["berlin", "city", "Berlin"], ["x", "planet", "X"]],
                     [["source", "target", "type"], ["berlin", "nowhere", "KNOWS"]])
    net = read_network(path)
    assert [(p.file, p.line, p.column) for p in net.report.problems] == [
        ("book.xlsx[Actors]", 3, "kind"), ("book.xlsx[ties]", 2, "target")]


def test_excel_without_ties_sheet_is_an_error(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "actors"
    book.active.append(["id", "kind", "name"])
    book.save(tmp_path / "b.xlsx")
    with pytest.raises(InputError, match='no sheet named "ties"'):
        read_network(tmp_path / "b.xlsx")


def test_not_a_workbook_is_an_error(tmp_path):
    (tmp_path / "fake.xlsx").write_text("not a zip")
    with pytest.raises(InputError, match="not an Excel"):
        read_network(tmp_path / "fake.xlsx")


def test_json_problems_point_at_items(tmp_path):
    doc = {"nodes": [{"id": "berlin", "kind": "city", "name": "Berlin"},
                     {"id": "x", "kind": "planet", "name": "X"}],
           "links": [{"source": "berlin", "target": "x", "type": "KNOWS"}]}
    path = tmp_path / "n.json"
    path.write_text(json.dumps(doc))
    net = read_network(path)
    assert [(p.file, p.where, p.column) for p in net.report.problems] == [
        ("n.json:nodes", "nodes[1]", "kind"), ("n.json:links", "links[0]", "target")]
    assert str(net.report.problems[0]).startswith('n.json:nodes, nodes[1], column "kind"')


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "n.json"
    path.write_text('{"nodes": [\n  {"id": "a",}\n]}')
    with pytest.raises(InputError) as info:
        read_network(path)
    assert info.value.line == 2


def test_unknown_file_type_is_an_error(tmp_path):
    (tmp_path / "n.txt").write_text("hello")
    with pytest.raises(InputError, match="cannot read this kind of file"):
        read_network(tmp_path / "n.txt")


def test_excel_duplicate_header_is_an_error(tmp_path):
    path = _workbook(tmp_path / "d.xlsx", [["id", "kind", "name", "Kind"]], [["source", "target", "type"]])
    with pytest.raises(InputError) as info:
        read_network(path)
    assert (info.value.file, info.value.line, info.value.column) == ("d.xlsx[Actors]", 1, "kind")


def test_excel_cells_beyond_the_header_reject_the_row(tmp_path):
    path = _workbook(tmp_path / "r.xlsx",
                     [["id", "kind", "name"], ["berlin", "city", "Berlin"],
                      ["x", "ngo", "X", "stray"]],
                     [["source", "target", "type"]])
    net = read_network(path)
    assert [(p.line, p.column) for p in net.report.problems] == [(3, "unnamed column 4")]
    assert net.report.files["r.xlsx[Actors]"].rejected == 1
