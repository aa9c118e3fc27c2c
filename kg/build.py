"""The main job: load the graph, validate it, and write the consolidated graph and its HTML view.

:func:`build` writes, each file atomically, into one output folder:

- ``graph.ttl`` -- every triple loaded (ontology and data), as Turtle;
- ``graph.nt`` -- the same triples as N-Triples (one per line: easy to diff, grep and bulk-load);
- ``index.html`` -- the default interactive view of the actor network (:func:`kg.view.render`).

Nothing is written when the data violates the SHACL shapes: the error says how many violations there
are and ``kg validate`` prints them.
"""

from dataclasses import dataclass, field
from pathlib import Path

from kg._atomic import atomic_write
from kg.errors import ValidationFailed

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

    def lines(self):
        """The summary ``kg build`` prints, one line per item.

        >>> print("\\n".join(BuildResult(Path("out"), [Path("out/graph.ttl")], 10, 2, 1,
        ...                              {"City": 2}, {"ikg:partOfPlace": 1}).lines()))
        Validated: conforms to the shapes (0 violations)
        Triples: 10
        Actors: 2
          City  2
        Relations: 1
          ikg:partOfPlace  1
        Wrote:
          out/graph.ttl
        """
        from kg.formats import text_table

        lines = [f"Validated: conforms to the shapes ({self.violations} violations)",
                 f"Triples: {self.triples}", f"Actors: {self.actors}"]
        lines += _indented_counts(self.actors_by_class, text_table)
        lines.append(f"Relations: {self.relations}")
        lines += _indented_counts(self.relations_by_kind, text_table)
        lines.append("Wrote:")
        lines += [f"  {path}" for path in self.files]
        return lines


def build(out_dir="out", paths=None, store="memory", view=True):
    """Load, validate, and write ``graph.ttl``, ``graph.nt`` and (with ``view``) ``index.html``.

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

    Returns
    -------
    BuildResult

    Raises
    ------
    ValidationFailed
        The graph violates the shapes; nothing is written.
    DataError
        A file cannot be read or parsed.

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
    from kg.stores.cache import load_projection
    from kg.stores.load import load_graph
    from kg.analysis.stats import stats
    from kg.validate import check

    out_dir = Path(out_dir)
    graph = load_graph(list(paths) if paths else None, store=store)
    try:
        report = check(graph)
    except ValidationFailed as error:
        raise ValidationFailed(f"{error}; nothing written (kg validate lists them all)", report=error.report) from None
    G = load_projection(graph, store)
    summary = stats(graph, G)
    files = [_write_graph(graph, out_dir / "graph.ttl", "turtle"), _write_graph(graph, out_dir / "graph.nt", "nt")]
    rendered = None
    if view:
        from kg.view import render

        rendered = render(G, out_dir / "index.html")
        files.append(out_dir / "index.html")
    return BuildResult(out_dir=out_dir, files=files, triples=summary["triples"], actors=summary["actors"],
                       relations=summary["relations"], actors_by_class=summary["actors_by_class"],
                       relations_by_kind=summary["relations_by_kind"],
                       violations=len(getattr(report, "violations", None) or []), view=rendered)


# helpers

def _write_graph(graph, path, fmt):
    """Serialize ``graph`` to ``path`` atomically (Oxigraph's own serializers for Oxigraph stores)."""
    from kg.namespaces import bind_prefixes

    if type(getattr(graph, "store", None)).__name__ == "OxigraphStore":
        fmt = {"turtle": "ox-turtle", "nt": "ox-nt"}[fmt]
    data = bind_prefixes(graph).serialize(format=fmt, encoding="utf-8")
    with atomic_write(path, "wb") as handle:
        handle.write(data)
    return path


def _indented_counts(counts, text_table):
    if not counts:
        return []
    table = text_table(["", ""], [[name, str(count)] for name, count in counts.items()], numeric=[1])
    return ["  " + line for line in table.splitlines()[2:]]
