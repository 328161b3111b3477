"""What the recommender learns from is read without laying out big grids:
the examples equal those of the dense reference (every pair feature of the
two cities as a grid, the negatives drawn from every untied pair), array
for array, and each shortcut equals the plain computation it replaces."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from actornet.graph.generate import generated_network
from actornet.queries.activity import home_partnerships
from actornet.queries.link_features import PAIR_FEATURES, Grid, actor_table, pair_grid
from actornet.queries.link_history import Past
from actornet.queries.link_model import (_chosen, _chosen_flat, _sample, _windows,
                                         actor_examples, pair_examples)


def reference_pair_examples(past, year, city_pairs, sides, *, seed=0):
    """The examples as the recommender drew them before: the whole grid of
    features (``pair_grid``), the tied pairs as a dense block of the linked
    matrix, and the negatives picked from every untied pair."""
    rng = np.random.default_rng(seed)
    X_parts, y_parts = [], []
    for start, end in _windows(past, year):
        hist = past.as_of(start)
        active = hist.active()
        for a, b in city_pairs:
            side_a, side_b = sides(a), sides(b)
            H, P = np.flatnonzero(side_a & active), np.flatnonzero(side_b & active)
            if H.size == 0 or P.size == 0:
                continue
            outcome = past.first_shared(start, end, rows=H, cols=P)
            for theme, rows in outcome.groupby("theme"):
                X, _ = pair_grid(hist, theme, H, P, side_a, side_b)
                tied = hist.linked[H][:, P].toarray() > 0
                y = np.zeros(tied.shape, bool)
                y[np.searchsorted(H, rows["source"].to_numpy()),
                  np.searchsorted(P, rows["target"].to_numpy())] = True
                chosen, labels = _chosen(y.ravel(), ~tied.ravel(), rng)
                X_parts.append(X.reshape(-1, len(PAIR_FEATURES))[chosen])
                y_parts.append(labels)
    return np.vstack(X_parts), np.concatenate(y_parts)


def reference_actor_examples(past, year, city_pairs, sides, *, seed=0):
    """The actor examples with each theme's outcome as the product of the
    two sides' memberships, as before."""
    rng = np.random.default_rng(seed)
    X_parts, y_parts = [], []
    for start, end in _windows(past, year):
        hist = past.as_of(start)
        active = hist.active()
        B = past._incidence(past._window(start, end))
        for a, b in city_pairs:
            for here, there in ((a, b), (b, a)):
                A, T = np.flatnonzero(sides(here) & active), np.flatnonzero(sides(there))
                if A.size == 0 or T.size == 0:
                    continue
                for t, theme in enumerate(past.themes):
                    Bt = B[:, past._group_themes[:, t].toarray().ravel() > 0]
                    y = np.asarray((Bt[A] @ Bt[T].T).sum(axis=1)).ravel() > 0
                    if y.any():
                        _sample(actor_table(hist, theme, A, sides(there)), y,
                                np.ones(len(y), bool), rng, X_parts, y_parts)
    return np.vstack(X_parts), np.concatenate(y_parts)


def learning_setup(net):
    past = Past(net)
    seats = net.cities()
    home, partnerships = home_partnerships(net)
    cities = [home] + sorted(p["city"] for p in partnerships)
    pairs = [(home, c) for c in cities[1:]] + list(zip(cities[1:], cities[2:]))

    def sides(city):
        return np.array([seats.get(a) == city for a in past.actors], bool)

    return past, pairs, sides


@pytest.fixture(scope="module", params=[(1, 0), (2, 3), (5, 0)], ids=lambda p: f"seed{p[0]}-hubs{p[1]}")
def setup(request):
    seed, hubs = request.param
    return learning_setup(generated_network(1500, 9000, hubs=hubs, seed=seed))


@pytest.mark.parametrize("year", [None, 2022])
def test_pair_examples_equal_the_dense_reference(setup, year):
    past, pairs, sides = setup
    X, y, _ = pair_examples(past, year, pairs, sides, seed=4)
    X_ref, y_ref = reference_pair_examples(past, year, pairs, sides, seed=4)
    assert y.sum() > 10 and len(y) > y.sum()  # positives and negatives to compare
    assert X.dtype == X_ref.dtype and np.array_equal(y, y_ref)
    assert X.tobytes() == X_ref.tobytes()


@pytest.mark.parametrize("year", [None, 2022])
def test_actor_examples_equal_the_reference(setup, year):
    past, pairs, sides = setup
    X, y, _ = actor_examples(past, year, pairs, sides, seed=4)
    X_ref, y_ref = reference_actor_examples(past, year, pairs, sides, seed=4)
    assert y.any() and not y.all()
    assert np.array_equal(y, y_ref) and X.tobytes() == X_ref.tobytes()


@pytest.mark.parametrize("seed", range(40))
def test_negatives_are_drawn_as_from_every_untied_pair(seed):
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 400))
    candidate = rng.random(size) < rng.random()
    y = rng.random(size) < rng.random() * 0.2
    positives = np.flatnonzero(y & candidate)
    excluded = np.flatnonzero(~candidate | y)
    got = _chosen_flat(positives, excluded, size, np.random.default_rng(seed + 100))
    want = _chosen(y, candidate, np.random.default_rng(seed + 100))
    assert [g.tolist() for g in got] == [w.tolist() for w in want]


def test_a_sparse_grid_reads_as_its_dense_grid():
    rng = np.random.default_rng(7)
    dense = np.where(rng.random((30, 40)) < 0.1, rng.integers(1, 9, (30, 40)), 0).astype(float)
    for then in (None, np.log1p, lambda x: np.asarray(x) > 0):
        grid = Grid(sparse.csr_matrix(dense), then=then)
        want = dense if then is None else then(dense)
        rows, cols = rng.integers(0, 30, 200), rng.integers(0, 40, 200)
        assert np.array_equal(grid.full(), want)
        assert np.array_equal(grid.at(rows, cols), want[rows, cols])
    positive = Grid(sparse.csr_matrix(dense), then=lambda x: np.asarray(x) > 0)
    assert positive.stored_flat().tolist() == np.flatnonzero(dense > 0).tolist()


def test_reach_kept_with_the_history_equals_the_rows_product(monkeypatch):
    from actornet.queries import link_features

    past, pairs, sides = learning_setup(generated_network(800, 4000, seed=3))
    hist = past.as_of(None)
    theme = past.themes[0]
    rows = np.flatnonzero(sides(pairs[0][0]))
    monkeypatch.setattr(link_features, "_REACH_KEPT_BYTES", 3 * len(past.actors) * 8)
    for city in {c for pair in pairs for c in pair}:
        other = sides(city)
        for matrix, t in ((hist.linked, None), (hist.theme_linked(theme), theme)):
            want = np.asarray(matrix[rows] @ other.astype(np.float64)).ravel()
            assert link_features._across(hist, rows, other, t).tobytes() == want.tobytes()
    assert len(hist.__dict__["_reach"]) <= 3


@pytest.mark.parametrize("seed", range(12))
def test_medians_read_from_the_parts_equal_the_medians_of_the_grid(seed):
    from actornet.queries.link_features import pair_medians

    rng = np.random.default_rng(seed)
    h, p = (int(x) for x in rng.integers(1, 30, 2))
    small = lambda *shape: rng.integers(0, 4, shape).astype(np.float64)  # many equal values
    parts = {}
    for f, name in enumerate(PAIR_FEATURES):
        kind = f % 4
        parts[name] = (np.broadcast_to(np.log1p(small(h))[:, None], (h, p)) if kind == 0 else
                       np.broadcast_to(small(p)[None, :], (h, p)) if kind == 1 else
                       Grid(sparse.csr_matrix(small(h, p))) if kind == 2 else rng.random((h, p)))
    X = np.empty((h, p, len(PAIR_FEATURES)), np.float32)
    for f, name in enumerate(PAIR_FEATURES):
        part = parts[name]
        X[:, :, f] = part.full() if isinstance(part, Grid) else part
    flat = np.flatnonzero(rng.random(h * p) < rng.uniform(0.05, 1.0))
    if seed < 3 or flat.size == 0:  # one, two and three pairs too
        flat = np.sort(rng.choice(h * p, min(seed + 1, h * p), replace=False))
    want = np.median(X.reshape(-1, len(PAIR_FEATURES))[flat], axis=0)
    assert pair_medians(parts, flat).tobytes() == want.astype(np.float32).tobytes()


def test_a_question_scored_block_by_block_answers_as_scored_whole(monkeypatch):
    from actornet.queries import recommend_pairs
    from actornet.queries.recommend import Recommender

    net = generated_network(2000, 10000, seed=1)
    cities = sorted(p["city"] for p in net.partnerships())[:3]
    answers = {}
    for block in (1, 1 << 30):  # a row of pairs at a time; every pair at once
        monkeypatch.setattr(recommend_pairs, "SCORED_PER_BLOCK", block)
        rec = Recommender(net)
        assert rec.fit().pairs.fitted  # the learned model answers, block by block
        answers[block] = [rec.recommend(theme, city, k=15).introductions
                          for theme in ("climate", "business") for city in cities]
    for one, whole in zip(answers[1], answers[1 << 30]):
        assert len(one) and one.equals(whole)
