"""Ready-made imports of public formats: the options of a generic importer.

:data:`RECIPES` holds them as data (Wikipedia twin-town lists, Wikidata P190,
CORDIS, keep.eu); :func:`run_recipe` runs one. Recipes that need more than
options live in their own modules: Wikidata's labels file
(:mod:`actornet.loaders.recipe_wikidata`), CORDIS' organisations and
programme parts (:mod:`actornet.loaders.recipe_cordis`), keep.eu's workbook
(:mod:`actornet.loaders.recipe_keep`).
"""

from __future__ import annotations

from actornet.graph.errors import InputError
from actornet.loaders.import_memberships import import_memberships
from actornet.loaders.import_pairs import import_pairs

__all__ = ["RECIPES", "run_recipe", "IMPORTERS"]

#: The generic importers, by the name a recipe (or a build's source) gives.
IMPORTERS = {"pairs": import_pairs, "memberships": import_memberships}

#: Ready-made imports of public formats: the options of a generic importer.
RECIPES = {
    "twin-towns": {
        "importer": "pairs",
        "help": "Wikipedia's twin-town lists: city1,country1,city2,country2",
        "options": {"a": "city1", "b": "city2", "a_country": "country1",
                    "b_country": "country2", "kind": "city", "tie_type": "PARTNER_OF",
                    "claims": True, "evidence": "Wikipedia list of twin towns"},
    },
    "wikidata-p190": {
        "importer": "pairs",
        "help": "Wikidata P190 statements (QID<TAB>QID) and labels (QID<TAB>label)",
        "options": {"a": "1", "b": "2", "header": False, "delimiter": "\t", "ids": True,
                    "id_scheme": "wikidata", "kind": "city", "tie_type": "PARTNER_OF",
                    "claims": True, "evidence": "Wikidata P190"},
    },
    "cordis": {
        "importer": "memberships",
        "help": "CORDIS H2020 participations (rcn, role, pic, type, contribution, country, ...)",
        "options": {"member": "pic", "group": "rcn", "member_name": "name",
                    "member_city": "city", "member_country": "country", "member_kind": "type",
                    "kind_map": {"HES": "institution", "REC": "institution", "PRC": "company",
                                 "PUB": "institution", "OTH": "ngo"},
                    "role": "role", "extra": ["contribution"], "group_since": "start_year",
                    "group_until": "end_year", "group_kind": "project", "actor_id": "orgId",
                    "id_scheme": "pic", "evidence": "CORDIS H2020"},
        "themes": ("rcn", "programme_part"),
    },
    "keep": {
        "importer": "memberships",
        "help": "keep.eu partner export (;-separated, or the .xlsx workbook): a project is "
                "Programme + Acronym",
        "options": {"group": ["Programme", "Acronym"], "group_name": "Acronym",
                    "member_name": "Project Partner", "member_city": "Town",
                    "member_country": "Country", "member_kind": "Legal Status",
                    "kind_map": {"public": "institution", "private": "company",
                                 "n/a": "institution"},
                    "role": "Lead Partner", "role_map": {"yes": "lead", "no": "partner"},
                    "group_kind": "project", "evidence": "keep.eu"},
    },
}


def run_recipe(name, files, output, *, names=None, organisations=None, themes=None,
               home=None, encoding=None, gazetteer=True, **options):
    """Run the recipe ``name`` (a key of :data:`RECIPES`) on ``files``.

    ``names`` is Wikidata's label file; ``organisations`` and ``themes`` are
    CORDIS' organisation table and programme parts. Further ``options``
    (e.g. ``chunk_rows``) go to the importer.

    Returns
    -------
    ImportSummary
    """
    if name not in RECIPES:
        raise InputError(f"no recipe named {name}",
                         hint="recipes: " + ", ".join(RECIPES) + ", or pairs / memberships")
    recipe = RECIPES[name]
    options = dict(recipe["options"], home=home, encoding=encoding, gazetteer=gazetteer,
                   **options)
    if name == "wikidata-p190":
        from actornet.loaders.recipe_wikidata import run_wikidata

        return run_wikidata(files, output, names, options)
    if name == "cordis":
        from actornet.loaders.recipe_cordis import run_cordis

        return run_cordis(files, output, organisations, themes, recipe, options)
    if name == "keep":
        from actornet.loaders.recipe_keep import run_keep

        return run_keep(files, output, options)
    return IMPORTERS[recipe["importer"]](files, output, **options)
