"""The core object: one knowledge graph, its store and its actor network, and every question asked of them.

The CLI, the web server and a notebook all drive a :class:`KnowledgeGraph`: each command opens one,
calls one method and renders what it returns (plain dicts and lists). The store is opened, and the
projection made, only when a method needs them; the projection is read from a cache keyed by the
content of the inputs when it can be (:mod:`kg.stores.cache`), so a question about a graph asked a
second time costs a pickle read, never a stale answer.

>>> import kg
>>> with kg.open() as g:
...     hops = g.path("兰州大学", "金川集团")["paths"][0]
>>> [hop["target_label_en"] for hop in hops]
['Gansu Ion Radiotherapy Technology Innovation Consortium', 'Jinchuan Group Precision Copper Co., Ltd.', 'Jinchuan Group']
"""

import os
from pathlib import Path

from kg.errors import BadArgument, UnknownActor

__all__ = ["KnowledgeGraph", "open_graph", "default_language"]


def default_language():
    """The language names and labels are shown in: ``$KG_LANG`` (``en`` or ``zh``), else ``en``.

    >>> default_language() in ("en", "zh")
    True
    """
    value = (os.environ.get("KG_LANG") or "en").strip().lower()
    if value.startswith("zh"):
        return "zh"
    if value.startswith("en") or not value:
        return "en"
    raise BadArgument(f"KG_LANG={os.environ.get('KG_LANG')!r} is not a language kg knows; use en or zh")


class KnowledgeGraph:
    """A knowledge graph: where it is stored, and what can be asked of it.

    Parameters
    ----------
    store : str
        ``memory`` (default), ``oxigraph:DIR``, ``sparql:URL`` or ``rdflib`` (:mod:`kg.stores.load`).
    data : list of paths, optional
        RDF files to read instead of the project's ontology and ``graph_data/``.
    allow_service : iterable of str
        SERVICE endpoints (IRI prefixes) queries may call; none by default.
    skip_sources : iterable of str
        Source ids of ``graph_data/`` to leave out (e.g. ``reference-admin``).

    Examples
    --------
    >>> g = KnowledgeGraph()
    >>> g.actor("Lanzhou University")["iri"]
    'https://w3id.org/innovation-kg/id/org/lanzhou-university'
    >>> g.close()
    """

    def __init__(self, store="memory", data=None, *, allow_service=(), skip_sources=()):
        self.spec = store or "memory"
        self.data = [Path(path) for path in data] if data else None
        self.allow_service = tuple(allow_service or ())
        self.skip_sources = tuple(skip_sources or ())
        self._store = None
        self._network = None
        self._undirected = None
        self._read_view = None  # unpickles the undirected view cached with the projection, on first use
        self._light = None  # (G, U) without evidence, for paths when the full projection is not at hand
        #: called as ``progress(done, total)`` while a projection is made (:func:`kg.analysis.network.project`)
        self.progress = None
        self._meta = {}
        self._given = False
        self._sector_scheme = None
        self._dates = None
        self._key = None  # (signature, cache file), worked out once: it hashes every input file
        self._as_of = None  # (date, dated_only) of a graph taken as of a date (as_of)
        self._origin = None  # that graph's origin network when it was in memory, to copy without a cache

    @classmethod
    def from_store(cls, store):
        """A KnowledgeGraph over a store already open (or an rdflib graph, copied into memory)."""
        from kg.stores import as_store

        store = as_store(store)
        graph = cls(store.spec)
        graph._store = store
        graph._given = True
        return graph

    # -- the parts -----------------------------------------------------------------------------

    @property
    def store(self):
        """The :class:`~kg.stores.base.Store`, opened (and loaded, when it needs it) on first use."""
        if self._store is None:
            from kg.stores.load import load

            self._store = load(self.spec, self.data, allow_service=self.allow_service, skip=self.skip_sources)
        return self._store

    @property
    def network(self):
        """The actor network (:func:`kg.analysis.network.project`), made once and cached by content."""
        if self._network is None:
            self._network, self._meta = self._projection()
        return self._network

    @property
    def undirected(self):
        """The simple undirected view of :attr:`network` (:func:`kg.analysis.network.undirected`), made once."""
        if self._undirected is None:
            from kg.analysis.network import undirected

            G = self.network
            if self._read_view is not None:  # the cache holds it: reading it back beats making it
                read, self._read_view = self._read_view, None
                self._undirected = read()
            if self._undirected is None:
                self._undirected = undirected(G)
        return self._undirected

    @property
    def kind(self):
        """The store's kind: ``memory``, ``oxigraph``, ``sparql`` or ``rdflib``."""
        return self.spec.partition(":")[0]

    def triple_count(self):
        """How many triples the graph holds (from the cache when the projection came from it)."""
        if "triples" not in self._meta or self._store is not None:
            self._meta["triples"] = self.store.count()
        return self._meta["triples"]

    # -- questions -----------------------------------------------------------------------------

    def actor(self, name, cls=None):
        """The one actor ``name`` designates (IRI, prefixed name, name, alias or unique part of a name).

        ``cls`` (a class name, any case) looks among actors of that class only. Returns a dict: ``iri``,
        ``curie``, ``label_zh``, ``label_en``, ``cls``, ``aliases``. Raises
        :class:`~kg.errors.UnknownActor` or :class:`~kg.errors.AmbiguousActor` (CLI exit 2).
        """
        return self._actor_in(self.network, name, cls)

    def path(self, source, target, *, mode="shortest", k=3, max_hops=None, avoid=()):
        """How two actors are connected: ``{"source", "target", "mode", "paths"}``, each path a list of hops
        (:func:`kg.analysis.paths.find_paths`).

        When the full projection is neither built nor cached, the paths are found on a projection made
        without evidence (half the work on a big store) and only the printed hops' evidence is read."""
        from kg.analysis.network import attach_evidence
        from kg.analysis.paths import find_paths

        G, U, light = self._path_network()
        start, end = self._actor_in(G, source)["iri"], self._actor_in(G, target)["iri"]
        options = dict(mode=mode, k=k, max_hops=max_hops, avoid_classes=avoid, U=U)
        paths = find_paths(G, start, end, **options)
        if light:
            pairs = [(hop["source"], hop["target"]) for hops in paths for hop in hops]
            attach_evidence(self.store, U, pairs)
            paths = find_paths(G, start, end, **options)  # the same routes; each hop now shows its evidence
        return {"source": start, "target": end, "mode": mode, "paths": paths}

    def _actor_in(self, G, name, cls=None):
        from kg.analysis.network import class_filter
        from kg.analysis.resolve import resolve
        from kg.namespaces import compact_iri

        if cls:
            try:
                iri = resolve(G.subgraph(class_filter(G, [cls])), name)
            except UnknownActor as error:
                raise UnknownActor(f"among actors of class {cls}: {error}", error.candidates) from None
        else:
            iri = resolve(G, name)
        data = G.nodes[iri]
        return {"iri": iri, "curie": compact_iri(iri), "label_zh": data.get("label_zh"),
                "label_en": data.get("label_en"), "cls": data.get("cls"), "aliases": list(data.get("aliases") or ())}

    def _path_network(self):
        """(G, U, light): the full projection when it is built or cached, else one without evidence; ``U``
        is its undirected view, or a function returning it (read or made only if the search needs it)."""
        from kg.analysis.network import project, undirected
        from kg.stores import cache

        if self._network is not None:
            return self._network, lambda: self.undirected, False
        signature, path = self._cache_key()
        found = cache.read_views(path, signature, lazy=True) if path is not None else None
        if found is not None:
            self._network, self._meta = self._dated(found[0]), found[1]
            if self._as_of is None:
                self._read_view = found[2]
            return self._network, lambda: self.undirected, False
        if self._as_of is not None and self._origin is not None:
            return self.network, lambda: self.undirected, False
        if self._light is None:
            light_path = path.with_name(path.stem + "-light" + path.suffix) if path is not None else None
            found = cache.read_views(light_path, signature) if light_path is not None else None
            if found is None:
                G = project(self.store, evidence=False, progress=self.progress)
                self._meta.setdefault("triples", self.store.count())
                U = undirected(G)
                if light_path is not None:
                    cache.write(light_path, signature, G, self._meta, U)
            else:
                G, meta, U = found
                self._meta.update(meta)
            if self._as_of is not None or U is None:
                G = self._dated(G)
                U = undirected(G)
            self._light = (G, U)
        return self._light[0], self._light[1], True

    def describe(self, name):
        """Everything the graph says about one actor (:func:`kg.analysis.describe.describe`)."""
        from kg.analysis.describe import describe, figure_sources

        iri = self.actor(name)["iri"]
        figures = [f["iri"] for f in self.network.nodes[iri].get("figures") or ()]
        # the projection keeps figures without their provenance: the claim audit reads it from the store
        sources = figure_sources(self.store, figures) if figures else None
        return describe(self.network, iri, figure_sources=sources)

    def centrality(self, measures=None, *, classes=None, top=None, collectives=False, betweenness_k=None, seed=0):
        """Actors ranked by centrality (:func:`kg.analysis.centrality.compute`): a list of row dicts."""
        from kg.analysis.centrality import compute
        from kg.formats import MEASURES

        chosen = (measures,) if isinstance(measures, str) else tuple(measures or MEASURES)
        sectors = self.sectors() if "brokerage" in chosen else None
        return compute(self.network, chosen, classes=classes, top=top, collectives=collectives,
                       betweenness_k=betweenness_k, seed=seed, U=self.undirected, sectors=sectors)

    def stats(self):
        """Counts and shape of the graph (:func:`kg.analysis.stats.stats`)."""
        from kg.analysis.stats import stats

        from kg.analysis.stats import read_sources

        G = self.network
        return stats(self.triple_count(), G, U=self.undirected, sources=read_sources(self.store))

    def query(self, text_or_name, *, default_graphs=None, named_graphs=None):
        """Run a read-only SPARQL query, or a named query by name (:mod:`kg.query`): a QueryResult."""
        from kg.query import run_query

        return run_query(self.store, self._query_text(text_or_name), default_graphs=default_graphs,
                         named_graphs=named_graphs)

    def query_bytes(self, text_or_name, fmt="json", *, default_graphs=None, named_graphs=None):
        """The answer in a SPARQL results format, as bytes (pyoxigraph's serializers on Oxigraph stores)."""
        from kg.query import query_bytes

        return query_bytes(self.store, self._query_text(text_or_name), fmt, default_graphs=default_graphs,
                           named_graphs=named_graphs)

    def validate(self, shapes=None):
        """Check the graph against the SHACL shapes: a :class:`kg.validate.ValidationReport`."""
        from kg.validate import validate

        return validate(self.store, shapes)

    def export(self, fmt, out, *, dynamic=False):
        """Write the graph (RDF formats) or its actor network (graphml, gexf, csv) to ``out``; returns
        the files written (:mod:`kg.export`). ``dynamic`` (GEXF): dated actors and relations start on
        their date, for Gephi's timeline."""
        from kg.export import export, guess_export_format, output_paths

        fmt = fmt or guess_export_format(out)
        if self._as_of is not None:
            from kg.export import EXPORT_FORMATS, _canonical

            if EXPORT_FORMATS[_canonical(fmt)][0] != "network":
                raise BadArgument("--as-of applies to the actor network: export graphml, gexf or csv, not RDF")
        def network():
            if dynamic and self._as_of is None:  # every fact, each with its date
                from kg.analysis.timeline import as_of

                return as_of(self.network, self.dates(), "9999-12-31")
            return self.network

        export(self.store, fmt, out, G=network, communities=lambda: self.communities(lang="zh"), dynamic=dynamic)
        return output_paths(fmt, out)

    def view(self, out=None, *, lang="en", size_by="degree", around=None, depth=1, highlight=None,
             node_budget=1500, title=None, color_by="class", seed=0):
        """The interactive view (:func:`kg.view.graph_view`): written to ``out`` (returns a ViewSummary),
        or the page's HTML as a string when ``out`` is None. ``around`` is an actor name; ``color_by`` is
        ``class``, ``community`` (Louvain with ``seed``, :meth:`communities`) or ``sector``; the page can
        switch between them and carries the date slider."""
        from kg.view import graph_view

        return graph_view(self, out, lang=lang, size_by=size_by, around=around, depth=depth, highlight=highlight,
                          node_budget=node_budget, title=title, color_by=color_by, seed=seed)

    def graphs(self):
        """``{named graph IRI: triple count}``: the sources (and the ontology) the dataset holds."""
        return self.store.graph_counts()

    # -- life cycle ----------------------------------------------------------------------------

    def close(self):
        """Release the store (its lock, for a persistent one); the object can be opened again by use."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __repr__(self):
        data = f", data={[str(p) for p in self.data]}" if self.data else ""
        return f"KnowledgeGraph(store={self.spec!r}{data})"

    # -- helpers -------------------------------------------------------------------------------

    def _query_text(self, text_or_name):
        from kg.query import named_queries

        text = str(text_or_name or "")
        if text.strip() and text.strip().replace("_", "").replace("-", "").isalnum():
            queries = named_queries()
            if text.strip() in queries:
                return queries[text.strip()].text
        return text

    def _projection(self):
        """(G, meta): from the cache when its content signature matches, else projected (and cached)."""
        from kg.analysis.network import project
        from kg.stores import cache

        signature, path = self._cache_key()
        if path is not None:
            found = cache.read_views(path, signature, lazy=True)
            if found is not None:
                if self._as_of is None:
                    self._read_view = found[2]
                return self._dated(found[0]), found[1]
        if self._as_of is not None and self._origin is not None:  # no cache: copying beats projecting again
            return self._dated(self._origin, copy=True), dict(self._meta)
        G = project(self.store, progress=self.progress)
        meta = {"triples": self.store.count()}
        if path is not None:
            # the undirected view rides along: paths, centrality and communities need it, and reading it
            # back costs less than half of making it (issue 24: half of a warm kg path at 3M triples)
            from kg.analysis.network import undirected

            U = undirected(G)
            cache.write(path, signature, G, meta, U)
            if self._as_of is None:
                self._undirected = U
        return self._dated(G), meta

    def _dated(self, G, copy=False):
        """``G`` as of this graph's date (:meth:`as_of`), filtered in place unless ``copy``; else ``G``."""
        if self._as_of is None:
            return G
        from kg.analysis.timeline import as_of

        when, dated_only = self._as_of
        return as_of(G, self.dates(), when, dated_only=dated_only, copy=copy)

    def _cache_key(self):
        """(signature, cache file) for this graph's content, or (None, None) when it cannot be known;
        the projection, its light variant and the dates share it, so it is worked out once."""
        if self._key is None:
            self._key = self._content_key()
        return self._key

    def _content_key(self):
        """:meth:`_cache_key`, worked out.

        Nothing is opened to compute it when the store is up to date: in-memory content is known from
        its input files; a persistent store from its stamp (inputs unchanged) and its folder's manifest.
        """
        from kg.stores import cache
        from kg.stores.load import content_signature, data_sources, default_sources

        if self._given:  # a store someone else filled: nothing tells what it holds
            return None, None
        if self.kind in ("memory", "rdflib"):
            sources = data_sources(self.data) if self.data else default_sources(skip=self.skip_sources)
            signature = f"{self.kind}:{content_signature(sources)}"
            return signature, cache.memory_cache_path(signature.replace(":", "-"))
        if self.kind == "oxigraph":
            from kg.stores.persistent import plan_load, store_directory, store_signature

            directory = store_directory(self.spec)
            if self._store is None and not plan_load(directory, self.data, skip=self.skip_sources).current:
                self.store  # load what changed first: the signature must describe what is read
            folder = getattr(self._store, "data_directory", None) if self._store is not None else None
            return store_signature(directory, folder), cache.store_cache_path(directory)
        return None, None

    # -- analytics (kg.analysis.collectives, communities, helix, brokerage, timeline) -----------------

    def communities(self, method="louvain", *, seed=0, resolution=None, lang="en"):
        """Communities of the undirected actor network (:func:`kg.analysis.communities.find_communities`).

        >>> with KnowledgeGraph() as g:
        ...     found = g.communities(seed=0)
        >>> found["method"], found["modularity"] > 0.3, sum(c["size"] for c in found["communities"]) == len(g.network)
        ('louvain', True, True)
        """
        from kg.analysis.communities import find_communities

        return find_communities(self.undirected, method, seed=seed, resolution=resolution, lang=lang)

    def sector_scheme(self):
        """The triple-helix sectors the ontology defines (:func:`kg.analysis.helix.read_scheme`), read once."""
        if self._sector_scheme is None:
            from kg.analysis.helix import read_scheme

            self._sector_scheme = read_scheme(self.store)
        return self._sector_scheme

    def sectors(self):
        """Actor IRI -> triple-helix sector IRI, or None (:func:`kg.analysis.helix.actor_sectors`).

        >>> with KnowledgeGraph() as g:
        ...     g.sectors()[g.actor("兰州大学")["iri"]].rsplit("/", 1)[1]
        'university'
        """
        from kg.analysis.helix import actor_sectors

        return actor_sectors(self.network, self.sector_scheme())

    def helix(self, *, seed=0, lang="en"):
        """The triple helix of the graph: sector of every actor, sector mix of every collaboration by
        role, cross-sector ties, the E-I index of the network and of each community (Louvain, ``seed``),
        and chain-leader dependence (:mod:`kg.analysis.helix`). Every part cites its evidence.

        >>> with KnowledgeGraph() as g:
        ...     found = g.helix()
        >>> sorted(found)
        ['actors', 'communities', 'dependence', 'ei', 'mix', 'sectors', 'ties']
        """
        from kg.analysis import helix

        scheme, sectors, U = self.sector_scheme(), self.sectors(), self.undirected
        names = scheme["sectors"]

        def name(sector):
            return names[sector][lang] if sector in names else None

        network_ei = helix.ei_index(U, sectors)
        spans = {}
        for u, v in network_ei["ties"]:
            pair = tuple(sorted((sectors[u], sectors[v])))
            spans.setdefault(pair, []).extend(e for relation in U[u][v]["relations"] for e in relation.get("evidence") or ())
        ties = [dict(sector_a=a, sector_b=b, sector_a_name=name(a), sector_b_name=name(b), ties=count,
                     evidence=spans.get((a, b), []))
                for (a, b), count in helix.cross_sector_ties(U, sectors).items()]
        found = self.communities(seed=seed, lang=lang)
        per_community = []
        for community in found["communities"]:
            ei = helix.ei_index(U, sectors, community["members"])
            per_community.append(dict(id=community["id"], name=community["name"], size=community["size"],
                                      external=ei["external"], internal=ei["internal"], index=ei["index"]))
        return {
            "sectors": [dict(iri=s, **names[s]) for s in sorted(names, key=lambda s: names[s]["order"])],
            "actors": [dict(iri=n, label_en=d.get("label_en"), label_zh=d.get("label_zh"), cls=d.get("cls"),
                            sector=sectors[n], sector_name=name(sectors[n]))
                       for n, d in sorted(U.nodes(data=True), key=lambda item: str(item[0]))],
            "mix": helix.sector_mix(self.network, sectors),
            "ties": ties,
            "ei": dict(external=network_ei["external"], internal=network_ei["internal"], index=network_ei["index"],
                       evidence=[e for tie in ties for e in tie["evidence"]]),
            "communities": dict(method=found["method"], seed=seed, modularity=found["modularity"],
                                ei=per_community),
            "dependence": helix.leader_dependence(self.network, U, scheme["leader_roles"]),
        }

    def dates(self):
        """The graph's dated facts (:func:`kg.analysis.timeline.read_dates`), read once."""
        if self._dates is None:
            from kg.analysis.timeline import read_dates
            from kg.stores import cache

            # kept beside the projection, for the same content: a query over every figure costs seconds at 1M
            signature, path = self._cache_key()
            dates_path = path.with_name(path.stem + "-dates" + path.suffix) if path is not None else None
            found = cache.read(dates_path, signature) if dates_path is not None else None
            if found is not None:
                self._dates = found[0]
            else:
                self._dates = read_dates(self.store)
                if dates_path is not None:
                    cache.write(dates_path, signature, self._dates)
        return self._dates

    def as_of(self, date, *, dated_only=False):
        """The same graph as it stood on ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``): a
        KnowledgeGraph over the same store whose network keeps only what was true or stated by then,
        undated facts kept and flagged unless ``dated_only`` (:func:`kg.analysis.timeline.as_of`). Every
        network question (path, describe, centrality, stats, communities, helix, view, network exports)
        asked of it answers for that date; ``network.graph["as_of"]`` says what was left out.

        >>> with KnowledgeGraph() as g:
        ...     then = g.as_of("2024-06")
        ...     report = then.network.graph["as_of"]
        ...     signed = g.actor("战略合作协议")["iri"]  # signed in July 2024
        >>> signed in g.network, signed in then.network, report["dropped_actors"] > 0
        (True, False, True)

        The view reads the projection afresh (from the cache) and filters it in place, so ``g.network``
        is left as it was and the filter costs one pass; without a cache it filters a copy of
        ``g.network``. A view's own ``as_of`` asks the same origin graph about another date.
        """
        import copy

        from kg.analysis.timeline import parse_date

        view = copy.copy(self)
        view._as_of = (parse_date(date), bool(dated_only))
        view._origin = self._origin if self._as_of is not None else self._network
        view._network = view._undirected = view._light = view._read_view = None
        view._meta = dict(self._meta)
        return view

    def timeline(self, actor=None):
        """Dated facts in order with their evidence, of the whole graph or of one actor (a name):
        :func:`kg.analysis.timeline.timeline`.

        >>> with KnowledgeGraph() as g:
        ...     facts = g.timeline("战略合作协议")
        >>> [(f["date"], f["kind"]) for f in facts][:1], facts[0]["evidence"][0]["span"]
        ([('2024-07', 'date')], '2024年7月')
        """
        from kg.analysis.timeline import timeline

        iri = self.actor(actor)["iri"] if actor else None
        return timeline(self.network, self.dates(), iri)


def open_graph(store="memory", data=None, **options):
    """Open a :class:`KnowledgeGraph` (what :func:`kg.open` does).

    >>> with open_graph() as g:
    ...     g.actor("兰州大学")["cls"]
    'University'
    """
    return KnowledgeGraph(store, data, **options)
