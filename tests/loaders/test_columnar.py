"""The columnar CSV reader gives exactly what the csv module's row-by-row reading gives.

``read_csv_table`` reads a plain file's lines into columns with pandas' C
parser and hands every unusual line (quoted cells, formula escapes, ragged or
blank rows) to the csv module; ``columnar=False`` reads every row with the
csv module, the reference. Both must give the same rows (values and lines),
the same problems and counts, and the same errors. The builder's columnar
path must then give the same network and report as the reference builder.
"""

from __future__ import annotations

import pytest

from actornet.graph.build import build_network
from actornet.graph.errors import InputError
from actornet.graph.generate import generated_network
from actornet.graph.tables import ACTORS, PROJECTS, THEMES, TIES, NetworkTables
from actornet.loaders import read_tables, write_folder
from actornet.loaders.csvfile import read_csv_table
from actornet.sample import sample_path
from checks import broken_ties_folder
from reference_build import reference_network


def read_both(path, spec, **options):
    """The table read both ways (they must agree), or the error both raise."""
    try:
        reference = read_csv_table(path, spec, columnar=False, **options)
    except InputError as err:
        with pytest.raises(InputError) as fast_err:
            read_csv_table(path, spec, **options)
        assert str(fast_err.value) == str(err)
        return None, None
    fast = read_csv_table(path, spec, **options)
    assert fast.columns == reference.columns
    assert fast.records == reference.records
    assert fast.rows_read == reference.rows_read
    assert fast.problems == reference.problems
    assert fast.extra_columns == reference.extra_columns
    return reference, fast


HEADER = "id,kind,name,city,lat,note\n"
ROWS = ["berlin,city,Berlin,,52.5,", "fu,institution,Freie Universität,berlin,,x",
        "007,ngo,Agency 007,Berlin,,NA", "n1,ngo,null,berlin,,None"]

CASES = {
    "plain": HEADER + "\n".join(ROWS) + "\n",
    "no final newline": HEADER + "\n".join(ROWS),
    "crlf": (HEADER + "\n".join(ROWS) + "\n").replace("\n", "\r\n"),
    "lone cr": (HEADER + "\n".join(ROWS) + "\n").replace("\n", "\r"),
    "mixed cr": HEADER + ROWS[0] + "\r" + ROWS[1] + "\n" + ROWS[2] + "\n",
    "blank and empty rows": HEADER + ROWS[0] + "\n\n   \n,,,,,\n ; , ,,,\n" + ROWS[1] + "\n\n",
    "leading blank lines": "\n  \n" + HEADER + "\n".join(ROWS) + "\n",
    "multiline quoted cell": HEADER + ROWS[0] + '\nq1,ngo,"Two\nlines",berlin,,\n'
                             + ROWS[1] + "\n",
    "quoted cells": HEADER + ROWS[0] + '\nq1,ngo,"Name, with comma",berlin,,"x ""y"" z"\n'
                    + 'q2,ngo, "  padded " ,berlin,,\n' + ROWS[2] + "\n",
    "odd quotes": HEADER + 'q1,ngo,Ab"c,berlin,,\nq2,ngo,"ab"c,berlin,,\n' + ROWS[1] + "\n",
    "unclosed quote": HEADER + ROWS[0] + '\nq1,ngo,"Open,berlin,,\n' + ROWS[1] + "\n",
    "ragged rows": HEADER + ROWS[0] + "\nr1,ngo,Short\nr2,ngo,Long,berlin,,x,y\n"
                   + "r3,ngo,Trailing,berlin,,x,,,\n" + ROWS[1] + "\n",
    "trailing delimiters everywhere": HEADER.replace("\n", ",\n")
                                      + "\n".join(r + "," for r in ROWS) + "\n",
    "trailing delimiter in header only": HEADER.replace("\n", ",\n") + "\n".join(ROWS) + "\n",
    "semicolon": (HEADER + "\n".join(ROWS) + "\n").replace(",", ";")
                 + "s1;ngo;Comma, inside;berlin;;\n",
    "tab": (HEADER + "\n".join(ROWS) + "\n").replace(",", "\t") + "t1\tngo\tA, B; C\t\t\t\n",
    "formula escapes": HEADER + "f1,ngo,'=1+1,berlin,,'-x\nf2,ngo,'s-Hertogenbosch,,,\n"
                       + "f3,ngo,  '@x ,,, ''=y\n" + "\n".join(ROWS) + "\n",
    "white space": HEADER + " w1 ,\tngo\t,  Padded Name  ,berlin , 1 ,\u00a0x\u00a0\n"
                   + "\n".join(ROWS) + "\n",
    "na and zeros": HEADER + "NA,ngo,NaN,,,null\n0007,ngo,None,,,N/A\n-,ngo,#N/A,,,nan\n",
    "quoted header": '"id","kind","name"\n' + "\n".join(ROWS) + "\n",
    "header only": HEADER,
    "unknown columns": "id,kind,name,E-Mail,Phone\nx,ngo,X,a@b,\ny,ngo,Y,,123\n",
    "nul": HEADER + "x,ngo,A\x00B,,,\n",
    "bom in data": HEADER + "\ufeffx,ngo,X,,,\n",
    "form feed": HEADER + "x,ngo,A\x0cB,,,\n" + "y,ngo,\x1cY\x1c,,,\n",
    "empty file": "",
    "blank file": "\n \n",
    "one column": "id\n1\n\n2\n",
}


@pytest.mark.parametrize("content", CASES.values(), ids=CASES.keys())
def test_reader_agrees_with_the_csv_module(tmp_path, content):
    path = tmp_path / "actors.csv"
    path.write_bytes(content.encode("utf-8"))
    spec = THEMES if content.startswith("id\n") else ACTORS
    read_both(path, spec)


def test_bom_and_named_encodings(tmp_path):
    text = HEADER + "\n".join(ROWS) + "\n"
    for name, data, encoding in [("bom", text.encode("utf-8-sig"), None),
                                 ("utf16", text.encode("utf-16"), None),
                                 ("cp1252", text.encode("cp1252"), "cp1252")]:
        path = tmp_path / f"{name}.csv"
        path.write_bytes(data)
        reference, fast = read_both(path, ACTORS, encoding=encoding)
        assert fast.data is not None  # read into columns
        assert fast.records[0].values["id"] == "berlin"


def test_plain_file_takes_the_columnar_path(tmp_path):
    """A plain file is read into columns: the fast path cannot silently fall back."""
    path = tmp_path / "ties.csv"
    path.write_text("source,target,type,since\n" + "".join(
        f"a{i},b{i},PARTNER_OF,{2000 + i % 20:04d}\n" for i in range(1000)), encoding="utf-8")
    table = read_csv_table(path, TIES)
    assert table.data is not None
    assert list(table.lines[:3]) == [2, 3, 4]
    assert table.data["since"][0] == "2000"


def test_quoted_cells_and_escapes_stay_columnar(tmp_path):
    """Lines with quotes are read by the csv module, the rest still by columns."""
    path = tmp_path / "actors.csv"
    path.write_text(CASES["quoted cells"] + CASES["formula escapes"].split("\n", 1)[1],
                    encoding="utf-8")
    reference, fast = read_both(path, ACTORS)
    assert fast.data is not None
    assert fast.records[1].values["name"] == "Name, with comma"


def test_multiline_cell_falls_back_with_exact_lines(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(CASES["multiline quoted cell"], encoding="utf-8")
    reference, fast = read_both(path, ACTORS)
    assert [r.line for r in fast.records] == [2, 3, 5]


def test_na_texts_and_leading_zeros_stay_text(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(CASES["na and zeros"], encoding="utf-8")
    reference, fast = read_both(path, ACTORS)
    assert [r.values["id"] for r in fast.records] == ["NA", "0007", "-"]
    assert [r.values["name"] for r in fast.records] == ["NaN", "None", "#N/A"]
    assert fast.records[0].values["note"] == "null"


def test_cell_over_the_limit_is_the_same_error(tmp_path, monkeypatch):
    import actornet.loaders.csvfile as csvfile
    monkeypatch.setattr(csvfile, "MAX_CELL_CHARS", 50)
    path = tmp_path / "actors.csv"
    path.write_text(HEADER + "x,ngo," + "A" * 60 + ",,,\n", encoding="utf-8")
    with pytest.raises(InputError, match="longer than 50"):
        read_csv_table(path, ACTORS)
    import csv
    csv.field_size_limit(csvfile.MAX_CELL_CHARS)
    monkeypatch.undo()
    csv.field_size_limit(csvfile.MAX_CELL_CHARS)


# -- the whole read: columnar reader and builder against the reference -------

def reference_tables(folder, **options):
    """The tables as the csv module reads them, row by row (no columns)."""
    import actornet.loaders.read as read

    real = read.read_csv_table
    read.read_csv_table = lambda *a, **k: real(*a, columnar=False, **k)
    try:
        return read_tables(folder, **options)
    finally:
        read.read_csv_table = real


def assert_same_network(folder, **options):
    """Columnar reading + building gives the reference's network and report."""
    try:
        reference = reference_network(reference_tables(folder, **options))
    except InputError as err:
        with pytest.raises(InputError) as fast_err:
            build_network(read_tables(folder, **options))
        assert str(fast_err.value) == str(err)
        return None
    tables = read_tables(folder, **options)
    fast = build_network(tables)
    assert list(fast.graph.nodes(data=True)) == list(reference.graph.nodes(data=True))
    assert list(fast.graph.edges(keys=True, data=True)) == \
        list(reference.graph.edges(keys=True, data=True))
    assert list(fast.graph.in_edges(keys=True)) == list(reference.graph.in_edges(keys=True))
    assert fast.themes == reference.themes
    assert fast.report.problems == reference.report.problems
    assert fast.report.warnings == reference.report.warnings
    assert fast.report.files == reference.report.files
    assert fast.report.extra_columns == reference.report.extra_columns
    return tables


ACTORS_TRICKY = (
    "id;kind;name;city;lat;lon;themes;aliases;E-Mail\n"
    "berlin;city;Berlin;;52.5;13.4;;Berlin-Mitte;\n"
    "kyiv;city;Kyiv;;;;;Kiew; Kyjiw;\n"
    "\n"
    "007;ngo;Agency 007;Berlin;;;Climate;;a@example.org\n"
    "na;institution;NA;kyiv;;;climate;;\n"
    "null;company;null;Kiew;91;;;;\n"                       # lat out of range: blanked
    "dup;ngo;First;berlin;;;;;\n"
    "dup;ngo;Second;berlin;;;;;\n"                          # duplicate id
    "f1;ngo;'=1+1;berlin;;;;;\n"                            # formula escape
    'q1;ngo;"Quoted; name";berlin;;;;;\n'
    'm1;ngo;"Two\nlines";berlin;;;;;\n'                     # spans lines (whole file row by row)
    "r1;ngo;Ragged\n"
    ";;;;;;;;\n"
    "nok;planet;Nowhere;;;;;;\n"                            # unknown kind
    "sport;ngo;Sport Club;nowhere;;;;;\n"                   # id of a theme; unknown city
    "trail;ngo;Trailing;berlin;;;;;;;\n"
)
TIES_TRICKY = (
    "source,target,type,since,until,weight,themes,project,role,note\n"
    "007,kyiv,COOPERATES_WITH,1999,2005,3,climate,,lead,x\n"
    "007,kyiv,COOPERATES_WITH,1999,2005,3,climate,,lead,x\n"        # duplicate tie
    "007,na,cooperates with,0999,,,,,,\n"
    "na,007,COOPERATES_WITH,2010,2001,,,,,\n"                        # until before since
    "na,berlin,PARTNER_OF,,,,,,,\n"                                  # wrong kinds
    "berlin,kyiv,PARTNER_OF,1992,,,climate;Sport,,,\n"
    "berlin,kyiv,PARTNER_OF,1993,,9,,,,\n"                           # weight out of range
    "dup,007,COOPERATES_WITH,,,,,,,\n"
    "missing,007,COOPERATES_WITH,,,,,,,\n"                           # unknown endpoint
    "007,007,COOPERATES_WITH,,,,,,,\n"                               # tie to itself
    "007,climate,WORKS_ON,,,,,,,\n"
    "007,Climate,WORKS_ON,,,,,,,\n"                                  # same theme by label
    "q1,proj,PARTICIPATES_IN,2016,,,,proj,partner,\n"
    "q1,proj,PARTICIPATES_IN,2016,,,,nope,partner,\n"                # not a project: blanked
    "f1,007,COOPERATES_WITH,  2001 ,,1.5,,,'@lead,\n"
    "\n"
    ",,,,,,,,,\n"
    "007,berlin,COOPERATES_WITH\n"                                   # ragged
)


@pytest.mark.parametrize("themes", [True, False], ids=["themes-table", "themes-inferred"])
@pytest.mark.parametrize("multiline", [False, True], ids=["columns", "whole-file-by-rows"])
def test_tricky_network_is_the_reference(tmp_path, themes, multiline):
    folder = tmp_path / "net"
    folder.mkdir()
    actors = ACTORS_TRICKY if multiline else ACTORS_TRICKY.replace('"Two\nlines"', "One line")
    (folder / "actors.csv").write_text(actors, encoding="utf-8")
    (folder / "ties.csv").write_text(TIES_TRICKY, encoding="utf-8")
    (folder / "projects.csv").write_text(
        "id\tname\tsince\tuntil\tthemes\n"
        "proj\tClean Air\t2015\t2018\tclimate\n"
        "proj2\tBad Years\t2019\t2011\t\n"
        "007\tSame id\t\t\t\n", encoding="utf-8")
    if themes:
        (folder / "themes.csv").write_text(
            "id,label_en,priority\nclimate,Climate,3\nsport,Sport,x\n", encoding="utf-8")
    tables = assert_same_network(folder)
    assert (tables.actors[0].data is None) == multiline
    assert tables.ties[0].data is not None


def test_generated_network_is_the_reference(tmp_path):
    write_folder(generated_network(400, 3000, seed=3, hubs=2), tmp_path / "gen")
    tables = assert_same_network(tmp_path / "gen")
    assert all(t.data is not None for t in tables.actors + tables.ties + tables.projects)


def test_generated_without_ids_or_themes_table(tmp_path):
    """Derived keys, inferred themes and duplicate derived keys."""
    import csv

    folder = tmp_path / "gen"
    write_folder(generated_network(300, 2000, seed=5), folder)
    (folder / "themes.csv").unlink()
    with open(folder / "ties.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = [f for f in rows[0] if f != "id"]
    rows = [{f: r[f] for f in fields} for r in rows]
    rows += rows[::97]  # duplicates by their derived keys
    with open(folder / "ties.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields)
        writer.writeheader()
        writer.writerows(rows)
    tables = assert_same_network(folder)
    assert tables.ties[0].data is not None


def test_sample_is_the_reference():
    assert_same_network(sample_path())


@pytest.mark.parametrize("name", sorted(p.name for p in (
    __import__("pathlib").Path(__file__).resolve().parents[1] / "data" / "bad").glob("*.csv")))
def test_corpus_is_the_reference(tmp_path, name):
    import shutil
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data"
    folder = tmp_path / "net"
    shutil.copytree(data / "good", folder)
    target = "ties.csv" if name.startswith("ties") else "actors.csv"
    shutil.copy(data / "bad" / name, folder / target)
    assert_same_network(folder, encoding="cp1252" if "cp1252" in name else None)


@pytest.mark.parametrize("themes", [True, False], ids=["themes-table", "themes-inferred"])
def test_generated_with_broken_rows_is_the_reference(tmp_path, themes):
    """Broken rows between clean ones go to the reference path, in order."""
    folder = broken_ties_folder(tmp_path / "gen", seed=8, themes=themes)
    tables = assert_same_network(folder)
    assert tables.ties[0].data is not None
    network = build_network(tables)
    assert len(network.report.problems) > 50  # the defects were there to be found


def test_many_unknown_columns_are_kept(tmp_path):
    """More extra columns than one bit mask holds (the attribute sets come in pieces)."""
    folder = tmp_path / "net"
    write_folder(generated_network(60, 300, seed=9), folder)
    lines = (folder / "ties.csv").read_text(encoding="utf-8").splitlines()
    extra = [f"x{i}" for i in range(70)]
    out = [lines[0] + "," + ",".join(extra)]
    for n, line in enumerate(lines[1:]):
        out.append(line + "," + ",".join(str(n) if (n + i) % 7 == 0 else "" for i in range(70)))
    (folder / "ties.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    tables = assert_same_network(folder)
    network = build_network(tables)
    assert network.report.extra_columns["ties.csv"] == extra
    kept = [data for _, _, data in network.graph.edges(data=True) if data["type"] != "BASED_IN"]
    assert sum(len([k for k in data if k.startswith("x")]) for data in kept) > 300


_EDGE_CHARACTERS = ["a", "ä", "€", "–", "x y", "\u00a0", " ", "\u2003", "\u3000", "\x85", "\x1f",
                    "\u2028", "\u205f", "\u1680", "\u202f", "\r", "\x0b", "\x0c", "\t"]


def test_the_stripping_check_never_misses_white_space_at_a_cell_edge():
    """Cells are left as read only when the check says none can need
    stripping: it must never say so of a cell ``str.strip`` would change."""
    import random

    from actornet.loaders.cells import cells_may_need_stripping

    rng, checked = random.Random(5), 0
    for _ in range(20000):
        cells = ["".join(rng.choice(_EDGE_CHARACTERS) for _ in range(rng.randint(0, 3)))
                 for _ in range(rng.randint(1, 4))]
        for delimiter in ",;\t":
            if any(delimiter in cell for cell in cells):
                continue
            text = (delimiter.join(cells) + "\n").encode()
            if any(cell != cell.strip() for cell in cells):
                checked += 1
                assert cells_may_need_stripping(text, delimiter), (cells, delimiter)
    assert checked > 1000
    assert not cells_may_need_stripping("Freie Universität,ä b\nc,d €\n".encode(), ",")


@pytest.mark.parametrize("seed", range(4))
def test_white_space_at_cell_edges_is_stripped_as_row_by_row(tmp_path, seed):
    import random

    rng = random.Random(seed)
    lines = [HEADER.strip()]
    for i in range(60):  # most lines clean; some with white space at an edge
        name = "".join(rng.choice(_EDGE_CHARACTERS[:5]) for _ in range(3))
        if rng.random() < 0.1:
            name = rng.choice(_EDGE_CHARACTERS[5:-2]) + name
        lines.append(f"a{i},ngo,N{name},berlin,,")
    path = tmp_path / "actors.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode())
    read_both(path, ACTORS)
