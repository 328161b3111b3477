"""The importers on the real files in ../shared/real (skipped when absent).

These check the issue's "done when" on the real data; the files are never
copied into the project.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from actornet.loaders import read_network
from actornet.loaders.imports import run_recipe

# ../shared/real beside the checkout (CI lays a copy of shared/ there)
REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"

pytestmark = pytest.mark.skipif(not (REAL / "twin_towns").is_dir(),
                                reason="../shared/real (third-party data) is not beside the checkout")


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    out = tmp_path_factory.mktemp("real") / "twins"
    summary = run_recipe("twin-towns", [REAL / "twin_towns" / "twin_cities_excerpt.csv"], out)
    return summary, read_network(out).with_home("Berlin")


def test_real_twin_towns_balance(twins):
    summary, _ = twins
    assert summary.balanced and summary.files["twin_cities_excerpt.csv"].read == 6830


def test_real_berlin_partners_are_one_row_per_city(twins):
    _, net = twins
    names = [p["name"] for p in net.partnerships()]
    assert names.count("London") == 1 and len(names) == len(set(names))


def test_real_one_sided_claims_are_marked(twins):
    _, net = twins
    assert any(p["claimed_by"] for p in net.partnerships())



def test_real_keep_dedupe_proposes_the_tu_berlin_variants(tmp_path):
    from actornet.graph.resolve import duplicate_candidates

    run_recipe("keep", [REAL / "keep_interreg" / "keep_partnership_excerpt.csv"], tmp_path / "k")
    table = duplicate_candidates(read_network(tmp_path / "k"))
    pairs = {frozenset((r.name_a, r.name_b)) for r in table.itertuples()}
    assert frozenset(("TU Berlin", "Technical University of Berlin")) in pairs
