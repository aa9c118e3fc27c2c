"""Stores: where triples are kept and how they get there.

:mod:`~kg.stores.load` (sources and the store registry), :mod:`~kg.stores.cache` (the projection kept
beside a store), :mod:`~kg.stores.remote` (SPARQL endpoints), :mod:`~kg.stores.push` (hand-over to a
triple store).
"""
