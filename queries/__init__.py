"""Analyses on an in-memory network: brokers, gaps, recommendations, paths.

Pure: each function takes a network (or its actor graph) and returns a dict
or a pandas DataFrame with a plain-language ``why`` column. Nothing here
imports ``neo4j``, ``pyvis`` or does file IO.

Brokers: :func:`actornet.queries.home_brokers.home_brokers` (who carries the home
city's routes to its partner cities; ``actornet brokers`` by default, kernel in
:mod:`actornet.queries.carry_kernel`) and :func:`actornet.queries.brokers.brokers` (the
whole network's table, groups from :mod:`actornet.queries.groups`), with the measures in
:mod:`actornet.queries.betweenness` (engine: :mod:`actornet.queries.path_sums`),
:mod:`actornet.queries.structural_holes` and :mod:`actornet.queries.brokerage`. Their
kernels (:mod:`actornet.queries.path_kernels`, :mod:`actornet.queries.triad_kernel`) are
compiled with numba and cached on disk by it (:mod:`actornet.queries.compiled`).

Communities: :func:`actornet.queries.communities.communities`, partitioned by
:mod:`actornet.queries.partition`.

Gaps (the planner's view) and recommendations (the analyst's):
:func:`actornet.queries.coverage.coverage` (partner city x theme),
:func:`actornet.queries.under_served.under_served` (the ranking with each weighted
component and why), :func:`actornet.queries.dormant.dormant` and
:func:`actornet.queries.fragility.fragility`, all reading one record per partnership
(:func:`actornet.queries.partnership_facts.partnership_facts`: routes, activity,
status; the shared facts of activity in :mod:`actornet.queries.activity`) so that no
two of them disagree; :func:`actornet.queries.recommend.recommend` (whom to introduce
to whom, with the evidence); the partnership map's data
(:func:`actornet.queries.partnership_map.partnership_map`: each partnership's
state and the introductions for its missing priority themes). Scored tables
check their weights with :func:`actornet.queries.weights.checked_weights`.

Every analysis reads the network's actor projection
(``ActorNetwork.projection()``, :mod:`actornet.graph.projection`), built once per
network.
"""
