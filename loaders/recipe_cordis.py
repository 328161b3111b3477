"""The CORDIS recipe: participations, named by the organisations table, themed
by the programme parts.

PICs stay text ids (``pic:<PIC>`` kept in ``external_ids``); an
organisation the organisations table does not name is called "unnamed
organisation (PIC 999992401, FR)". The projects' themes are written in one
place: :func:`project_themes` (the programme parts, joined by ``rcn``), and
named in words by the programme parts' labels that ship with actornet
(:mod:`actornet.loaders.programme_parts`): the folder's ``themes.csv`` is
written with the rest of it, whole or not at all.
"""

from __future__ import annotations

from actornet.loaders.import_memberships import import_memberships
from actornet.loaders.programme_parts import programme_theme_rows

__all__ = ["run_cordis", "project_themes"]


def project_themes(themes, recipe):
    """The ``group_themes`` option: (file, id column, theme column), or None."""
    return None if themes is None else (themes, *recipe["themes"])


def run_cordis(files, output, organisations, themes, recipe, options):
    """Import CORDIS participations ``files``."""
    options = dict(options)
    if organisations is not None:
        options["actors"] = organisations
    else:
        for key in ("actor_id", "member_name", "member_city"):
            options.pop(key)
    options["group_themes"] = project_themes(themes, recipe)
    if themes is not None:
        options["theme_table"] = programme_theme_rows
    return import_memberships(files, output, **options)
