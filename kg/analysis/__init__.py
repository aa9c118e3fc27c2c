"""Analysis: pure functions on the actor network (the projection of :mod:`kg.analysis.network`).

One algorithm family a module, as networkx does: :mod:`~kg.analysis.network` (the one RDF-to-network
projection), :mod:`~kg.analysis.resolve` (names to actors), :mod:`~kg.analysis.paths`,
:mod:`~kg.analysis.centrality`, :mod:`~kg.analysis.describe` (one actor), :mod:`~kg.analysis.stats`.
"""
