"""The Wikidata P190 recipe: statements ``QID<TAB>QID`` named by a labels file.

The labels (``QID<TAB>label``, mostly German: "Peking", "Moskau") are
resolved through the gazetteer: a labelled item becomes its city, with the
city's id every other source gives it, ``wikidata:<QID>`` in its external
ids and the label as an alias; an item the gazetteer does not know keeps its
QID as its id.
"""

from __future__ import annotations

from actornet.graph.errors import InputError
from actornet.graph.load_report import FileCount
from actornet.loaders.import_pairs import import_pairs
from actornet.loaders.import_rows import SourceFile

__all__ = ["read_names", "run_wikidata"]


def read_names(path, *, encoding=None) -> tuple[dict, SourceFile]:
    """A headerless ``id<TAB>label`` file as a dict (Wikidata's labels)."""
    source = SourceFile(path, header=False, delimiter="\t", encoding=encoding)
    names = {}
    for frame, _ in source.chunks():
        if len(source.columns) < 2:
            raise InputError("the labels file has one column; it needs id<TAB>label",
                             file=source.file)
        for ident, label in zip(frame["1"].tolist(), frame["2"].tolist()):
            if ident and label:
                names[ident] = label
    return names, source


def run_wikidata(files, output, names, options):
    """Import P190 ``files`` named by the labels file ``names``."""
    if names is None:
        raise InputError("wikidata-p190 needs the labels file after the relations file")
    labels, source = read_names(names, encoding=options.get("encoding"))
    summary = import_pairs(files, output, names=labels, **options)
    count = summary.files.setdefault(source.file, FileCount(source.file))
    count.read += source.rows_read
    count.kept += source.rows_read - len(source.problems)
    count.rejected += len(source.problems)
    summary.problems.extend(source.problems)
    return summary
