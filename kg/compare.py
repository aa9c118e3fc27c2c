"""``kg.diff``: two versions of the graph compared, each side read from wherever it is.

This module opens the two sides (a :class:`~kg.core.KnowledgeGraph`, a store, a store spec, RDF files or
folders) and projects them; what changed between the two projections and their triples is worked out by
the pure functions of :mod:`kg.analysis.diff`.
"""

import os
from pathlib import Path

from kg.errors import BadArgument, DataError

__all__ = ["diff"]


def diff(old, new, *, sample=5):
    """What changed between two versions of the graph: actors, relations, figures, and triples.

    Each side is a :class:`KnowledgeGraph`, a store, a store spec (``oxigraph:DIR`` read as it is,
    ``sparql:URL``; ``memory`` or ``rdflib``: the project's own data), or RDF files and folders: a
    path, a list of paths, or paths joined by ``os.pathsep``. A folder is read as what it looks like:
    a project (``ontology/`` and ``graph_data/``: what ``kg`` loads by default), a ``graph_data/``
    folder (each sub-folder one source, in its named graph ``ikr:graph/<folder>``), or loose files
    (TriG and N-Quads keep their graphs; other triples go to the default graph). A side that holds
    no ontology is projected with the project's.

    Returns the dict of :func:`kg.analysis.diff.diff_networks` (``actors``, ``relations``, ``figures``,
    ``counts``) plus ``rdf`` (:func:`kg.analysis.diff.diff_rdf`, ``sample`` triples listed per graph) and
    ``old``, ``new`` (what each side was). A missing file or a bad store raises a
    :class:`~kg.errors.KGError` (:class:`~kg.errors.DataError`, :class:`~kg.errors.UnknownStore`).

    >>> import kg
    >>> with kg.open() as graph:                  # the project's graph, against itself read anew
    ...     found = kg.diff(graph, "memory")
    >>> found["counts"]["actors"], found["rdf"]["only_old"], found["rdf"]["by_graph"]
    ({'removed': 0, 'added': 0, 'changed': 0}, 0, True)
    """
    from kg.analysis.diff import diff_networks, diff_rdf

    opened = []
    try:
        before = _diff_side(old, opened)
        after = _diff_side(new, opened)
        found = diff_networks(before["network"], after["network"])
        found["rdf"] = diff_rdf(before["store"], after["store"], sample=sample)
        found["old"], found["new"] = before["name"], after["name"]
        return found
    finally:
        for store in opened:
            store.close()


def _diff_side(side, opened):
    """{"store", "network", "name"} for one side of :func:`diff`; stores it opens are added to ``opened``."""
    from kg.core import KnowledgeGraph
    from kg.stores.base import Store

    if isinstance(side, KnowledgeGraph):
        return {"store": side.store, "network": side.network, "name": repr(side)}
    if isinstance(side, Store) or type(side).__module__.startswith("rdflib"):
        from kg.stores import as_store

        store = as_store(side)
        return {"store": store, "network": _diff_project(store), "name": getattr(store, "spec", "store")}
    paths, spec = _diff_paths(side)
    if spec is not None:
        store = _diff_open_spec(spec)
        opened.append(store)
        return {"store": store, "network": _diff_project(store), "name": spec}
    from kg.stores.oxigraph import OxigraphStore

    store = OxigraphStore()
    opened.append(store)
    for path in paths:
        _diff_load(store, path)
    if not store.count():
        raise DataError(f"{os.pathsep.join(map(str, paths))}: holds no triples")
    return {"store": store, "network": _diff_project(store), "name": os.pathsep.join(map(str, paths))}


def _diff_paths(side):
    """(paths, None) for files and folders, or ([], spec) for a store spec; a name that is neither raises."""
    from kg.stores.load import STORES

    if isinstance(side, (str, Path)):
        text = str(side)
        if not text.strip():
            raise BadArgument("a side of the diff is empty: give a store spec, a file or a folder")
        if Path(text).exists():
            return [Path(text)], None
        if isinstance(side, str) and side.partition(":")[0] in STORES:
            return [], side
        parts = [Path(part) for part in text.split(os.pathsep) if part] if isinstance(side, str) else [Path(text)]
    else:
        parts = [Path(part) for part in side]
        if not parts:
            raise BadArgument("a side of the diff names no files: give a store spec, a file or a folder")
    missing = [path for path in parts if not path.exists()]
    if missing:
        valid = ", ".join(usage for _, usage in STORES.values())
        if len(parts) == 1:
            raise DataError(f"{missing[0]}: no such file or folder (nor a store spec: {valid})")
        raise DataError(f"{side}: no such file or folder (nor a store spec: {valid}); read as paths joined by "
                         f"{os.pathsep!r}, {', '.join(map(str, missing))} is missing")
    return parts, None


def _diff_open_spec(spec):
    """The store a spec names, read as it is: a persistent store is opened read-only, never (re)loaded."""
    from kg.stores.load import load, open_store

    name, _, argument = spec.partition(":")
    if name == "oxigraph":
        directory = Path(argument)
        if not argument or not directory.is_dir():
            raise DataError(f"no Oxigraph store in {argument or '(no folder given)'}")
        store = open_store(spec, read_only=True)
        if store.is_empty():
            store.close()
            raise DataError(f"the Oxigraph store in {directory} holds no triples")
        return store
    return load(spec)


def _diff_load(store, path):
    """Read one file or folder into ``store`` (see :func:`diff` for how a folder is read)."""
    from kg.stores.load import Source, default_sources, graph_iri, load_sources

    path = Path(path)
    if path.is_file():
        return _diff_load_file(store, path)
    if (path / "graph_data").is_dir() and (path / "ontology").is_dir():
        return load_sources(store, default_sources(path))
    folders = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    sources = [Source(file, graph_iri(folder.name)) for folder in folders for file in sorted(folder.iterdir())
               if _is_rdf_file(file)]
    loose = [file for file in sorted(path.iterdir()) if _is_rdf_file(file)]
    if not sources and not loose:
        raise DataError(f"{path}: holds no RDF files (.ttl .nt .nq .trig ...), neither directly nor in sub-folders")
    load_sources(store, sources)
    for file in loose:
        _diff_load_file(store, file)


def _is_rdf_file(path):
    """Whether ``path`` is a file the loader would read from a data folder (the same suffixes: claims.tsv
    and notes beside the data are not)."""
    from kg.stores.load import _is_rdf

    return path.is_file() and _is_rdf(path)


def _diff_load_file(store, path):
    """One RDF file: a dataset format keeps its graphs; plain triples go to the default graph (not to a
    graph named after the file, as ``--data`` puts them, since two sides' files never share a name)."""
    import pyoxigraph

    from kg.stores import safety
    from kg.stores.load import guess_format
    from kg.stores.oxigraph import RDF_FORMATS, describe_parse_error

    fmt = guess_format(path)
    safety.check_file(path, fmt)
    rdf_format = getattr(pyoxigraph.RdfFormat, RDF_FORMATS[fmt])
    options = {} if rdf_format.supports_datasets else {"to_graph": pyoxigraph.DefaultGraph()}
    try:
        store.inner.load(path=str(path), format=rdf_format, base_iri=path.resolve().as_uri(), **options)
    except (SyntaxError, ValueError) as error:
        raise DataError(f"{path}: {describe_parse_error(error)}") from None


def _diff_project(store):
    """The projection of one side, with the project's ontology when the side holds none of its own."""
    from kg.analysis.network import project
    from kg.namespaces import sparql_prologue

    if store.ask(sparql_prologue() + "ASK { ?cls rdfs:subClassOf ikg:Actor }"):
        return project(store)
    from kg.stores.load import ONTOLOGY_GRAPH, default_sources, load_sources
    from kg.stores.oxigraph import OxigraphStore

    ontology = OxigraphStore()
    load_sources(ontology, [source for source in default_sources() if source.graph == ONTOLOGY_GRAPH])
    return project(store, ontology=ontology)

