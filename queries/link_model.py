"""Weights learned from a network's own past, for "who to connect".

:func:`fit_pair_model` looks back from a year Y: the features of every pair
of a home-side and a partner-side actor as of ``Y - 2`` (and ``Y - 1``)
(:func:`actornet.queries.link_features.pair_grid`), and whether the pair
first worked together in a project of the theme in the years after, up to
Y (:meth:`actornet.queries.link_history.Past.first_shared`). Nothing later
than Y is read. A logistic regression (scikit-learn, on standardised
features) learns from those outcomes how much each
feature foretells a new collaboration; its probability is the score.
:func:`fit_actor_model` does the same for one actor at a time
(``bring_in``, ``counterparts``): will it work in the theme with the other
city?

When the past holds too few new collaborations (fewer than
:data:`MIN_POSITIVES`) nothing is fitted: the model says so in ``note`` and
the recommender keeps its fixed weights.

Each query compares pairs of one theme and one partner city, so the
training sample keeps every new collaboration and, from the same theme and
pair of cities, a bounded number of pairs that did not collaborate
(case-control sampling: it shifts the probabilities, not their order). The
sampled pairs' features are read where they lie (``pair_rows``): a big
network's two cities are millions of pairs, never laid out whole to learn
from a few thousand (tests/queries/test_link_examples.py compares the
examples with those of the whole grids, array for array).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from actornet.queries.link_features import (
    ACTOR_FEATURES, PAIR_FEATURES, actor_table, pair_parts, pair_rows,
)

__all__ = ["LinkModel", "LogisticScores", "fit_pair_model", "fit_actor_model",
           "pair_examples", "actor_examples", "MIN_POSITIVES"]

#: Fewer new collaborations than this in the years looked back on: no fit.
MIN_POSITIVES = 30
#: Non-collaborating pairs kept per collaborating one, per theme and city pair.
NEGATIVES_PER_POSITIVE = 100
#: How many years back the model looks: features as of Y - h, outcomes in
#: the years after up to Y, for h in LOOK_BACK.
LOOK_BACK = (2, 1)


@dataclass
class LinkModel:
    """A fitted classifier (or none) and what it learned from.

    Attributes
    ----------
    features : list of str
        Feature names, in the column order the model takes.
    estimator : object or None
        The fitted scikit-learn classifier; None when the past was too small.
    positives, rows : int
        New collaborations and rows it was fitted on.
    windows : list of (int, int)
        (features as of, outcomes up to) years it was fitted on.
    note : str
        One sentence for the reader: what the scores were learned from, or
        why fixed weights are used.
    """

    features: list
    estimator: object = None
    positives: int = 0
    rows: int = 0
    windows: list = field(default_factory=list)
    note: str = ""

    @property
    def fitted(self) -> bool:
        return self.estimator is not None

    def score(self, X) -> np.ndarray:
        """The probability of a new collaboration for each row of ``X``."""
        X = np.asarray(X, np.float32).reshape(-1, len(self.features))
        return self.estimator.predict_proba(X)[:, 1]

    def to_data(self) -> tuple[dict, dict]:
        """What the model is, as data: ``(meta, arrays)``, JSON-able values
        and 1-d float64 arrays (see :meth:`from_data`).

        Raises
        ------
        TypeError
            If the estimator is not the standardised logistic regression
            this module fits (nothing else can be kept as data).
        """
        meta = {"features": list(self.features), "positives": int(self.positives),
                "rows": int(self.rows), "windows": [list(map(int, w)) for w in self.windows],
                "note": self.note, "fitted": self.fitted}
        if not self.fitted:
            return meta, {}
        scores = LogisticScores.of(self.estimator)
        meta["dtypes"] = scores.dtypes()
        return meta, scores.arrays()

    @classmethod
    def from_data(cls, meta, arrays) -> "LinkModel":
        """The model :meth:`to_data` gave: the same scores, bit for bit,
        without scikit-learn.

        Raises
        ------
        ValueError
            If ``meta`` or ``arrays`` are not what :meth:`to_data` writes.
        """
        features = meta.get("features")
        if not (isinstance(features, list) and all(isinstance(f, str) for f in features)
                and isinstance(meta.get("note"), str) and type(meta.get("fitted")) is bool):
            raise ValueError("not a link model's data")
        windows = [tuple(w) for w in meta.get("windows", [])]
        if not all(len(w) == 2 and all(type(y) is int for y in w) for w in windows):
            raise ValueError("not a link model's data")
        estimator = (LogisticScores.from_arrays(arrays, meta.get("dtypes"), len(features))
                     if meta["fitted"] else None)
        return cls(features, estimator, int(meta.get("positives", 0)), int(meta.get("rows", 0)),
                   windows, meta["note"])

    def carried(self, X, reference, top=3) -> list:
        """For each row of ``X``: the features that raised its score most
        above ``reference`` (a typical row), as ``[(name, gain), ...]``,
        largest first, gains above zero only. Each feature is set to its
        reference value in turn and the score read again."""
        X = np.asarray(X, np.float32).reshape(-1, len(self.features))
        n, m = X.shape
        probe = np.repeat(X, m + 1, axis=0).reshape(n, m + 1, m)
        for f in range(m):
            probe[:, f + 1, f] = reference[f]
        s = self.score(probe.reshape(-1, m)).reshape(n, m + 1)
        gains = s[:, :1] - s[:, 1:]
        out = []
        for row in gains:
            order = [f for f in np.argsort(-row, kind="stable")[:top] if row[f] > 0]
            out.append([(self.features[f], float(row[f])) for f in order])
        return out


class LogisticScores:
    """A fitted standardised logistic regression (the pipeline of
    :func:`_classifier`) as plain arrays: ``predict_proba`` gives what the
    fitted pipeline gives, bit for bit, in the same dtypes, with NumPy and
    SciPy alone (a model read back from the cache needs no scikit-learn).

    Parameters
    ----------
    mean, scale : numpy.ndarray
        The scaler's ``mean_`` and ``scale_``.
    coef : numpy.ndarray
        The regression's ``coef_`` (1 x features).
    intercept : numpy.ndarray
        Its ``intercept_`` (one value).
    """

    _PARTS = ("mean", "scale", "coef", "intercept")

    def __init__(self, mean, scale, coef, intercept):
        self.mean, self.scale, self.coef, self.intercept = mean, scale, coef, intercept

    @classmethod
    def of(cls, pipeline) -> "LogisticScores":
        """The arrays of a fitted pipeline (or ``pipeline`` itself, read back before)."""
        if isinstance(pipeline, cls):
            return pipeline
        try:
            scaler, regression = (step for _, step in pipeline.steps)
            mean, scale = scaler.mean_, scaler.scale_
            coef, intercept = regression.coef_, regression.intercept_
            classes = regression.classes_
        except (AttributeError, ValueError) as err:
            raise TypeError("not a fitted scaler and logistic regression") from err
        if not (scaler.with_mean and scaler.with_std and len(classes) == 2
                and coef.shape == (1, len(mean)) and intercept.shape == (1,)):
            raise TypeError("not a binary logistic regression on standardised features")
        return cls(mean, scale, coef, intercept)

    def dtypes(self) -> dict:
        return {name: np.asarray(getattr(self, name)).dtype.str for name in self._PARTS}

    def arrays(self) -> dict:
        # float64 holds every float32 exactly: the dtype is restored on reading.
        return {name: np.asarray(getattr(self, name), np.float64).ravel()
                for name in self._PARTS}

    @classmethod
    def from_arrays(cls, arrays, dtypes, width) -> "LogisticScores":
        shapes = {"mean": (width,), "scale": (width,), "coef": (1, width), "intercept": (1,)}
        parts = {}
        for name, shape in shapes.items():
            kind = (dtypes or {}).get(name)
            if kind not in ("<f4", "<f8"):
                raise ValueError("not a link model's data")
            values = np.asarray(arrays.get(name, ()), np.float64)
            if values.size != int(np.prod(shape)) or not np.isfinite(values).all():
                raise ValueError("not a link model's data")
            parts[name] = values.astype(kind).reshape(shape)
        return cls(**parts)

    def predict_proba(self, X) -> np.ndarray:
        from scipy.special import expit

        # As StandardScaler.transform, then LogisticRegression.predict_proba:
        # a float copy of X in its own dtype, centred and scaled in that
        # dtype; the scores as the regression's product and sum make them.
        X = np.array(X, dtype=X.dtype if X.dtype in (np.float32, np.float64) else np.float64)
        X -= self.mean.astype(X.dtype)
        X /= self.scale.astype(X.dtype)
        scores = (X @ self.coef.T + self.intercept).reshape(-1)
        p = expit(scores, out=scores)
        return np.stack([1 - p, p], axis=1)


def _classifier():
    # A logistic regression on standardised features: on H2020 it foresaw as
    # many new pairs as gradient boosting, fitted on a few hundred outcomes
    # it is steadier, and its weights can be read.
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))


def _fit(X, y, features, windows, what):
    positives = int(y.sum())
    if positives < MIN_POSITIVES or positives == len(y):
        span = _span(windows)
        return LinkModel(features, None, positives, len(y), windows,
                         f"Fixed weights: the past{span} holds {positives} new "
                         f"{what}, too few to learn from (at least {MIN_POSITIVES}).")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimator = _classifier().fit(X, y)
    return LinkModel(features, estimator, positives, len(y), windows,
                     f"Scores learned from the network's past{_span(windows)}: "
                     f"{positives} new {what} among {len(y):,} looked at.")


def _span(windows):
    if not windows:
        return ""
    first = min(w[0] for w in windows)
    last = max(w[1] for w in windows)
    return f" ({first} to {last})"


def _windows(past, year):
    years = [y for y in past.years if y <= year] if year is not None else past.years
    if not years:
        return []
    last = year if year is not None else years[-1]
    return [(last - h, last) for h in LOOK_BACK]


def fit_pair_model(past, year, city_pairs, sides, *, seed=0) -> LinkModel:
    """Learn pair scores from the outcomes before ``year``: the examples of
    :func:`pair_examples`, fitted (or, with too few, not).

    Parameters
    ----------
    past : Past
    year : int or None
        The year answers are given for (None: the last year in the past);
        the model reads nothing after it.
    city_pairs : list of (str, str)
        (home-side city, partner-side city) whose pairs it learns from.
    sides : callable
        ``sides(city)``: bool per actor, sits in ``city`` (not a city node).
    seed : int
        The negatives' sample.
    """
    X, y, used = pair_examples(past, year, city_pairs, sides, seed=seed)
    if X is None:
        return LinkModel(list(PAIR_FEATURES), note="Fixed weights: the network has no dated "
                         "projects or ties before this year to learn from.")
    return _fit(X, y, list(PAIR_FEATURES), used, "collaborations")


def pair_examples(past, year, city_pairs, sides, *, seed=0):
    """The rows a pair model learns from: ``(X, y, windows)``, features as of
    ``Y - h`` and whether the pair first worked together in the theme by Y
    (``X`` None when there is nothing to learn from). Parameters as
    :func:`fit_pair_model`."""
    rng = np.random.default_rng(seed)
    X_parts, y_parts, used = [], [], []
    for start, end in _windows(past, year):
        hist = past.as_of(start)
        active = hist.active()
        for a, b in city_pairs:
            side_a, side_b = sides(a), sides(b)
            H, P = np.flatnonzero(side_a & active), np.flatnonzero(side_b & active)
            if H.size == 0 or P.size == 0:
                continue
            outcome = past.first_shared(start, end, rows=H, cols=P)
            tied_flat = None
            for theme, rows in outcome.groupby("theme"):
                # The features of the sampled pairs only: the whole grid of
                # a big network's two cities is millions of pairs.
                parts, tied = pair_parts(hist, theme, H, P, side_a, side_b)
                if tied_flat is None:  # the same for every theme of this pair of cities
                    tied_flat = tied.stored_flat()
                came = np.unique(np.searchsorted(H, rows["source"].to_numpy()) * len(P)
                                 + np.searchsorted(P, rows["target"].to_numpy()))
                came = came[~_among(came, tied_flat)]
                chosen, labels = _chosen_flat(came, np.union1d(tied_flat, came), len(H) * len(P),
                                             rng)
                X_parts.append(pair_rows(parts, chosen))
                y_parts.append(labels)
        used.append((start, end))
    if not X_parts:
        return None, None, used
    return np.vstack(X_parts), np.concatenate(y_parts), used


def fit_actor_model(past, year, city_pairs, sides, *, seed=0) -> LinkModel:
    """Learn actor scores (``bring_in``, ``counterparts``) from the outcomes
    before ``year``: did an actor of one city work in the theme with an actor
    of the other city in the years after, up to ``year``? Parameters as :func:`fit_pair_model`."""
    X, y, used = actor_examples(past, year, city_pairs, sides, seed=seed)
    if X is None:
        return LinkModel(list(ACTOR_FEATURES), note="Fixed weights: the network has no "
                         "dated projects or ties before this year to learn from.")
    return _fit(X, y, list(ACTOR_FEATURES), used, "starts in a theme with a city")


def actor_examples(past, year, city_pairs, sides, *, seed=0):
    """The rows an actor model learns from, as :func:`pair_examples`."""
    rng = np.random.default_rng(seed)
    X_parts, y_parts, used = [], [], []
    for start, end in _windows(past, year):
        hist = past.as_of(start)
        active = hist.active()
        window = past._window(start, end)
        B = past._incidence(window)
        # Each theme's groups of the window, once (not again for every city).
        by_theme = [B[:, past._group_themes[:, t].toarray().ravel() > 0]
                    for t in range(len(past.themes))]
        for a, b in city_pairs:
            for here, there in ((a, b), (b, a)):
                side_here, side_there = sides(here), sides(there)
                A = np.flatnonzero(side_here & active)
                T = np.flatnonzero(side_there)
                if A.size == 0 or T.size == 0:
                    continue
                there_only = side_there.astype(np.float64)
                for theme, Bt in zip(past.themes, by_theme):
                    # Shares one of the theme's groups of the window with an
                    # actor there: its groups' members there, summed, > 0.
                    y = np.asarray(Bt @ (Bt.T @ there_only)).ravel()[A] > 0
                    if not y.any():
                        continue
                    X = actor_table(hist, theme, A, side_there)
                    _sample(X, y, np.ones(len(y), bool), rng, X_parts, y_parts)
        used.append((start, end))
    if not X_parts:
        return None, None, used
    return np.vstack(X_parts), np.concatenate(y_parts), used


def _among(values, sorted_set):
    """Bool per value: it is in the ascending array ``sorted_set``."""
    at = np.searchsorted(sorted_set, values)
    return (at < len(sorted_set)) & (sorted_set[np.minimum(at, len(sorted_set) - 1)] == values) \
        if len(sorted_set) else np.zeros(len(values), bool)


def _chosen_flat(positives, excluded, size, rng):
    """The rows to learn from, of ``size`` positions: every one of
    ``positives`` and at most NEGATIVES_PER_POSITIVE negatives per positive,
    drawn by ``rng`` from the positions not in ``excluded`` (ascending; it
    holds the positives); and their labels.

    The same rows, drawn the same way, as taking every negative position
    with ``flatnonzero`` and drawing from them (:func:`_chosen`), without a
    pass over a big grid: the k-th negative position is k plus the number
    of excluded positions before it.

    Examples
    --------
    >>> y = np.array([0, 1, 0, 0, 1, 0, 0, 0], bool)
    >>> candidate = np.array([1, 1, 0, 1, 1, 1, 0, 1], bool)
    >>> a = _chosen(y, candidate, np.random.default_rng(3))
    >>> b = _chosen_flat(np.array([1, 4]), np.array([1, 2, 4, 6]), 8, np.random.default_rng(3))
    >>> [x.tolist() for x in a] == [x.tolist() for x in b]
    True
    """
    cap = NEGATIVES_PER_POSITIVE * max(len(positives), 1)
    negatives = size - len(excluded)
    picked = rng.choice(negatives, cap, replace=False) if negatives > cap \
        else np.arange(negatives)
    # excluded[i] - i: the negative positions before excluded[i] (ascending).
    before = np.asarray(excluded, np.int64) - np.arange(len(excluded))
    neg = picked + np.searchsorted(before, picked, side="right")
    return (np.concatenate([positives, neg]).astype(np.int64),
            np.concatenate([np.ones(len(positives), bool), np.zeros(len(neg), bool)]))


def _chosen(y, candidate, rng):
    """The rows to learn from: every positive candidate and at most
    NEGATIVES_PER_POSITIVE negatives per positive, drawn by ``rng``; and their labels."""
    pos = np.flatnonzero(y & candidate)
    neg = np.flatnonzero(~y & candidate)
    cap = NEGATIVES_PER_POSITIVE * max(len(pos), 1)
    if len(neg) > cap:
        neg = rng.choice(neg, cap, replace=False)
    return (np.concatenate([pos, neg]),
            np.concatenate([np.ones(len(pos), bool), np.zeros(len(neg), bool)]))


def _sample(X, y, candidate, rng, X_parts, y_parts):
    chosen, labels = _chosen(y, candidate, rng)
    X_parts.append(X[chosen])
    y_parts.append(labels)
