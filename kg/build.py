"""The main job: compile the claims, load the graph, validate it, and write the consolidated graph and its view.

First, every ``graph_data/<source-id>/claims.tsv`` whose source text is available is compiled into
``graph_data/<source-id>/claims.ttl`` (:func:`kg.claims.build.build_claims`; docs/claims.md), which the
loader reads with the folder's other Turtle. Then :func:`build` writes, each file atomically, into one
output folder:

- ``graph.ttl`` -- every triple loaded (ontology and data), as Turtle;
- ``graph.nt`` -- the same triples as N-Triples (one per line: easy to diff, grep and bulk-load);
- ``graph.trig`` -- every triple in its named graph (one per source), as TriG;
- ``index.html`` -- the default interactive view of the actor network (:func:`kg.view.render`).

Nothing is written when the data violates the SHACL shapes: the error says how many violations there
are and ``kg validate`` prints them.
"""

from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError, ValidationFailed

__all__ = ["BuildResult", "build"]


@dataclass
class BuildResult:
    """What :func:`build` wrote and the graph's summary."""

    out_dir: Path
    files: list = field(default_factory=list)
    triples: int = 0
    actors: int = 0
    relations: int = 0
    actors_by_class: dict = field(default_factory=dict)
    relations_by_kind: dict = field(default_factory=dict)
    violations: int = 0
    view: object = None
    compiled: list = field(default_factory=list)

    def lines(self, lang="en"):
        """The summary ``kg build`` prints (:func:`kg.render.build_lines`)."""
        from kg.render import build_lines

        return build_lines(self, lang)


def build(out_dir="out", paths=None, store="memory", view=True, lang=None, graph=None):
    """Load, validate, and write ``graph.ttl``, ``graph.nt``, ``graph.trig`` and (with ``view``) ``index.html``.

    Parameters
    ----------
    out_dir : str or Path
        The output folder (created when missing).
    paths : list of paths, optional
        RDF files to load instead of the project's ontology and ``graph_data/``.
    store : str
        The store spec (``memory``, ``oxigraph:DIR``, ``sparql:URL``), as :func:`kg.stores.load.open_store`.
    view : bool
        Also write the HTML view.
    lang : {"en", "zh"}, optional
        Language of the view (default :func:`kg.default_language`).
    graph : kg.KnowledgeGraph, optional
        An open graph to build from (``paths`` and ``store`` are then ignored).

    When the graph is the project's own (no ``paths``, and ``graph`` opened without ``data``), the claims
    files are compiled first (:func:`kg.claims.build.build_claims`), before the graph is loaded.

    Returns
    -------
    BuildResult
        ``compiled`` lists ``(source id, "written" | "unchanged" | "no text")`` for each claims file.

    Raises
    ------
    ValidationFailed
        The graph violates the shapes; nothing is written.
    DataError
        A file cannot be read or parsed, a claims line is bad (``path:LINE: ...``), or the graph holds no
        triples; nothing is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> data = pathlib.Path(tempfile.mkdtemp()) / "one.ttl"
    >>> _ = data.write_text('''@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
    ... <https://w3id.org/innovation-kg/id/org/x> a ikg:Actor .''')
    >>> build(data.parent / "out", paths=[data], view=False)
    Traceback (most recent call last):
    ...
    kg.errors.ValidationFailed: ... shape violations: ...; nothing written (kg validate lists them all)
    >>> (data.parent / "out").exists()
    False
    """
    from kg.core import KnowledgeGraph, default_language
    from kg.export import export
    from kg.validate import check

    out_dir = Path(out_dir)
    compiled = []
    if not paths and (graph is None or (graph.data is None and graph._store is None)):
        from kg.claims.build import build_claims

        compiled = build_claims()
    kg = graph if graph is not None else KnowledgeGraph(store, list(paths) if paths else None)
    try:
        report = check(kg.store)
    except ValidationFailed as error:
        raise ValidationFailed(f"{error}; nothing written (kg validate lists them all)", report=error.report) from None
    summary = kg.stats()
    if not summary["triples"]:  # an empty input (or a file of comments) is a mistake, not an empty site
        given = ", ".join(str(path) for path in (kg.data or ())) or kg.spec
        raise DataError(f"the graph is empty: no triples in {given}; nothing written")
    files = []
    for name, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.trig", "trig")):
        export(kg.store, fmt, out_dir / name)
        files.append(out_dir / name)
    rendered = None
    if view:
        rendered = kg.view(out_dir / "index.html", lang=lang or default_language())
        files.append(out_dir / "index.html")
    return BuildResult(out_dir=out_dir, files=files, triples=summary["triples"], actors=summary["actors"],
                       relations=summary["relations"], actors_by_class=summary["actors_by_class"],
                       relations_by_kind=summary["relations_by_kind"],
                       violations=len(getattr(report, "violations", None) or []), view=rendered,
                       compiled=compiled)


