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
