"""The analyses' option choices, importable without numpy, pandas, numba or networkx.

The command line builds its ``--by``, ``--mode`` and ``--method`` choices from
these, so that ``actornet --help`` (and an error such as a missing file) need
not import the analyses. The analysis modules define the same names; a test
checks that both agree.

Examples
--------
>>> BY
('partner_city', 'kind', 'country')
>>> METHODS[0]
'leiden'
"""

__all__ = ["BY", "MODES", "METHODS"]

#: Groups a broker brokers between (:func:`actornet.queries.brokers.brokers`' ``by``).
BY = ("partner_city", "kind", "country")
#: How betweenness is computed: sampled only on large networks, from every actor, or sampled.
MODES = ("auto", "exact", "sampled")
#: Community detection methods (:func:`actornet.queries.communities.communities`).
METHODS = ("leiden", "louvain", "networkx")
