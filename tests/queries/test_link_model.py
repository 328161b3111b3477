"""The recommender that learns from the network's past: it fits when the past
holds enough new collaborations, falls back to the fixed weights (and says
so) when it does not, and every learned row says in words what carried it."""

from __future__ import annotations

import re

import numpy as np
import pytest

from actornet.graph.generate import generated_network
from actornet.queries.link_features import ACTOR_FEATURES, PAIR_FEATURES
from actornet.queries.link_model import MIN_POSITIVES, LinkModel, _fit
from actornet.queries.recommend import Recommender


@pytest.fixture(scope="module")
def small():
    return generated_network(300, 1500, seed=1)


@pytest.fixture(scope="module")
def large():
    net = generated_network(2000, 10000, seed=1)
    return net, Recommender(net)


def test_too_small_a_past_keeps_the_fixed_weights_and_says_so(small):
    city = small.partnerships()[0]["city"]
    learned = Recommender(small).recommend("climate", city, k=5)
    fixed = Recommender(small, learn=False).recommend("climate", city, k=5)
    assert any(n.startswith("Fixed weights:") and "too few to learn from" in n
               for n in learned.notes)
    for table in ("introductions", "bring_in", "counterparts"):
        assert getattr(learned, table).equals(getattr(fixed, table))
    assert not any("learned" in n for n in fixed.notes)


def test_a_large_enough_past_is_learned_from(large):
    _, ask = large
    models = ask.fit()
    for model in (models.pairs, models.actors):
        assert model.fitted and model.positives >= MIN_POSITIVES
        assert model.note.startswith("Scores learned from the network's past")
    assert models.pairs.features == list(PAIR_FEATURES)
    assert models.actors.features == list(ACTOR_FEATURES)


def test_learned_rows_keep_evidence_path_and_why_in_names(large):
    net, ask = large
    city = net.partnerships()[0]["city"]
    answer = ask.recommend("climate", city, k=5)
    assert any(n.startswith("Scores learned") for n in answer.notes)
    table = answer.introductions
    assert len(table) == 5 and list(table["rank"]) == [1, 2, 3, 4, 5]
    assert table["score"].is_monotonic_decreasing
    G = net.graph
    for row in table.itertuples():
        assert not G.has_edge(row.home_actor, row.partner_actor)
        assert not G.has_edge(row.partner_actor, row.home_actor)
        assert row.path[0] == row.home_actor and row.path[-1] == row.partner_actor
        assert len(row.steps) == len(row.path) - 1
        assert "Foreseen mostly by " in row.why
        # Names, never ids.
        for actor in (row.home_actor, row.partner_actor):
            assert re.search(rf"\b{re.escape(actor)}\b", row.why) is None
        assert G.nodes[row.home_actor]["name"] in row.why
    for side in (answer.bring_in, answer.counterparts):
        assert len(side) == 5
        assert side["why"].str.contains("Foreseen mostly by ").any()


def test_explicit_weights_are_the_fixed_weights(large):
    net, ask = large
    city = net.partnerships()[0]["city"]
    chosen = {"adamic_adar": 1.0, "resource_allocation": 1.0, "theme": 1.0, "bridging": 0.5}
    given = ask.recommend("climate", city, k=3, weights=chosen).introductions
    fixed = Recommender(net, learn=False).recommend("climate", city, k=3).introductions
    assert given.equals(fixed)


def test_carried_names_the_features_that_raised_the_score():
    # y is 1 exactly when the first feature is high: that feature carries it.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 3)).astype(np.float32)
    y = X[:, 0] > 0.5
    model = _fit(X, y, ["a", "b", "c"], [(2010, 2012)], "collaborations")
    assert isinstance(model, LinkModel) and model.fitted
    top = model.carried(np.array([[2.0, 0.0, 0.0]]), np.zeros(3))[0]
    assert top[0][0] == "a" and top[0][1] > 0
    assert model.carried(np.zeros((1, 3)), np.zeros(3)) == [[]]


def test_too_few_positives_fit_nothing():
    X = np.zeros((100, 2), np.float32)
    y = np.zeros(100, bool)
    y[:MIN_POSITIVES - 1] = True
    model = _fit(X, y, ["a", "b"], [(2010, 2012)], "collaborations")
    assert not model.fitted
    assert f"{MIN_POSITIVES - 1} new collaborations" in model.note
    assert "(2010 to 2012)" in model.note


def _learned(net):
    from actornet.queries.activity import home_partnerships
    from actornet.queries.recommend_learned import learned_from_past

    home, partnerships = home_partnerships(net)
    partners = {p["city"] for p in partnerships}
    return learned_from_past(net, None, home, partners, {}), home, partners


def test_a_model_kept_as_data_scores_bit_for_bit_as_fitted(large):
    net, _ = large
    learned, _, _ = _learned(net)
    rng = np.random.default_rng(7)
    for model in (learned.models.pairs, learned.models.actors):
        assert model.fitted
        meta, arrays = model.to_data()
        assert all(a.dtype == np.float64 and a.ndim == 1 for a in arrays.values())
        back = LinkModel.from_data(meta, arrays)
        assert type(back.estimator).__name__ == "LogisticScores"
        assert (back.features, back.note, back.windows, back.positives, back.rows) == \
            (model.features, model.note, model.windows, model.positives, model.rows)
        X = (rng.standard_normal((4000, len(model.features))) * 3 + 1).astype(np.float32)
        ours, theirs = back.score(X), model.score(X)
        assert ours.dtype == theirs.dtype
        assert np.array_equal(ours, theirs)
        reference = np.median(X, axis=0)
        assert back.carried(X[:40], reference) == model.carried(X[:40], reference)
        # Read back again: the same data.
        again_meta, again_arrays = back.to_data()
        assert again_meta == meta
        assert all(np.array_equal(again_arrays[n], arrays[n]) for n in arrays)


def test_an_unfitted_model_is_kept_as_data_too(small):
    learned, _, _ = _learned(small)
    model = learned.models.pairs
    assert not model.fitted
    back = LinkModel.from_data(*model.to_data())
    assert not back.fitted and back.note == model.note and back.features == model.features


@pytest.mark.parametrize("spoil", ["features", "dtype", "length", "nan", "window"])
def test_data_that_is_not_a_model_is_refused(large, spoil):
    net, _ = large
    meta, arrays = _learned(net)[0].models.pairs.to_data()
    meta = {**meta, "dtypes": dict(meta["dtypes"])}
    arrays = dict(arrays)
    if spoil == "features":
        meta["features"] = "pairs"
    elif spoil == "dtype":
        meta["dtypes"]["coef"] = "|O"
    elif spoil == "length":
        arrays["mean"] = arrays["mean"][:-1]
    elif spoil == "nan":
        arrays["scale"] = np.full_like(arrays["scale"], np.nan)
    else:
        meta["windows"] = [[2020]]
    with pytest.raises(ValueError, match="not a link model's data"):
        LinkModel.from_data(meta, arrays)


def test_learned_models_are_adopted_by_the_same_network_read_again(large, monkeypatch):
    from actornet.queries import recommend_learned
    from actornet.queries.recommend_learned import adopt_learned, learned_data

    net, _ = large
    learned, home, partners = _learned(net)
    meta, arrays = learned_data(net)
    again = generated_network(2000, 10000, seed=1)
    assert adopt_learned(again, meta, arrays) == len(meta["learned"]) >= 1
    city = sorted(partners)[0]
    theme = next(iter(net.themes)).id
    fresh = Recommender(net).recommend(theme, city, k=8)

    def refit(*args, **kwargs):
        raise AssertionError("adopted models are not fitted again")

    monkeypatch.setattr(recommend_learned, "fit_pair_model", refit)
    monkeypatch.setattr(recommend_learned, "fit_actor_model", refit)
    adopted = Recommender(again).recommend(theme, city, k=8)
    assert adopted.notes == fresh.notes
    for table in ("introductions", "bring_in", "counterparts"):
        assert getattr(adopted, table).equals(getattr(fresh, table))
    with pytest.raises(ValueError, match="not learned models' data"):
        adopt_learned(again, {"learned": [{"as_of": "x"}]}, {})
