"""Shortest-path dependency sums: the engine behind the betweenness measures.

:class:`PathGraph` is a graph as CSR arrays with a group code per node, ready
for the compiled kernels (:mod:`actornet.queries.path_kernels`); its
:meth:`~PathGraph.run` and :meth:`~PathGraph.run_adaptive` accumulate
Brandes' dependencies from all sources or a sample of them into a
:class:`PathSums`, which scales them into estimates: betweenness, cross-group
betweenness (:mod:`actornet.queries.betweenness`) and the per-pair shares
:func:`actornet.queries.brokers.brokers` quotes. :func:`settled_share` says
how settled a sample's top rows are.

Examples
--------
>>> import networkx as nx
>>> paths = PathGraph.build(nx.path_graph(["a", "b", "c"]), None, groups=None)
>>> sums = paths.run()
>>> sums.betweenness(normalized=False).tolist()
[0.0, 1.0, 0.0]
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

import numpy as np

from actornet.graph.errors import MeasureError
from actornet.queries import compiled, path_kernels
from actornet.queries.compiled import resolve_backend
from actornet.queries.graph_arrays import CSR, components, csr_from_graph, group_codes

__all__ = ["CHUNKS", "EPS", "PLATEAU", "RESAMPLES", "STORE_BYTES", "PathGraph", "PathSums",
           "settled_share"]

#: Path lengths equal up to this relative difference count as equal.
EPS = 1e-10
#: At most this many bytes of kept distances and path counts (for the
#: per-pair shares without a second round of shortest paths).
STORE_BYTES = 256 * 2**20
#: Sources run in this many chunks (in parallel as far as there are threads),
#: each summed on its own and the chunks in order: the same sources give the
#: same sums on 1 thread or 8.
CHUNKS = 4


def _chunks(backend, count):
    return max(1, min(CHUNKS, int(count))) if backend == "numba" else 1


@dataclass
class PathGraph:
    """A graph as arrays with its groups, ready for the path kernels.

    Build it from a networkx graph (:meth:`build`) or from CSR arrays
    (:meth:`from_csr`); ``codes[v]`` is node ``v``'s group (-1: none) and
    ``labels`` the groups' keys. Nodes ``0 .. actors - 1`` are sources and
    targets; the rest (hubs of large groups) only carry paths.
    """

    csr: CSR
    codes: np.ndarray
    labels: list
    actors: int = -1  # nodes 0..actors-1 are sources and targets; the rest (hubs) only carry paths

    def __post_init__(self):
        if self.actors < 0:
            self.actors = self.csr.n

    @classmethod
    def build(cls, G, weight, groups):
        csr = csr_from_graph(G, weight)
        return cls.from_csr(csr, G=G, groups=groups)

    @classmethod
    def from_csr(cls, csr, *, G=None, groups=None, codes=None, labels=None, actors=None):
        """``actors``: how many of the first nodes are actors (default all);
        the nodes after them are hubs of large groups
        (:meth:`~actornet.graph.projection.ActorProjection.path_csr`): never a
        source or target, no group, and their own values are not reported."""
        if csr.weighted and csr.values.size and not (csr.values > 0).all():
            raise MeasureError("edge lengths must be > 0 (use 'distance' = 1 / strength)")
        if csr.indices.shape[0] < 2**31 - 1 and csr.indices.dtype != np.int32:
            # half the memory traffic of the path kernels' inner loops (~15% faster)
            csr = replace(csr, indptr=csr.indptr.astype(np.int32),
                          indices=csr.indices.astype(np.int32))
        if codes is None:
            if groups is None:
                codes, labels = np.full(csr.n, -1, np.int64), []
            else:
                codes, labels = group_codes(G, groups, csr.nodes)
        actors = csr.n if actors is None else int(actors)
        if codes.shape[0] < csr.n:  # hubs have no group
            codes = np.concatenate([codes, np.full(csr.n - codes.shape[0], -1, np.int64)])
        return cls(csr, codes, list(labels), actors)

    @property
    def index(self):
        return {n: i for i, n in enumerate(self.csr.nodes)}

    def sources(self, k, seed):
        """All nodes, or a sample of about ``k``: uniform without groups,
        proportional per group (at least two each) with them."""
        n = self.actors
        if k is None:
            return np.arange(n, dtype=np.int64), False
        if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 1:
            raise MeasureError("k (the number of sampled sources) must be a whole number >= 1")
        if k >= n:
            return np.arange(n, dtype=np.int64), False
        rng = seed if isinstance(seed, random.Random) else random.Random(seed)
        if not self.labels:
            picked = rng.sample(range(n), k)
            return np.sort(np.asarray(picked, np.int64)), True
        strata = {}
        for i, code in enumerate(self.codes[:n].tolist()):
            strata.setdefault(code, []).append(i)
        picked = []
        for code in sorted(strata):
            members = strata[code]
            want = max(min(2, len(members)), round(k * len(members) / n))
            picked.extend(rng.sample(members, min(want, len(members))))
        return np.sort(np.asarray(picked, np.int64)), True

    def run(self, *, k=None, seed=None, backend="auto", sample_pairs=False, scaling="linear"):
        """Dependency sums from all sources or a sample of ``k``.

        The distances and path counts from each source are kept for the
        per-pair breakdown when they fit in STORE_BYTES; when they do not and
        ``sample_pairs`` is set, those of a sample of the sources are kept
        (the breakdown is then estimated from it); otherwise none, and the
        breakdown runs its own round of shortest paths.
        """
        backend = resolve_backend(backend)
        if scaling not in ("linear", "uniform"):
            raise MeasureError("scaling must be 'linear' or 'uniform'")
        sources, sampled = self.sources(k, seed)
        linear = sampled and scaling == "linear"
        csr = self.csr
        n_groups = len(self.labels)
        chunks = _chunks(backend, sources.shape[0])
        slots = STORE_BYTES // max(1, csr.n * 16) if n_groups >= 2 else 0
        slot = np.full(sources.shape[0], -1, np.int64)
        if sources.shape[0] <= slots:
            slot[:] = np.arange(sources.shape[0])
        elif sample_pairs and slots >= 4 * (n_groups + 1):
            # at least two per group may come on top of the proportional share
            want = int(slots) - 2 * (n_groups + 1)
            kept = self.sources(want, random.Random(f"pairs {seed}"))[0]
            kept = kept[np.isin(kept, sources)]
            slot[np.isin(sources, kept)] = np.arange(kept.shape[0])
        n_slots = int((slot >= 0).sum())
        kept_dist = np.full((n_slots, csr.n), np.inf)
        kept_sigma = np.zeros((n_slots, csr.n))
        brandes = compiled.kernel(path_kernels.brandes, backend)
        acc, cross = brandes(
            csr.indptr, csr.indices, csr.values, csr.weighted, EPS, self.codes, n_groups,
            sources, chunks, slot, kept_dist, kept_sigma, linear, self.actors,
            np.zeros((0, 0), np.float32), np.full(sources.shape[0], -1, np.int64), False)
        if linear:  # each unordered pair is credited once in all, not once per end
            acc, cross = 2.0 * acc, 2.0 * cross
        result = PathSums(self, sources, sampled, acc, cross)
        if n_slots:
            result.kept = (kept_dist, kept_sigma, sources[slot >= 0])
        return result

    def run_adaptive(self, *, top=20, k_first, batch, k_max, seed=None, backend="auto",
                     level=0.9, progress=None, keep_paths=True):
        """Sampled dependency sums that stop once the top ``top`` is settled.

        Sources come in batches: first ``k_first`` drawn per group (as
        :meth:`sources` draws them), then batches of ``batch`` drawn
        uniformly from the rest. After each batch the estimates are ranked
        (cross-group betweenness, then betweenness; plain betweenness without
        two groups) and :func:`settled_share` estimates, by resampling the sources
        drawn so far, the share of the first ``top`` rows that another
        sample of the same size would keep in its top ``top``. Sampling stops
        when that share reaches ``level``; when it has not risen by more
        than PLATEAU since half as many sources (a crowded top that more
        sources would barely settle); at ``k_max`` sources; or when every
        node has been a source (exact).

        With ``keep_paths`` (and groups), the distances and path counts of
        the first sources, as many as fit in STORE_BYTES, are kept for
        :meth:`PathSums.pair_breakdown` (no second round of shortest paths).

        Returns the :class:`PathSums` (its ``confidence`` is that share,
        ``stopped`` says why sampling stopped: "stable", "plateau",
        "budget" or "exact").
        """
        backend = resolve_backend(backend)
        csr = self.csr
        n = self.actors
        n_groups = len(self.labels)
        rng = random.Random(seed)
        first, sampled = self.sources(k_first, rng)
        if not sampled or k_first >= n:
            result = self.run(k=None, backend=backend)
            result.confidence, result.stopped = 1.0, "exact"
            return result
        rest = np.setdiff1d(np.arange(n, dtype=np.int64), first)
        rest = rest[np.asarray(rng.sample(range(rest.shape[0]), rest.shape[0]), np.int64)] \
            if rest.shape[0] else rest
        order = np.concatenate([first[np.asarray(rng.sample(range(first.shape[0]),
                                                            first.shape[0]), np.int64)], rest])
        k_max = min(n, max(int(k_max), first.shape[0]))
        brandes = compiled.kernel(path_kernels.brandes, backend)
        acc = np.zeros((csr.n, n_groups + 1))
        cross = np.zeros((csr.n, n_groups + 1))
        key_cross = n_groups >= 2
        # each source's own dependencies (float32: only their spread is read)
        per_source = np.zeros((k_max, csr.n), np.float32)
        slots = min(k_max, STORE_BYTES // max(1, csr.n * 16)) if keep_paths and key_cross else 0
        kept_dist = np.empty((slots, csr.n))  # rows filled as sources are kept
        kept_sigma = np.empty((slots, csr.n))
        done = 0
        confidence, stopped = 0.0, "budget"
        history = []  # (sources, confidence) after each batch
        while done < k_max:
            size = first.shape[0] if done == 0 else batch
            take = np.sort(order[done:min(done + size, k_max)])
            count = take.shape[0]
            rows = np.arange(done, done + count, dtype=np.int64)
            slot = np.where(rows < slots, rows, -1)
            if done < slots:
                kept_dist[done:min(slots, done + count)] = np.inf
                kept_sigma[done:min(slots, done + count)] = 0.0
            a, c = brandes(csr.indptr, csr.indices, csr.values, csr.weighted, EPS, self.codes,
                           n_groups, take, _chunks(backend, count), slot, kept_dist, kept_sigma,
                           True, n, per_source, rows, key_cross)
            order[done:done + count] = take  # rows of per_source / kept follow this order
            acc += 2.0 * a
            cross += 2.0 * c
            done += count
            if progress is not None:
                progress(done)
            if done >= n:
                confidence, stopped = 1.0, "exact"
                break
            trial = PathSums(self, np.sort(order[:done]), True, acc, cross)
            confidence = settled_share(trial, per_source[:done], order[:done], key_cross, top)
            if confidence >= level:
                stopped = "stable"
                break
            # A crowded top: twice the sources did not settle it any further.
            half = [c for k, c in history if 2 * k <= done]
            history.append((done, confidence))
            if half and confidence <= half[-1] + PLATEAU:
                stopped = "plateau"
                break
        result = PathSums(self, np.sort(order[:done]), done < n, acc, cross)
        if done >= n:
            confidence = 1.0
        if slots and done < n:
            kept = min(slots, done)
            result.kept = (kept_dist[:kept], kept_sigma[:kept], order[:kept].copy())
        result.confidence, result.stopped = float(confidence), stopped
        return result


#: Adaptive sampling stops when the confidence rose by at most this much
#: since half as many sources (:meth:`PathGraph.run_adaptive`).
PLATEAU = 0.02
#: Resamples of the sources behind ``confidence`` (:func:`settled_share`).
RESAMPLES = 200


def settled_share(result, per_source, drawn, key_cross, top, resamples=RESAMPLES):
    """How settled the first ``top`` rows of a result's ranking are: the
    share of them that stay among the first ``top`` when the sources are
    resampled (a stratified bootstrap), averaged over the rows -- an
    estimate of the top-``top`` overlap between this sample and another
    like it, and so of how much of the top would change with more sources.

    The ranking is by cross-group betweenness (plain betweenness without two
    groups). ``per_source[i]`` holds the dependencies of source
    ``drawn[i]``; a node's estimate sums, per group of sources, their
    dependencies times the group's sources over those drawn from it. Each
    resample draws, within each group, as many sources as were drawn, with
    replacement; the candidates are the first ``max(10 top, 200)`` rows
    (a node further down that would enter a resample's top is missed, so
    the share is an upper estimate where the top is crowded). Seeded by
    the sample size: the same sample gives the same share.
    """
    cross, bc = result.cross_raw(), result.betweenness(False)
    key = cross if key_cross else bc
    n = result.paths.actors
    if top >= n:
        return 1.0
    ranked = np.lexsort((-bc[:n], -key[:n]))
    candidates = ranked[:min(n, max(10 * top, 200))]
    strata = result.strata[drawn]
    scale = result.size[strata] / np.maximum(result.drawn[strata], 1.0)
    values = per_source[:, candidates].astype(float) * scale[:, None]  # k x candidates
    rng = np.random.default_rng(drawn.shape[0])
    weights = np.zeros((resamples, drawn.shape[0]))
    for g in np.unique(strata).tolist():
        members = np.flatnonzero(strata == g)
        m = members.shape[0]
        picks = rng.integers(0, m, size=(resamples, m)) + (np.arange(resamples) * m)[:, None]
        weights[:, members] = np.bincount(picks.ravel(), minlength=resamples * m).reshape(
            resamples, m)
    estimates = weights @ values  # resample x candidate
    chosen = np.argpartition(-estimates, top - 1, axis=1)[:, :top]
    kept = (chosen < top).sum(axis=1)  # the first ``top`` candidates are the table's top
    return float(kept.mean() / top)


class PathSums:
    """Dependency sums from a set of sources, and their scaling to estimates.

    Made by :meth:`PathGraph.run` and :meth:`PathGraph.run_adaptive`:
    :meth:`betweenness`, :meth:`cross` and :meth:`pair_breakdown` read it.
    """

    def __init__(self, paths, sources, sampled, acc, cross):
        self.kept = None
        self.paths = paths
        self.sources = sources
        self.sampled = sampled
        self.acc = acc
        self.cross_acc = cross
        n_groups = len(paths.labels)
        strata = np.where(paths.codes >= 0, paths.codes, n_groups)
        # the sources a group could have drawn: its actors (hubs are never sources)
        self.size = np.bincount(strata[:paths.actors], minlength=n_groups + 1).astype(float)
        self.strata = strata
        self.factor, self.drawn, _ = self._factors(sources)
        self.pair_sources = None
        self.confidence = 1.0 if not sampled else None  # set by run_adaptive
        self.stopped = "exact" if not sampled else "fixed"

    def _factors(self, sources):
        """factor[v, g]: the sources of group g other than v, over those of
        them among ``sources``; the count drawn per group; who was drawn."""
        n = self.paths.csr.n
        strata = self.strata
        drawn = np.bincount(strata[sources], minlength=self.size.shape[0]).astype(float)
        is_source = np.zeros(n, bool)
        is_source[sources] = True
        own = np.zeros((n, self.size.shape[0]))
        own[np.arange(n), strata] = 1.0
        num = self.size[None, :] - own
        den = drawn[None, :] - own * is_source[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = np.where(den > 0, num / np.where(den > 0, den, 1), 0.0)
        return factor, drawn, is_source

    def _subsample(self, k):
        """About ``k`` of the sources, per stratum in proportion (at least two each)."""
        rng = random.Random(f"pair sources {self.sources.shape[0]}")
        strata = self.strata[self.sources]
        picked = []
        for code in np.unique(strata).tolist():
            members = self.sources[strata == code].tolist()
            want = max(min(2, len(members)), round(k * len(members) / self.sources.shape[0]))
            picked.extend(rng.sample(members, min(want, len(members))))
        return np.sort(np.asarray(picked, np.int64))

    @property
    def k(self):
        return int(self.sources.shape[0])

    def betweenness(self, normalized=True):
        n = self.paths.actors
        raw = 0.5 * (self.factor * self.acc).sum(axis=1)
        if normalized:
            if n <= 2:
                return np.zeros(n)
            return raw * 2.0 / ((n - 1) * (n - 2))
        return raw

    def cross_raw(self):
        return 0.5 * (self.factor * self.cross_acc).sum(axis=1)

    def cross_pairs(self):
        """For each node: the pairs {s, t} of other grouped nodes in different groups."""
        n_groups = len(self.paths.labels)
        if n_groups == 0:
            return np.zeros(self.paths.csr.n)
        sizes = self.size[:n_groups]
        grouped = sizes.sum()
        total = (grouped * grouped - (sizes * sizes).sum()) / 2.0
        codes = self.paths.codes
        mine = np.where(codes >= 0, grouped - sizes[np.maximum(codes, 0)], 0.0)
        return total - mine

    def cross(self, normalized=True):
        raw = self.cross_raw()
        if not normalized:
            return raw
        pairs = self.cross_pairs()
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(pairs > 0, raw / np.where(pairs > 0, pairs, 1), 0.0)

    def pair_shares(self, rows, backend="auto"):
        """``[G x G]`` matrices of shares for the nodes ``rows`` (NaN: no pair)."""
        return [share for share, _ in self.pair_breakdown(rows, backend=backend)]

    def pair_breakdown(self, rows, backend="auto", *, max_sources=None):
        """For each of ``rows``: the ``[G x G]`` shares (NaN: no connected pair)
        and the number of connected pairs they are shares of.

        Without kept paths, at most ``max_sources`` of the sources (drawn per
        group in proportion, at least two each, seeded) run the second round
        of shortest paths; the shares are then estimates from them."""
        backend = resolve_backend(backend)
        paths = self.paths
        csr = paths.csr
        n_groups = len(paths.labels)
        rows = np.asarray(rows, np.int64)
        if rows.size == 0 or n_groups < 2:
            return [(np.full((n_groups, n_groups), np.nan), np.zeros((n_groups, n_groups)))
                    for _ in rows]
        sssp = compiled.kernel(path_kernels.sssp_rows, backend)
        row_chunks = max(1, min(compiled.threads(), rows.shape[0])) if backend == "numba" else 1
        row_dist, row_sigma = sssp(csr.indptr, csr.indices, csr.values, csr.weighted, EPS, rows,
                                   row_chunks)
        chunks = _chunks(backend, self.sources.shape[0])
        used = self.sources
        if self.kept is not None:
            used = self.kept[2]
            pair = compiled.kernel(path_kernels.pair_from_store, backend)
            out = pair(self.kept[0], self.kept[1], EPS, csr.weighted, paths.codes, n_groups,
                       used, rows, row_dist, row_sigma, chunks)
        else:
            if max_sources is not None and used.shape[0] > max_sources:
                used = self._subsample(max_sources)
            pair = compiled.kernel(path_kernels.pair_dependency, backend)
            out = pair(csr.indptr, csr.indices, csr.values, csr.weighted, EPS, paths.codes,
                       n_groups, used, rows, row_dist, row_sigma, chunks)
        # Connected pairs per group pair, without the node itself.
        comp = components(csr)
        grouped = paths.codes >= 0
        per_comp = np.zeros((comp.max() + 1 if comp.size else 0, n_groups))
        np.add.at(per_comp, (comp[grouped], paths.codes[grouped]), 1.0)
        connected = per_comp.T @ per_comp  # [g, h]: pairs in the same component
        self.pair_sources = int(used.shape[0])
        factor, drawn, is_source = self._factors(used)
        result = []
        for r, v in enumerate(rows.tolist()):
            f = factor[v, :n_groups]
            drawn_ok = drawn[:n_groups] - (np.arange(n_groups) == self.strata[v]) * (
                1.0 if is_source[v] else 0.0) > 0
            est = f[:, None] * out[r]  # from sources of g to targets of h
            both = drawn_ok[:, None] & drawn_ok[None, :]
            sym = np.where(both, (est + est.T) / 2.0,
                           np.where(drawn_ok[:, None], est, est.T))
            pairs = connected.copy()
            g = paths.codes[v]
            if g >= 0:
                here = per_comp[comp[v]]
                pairs[g, :] -= here
                pairs[:, g] -= here
            with np.errstate(divide="ignore", invalid="ignore"):
                share = np.where(pairs > 0, sym / np.where(pairs > 0, pairs, 1), np.nan)
            np.fill_diagonal(share, np.nan)
            result.append((share, np.maximum(pairs, 0.0)))
        return result
