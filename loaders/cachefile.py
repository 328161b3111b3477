"""One cache entry: named arrays of plain numbers in one file, never code.

An entry is written by :func:`write_entry` and read by :func:`read_entry`;
nothing in it is ever executed: it holds NumPy arrays of four plain types
(``int32``, ``int64``, ``float64``, ``uint8``; JSON text is ``uint8``), read
with :func:`numpy.frombuffer` (no pickle, no object arrays), and a JSON
header that this module parses and checks itself.

The layout::

    actornet-network-cache 4\\n       the magic line (format 4)
    CRC-32 of the header, 8 hex digits, \\n
    the header's length, 16 hex digits, \\n
    the header: JSON {"format", "key", "tables", "program", "size", "crc32",
                      "arrays": [[name, dtype, length, offset], ...]}
    padding, then the body: each array at a multiple of 64 bytes from the body's start

``crc32`` is the CRC-32 of the whole body: a damaged entry (a flipped bit, a
cut file) is refused, never half read. The header names the entry's key, so
a renamed entry is refused too.

Examples
--------
>>> import io, numpy as np
>>> out = io.BytesIO()
>>> write_entry(out, {"a": np.arange(3), "b": np.zeros(2)}, key="k", tables=1)
>>> arrays = read_entry(out.getvalue(), key="k", tables=1)
>>> arrays["a"].tolist(), arrays["b"].dtype.name, arrays["a"].flags.writeable
([0, 1, 2], 'float64', False)
"""

from __future__ import annotations

import json
import zlib

import numpy as np

from actornet.graph.errors import DamagedEntry

__all__ = ["MAGIC", "LEGACY_MAGIC", "write_entry", "read_entry", "entry_program"]

FORMAT = 4
#: The first bytes of every entry of this format.
MAGIC = b"actornet-network-cache 4\n"
#: The first bytes of an entry of the earlier (pickled) format: recognised
#: (so that pruning may delete it), never loaded.
LEGACY_MAGIC = b"actornet-network-cache 3\n"
_ALIGN = 64
_DTYPES = {np.dtype(t).str: np.dtype(t) for t in ("<i4", "<i8", "<f8", "|u1")}
#: A header larger than this is not one actornet wrote.
_MAX_HEADER = 1 << 24


def _pad(size: int) -> int:
    return -size % _ALIGN


def write_entry(handle, arrays: dict, *, key: str, tables: int, program: str = "") -> None:
    """Write ``arrays`` (name -> 1-d array of a plain type) as one entry to ``handle``.

    Raises
    ------
    ValueError
        If an array is of another type (an object array, a big-endian one).
    """
    layout, parts, offset, crc = [], [], 0, 0
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
        if array.dtype.str not in _DTYPES or array.ndim != 1:
            raise ValueError(f"cannot keep the array {name} ({array.dtype}, {array.ndim}-d)")
        padding = bytes(_pad(offset))
        offset += len(padding)
        layout.append([name, array.dtype.str, int(array.shape[0]), offset])
        data = memoryview(array).cast("B")
        parts += [padding, data]
        crc = zlib.crc32(data, zlib.crc32(padding, crc))
        offset += data.nbytes
    header = json.dumps({"format": FORMAT, "key": key, "tables": tables, "program": program,
                         "size": offset, "crc32": crc, "arrays": layout}).encode("ascii")
    head = MAGIC + b"%08x\n%016x\n" % (zlib.crc32(header), len(header)) + header
    handle.write(head + bytes(_pad(len(head))))
    for part in parts:
        handle.write(part)


def _read_header(whole) -> tuple:
    """The checked header of the entry ``whole`` and where its body starts."""
    start = len(MAGIC) + 9 + 17
    if whole[:len(MAGIC)] != MAGIC or len(whole) < start:
        raise DamagedEntry("not an entry of this format")
    try:
        crc = int(bytes(whole[len(MAGIC):len(MAGIC) + 8]), 16)
        size = int(bytes(whole[len(MAGIC) + 9:start - 1]), 16)
    except ValueError as err:
        raise DamagedEntry("a damaged header") from err
    if size > _MAX_HEADER or start + size > len(whole):
        raise DamagedEntry("a damaged header")
    raw = whole[start:start + size]
    if zlib.crc32(raw) != crc:
        raise DamagedEntry("a damaged header")
    return _header(bytes(raw)), start + size + _pad(start + size)


def entry_program(path) -> str | None:
    """The stamp of the program that wrote the entry at ``path``, or None when
    it is not an entry of this format (its header alone is read)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(MAGIC) + 26)
            size = int(head[len(MAGIC) + 9:-1], 16) if len(head) == len(MAGIC) + 26 else -1
            if not 0 <= size <= _MAX_HEADER:
                return None
            header, _ = _read_header(memoryview(head + handle.read(size)))
    except (OSError, ValueError):
        return None
    return header["program"]


def read_entry(data, *, key: str, tables: int) -> dict:
    """The arrays in the entry ``data`` (bytes, or a read-only mapping of the file).

    The arrays are read-only views of ``data``, never copies.

    Raises
    ------
    DamagedEntry
        If the entry is damaged, of another format, or not the entry of ``key``.
    """
    whole = memoryview(data)
    header, body_start = _read_header(whole)
    if header["key"] != key or header["tables"] != tables:
        raise DamagedEntry("another entry")
    body = whole[body_start:]
    if len(body) != header["size"] or zlib.crc32(body) != header["crc32"]:
        raise DamagedEntry("a damaged body")
    arrays = {}
    for name, dtype, length, offset in header["arrays"]:
        kind = _DTYPES[dtype]
        if offset % _ALIGN or offset + length * kind.itemsize > len(body):
            raise DamagedEntry("an array outside the entry")
        array = np.frombuffer(body, kind, length, offset)
        array.flags.writeable = False
        arrays[name] = array
    return arrays


def _header(raw: bytes) -> dict:
    """The header, parsed and checked field by field."""
    try:
        header = json.loads(raw)
    except (ValueError, RecursionError) as err:
        raise DamagedEntry("a damaged header") from err
    if not (isinstance(header, dict) and header.get("format") == FORMAT
            and isinstance(header.get("key"), str) and type(header.get("tables")) is int
            and isinstance(header.get("program"), str)
            and type(header.get("size")) is int and type(header.get("crc32")) is int
            and isinstance(header.get("arrays"), list)):
        raise DamagedEntry("a damaged header")
    names = set()
    for item in header["arrays"]:
        if not (isinstance(item, list) and len(item) == 4 and isinstance(item[0], str)
                and item[1] in _DTYPES and type(item[2]) is int and type(item[3]) is int
                and item[2] >= 0 and item[3] >= 0 and item[0] not in names):
            raise DamagedEntry("a damaged header")
        names.add(item[0])
    return header
