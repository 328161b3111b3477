"""``import pairs``: a list of pairs (twin towns, cooperations) into a network folder.

One row per pair, the two ends by name and country (a city is resolved
through the gazetteer) or by id. The file is read in chunks into columns
(:mod:`actornet.loaders.import_rows`); a row that repeats an earlier one
cell for cell is counted as a duplicate, not kept again; each distinct town,
country and year is worked out once. Memory grows with the pairs kept, not
with the file.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from actornet.graph.errors import InputError, SchemaError
from actornet.graph.names import slug
from actornet.graph.schema import Kind, TieType, parse_kind, parse_tie_type
from actornet.loaders.import_network import ImportedNetwork, Places, display_name
from actornet.loaders.import_rows import CHUNK_ROWS, SourceFile, find_column
from actornet.loaders.import_summary import FileSink, ImportSummary
from actornet.loaders.import_values import coordinates, countries, group_rows, years

__all__ = ["import_pairs", "parse_kind_option", "RowFilter"]


def parse_kind_option(text, option="--kind") -> Kind:
    """A kind given on the command line, or an error naming the option."""
    try:
        return parse_kind(text)
    except SchemaError as err:
        raise InputError(f"{option}: {err}") from err


class RowFilter:
    """Rows seen before, cell for cell: counted as duplicates, never kept twice.

    Remembers a 64-bit hash per distinct row (memory grows with the distinct
    rows, not with the file).
    """

    def __init__(self):
        self.seen: set[int] = set()

    def new(self, frame: pd.DataFrame) -> np.ndarray:
        """A mask of the rows of ``frame`` not seen before (in it or earlier)."""
        if frame.empty:
            return np.zeros(0, dtype=bool)
        hashes = pd.util.hash_pandas_object(frame, index=False).to_numpy()
        fresh = ~pd.Series(hashes).duplicated().to_numpy()
        seen = self.seen
        if seen:  # only the chunk's distinct rows are looked up
            at = np.flatnonzero(fresh)
            fresh[at] = np.fromiter((h not in seen for h in hashes[at].tolist()), dtype=bool,
                                    count=len(at))
        seen.update(hashes[fresh].tolist())
        return fresh


def import_pairs(files, output, *, a, b, a_country=None, b_country=None, a_lat=None,
                 a_lon=None, b_lat=None, b_lon=None, since=None, until=None, kind="city",
                 tie_type="PARTNER_OF", delimiter=None, header=True, ids=False, names=None,
                 id_scheme=None, claims=False, evidence=None, home=None, encoding=None,
                 gazetteer=True, chunk_rows=CHUNK_ROWS) -> ImportSummary:
    """Import lists of pairs (twin towns by default) into the folder ``output``.

    Parameters
    ----------
    files : list of path-like
        Delimited text files (gzipped or not), one pair per row.
    output : path-like
        The network folder to write (created if needed).
    a, b : str
        The columns of the two ends (``1``, ``2`` without a header).
    a_country, b_country : str, optional
        Columns of the ends' countries (names or codes; stored as ISO 3166
        alpha-2).
    a_lat, a_lon, b_lat, b_lon : str, optional
        Columns of the ends' coordinates (decimal degrees, a decimal comma
        accepted): a city's coordinates pick the nearest gazetteer city and
        override a country they contradict.
    since, until : str, optional
        Columns of the years; a bad year is left empty with a warning.
    kind : str
        The kind of both ends (default city).
    tie_type : str
        The tie type (default PARTNER_OF). Pairs of a symmetric type are
        undirected: A,B and B,A are one tie.
    ids : bool
        The ends are ids (Wikidata QIDs); ``names`` maps them to names.
    names : dict, optional
        id -> name, for ``ids``.
    id_scheme : str, optional
        With ``ids``, the scheme of the ids (``wikidata``): each end keeps
        ``scheme:id`` in its ``external_ids``.
    claims : bool
        Each row is a claim by its ``a`` side: a pair only one side lists is
        kept and its ``claimed_by`` names that side.
    evidence, home : str, optional
        Written to every row's ``evidence``; the home city.
    gazetteer : bool
        Resolve cities against the gazetteer (default); False keeps every
        town as written.

    Returns
    -------
    ImportSummary
    """
    kind = parse_kind_option(kind)
    try:
        tie_type = parse_tie_type(tie_type)
    except SchemaError as err:
        raise InputError(f"--type: {err}") from err
    if tie_type.sources != tie_type.targets or kind not in tie_type.sources:
        raise InputError(f"--type: a {tie_type.value} tie cannot join two of kind {kind.value}",
                         hint="pairs join two actors of one kind, e.g. cities with PARTNER_OF")
    summary = ImportSummary(Path(output))
    net = ImportedNetwork(evidence)
    ends = _Ends(net, summary, kind, ids=ids, names=names or {}, id_scheme=id_scheme,
                 gazetteer=gazetteer)
    options = {"a": a, "b": b, "a_country": a_country, "b_country": b_country, "a_lat": a_lat,
               "a_lon": a_lon, "b_lat": b_lat, "b_lon": b_lon, "since": since, "until": until}
    frames, rows = [], RowFilter()
    for path in files:
        source = SourceFile(path, delimiter=delimiter, header=header, encoding=encoding,
                            chunk_rows=chunk_rows)
        cols = {opt: find_column(source.columns, name, "--" + opt.replace("_", "-"),
                                 file=source.file) for opt, name in options.items()}
        sink = FileSink(summary, source.file)
        for frame, lines in source.chunks():
            frames.append(_chunk(frame, lines, cols, ends, sink, rows))
        sink.take(source)
    frames = _fold_same_places(frames, ends)
    ties = _ties(frames, tie_type, ends, claims=claims, evidence=evidence, summary=summary)
    source = ", ".join(Path(f).name for f in files)
    net.write(output, ties, home=home, source=source, summary=summary)
    return summary.finish()


class _Ends:
    """The ends of pairs as actor ids, each distinct end worked out once."""

    def __init__(self, net, summary, kind, *, ids, names, id_scheme, gazetteer):
        self.net, self.summary, self.kind = net, summary, kind
        self.ids, self.names, self.scheme = ids, names, id_scheme
        self.places = Places(net, summary, gazetteer=gazetteer)
        #: each distinct end (name, country, coordinates) -> its actor's number;
        #: the actors' ids by number (ends are numbers until the ties are written)
        self._known = pd.Index([], dtype=object)
        self._numbers = np.empty(0, dtype=np.int64)
        self.id_list: list[str] = []
        self._number: dict[str, int] = {}
        self.by_id, self.later = {}, {}
        if ids and kind is Kind.CITY and gazetteer:
            self.by_id, self.later = _places_of_ids(names)

    def number(self, ident) -> int:
        """The number of the actor ``ident`` (-1 for None)."""
        if ident is None:
            return -1
        found = self._number.get(ident)
        if found is None:
            found = self._number[ident] = len(self.id_list)
            self.id_list.append(ident)
        return found

    def ids_of(self, text, code, lat, lon) -> np.ndarray:
        """The number of each row's end's actor (added to the network if new; -1
        for an end with no name): each distinct end (name, country,
        coordinates) is worked out once, in all; rows are grouped in columns."""
        if not len(text):
            return np.empty(0, dtype=np.int64)
        located = not pd.isna(lat).all()
        local, first = group_rows(*((text, code, lat, lon) if located else (text, code)))
        # one text per distinct end: name, country (\x1e: none), coordinates
        keys = text[first].astype(object) + "\x1f" + np.where(
            code[first] == None, "\x1e", code[first])  # noqa: E711
        if located:
            keys = keys + "\x1f" + np.array([f"{a},{b}" for a, b in zip(lat[first], lon[first])],
                                            dtype=object)
        pos = self._known.get_indexer(keys) if len(self._known) else np.full(len(keys), -1)
        miss = np.flatnonzero(pos < 0)
        if len(miss):
            rows = first[miss]
            self._numbers = np.concatenate([self._numbers, np.array(
                [self.number(self.one(text[r], code[r], lat[r], lon[r])) for r in rows.tolist()],
                dtype=np.int64)])
            pos[miss] = np.arange(len(self._known), len(self._known) + len(miss))
            self._known = self._known.append(pd.Index(keys[miss], dtype=object))
        return self._numbers[pos][local]

    def actor_ids(self, numbers) -> np.ndarray:
        """The actor ids of ``numbers``."""
        return np.asarray(self.id_list, dtype=object)[numbers]

    def one(self, text, code, lat, lon):
        net, kind = self.net, self.kind
        if self.ids:
            name = display_name(self.names.get(text)) if self.names.get(text) else None
            external = [f"{self.scheme}:{text}"] if self.scheme else []
            label = self.by_id.get(text)
            if label is None:
                self.summary.named_by_id += name is None and not net.known(text)
                if name is not None and kind is Kind.CITY and self.places.gazetteer \
                        and text not in self.later:
                    self.places.unresolved(name, code)
                net.actor(text, kind.value, name or text, country=code, external_ids=external)
                return text
            ident = self.places.city(label)
            net.actor(ident, kind.value, name, external_ids=external)
            return ident
        if kind is Kind.CITY:
            return self.places.city(text, code, lat, lon)
        shown = display_name(text)
        ident = net.free_id(slug(shown) + (f"_{code.lower()}" if code else ""), kind.value)
        net.actor(ident, kind.value, shown, country=code)
        return ident


def _places_of_ids(names) -> tuple[dict, dict]:
    """id -> its label, for the labelled ids the gazetteer resolves. When
    several ids name one place ("Alexandria" in Egypt and in Virginia), only
    the first id (numbers compared as numbers: the best-known item) gets it;
    the others are returned apart (id -> label), for :func:`_fold_same_places`."""
    from actornet.graph.gazetteer import find_place

    def order(ident):
        digits = "".join(c for c in ident if c.isdigit())
        return (int(digits) if digits else float("inf"), ident)

    taken, out, later = set(), {}, {}
    for ident in sorted(names, key=order):
        shown = display_name(names[ident])
        place = find_place(shown) if shown else None
        if place is not None and place.geonameid not in taken:
            taken.add(place.geonameid)
            out[ident] = shown
        elif place is not None:
            later[ident] = shown
    return out, later


def _fold_same_places(frames, ends) -> list:
    """``frames`` with each later id of a place (see :func:`_places_of_ids`) that
    shares a partner with the place's city, or whose place no row names, made
    that city: Wikidata's municipality and region of Brussels, both "Brüssel",
    both Berlin's partners, are one partner city, while two Alexandrias
    twinned with different cities stay two (a city does not twin with two
    places of one name, nor a place with itself)."""
    net = ends.net
    later = [x for x in sorted(ends.later) if x in net.actors]
    if not later or not frames:
        return frames
    u = ends.actor_ids(np.concatenate([f["source"].to_numpy(dtype=np.int64) for f in frames]))
    v = ends.actor_ids(np.concatenate([f["target"].to_numpy(dtype=np.int64) for f in frames]))
    near = {}
    for a, b in zip(u.tolist(), v.tolist()):
        near.setdefault(a, set()).add(b)
        near.setdefault(b, set()).add(a)
    mapping = {}
    for ident in later:
        city = ends.places.city(ends.later[ident])
        mine, its = near.get(ident, set()), near.get(city, set())
        if city is None or city == ident or city in mine:
            continue
        if its and mine.isdisjoint(its):
            continue
        mapping[ident] = city
        row = net.actors.pop(ident)
        net.actor(city, Kind.CITY.value, row["name"], external_ids=row.get("external_ids", []))
    if not mapping:
        return frames
    renumber = np.arange(len(ends.id_list) + len(mapping), dtype=np.int64)
    for ident, city in mapping.items():
        renumber[ends.number(ident)] = ends.number(city)
    return [f.assign(source=renumber[f["source"].to_numpy(dtype=np.int64)],
                     target=renumber[f["target"].to_numpy(dtype=np.int64)]) for f in frames]


def _side(frame, lines, cols, side, sink):
    text = frame[cols[side]].to_numpy()
    n = len(text)
    none = np.full(n, None, dtype=object)
    column = cols[side + "_country"]
    code = countries(frame[column].to_numpy(), lines, column, sink) if column else none
    lat, lon = coordinates(*(frame[cols[side + k]].to_numpy() if cols[side + k] else None
                             for k in ("_lat", "_lon")), lines,
                           (cols[side + "_lat"], cols[side + "_lon"]), sink)
    if lat is None:
        lat, lon = none, none
    return text, code, lat, lon


def _chunk(frame, lines, cols, ends, sink, rows) -> pd.DataFrame:
    used = sorted({c for c in cols.values() if c is not None}, key=list(frame.columns).index)
    fresh = rows.new(frame[used])
    sink.duplicate(int((~fresh).sum()))
    frame, lines = frame[fresh].reset_index(drop=True), lines[fresh]
    for side in ("a", "b"):
        empty = frame[cols[side]].to_numpy() == ""
        if empty.any():
            sink.reject_lines(lines[empty], cols[side], f"{cols[side]} is empty",
                              "every row names two ends")
            frame, lines = frame[~empty].reset_index(drop=True), lines[~empty]
    named = [_side(frame, lines, cols, side, sink) for side in ("a", "b")]
    ends.net.staging = True  # an end only a rejected row names is no actor
    try:
        u, v = (ends.ids_of(*values) for values in named)
    finally:
        ends.net.staging = False
    missing = (u < 0) | (v < 0)
    if missing.any():  # a name with no letter or digit (invisible characters only)
        sink.reject_lines(lines[missing], cols["a"], "an end's name has no letter or digit",
                          "every row names two ends")
    same = ~missing & (u == v)
    if same.any():
        sink.reject_lines(lines[same], cols["b"], "both ends are the same actor",
                          "remove the row")
    keep = ~(missing | same)
    ends.net.commit(ends.actor_ids(np.union1d(u[keep], v[keep])).tolist())
    sink.keep(int(keep.sum()))
    out = pd.DataFrame({"source": u[keep], "target": v[keep]})  # actor numbers
    for key in ("since", "until"):
        column = cols[key]
        out[key] = pd.array(years(frame[column].to_numpy(), lines, column, sink)[keep]
                            if column else [None] * int(keep.sum()), dtype="Int64")
    return out


def _ties(frames, tie_type, ends, *, claims, evidence, summary) -> pd.DataFrame:
    """One tie per pair (either way round, for a symmetric type): the earliest
    since, the latest until; ``claimed_by`` names the one side that lists a
    pair (with ``claims``). The frames' ends are actor numbers (grouped as
    integers), written as the actors' ids."""
    frames = [f for f in frames if len(f)]
    columns = ["source", "target", "type", "since", "until", "evidence"]
    if not frames:
        return pd.DataFrame(columns=columns + (["claimed_by"] if claims else []))
    rows = pd.concat(frames, ignore_index=True)
    u = rows["source"].to_numpy(dtype=np.int64)
    v = rows["target"].to_numpy(dtype=np.int64)
    if tie_type.symmetric:
        first, second = np.minimum(u, v), np.maximum(u, v)
    else:
        first, second = u, v
    rows["_pair"] = first * (len(ends.id_list) + 1) + second
    grouped = rows.groupby("_pair", sort=False)
    ties = grouped.agg(source=("source", "first"), target=("target", "first"),
                       since=("since", "min"), until=("until", "max"),
                       sides=("source", "nunique"), side=("source", "first"))
    ties = ties.reset_index(drop=True)
    for column in ("source", "target", "side"):
        ties[column] = pd.Series(ends.actor_ids(ties[column].to_numpy(dtype=np.int64)), dtype=object)
    ties.insert(2, "type", tie_type.value)
    ties["evidence"] = evidence
    if claims and tie_type.symmetric:
        one = ties["sides"].to_numpy() == 1
        ties["claimed_by"] = pd.Series(np.where(one, ties["side"].to_numpy(), ""), dtype=object,
                                       index=ties.index)
        summary.one_sided = int(one.sum())
        columns.append("claimed_by")
    ties = ties[columns]
    return ties.dropna(axis=1, how="all") if evidence is None else ties
