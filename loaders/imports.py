"""Import real sources into a network folder: pair lists and membership tables.

Two generic importers cover the shapes real sources come in:

* :func:`import_pairs`: a list of pairs (twin towns, cooperations), one row
  per pair, the two ends by id or by name and country;
* :func:`import_memberships`: a long table of member x group rows
  (organisation x project, city x network), optionally joined to an actor
  table by id and to tables of the groups' names and themes.

Ready-made recipes for public formats (:data:`RECIPES`: Wikipedia twin-town
lists, Wikidata P190, CORDIS, keep.eu) are data: the options of one of the two
importers. Each import writes a network folder (``actors.csv``, ``ties.csv``,
``projects.csv``, ``network.toml``) that every other command reads, and
returns an :class:`ImportSummary`: per file rows read = kept + duplicates +
rejected, every rejected row and every value left empty with file, line,
column and reason (never the cell's value: names may be personal data).

Names are normalised as they are read: invisible characters are dropped, a
country cell becomes its ISO 3166 code ("England", ``UK`` -> ``GB``; CORDIS'
``EL`` -> ``GR``), a town is resolved against the GeoNames gazetteer (one
city, one id, whatever the spelling: "Warschau" is Warsaw; see
:mod:`actornet.graph.gazetteer`), an all-capitals name ("BERLIN") is
written in title case.

This module gathers the public names; the work is done in
:mod:`~actornet.loaders.import_rows` (reading in chunks),
:mod:`~actornet.loaders.import_pairs`, :mod:`~actornet.loaders.import_memberships`,
:mod:`~actornet.loaders.import_network` (the network and the folder written),
:mod:`~actornet.loaders.recipes` and the recipe modules.
"""

from __future__ import annotations

from actornet.loaders.import_memberships import import_memberships
from actornet.loaders.import_network import write_settings
from actornet.loaders.import_pairs import import_pairs
from actornet.loaders.import_rows import SourceFile
from actornet.loaders.import_summary import ImportSummary
from actornet.loaders.recipe_wikidata import read_names
from actornet.loaders.recipes import RECIPES, run_recipe

__all__ = ["ImportSummary", "import_pairs", "import_memberships", "run_recipe", "RECIPES",
           "SourceFile", "read_names", "write_settings"]
