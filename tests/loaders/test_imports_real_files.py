"""What real files hold (issue 19, 22): NA cells, a member listed with two roles,
full names in a second file, numeric ids in both namespaces, unnamed
organisations, invisible characters, keep.eu's workbook."""

from __future__ import annotations

import pytest

from testdata import DATA
from actornet.graph.errors import InputError
from actornet.loaders import read_network
from actornet.loaders.imports import import_memberships, import_pairs, run_recipe

IMPORT = DATA / "import"


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def urbact(tmp_path):
    members = write(tmp_path / "urbact.csv",
                    "network,city,country,role\n"
                    "RE-Block,Berlin,Germany,Lead Partner\n"
                    "RE-Block,Berlin,Germany,Partner\n"
                    "RE-Block,Warszawa,Poland,NA\n"
                    "RE-Block,Warszawa,Poland,NA\n"
                    "CityLogo,Praha,CZ,n/a\n")
    networks = write(tmp_path / "networks.csv",
                     "code;full name\nRE-Block;Renewing Blocks of Flats\n"
                     "CityLogo;City Logo: Branding Cities\nGHOST;A network nobody joined\n")
    summary = import_memberships([members], tmp_path / "out", member_name="city",
                                 member_kind="city", member_country="country", group="network",
                                 group_kind="network", role="role",
                                 role_map={"Lead Partner": "lead", "Partner": "partner"},
                                 groups=(networks, "code", "full name"), evidence="URBACT")
    return summary, read_network(tmp_path / "out")


def test_member_with_two_roles_is_one_tie_with_the_stronger(urbact):
    summary, net = urbact
    [(_, _, _, tie)] = [t for t in net.ties(["MEMBER_OF"]) if t[0] == "berlin_de"]
    assert tie["role"] == "lead"
    assert tie["evidence"] == "URBACT: listed as lead, partner"
    assert not [p for p in summary.problems if p.file == "urbact.csv"]


def test_na_is_no_role_and_a_repeated_row_is_a_duplicate(urbact):
    summary, net = urbact
    roles = {t[0]: t[3].get("role") for t in net.ties(["MEMBER_OF"])}
    assert roles["warsaw_pl"] is None and roles["prague_cz"] is None
    count = summary.files["urbact.csv"]
    assert (count.read, count.kept, count.duplicates, count.rejected) == (5, 4, 1, 0)


def test_full_names_are_joined_from_a_second_file(urbact):
    summary, net = urbact
    node = net.graph.nodes["RE-Block"]
    assert (node["name"], node["aliases"]) == ("Renewing Blocks of Flats", ["RE-Block"])
    count = summary.files["networks.csv"]
    assert (count.read, count.kept, count.rejected) == (3, 2, 1)  # GHOST names no group


def test_numeric_member_and_group_ids_live_apart(tmp_path):
    source = write(tmp_path / "m.csv", "member,name,group\n17,Alpha,17\n18,Beta,17\n17,Alpha,18\n")
    import_memberships([source], tmp_path / "out", member="member", member_name="name",
                       group="group")
    net = read_network(tmp_path / "out")
    assert net.report.problems == []
    assert sorted(net.projects()) == ["project_17", "project_18"]
    assert net.graph.nodes["17"]["name"] == "Alpha"


def test_cordis_member_without_a_name_is_named_by_pic_and_country(tmp_path):
    run_recipe("cordis", [IMPORT / "cordis_participations.csv"], tmp_path / "c",
               organisations=IMPORT / "cordis_organisations.csv")
    net = read_network(tmp_path / "c")
    assert net.graph.nodes["996000333"]["name"] == "unnamed organisation (PIC 996000333)"
    assert net.graph.nodes["998000111"]["external_ids"] == ["pic:998000111"]


def test_invisible_names_are_no_names(tmp_path):
    source = write(tmp_path / "p.csv", "a,ca,b,cb\n\u200f\u200e,DE,Paris,FR\n"
                                       "\U0001F389,DE,Paris,FR\nBer\u200blin,DE,Paris,FR\n")
    summary = import_pairs([source], tmp_path / "out", a="a", b="b", a_country="ca",
                           b_country="cb", home="Berlin")
    net = read_network(tmp_path / "out")
    assert sorted(net.actors()) == ["berlin_de", "paris_fr"]
    assert [p.line for p in summary.problems] == [2, 3]
    assert "x_de" not in net.graph


def test_coordinates_with_a_decimal_comma_per_end(tmp_path):
    source = write(tmp_path / "p.csv", "a;ca;alat;alon;b;cb\n"
                                       "Copenhagen;Sweden;55,676;12,568;Berlin;Germany\n")
    import_pairs([source], tmp_path / "out", a="a", b="b", a_country="ca", b_country="cb",
                 a_lat="alat", a_lon="alon")
    assert "copenhagen_dk" in read_network(tmp_path / "out").graph


def _workbook(path, partners=True):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Partners" if partners else "Data"
    sheet.append(["Programme", "Acronym", "Project Partner", "Lead Partner", "Town", "Country",
                  "Legal Status"])
    sheet.append(["Interreg Baltic", "GREEN-X", "TU Berlin", "Yes", "Berlin", "Germany",
                  "public"])
    sheet.append(["Interreg Baltic", "GREEN-X", "Invented Agency", "No", "Riga", "Latvia",
                  "private"])
    projects = book.create_sheet("Projects")
    projects.append(["Programme", "Acronym", "Project name", "Start date", "End date",
                     "Thematic objective"])
    projects.append(["Interreg Baltic", "GREEN-X", "Green Transport X", "2016-03-01",
                     "2019-02-28", "Low-carbon economy"])
    book.save(path)
    return path


def test_keep_workbook_joins_partners_and_projects(tmp_path):
    book = _workbook(tmp_path / "keep.xlsx")
    summary = run_recipe("keep", [book], tmp_path / "k")
    net = read_network(tmp_path / "k")
    [project] = net.projects()
    node = net.graph.nodes[project]
    assert (node["name"], node["since"], node["until"], node["themes"]) == (
        "Green Transport X", 2016, 2019, ["Low-carbon economy"])
    assert summary.files["keep.xlsx:Partners"].kept == 2


def test_keep_workbook_without_the_sheets_names_them(tmp_path):
    book = _workbook(tmp_path / "keep.xlsx", partners=False)
    with pytest.raises(InputError, match="no partners sheet"):
        run_recipe("keep", [book], tmp_path / "k")


def test_a_workbook_given_as_text_is_not_called_an_encoding_problem(tmp_path):
    book = _workbook(tmp_path / "keep.xlsx")
    with pytest.raises(InputError) as caught:
        import_pairs([book], tmp_path / "o", a="a", b="b")
    assert "workbook" in str(caught.value) and "encoding" not in str(caught.value)


def test_a_repeated_pair_is_one_tie_and_many_duplicates_in_bounded_chunks(tmp_path):
    import gzip

    from actornet.loaders.import_pairs import RowFilter
    from actornet.loaders.imports import SourceFile

    packed = tmp_path / "repeated.csv.gz"
    with gzip.open(packed, "wt", encoding="utf-8") as handle:
        handle.write("city1,country1,city2,country2\n")
        handle.write("Berlin,Germany,Warsaw,Poland\n" * 20_000)
    source = SourceFile(packed, chunk_rows=1_000)
    sizes = [len(frame) for frame, _ in source.chunks()]
    assert max(sizes) == 1_000 and sum(sizes) == 20_000  # never the whole file at once
    rows = RowFilter()
    for frame, _ in SourceFile(packed, chunk_rows=1_000).chunks():
        rows.new(frame)
    assert len(rows.seen) == 1  # what is remembered grows with the distinct rows only
    summary = import_pairs([packed], tmp_path / "out", a="city1", b="city2",
                           a_country="country1", b_country="country2", chunk_rows=1_000)
    count = summary.files["repeated.csv.gz"]
    assert (count.read, count.kept, count.duplicates, summary.ties) == (20_000, 1, 19_999, 1)


def test_line_numbers_survive_chunks_and_multiline_cells(tmp_path):
    text = "a,b\n" + "x,1\n" * 5 + 'y,"two\nlines"\n' + "\n" + "z,2,3\n" + "w,4\n"
    source = tmp_path / "m.csv"
    source.write_text(text, encoding="utf-8")
    from actornet.loaders.imports import SourceFile

    table = SourceFile(source, chunk_rows=2)
    lines = [line for _, chunk in table.chunks() for line in chunk.tolist()]
    assert lines == [2, 3, 4, 5, 6, 7, 11]
    assert [p.line for p in table.problems] == [10]


def test_a_trailing_delimiter_is_no_ragged_row_but_more_cells_are(tmp_path):
    from actornet.loaders.imports import SourceFile

    source = tmp_path / "r.csv"
    source.write_text("a,b\n1,2\n3,4,5,6,7\n8,9\n10,11,\n", encoding="utf-8")
    table = SourceFile(source, chunk_rows=2)
    lines = [line for _, chunk in table.chunks() for line in chunk.tolist()]
    assert lines == [2, 4, 5]
    assert [(p.line, p.reason) for p in table.problems] == [
        (3, "the row has 5 cells but the header has 2")]
