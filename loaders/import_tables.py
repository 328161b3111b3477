"""Side tables an import joins: an actor table by id, groups' names and themes.

CORDIS names its organisations in a second file (joined to the participations
by PIC); municipal networks write their full names in another file than their
members; CORDIS' programme parts are the projects' themes. Each row of such
a table is counted (read = kept + rejected): a row that names no group of
the membership table is rejected with its line.
"""

from __future__ import annotations

from actornet.graph.errors import InputError
from actornet.loaders.import_network import display_name
from actornet.loaders.import_rows import SourceFile, blank_missing, find_column
from actornet.loaders.import_summary import FileSink

__all__ = ["ActorTable", "join_group_themes", "join_group_names"]


class ActorTable:
    """An actor table held by id (only its rows with an id, each id once)."""

    def __init__(self, path, id_column, summary, *, encoding=None):
        source = SourceFile(path, encoding=encoding)
        self.file, self.columns = source.file, source.columns
        key = find_column(source.columns, id_column, "--actor-id", file=source.file)
        sink = FileSink(summary, source.file)
        self.rows: dict[str, dict] = {}
        for frame, lines in source.chunks():
            for values, line in zip(frame.to_dict("records"), lines.tolist()):
                sink.line = line
                ident = values.get(key)
                if not ident:
                    sink.reject(key, f"{key} is empty", "every actor row needs its id")
                elif ident in self.rows:
                    sink.reject(key, "duplicate id in the actor table", "list each actor once")
                else:
                    self.rows[ident] = values
                    sink.keep()
        sink.take(source)

    def column(self, name):
        """The table's column an option names, or None."""
        return find_column(self.columns, name, "", file=self.file, required=False)

    def get(self, ident):
        return self.rows.get(ident)


def _side_table(net, summary, path, id_column, value_column, option, encoding):
    source = SourceFile(path, encoding=encoding)
    key = find_column(source.columns, id_column, option, file=source.file)
    value = find_column(source.columns, value_column, option, file=source.file)
    sink = FileSink(summary, source.file)
    for frame, lines in source.chunks():
        texts = blank_missing(frame[value]).tolist()
        for group_id, text, line in zip(frame[key].tolist(), texts, lines.tolist()):
            sink.line = line
            group = net.groups.get(group_id)
            if group is None or not text:
                sink.reject(key, "names no group of the membership table" if group is None
                            else f"{value} is empty", "the table is joined to the groups by id")
                continue
            yield group, text
            sink.keep()
    sink.take(source)


def join_group_themes(net, summary, path, id_column, theme_column, *, encoding=None):
    """Add the themes of a ``group id, theme`` table to the groups."""
    for group, theme in _side_table(net, summary, path, id_column, theme_column, "--themes",
                                    encoding):
        themes = group.setdefault("themes", [])
        if theme not in themes:
            themes.append(theme)


def join_group_names(net, summary, path, id_column, name_column, *, encoding=None):
    """Name the groups by a ``group id, full name`` table (the id stays an alias)."""
    if id_column is None or name_column is None:
        raise InputError("--groups needs --group-id and --group-name")
    for group, name in _side_table(net, summary, path, id_column, name_column, "--groups",
                                   encoding):
        shown = display_name(name)
        if shown and shown != group["name"]:
            aliases = group.setdefault("aliases", [])
            if group["name"] not in aliases:
                aliases.append(group["name"])
            group["name"] = shown
