"""The bad-input corpus (tests/data/bad/): one file per defect.

Each case asserts the exact file, line, column and reason of every problem,
the kept/rejected counts, and that no message carries personal data.
"""

from __future__ import annotations

import pytest

from testdata import PERSONAL
from actornet.graph.errors import InputError
from actornet.loaders import read_network


def problems(network):
    return [(p.file, p.line, p.column, p.reason) for p in network.report.problems]


def warnings(network):
    return [(p.file, p.line, p.column, p.reason) for p in network.report.warnings]


def counts(network, file):
    c = network.report.files[file]
    return c.read, c.kept, c.rejected


def assert_no_personal_data(texts):
    for text in texts:
        for secret in PERSONAL:
            assert secret not in text, f"personal data in a message: {text}"


def test_good_network_is_clean(make_network_dir):
    net = read_network(make_network_dir())
    assert net.report.clean
    assert counts(net, "actors.csv") == (8, 8, 0)
    assert counts(net, "ties.csv") == (9, 9, 0)
    assert counts(net, "projects.csv") == (1, 1, 0)
    assert counts(net, "themes.csv") == (4, 4, 0)


# -- encodings and delimiters ---------------------------------------------

def test_bom_is_read_as_utf8(make_network_dir):
    net = read_network(make_network_dir(actors="actors_bom.csv"))
    assert net.report.clean
    assert counts(net, "actors.csv") == (8, 8, 0)
    assert "berlin" in net.graph  # the header's first column is "id", not "\ufeffid"


def test_cp1252_is_an_error_naming_file_and_line(make_network_dir):
    with pytest.raises(InputError) as info:
        read_network(make_network_dir(actors="actors_cp1252.csv"))
    err = info.value
    assert (err.file, err.line) == ("actors.csv", 4)
    assert "not UTF-8" in err.reason
    assert "--encoding cp1252" in err.hint


def test_cp1252_reads_with_explicit_encoding(make_network_dir):
    net = read_network(make_network_dir(actors="actors_cp1252.csv"), encoding="cp1252")
    assert net.graph.nodes["tu"]["name"] == "Technische Universität"


def test_unknown_encoding_name_is_an_error(make_network_dir):
    with pytest.raises(InputError, match="unknown text encoding"):
        read_network(make_network_dir(), encoding="no-such-codec")


def test_semicolon_file_reads_like_the_comma_file(make_network_dir):
    semi = read_network(make_network_dir(actors="actors_semicolon.csv", name="semi"))
    comma = read_network(make_network_dir(actors="actors_bom.csv", name="comma"))
    assert dict(semi.graph.nodes(data=True)) == dict(comma.graph.nodes(data=True))


def test_semicolon_file_with_stray_commas_keeps_them_in_cells(make_network_dir):
    net = read_network(make_network_dir(actors="actors_semicolon_stray_comma.csv"))
    assert counts(net, "actors.csv") == (8, 8, 0)
    assert net.graph.nodes["tu"]["name"] == "University of Technology, Berlin"
    assert net.graph.nodes["giz"]["name"] == "Agency for Cooperation, Germany"
    assert net.graph.nodes["tu"]["themes"] == ["science", "climate"]


def test_one_column_header_is_an_error_not_a_one_column_frame(make_network_dir):
    with pytest.raises(InputError) as info:
        read_network(make_network_dir(actors="actors_one_column.csv"))
    err = info.value
    assert (err.file, err.line) == ("actors.csv", 1)
    assert err.reason == "missing required columns: id, kind, name"
    assert "single column" in err.hint


def test_missing_required_column(make_network_dir):
    with pytest.raises(InputError) as info:
        read_network(make_network_dir(actors="actors_missing_kind.csv"))
    assert info.value.reason == "missing required column: kind"


def test_duplicate_headers_are_an_error(make_network_dir):
    with pytest.raises(InputError) as info:
        read_network(make_network_dir(actors="actors_duplicate_header.csv"))
    err = info.value
    assert (err.file, err.line, err.column) == ("actors.csv", 1, "name")
    assert "columns 3 and 5" in err.reason


# -- values -----------------------------------------------------------------

def test_leading_zero_ids_stay_strings(make_network_dir):
    net = read_network(make_network_dir(actors="actors_leading_zero.csv",
                                        ties="ties_leading_zero.csv"))
    assert net.report.clean
    assert {"007", "0042", "7"} <= set(net.graph.nodes)
    assert net.graph.has_edge("007", "0042")
    assert net.graph.has_edge("7", "007")


def test_na_literals_are_values(make_network_dir):
    net = read_network(make_network_dir(actors="actors_na_literals.csv"))
    assert net.report.clean
    assert net.graph.nodes["NA"]["name"] == "NA"
    assert net.graph.nodes["None"]["country"] == "null"
    assert net.graph.nodes["null"]["name"] == "null"
    assert net.graph.nodes["jakarta"]["country"] == "NA"


# -- rows that are rejected ---------------------------------------------------

def test_ragged_rows(make_network_dir):
    net = read_network(make_network_dir(actors="actors_ragged.csv"))
    assert problems(net) == [
        ("actors.csv", 4, "unnamed column 5", "the row has 5 cells but the header has 4"),
        ("actors.csv", 5, "city", "the row has 3 cells but the header has 4"),
    ]
    # line 6 has trailing empty cells only, as spreadsheets write them: kept
    assert counts(net, "actors.csv") == (5, 3, 2)
    assert "giz" in net.graph


def test_multiline_cells_count_lines_as_a_person_does(make_network_dir):
    net = read_network(make_network_dir(actors="actors_multiline.csv"))
    # rows start on lines 2, 3, 5 and 7; line 7 repeats the id of line 5
    assert problems(net) == [("actors.csv", 7, "id",
                              "duplicate id: first used at actors.csv line 5")]


def test_dangling_ties(make_network_dir):
    net = read_network(make_network_dir(ties="ties_dangling.csv"))
    assert problems(net) == [
        ("ties.csv", 4, "target", "target is not the id of any actor, project or theme"),
        ("ties.csv", 5, "source", "source is not the id of any actor, project or theme"),
    ]
    assert counts(net, "ties.csv") == (4, 2, 2)


def test_duplicate_ids(make_network_dir):
    net = read_network(make_network_dir(actors="actors_duplicate_ids.csv"))
    assert problems(net) == [("actors.csv", 6, "id",
                              "duplicate id: first used at actors.csv line 4")]
    assert counts(net, "actors.csv") == (5, 4, 1)


def test_blank_ids(make_network_dir):
    net = read_network(make_network_dir(actors="actors_blank_ids.csv"))
    assert problems(net) == [("actors.csv", 4, "id", "id is empty"),
                             ("actors.csv", 5, "id", "id is empty")]
    assert counts(net, "actors.csv") == (4, 2, 2)


def test_bad_years(make_network_dir):
    """Bad years are optional values: left empty with a warning, rows kept."""
    net = read_network(make_network_dir(ties="ties_bad_years.csv"))
    assert warnings(net) == [
        ("ties.csv", 3, "since", "since is not a year; left empty"),
        ("ties.csv", 4, "until", "until is not a year; left empty"),
        ("ties.csv", 5, "since", "since is outside the years 500-2100; left empty"),
        ("ties.csv", 6, "since", "since is not a year; left empty"),
        ("ties.csv", 7, "until", "until is before since; left empty"),
        ("ties.csv", 8, "since", "since is not a year; left empty"),
    ]
    assert problems(net) == []
    assert counts(net, "ties.csv") == (7, 7, 0)


def test_wrong_endpoint_kinds(make_network_dir):
    net = read_network(make_network_dir(ties="ties_wrong_endpoints.csv"))
    assert problems(net) == [
        ("ties.csv", 3, "type", "a MEMBER_OF tie cannot go from ngo to person"),
        ("ties.csv", 4, "type", "a PARTNER_OF tie cannot go from institution to institution"),
        ("ties.csv", 5, "type", "a BASED_IN tie cannot go from person to institution"),
        ("ties.csv", 6, "target", "a tie from an actor to itself"),
    ]
    hints = [p.hint for p in net.report.problems]
    assert hints[0] == ("MEMBER_OF goes from {city, company, federal_body, institution, ngo, "
                        "person} to {company, federal_body, institution, network, ngo}")
    assert counts(net, "ties.csv") == (5, 1, 4)


def test_unknown_kinds_with_did_you_mean(make_network_dir):
    net = read_network(make_network_dir(actors="actors_unknown_kind.csv"))
    assert problems(net) == [("actors.csv", 4, "kind", "unknown kind"),
                             ("actors.csv", 7, "kind", "unknown kind")]
    assert net.report.problems[0].hint.startswith('did you mean "institution"?')
    assert "did you mean" not in net.report.problems[1].hint
    assert net.kind("giz").value == "federal_body"   # "Federal Body"
    assert net.kind("assoc").value == "federal_body"  # "federal-body"


def test_unknown_tie_types(make_network_dir):
    net = read_network(make_network_dir(ties="ties_unknown_type.csv"))
    assert problems(net) == [("ties.csv", 4, "type", "unknown tie type"),
                             ("ties.csv", 5, "type", "unknown tie type")]
    assert net.report.problems[0].hint.startswith('did you mean "COOPERATES_WITH"?')
    assert counts(net, "ties.csv") == (4, 2, 2)


def test_weights_outside_one_to_five(make_network_dir):
    net = read_network(make_network_dir(ties="ties_bad_weight.csv"))
    assert warnings(net) == [
        ("ties.csv", 3, "weight", "weight is outside 1-5; left empty"),
        ("ties.csv", 4, "weight", "weight is outside 1-5; left empty"),
        ("ties.csv", 5, "weight", "weight is not a number; left empty"),
    ]
    assert problems(net) == []
    assert net.graph.edges["itb", "giz", "itb>COOPERATES_WITH>giz"]["weight"] == 2.5


@pytest.mark.parametrize("actors,ties", [
    ("actors_duplicate_ids.csv", None), ("actors_blank_ids.csv", None),
    ("actors_unknown_kind.csv", None), ("actors_ragged.csv", None),
    (None, "ties_dangling.csv"), (None, "ties_wrong_endpoints.csv"),
    (None, "ties_bad_years.csv"),
])
def test_messages_carry_no_personal_data(make_network_dir, actors, ties):
    net = read_network(make_network_dir(actors=actors, ties=ties))
    messages = net.report.problems + net.report.warnings
    assert messages  # the case does produce messages
    assert_no_personal_data([str(p) for p in messages])


@pytest.mark.parametrize("actors,ties", [
    ("actors_ragged.csv", None), ("actors_duplicate_ids.csv", None),
    ("actors_blank_ids.csv", None), ("actors_unknown_kind.csv", None),
    (None, "ties_dangling.csv"), (None, "ties_bad_years.csv"),
    (None, "ties_wrong_endpoints.csv"), (None, "ties_unknown_type.csv"),
    (None, "ties_bad_weight.csv"),
])
def test_conservation(make_network_dir, actors, ties):
    report = read_network(make_network_dir(actors=actors, ties=ties)).report
    assert report.balanced
    assert report.rows_read == report.rows_kept + report.rows_rejected


def test_strict_turns_warnings_into_an_error(make_network_dir):
    with pytest.raises(InputError, match="2 rows rejected"):
        read_network(make_network_dir(ties="ties_dangling.csv"), strict=True)


def test_nothing_kept_is_an_error(tmp_path):
    (tmp_path / "actors.csv").write_text("id,kind,name\n,city,Berlin\nx,planet,X\n")
    (tmp_path / "ties.csv").write_text("source,target,type\n")
    with pytest.raises(InputError, match="no actor could be kept"):
        read_network(tmp_path)


def test_missing_ties_file_is_an_error(tmp_path):
    (tmp_path / "actors.csv").write_text("id,kind,name\nberlin,city,Berlin\n")
    with pytest.raises(InputError, match="no ties.csv"):
        read_network(tmp_path)


def test_tab_delimited_with_windows_line_endings(tmp_path):
    (tmp_path / "actors.csv").write_bytes(
        b"id\tkind\tname\tcity\r\nberlin\tcity\tBerlin\t\r\n007\tngo\tSeven, Eight\tberlin\r\nx\tplanet\tX\t\r\n")
    (tmp_path / "ties.csv").write_bytes(b"source\ttarget\ttype\r\n")
    net = read_network(tmp_path)
    assert net.graph.nodes["007"]["name"] == "Seven, Eight"
    assert problems(net) == [("actors.csv", 4, "kind", "unknown kind")]


def test_utf16_with_bom_is_read(tmp_path):
    (tmp_path / "actors.csv").write_bytes("id,kind,name\nberlin,city,Berlin\n".encode("utf-16"))
    (tmp_path / "ties.csv").write_text("source,target,type\n")
    assert "berlin" in read_network(tmp_path).graph
