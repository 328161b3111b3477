"""Analyses on an in-memory network: brokers, gaps, recommendations, paths.

Pure: each function takes a network (or its actor graph) and returns a dict
or a pandas DataFrame with a plain-language ``why`` column. Nothing here
imports ``neo4j``, ``pyvis`` or does file IO. (The analyses arrive with the
brokers and gaps issues.)

Brokers: :func:`queries.brokers.brokers` (the table), with the measures in
:mod:`queries.betweenness`, :mod:`queries.structural_holes` and
:mod:`queries.brokerage`. Their kernels (:mod:`queries._kernels`) are compiled
with numba and cached on disk by it.

Gaps (the planner's view) and recommendations (the analyst's):
:mod:`queries.gaps` -- :func:`~queries.gaps.coverage` (partner city x theme),
:func:`~queries.gaps.under_served` (the ranking with each weighted component
and why) and :func:`~queries.gaps.dormant`; :func:`queries.recommend.recommend`
(whom to introduce to whom, with the evidence).
"""
