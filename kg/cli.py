"""The ``kg`` command line: argument handling and output only; every command is one call into ``kg``.

Heavy modules (rdflib, networkx, pyvis, the server) are imported inside the commands, so ``kg --help``
stays fast.
"""

import functools
import sys

import click

from kg.errors import KGError
from kg.formats import output_options

__all__ = ["main", "cli"]


class _Group(click.Group):
    """A click group that turns every ``KGError`` into one line on stderr and its exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KGError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(error.exit_code)
        except ModuleNotFoundError as error:  # an optional package, or a broken install: say which
            package = (error.name or "").partition(".")[0] or str(error)
            click.echo(f"Error: this command needs the Python package {package!r}, which is not installed "
                       f"(pip install {package})", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="innovation-kg", prog_name="kg")
def cli():
    """innovation-kg: build, validate, query, trace, rank, view and serve a knowledge graph of
    innovation actors.

    By default every command reads the project's ontology and graph_data/; --data names other RDF files,
    --store another store (memory, oxigraph:DIR, sparql:URL).
    """


def graph_source_options(function):
    """The options every command that reads the graph takes: ``--store`` and ``--data``."""

    @click.option("--store", "store", default="memory", show_default=True, metavar="SPEC",
                  help="Where the graph lives: memory, oxigraph:DIR (persistent) or sparql:URL (remote).")
    @click.option("--data", "data", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
                  help="RDF file to load instead of the project's data (repeatable; .ttl .nt .jsonld .trig).")
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return function(*args, **kwargs)

    return wrapper


def open_graph(store, data):
    """Load the graph that ``--store``/``--data`` name (one call into ``kg.stores.load``).

    The store is closed when the command ends, so a persistent store's lock is released even when
    commands run in one process (tests, notebooks).
    """
    from kg.stores.load import load_graph

    graph = load_graph(list(data) or None, store=store)
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(graph.close)
    return graph


def open_network(store, data):
    """``(graph, G)``: the graph and its projection (read from the cache beside an ``oxigraph:DIR`` store)."""
    from kg.stores.cache import load_projection

    graph = open_graph(store, data)
    return graph, load_projection(graph, store)


# -- commands are defined below, one function each; keep each a thin call into the library --

#: formats `kg query` writes (kg.query.RESULT_FORMATS; kept here so `kg --help` does not import it)
QUERY_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: formats `kg export` writes (kg.export's registry; tests check the two agree)
EXPORT_FORMATS = ("turtle", "nt", "json-ld", "graphml", "gexf", "csv")
#: measures `kg centrality` computes (kg.analysis.centrality's; tests check the two agree)
MEASURES = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")

_LANG = click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
                     help="Language of names and relation labels.")


@cli.command("build", short_help='Validate and write out/graph.ttl, graph.nt and index.html.')
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write graph.ttl, graph.nt and index.html into.")
@click.option("--no-view", is_flag=True, help="Skip the HTML view (index.html).")
@graph_source_options
def build_command(out_dir, no_view, store, data):
    """Load, validate and write the consolidated graph and its HTML view.

    Writes OUT/graph.ttl, OUT/graph.nt and OUT/index.html (each atomically) and prints a summary:
    triples, actors by class, relations by kind. Nothing is written when validation fails.

    \b
    Example:
      kg build
      kg build --out site --no-view
      kg build --data ontology/innovation.ttl --data mine.ttl --out mine
    """
    from kg.build import build

    result = build(out_dir, paths=list(data) or None, store=store, view=not no_view)
    click.echo("\n".join(result.lines()))


@cli.command("validate", short_help='Check the graph against the SHACL shapes.')
@graph_source_options
def validate_command(store, data):
    """Check the graph against the SHACL shapes; report in plain words.

    Exits 0 when the graph conforms and 1 when it has violations.

    \b
    Example:
      kg validate
      kg validate --data mine.ttl
    """
    from kg.validate import validate

    graph = open_graph(store, data)
    report = validate(graph)
    if report.conforms:
        click.echo(f"OK: {report.summary()} ({len(graph)} triples checked)")
        return
    for line in report.lines():
        click.echo(line)
    count = len(report.violations)
    click.echo(f"{count} violation{'s' if count != 1 else ''} of the shapes")
    click.get_current_context().exit(1)


@cli.command("stats", short_help='Counts by class and relation, components, degrees.')
@_LANG
@output_options
@graph_source_options
def stats_command(lang, fmt, store, data):
    """Counts and shape: actors by class, relations by kind, components, density, degrees.

    Degrees count the distinct actors each actor is tied to (the undirected view of the network).

    \b
    Example:
      kg stats
      kg stats --format json
    """
    from kg.analysis.stats import stats, stats_rows

    summary = stats(*open_network(store, data))
    if fmt == "json":
        _echo_json(summary)
        return
    _echo_records(*stats_rows(summary, lang), fmt)


@cli.command("query", short_help='Run SPARQL (file, -e, or a named query).')
@click.argument("file", required=False, type=click.File("r", encoding="utf-8"))
@click.option("-e", "--expr", "text", metavar="SPARQL", help="The query itself, as a string.")
@click.option("--name", "-n", "name", metavar="NAME", help="Run a named query (see --list).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and what each answers.")
@output_options(formats=QUERY_FORMATS)
@graph_source_options
def query_command(file, text, name, list_queries, fmt, store, data):
    """Run a read-only SPARQL query from FILE ('-' for stdin), -e TEXT or --name NAME.

    The prefixes ikg: ikr: org: prov: skos: schema: dcterms: foaf: rdf: rdfs: owl: xsd: sh: are
    predeclared. csv, tsv, json and xml follow the SPARQL 1.1 results formats. UPDATE is refused.

    \b
    Example:
      kg query --list
      kg query --name consortium_members_by_role
      kg query -e 'SELECT ?org ?name WHERE { ?org a ikg:University ; skos:prefLabel ?name }'
      kg query my.rq --format json
    """
    from kg.query import named_queries, run_named, run_query, serialize

    given = [option for option, value in (("FILE", file), ("-e", text), ("--name", name),
                                          ("--list", list_queries)) if value]
    if len(given) != 1:
        raise click.UsageError("give exactly one of FILE, -e TEXT, --name NAME or --list"
                               + (f" (got {', '.join(given)})" if given else ""))
    if list_queries:
        rows = [[q.name, q.description] for q in named_queries().values()]
        _echo_records(["name", "answers"], rows, fmt if fmt in ("csv", "tsv", "json") else "table", max_width=None)
        return
    if file:
        try:
            text = file.read()
        except UnicodeDecodeError as error:
            raise click.BadParameter(f"{file.name} is not UTF-8 text ({error.reason} at byte {error.start})",
                                     param_hint="FILE") from None
    graph = open_graph(store, data)
    result = run_named(graph, name) if name else run_query(graph, text)
    _echo_text(serialize(result, fmt))


@cli.command("path", short_help='How two actors are connected, hop by hop, with evidence.')
@click.argument("source")
@click.argument("target")
@_LANG
@click.option("--all-shortest", is_flag=True, help="Every shortest path, not just one.")
@click.option("--k", "k", type=click.IntRange(min=1), metavar="N",
              help="The N shortest simple paths, shortest first.")
@click.option("--max-hops", type=click.IntRange(min=1), metavar="N", help="Longest path allowed, in hops.")
@click.option("--avoid", "avoid", multiple=True, metavar="CLASS",
              help="No intermediate actor of this class, e.g. Place (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the paths as JSON.")
@click.option("--view", "view_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write an HTML view of the paths to FILE.")
@graph_source_options
def path_command(source, target, lang, all_shortest, k, max_hops, avoid, as_json, view_path, store, data):
    """How SOURCE and TARGET are connected: each hop with its relation, direction and evidence.

    SOURCE and TARGET are IRIs, prefixed names (ikr:org/lanzhou-university), Chinese or English names,
    aliases or a unique part of a name. An unknown or ambiguous name exits 2 listing candidates.

    \b
    Example:
      kg path 兰州大学 金川集团
      kg path "Lanzhou University" ikr:place/jinchang --k 3 --lang zh
      kg path 兰州大学 金川集团 --avoid Place --max-hops 4 --json
    """
    from kg.analysis.paths import find_paths, format_path
    from kg.analysis.resolve import resolve

    if all_shortest and k:
        raise click.UsageError("--all-shortest and --k exclude each other")
    _, G = open_network(store, data)
    start, end = resolve(G, source), resolve(G, target)
    mode = "all_shortest" if all_shortest else ("k_shortest" if k else "shortest")
    paths = find_paths(G, start, end, mode=mode, k=k or 3, max_hops=max_hops, avoid_classes=avoid)
    if view_path:
        from kg.view import render_path_view

        render_path_view(G, paths, view_path, lang=lang, depth=1)
    if as_json:
        _echo_json({"source": start, "target": end, "mode": mode, "paths": paths})
    else:
        blocks = [f"Path {number} ({len(path)} hop{'s' if len(path) != 1 else ''}):\n{format_path(path, lang)}"
                  for number, path in enumerate(paths, 1)]
        click.echo("\n\n".join(blocks))
    if view_path:
        click.echo(f"Wrote {view_path}", err=True)


@cli.command("show", short_help='One actor: names, figures, relations, evidence.')
@click.argument("actor")
@_LANG
@click.option("--json", "as_json", is_flag=True, help="Print the actor as JSON (what the web server serves).")
@graph_source_options
def show_command(actor, lang, as_json, store, data):
    """One actor: names, classes, figures, and every relation in and out with its evidence.

    \b
    Example:
      kg show 兰州大学
      kg show ikr:org/lanzhou-university --lang zh --json
    """
    from kg.analysis.describe import describe, format_actor
    from kg.analysis.resolve import resolve

    _, G = open_network(store, data)
    found = describe(G, resolve(G, actor))
    if as_json:
        _echo_json(found)
    else:
        click.echo(format_actor(found, lang))


@cli.command("centrality", short_help='Rank actors: degree, betweenness, closeness, ...')
@click.option("--measure", "-m", "measures", multiple=True, type=click.Choice(MEASURES),
              help="A measure to compute (repeatable; default: all five).")
@click.option("--class", "classes", multiple=True, metavar="CLASS",
              help="Only list actors of this class, e.g. Enterprise (repeatable). Scores are still "
                   "computed on the whole network.")
@click.option("--top", type=click.IntRange(min=1), metavar="N", help="Only the N highest-ranked actors.")
@click.option("--collectives", is_flag=True,
              help="Let groups the article counts but does not name (e.g. 64 chain enterprises) weigh in: "
                   "each counted member adds one tie to the actor that counts it in degree, and PageRank's "
                   "random jumps land on that actor with weight 1 + the count. Betweenness, closeness and "
                   "eigenvector are unchanged (they rank positions among named actors).")
@click.option("--betweenness-k", type=click.IntRange(min=1), metavar="K",
              help="Estimate betweenness from K sampled sources (seeded, so repeatable) on large graphs.")
@_LANG
@output_options
@graph_source_options
def centrality_command(measures, classes, top, collectives, betweenness_k, lang, fmt, store, data):
    """Rank actors by degree, betweenness, closeness, eigenvector centrality and PageRank.

    \b
    Example:
      kg centrality --top 10
      kg centrality -m betweenness -m pagerank --class Enterprise --format csv
    """
    from kg.analysis.centrality import compute

    _, G = open_network(store, data)
    rows = compute(G, measures=tuple(measures or MEASURES), classes=list(classes) or None, top=top,
                   collective_weight=collectives, betweenness_k=betweenness_k, seed=0)
    if fmt == "json":
        _echo_json(rows)
        return
    chosen = list(measures or MEASURES)
    if fmt == "table":  # for reading: the name in one language, no IRI
        table = [[row[f"label_{lang}"], row["cls"], *(row[m] for m in chosen)] for row in rows]
        _echo_records(["actor", "class", *chosen], table, fmt)
        return
    columns = ["iri", "label_zh", "label_en", "cls", *chosen]
    _echo_records(columns, [[row.get(c) for c in columns] for row in rows], fmt)


@cli.command("export", short_help='Write Turtle, N-Triples, JSON-LD, GraphML, GEXF or CSV.')
@click.option("--format", "-f", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="turtle, nt, json-ld (every triple); graphml, gexf (the actor network, for Gephi and "
                   "Cytoscape); csv (actors and relations, two files). Default: from OUT's suffix, else turtle.")
@click.option("-o", "--output", "out_path", type=click.Path(), metavar="OUT",
              help="File to write (a folder for csv). Default: out/graph.ttl, out/graph.nt, out/graph.jsonld, "
                   "out/actors.graphml, out/actors.gexf or out/csv/.")
@graph_source_options
def export_command(fmt, out_path, store, data):
    """Write the graph, or its actor network, in a format other tools read.

    \b
    Example:
      kg export --format graphml -o out/actors.graphml
      kg export -o out/actors.gexf
      kg export -f csv -o out/tables
    """
    from kg.export import export, guess_export_format, output_paths

    if out_path is None:
        fmt = fmt or "turtle"
        out_path = _DEFAULT_EXPORT_PATHS[fmt]
    fmt = fmt or guess_export_format(out_path)
    from kg.export import EXPORT_FORMATS as KINDS

    if KINDS[fmt][0] == "network":
        graph, G = open_network(store, data)
        export(graph, fmt, out_path, G=G)
    else:
        export(open_graph(store, data), fmt, out_path)
    for written in output_paths(fmt, out_path):
        click.echo(f"Wrote {written}")


def _echo_text(text):
    """Print ``text`` with exactly one line end after it (CSV and TSV already end theirs)."""
    click.echo(text, nl=not text.endswith("\n"))


def _echo_records(columns, rows, fmt, **options):
    from kg.formats import render_records

    _echo_text(render_records(columns, rows, fmt, **options))


def _echo_json(value):
    import json

    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


_DEFAULT_EXPORT_PATHS = {"turtle": "out/graph.ttl", "nt": "out/graph.nt", "json-ld": "out/graph.jsonld",
                         "graphml": "out/actors.graphml", "gexf": "out/actors.gexf", "csv": "out/csv"}



@cli.command("synth")
@click.option("--actors", type=click.IntRange(min=100), required=True, metavar="N",
              help="Actors to generate (about 33 triples each: --actors 31000 gives about 1M triples).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed: the same seed writes the same bytes.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for synth.nt and sources/synth-NNNN.txt.")
@click.option("--turtle", is_flag=True, help="Also write synth.ttl (the same triples as Turtle).")
@click.option("--load", "load_store", metavar="SPEC",
              help="Then load the ontology and the synthetic data into this store, e.g. oxigraph:DIR.")
def synth_command(actors, seed, out_dir, turtle, load_store):
    """Write a synthetic innovation ecosystem (every IRI ikr:<kind>/synth-...) for tests and benchmarks.

    Provinces, agencies and policies, academies with institutes, universities and labs, enterprises in
    chains and clusters (heavy-tailed membership), consortia, projects, partners abroad, dated figures
    and evidence nodes pointing into synthetic source texts. Load it together with the ontology.

    \b
    Example:
      kg synth --actors 31000 --seed 1 --out synth-1m --load oxigraph:synth-1m/store
      kg stats --store oxigraph:synth-1m/store
    """
    from kg.synth import generate

    result = generate(actors, seed=seed, out_dir=out_dir, turtle=turtle)
    names = " and ".join(str(path) for path in result.files)
    click.echo(f"Wrote {result.triples:,} triples ({result.actors:,} actors) to {names}, "
               f"{len(result.sources)} source text(s) under {result.sources[0].parent}")
    if load_store:
        from kg.stores.load import default_sources, load_graph

        ontology = [path for path in default_sources() if path.parent.name == "ontology"]
        load_graph(ontology + [result.files[0]], store=load_store)
        click.echo(f"Loaded the ontology and {result.files[0]} into {load_store}")


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; 0.0.0.0 exposes the graph to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1), metavar="SECONDS",
              help="Stop a query that runs longer and answer 503; the server keeps serving.")
@click.option("--max-rows", default=10000, show_default=True, type=click.IntRange(min=1), metavar="N",
              help="Cut longer results (headers X-KG-Result-Cap and X-KG-Truncated say so).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), metavar="N",
              help="Query worker processes (queries that run at once).")
@graph_source_options
def serve_command(host, port, timeout, max_rows, workers, store, data):
    """Serve the graph: a SPARQL 1.1 endpoint at /sparql, a query page, actor pages, the network view.

    Read-only. SELECT/ASK answer as SPARQL JSON, XML, CSV or TSV and CONSTRUCT/DESCRIBE as Turtle,
    N-Triples or JSON-LD, by the Accept header (or ?format=). Actor pages live at their IRI's path
    (/id/<kind>/<slug>) and answer Turtle or JSON-LD to RDF clients. Everything works offline.

    \b
    Example:
      kg serve
      kg serve --store oxigraph:store --port 8890 --timeout 30
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:8000/sparql
    """
    import socket

    import uvicorn

    from kg.serve import create_app

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise KGError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    graph = open_graph(store, data)
    app = create_app(graph, timeout=timeout, max_rows=max_rows, store_spec=store, workers=workers)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {len(graph):,} triples from {store} at http://{shown}:{port}/ "
               f"(SPARQL endpoint: http://{shown}:{port}/sparql). Ctrl-C stops.", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Warning: listening on {host}: anyone who can reach this machine can read the graph.",
                   err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command("push")
@click.argument("url")
@click.option("--graph", "graph_iri", default=None, metavar="IRI",
              help="Named graph to fill (replaced) [default: https://w3id.org/innovation-kg/graph/main].")
@click.option("--batch-size", default=5000, show_default=True, type=click.IntRange(min=1), metavar="N",
              help="Triples per request.")
@click.option("--query-url", default=None, metavar="URL",
              help="The store's SPARQL query endpoint, for the count check [default: guessed from URL].")
@graph_source_options
def push_command(url, graph_iri, batch_size, query_url, store, data):
    """Load the graph into a triple store over the SPARQL 1.1 Graph Store protocol, then verify the count.

    URL is the store's Graph Store endpoint (Virtuoso: http://HOST:8890/sparql-graph-crud). The named
    graph's old content is replaced; the triple count is then checked with a COUNT query.

    \b
    Example:
      kg push http://127.0.0.1:8890/sparql-graph-crud
      kg query --store 'sparql:http://127.0.0.1:8890/sparql?default-graph-uri=https://w3id.org/innovation-kg/graph/main' --name consortium_members_by_role
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.stores.load import GRAPH_IRI
    from kg.stores.push import push

    graph = open_graph(store, data)
    target = graph_iri or GRAPH_IRI
    columns = (TextColumn("pushing"), BarColumn(), MofNCompleteColumn(), TextColumn("triples"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("push", total=None)
        result = push(graph, url, graph_iri=target, batch_size=batch_size, query_url=query_url,
                      progress=lambda sent, total: bar.update(task, completed=sent, total=total))
    click.echo(f"Pushed {result.triples:,} triples into <{result.graph_iri}> at {result.url} in "
               f"{result.batches} request(s), {result.seconds:.1f} s; the store holds {result.remote_count:,}.")


@cli.command("view")
@click.option("-o", "--out", "out_path", default="out/view.html", show_default=True,
              type=click.Path(dir_okay=False), metavar="FILE", help="HTML file to write (atomically).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="zh", show_default=True,
              help="Language of the labels drawn and of the page.")
@click.option("--size-by", type=click.Choice(MEASURES), default="degree", show_default=True,
              help="Centrality that sizes the nodes (and picks the actors kept under --max-nodes).")
@click.option("--around", metavar="ACTOR", help="Only the actors within --depth steps of ACTOR (name, alias or IRI).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
              help="Steps around --around (edge direction ignored).")
@click.option("--consortium", metavar="NAME", help="One innovation consortium and its members (--around NAME --depth 1).")
@click.option("--cluster", metavar="NAME", help="One industrial cluster and its actors (--around NAME --depth 1).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=1500, show_default=True, metavar="N",
              help="Node budget: above it the most central actors are kept and the page says so.")
@click.option("--title", metavar="TEXT", help="Page title (default: names the view).")
@graph_source_options
def view_command(out_path, lang, size_by, around, depth, consortium, cluster, max_nodes, title, store, data):
    """Write an interactive HTML view of the actor network that works offline.

    Nodes are coloured by class and sized by centrality; hover shows names, class, figures and evidence;
    search by name or alias, filter classes, click an actor to list its relations. The page loads nothing
    from the network. For a path between two actors use `kg path A B --view FILE`.

    \b
    Example:
      kg view -o out/view.html
      kg view --around 兰州大学 --depth 2 --lang en --size-by betweenness
      kg view --cluster 金昌 -o out/cluster.html
    """
    from kg.errors import UnknownActor
    from kg.analysis.network import class_filter
    from kg.analysis.resolve import resolve
    from kg.view import render

    focus = [(option, name) for option, name in
             (("--around", around), ("--consortium", consortium), ("--cluster", cluster)) if name]
    if len(focus) > 1:
        raise click.UsageError(f"{' and '.join(option for option, _ in focus)} exclude each other")
    _, G = open_network(store, data)
    centre = resolve(G, around) if around else None
    if consortium or cluster:  # the name is looked up among actors of that class only
        wanted = "InnovationConsortium" if consortium else "IndustrialCluster"
        try:
            centre, depth = resolve(G.subgraph(class_filter(G, [wanted])), consortium or cluster), 1
        except UnknownActor as error:
            raise UnknownActor(f"among actors of class {wanted}: {error}", error.candidates) from None
    summary = render(G, out_path, lang=lang, size_by=size_by, around=centre, depth=depth,
                     node_budget=max_nodes, title=title)
    click.echo(f"Wrote {summary.path}: {summary.nodes_shown:,} of {summary.nodes_total:,} actors, "
               f"{summary.edges_shown:,} of {summary.edges_total:,} relations")


@cli.command("locate")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("span")
@click.option("--context", default=None, metavar="TEXT",
              help="A longer string that occurs once in SOURCE and contains SPAN (picks the stating occurrence).")
@click.option("--nth", type=click.IntRange(min=1), default=None, help="Take the N-th occurrence of SPAN.")
def locate_command(source, span, context, nth):
    """Print the character offsets of SPAN in the text file SOURCE, for writing evidence.

    Prints START, END and SPAN separated by tabs; offsets are code points into the UTF-8 text, so
    text[START:END] == SPAN. A span that occurs more than once needs --context or --nth.

    \b
    Example:
      kg locate ../shared/sources/000_53c5d41e29162869.txt 兰州大学 --context 兰州大学、金川
    """
    from kg.evidence import locate, read_source

    start, end = locate(read_source(source), span, context, nth)
    click.echo(f"{start}\t{end}\t{span}")


def main(argv=None):
    """Console-script entry point."""
    return cli.main(args=argv, prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
