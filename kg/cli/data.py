"""Commands about the data: build, validate, load, query, export, push, synth, locate."""

import click

from kg.cli import (cli, echo_records, echo_text, format_option, graph_options, lang_option, language,
                    open_kg, progress)
from kg.cli.network import as_of_options as _as_of_options

__all__ = []


@cli.command("build", short_help="Validate and write out/graph.ttl, graph.nt, graph.trig and index.html.")
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write graph.ttl, graph.nt, graph.trig and index.html into.")
@click.option("--no-view", is_flag=True, help="Skip the HTML view (index.html).")
@lang_option
@graph_options
def build_command(out_dir, no_view, lang, store, data, without, allow_service):
    """Load, validate and write the consolidated graph and its HTML view.

    Writes OUT/graph.ttl and OUT/graph.nt (every triple), OUT/graph.trig (every triple in its named
    graph, one per source) and OUT/index.html, each atomically, and prints a summary: triples, actors by
    class, relations by kind. Nothing is written when validation fails.

    \b
    Example:
      kg build
      kg build --out site --no-view
      kg build --data ontology/innovation.ttl --data mine.ttl --out mine
    """
    from kg.build import build

    graph = open_kg(store, data, without, allow_service)
    result = build(out_dir, view=not no_view, lang=language(lang), graph=graph)
    from kg.render import build_lines

    click.echo("\n".join(build_lines(result, language(lang), graph.network.graph.get("class_labels"))))


@cli.command("validate", short_help="Check the graph against the SHACL shapes.")
@graph_options
def validate_command(store, data, without, allow_service):
    """Check the graph against the SHACL shapes; report in plain words.

    Exits 0 when the graph conforms and 1 when it has violations.

    \b
    Example:
      kg validate
      kg validate --data mine.ttl
    """
    graph = open_kg(store, data, without, allow_service)
    report = graph.validate()
    if report.conforms:
        click.echo(f"OK: {report.summary()} ({graph.triple_count()} triples checked)")
        return
    for line in report.lines():
        click.echo(line)
    count = len(report.violations)
    click.echo(f"{count} violation{'s' if count != 1 else ''} of the shapes")
    click.get_current_context().exit(1)


@cli.command("load", short_help="Load RDF files (or the project's data) into a store.")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--store", "store", required=True, metavar="SPEC", help="The store to fill, e.g. oxigraph:DIR.")
@click.option("--without", "without", multiple=True, metavar="SOURCE",
              help="Leave out one source of graph_data/ when loading the project's data (repeatable).")
def load_command(files, store, without):
    """Load FILES (default: the project's ontology and graph_data/) into the store SPEC.

    Each file fills its own named graph (TriG and N-Quads keep theirs), replacing what that graph held,
    so loading a changed file again replaces its statements. Files already loaded and unchanged are
    skipped. Prints the store's named graphs and their triple counts.

    \b
    Example:
      kg load --store oxigraph:store
      kg load synth/synth.nt ontology/innovation.ttl --store oxigraph:synth-store
    """
    from kg.errors import DataError

    if not store.startswith("oxigraph:"):
        raise DataError(f"kg load fills a persistent store (oxigraph:DIR), not {store}")
    graph = open_kg(store, files, without)
    counts = graph.graphs()
    echo_records(["graph", "triples"], [[iri, count] for iri, count in counts.items()], "table")
    click.echo(f"{sum(counts.values()):,} triples in {len(counts)} named graphs in {store}")


@cli.command("query", short_help="Run SPARQL (file, -e, or a named query).")
@click.argument("file", required=False, type=click.File("rb"))
@click.option("-e", "--expr", "text", metavar="SPARQL", help="The query itself, as a string.")
@click.option("--name", "-n", "name", metavar="NAME", help="Run a named query (see --list).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and what each answers.")
@click.option("--default-graph", "default_graphs", multiple=True, metavar="IRI",
              help="Query this named graph as the default graph (repeatable; as the protocol's default-graph-uri).")
@click.option("--named-graph", "named_graphs", multiple=True, metavar="IRI",
              help="Make this graph available to GRAPH (repeatable; as the protocol's named-graph-uri).")
@click.option("--timeout", "timeout", default=10.0, show_default=True, type=click.FloatRange(min=0), metavar="SECONDS",
              help="Stop a query that runs longer, with an error (0: no limit). The query runs in a child "
                   "process, so an engine crash is an error too.")
@format_option(table="result")
@graph_options
def query_command(file, text, name, list_queries, default_graphs, named_graphs, timeout, fmt, store, data,
                  without, allow_service):
    """Run a read-only SPARQL query from FILE ('-' for stdin), -e TEXT or --name NAME.

    The prefixes ikg: ikr: org: prov: skos: schema: dcterms: foaf: rdf: rdfs: owl: xsd: sh: are
    predeclared, and relative IRIs resolve against ikr: (<org/lanzhou-university>). The default graph is
    the union of every source's named graph; FROM, FROM NAMED and GRAPH work as SPARQL says. csv, tsv,
    json and xml are the SPARQL 1.1 results formats. UPDATE and SERVICE are refused. A query that runs
    past --timeout (10 s) is stopped with an error.

    \b
    Example:
      kg query --list
      kg query --name consortium_members_by_role
      kg query -e 'SELECT ?org ?name WHERE { ?org a ikg:University ; skos:prefLabel ?name }'
      kg query -e 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g'
      kg query my.rq --format json
    """
    given = [option for option, value in (("FILE", file), ("-e", text), ("--name", name),
                                          ("--list", list_queries)) if value or (option == "-e" and value == "")]
    if given == ["-e"] and not text.strip():
        raise click.UsageError("-e was given an empty query: give a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    if len(given) != 1:
        raise click.UsageError("give exactly one of FILE, -e TEXT, --name NAME or --list"
                               + (f" (got {', '.join(given)})" if given else ""))
    if list_queries:
        from kg.query import named_queries

        rows = [[q.name, q.description] for q in named_queries().values()]
        echo_records(["name", "answers"], rows, fmt if fmt in ("csv", "tsv", "json") else "table", max_width=None)
        return
    if file:
        raw = file.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise click.BadParameter(f"{file.name} is not UTF-8 text ({error.reason} at byte {error.start})",
                                     param_hint="FILE") from None
    if name:
        from kg.query import named_query_text

        text = named_query_text(name)
    from kg.query.apart import answer_apart

    graph = open_kg(store, data, without, allow_service)
    answer = answer_apart(graph, text, fmt, timeout=timeout or None, default_graphs=list(default_graphs) or None,
                          named_graphs=list(named_graphs) or None)
    if fmt == "table":
        echo_text(answer.decode("utf-8"))
        return
    import sys

    sys.stdout.buffer.write(answer if answer.endswith(b"\n") or fmt in ("csv", "tsv") else answer + b"\n")
    sys.stdout.flush()


@cli.command("export", short_help="Write Turtle, N-Triples, TriG, JSON-LD, GraphML, GEXF or CSV.")
@click.option("--format", "-f", "fmt", default=None, metavar="FORMAT",
              help="turtle, nt, nquads, trig, json-ld, xml (every triple; nquads and trig keep the named "
                   "graphs); graphml, gexf (the actor network, for Gephi and Cytoscape); csv (actors and "
                   "relations, two files). Default: from OUT's suffix, else turtle.")
@click.option("-o", "--output", "out_path", type=click.Path(), metavar="OUT",
              help="File to write (a folder for csv). Default: out/graph.<suffix>, out/actors.graphml, "
                   "out/actors.gexf or out/csv/.")
@click.option("--dynamic", is_flag=True,
              help="GEXF: dated actors and relations start on their date (Gephi's timeline).")
@_as_of_options
@graph_options
def export_command(fmt, out_path, dynamic, as_of, dated_only, store, data, without, allow_service):
    """Write the graph, or its actor network, in a format other tools read.

    \b
    Example:
      kg export --format graphml -o out/actors.graphml
      kg export -o out/actors.gexf
      kg export -f trig -o out/dataset.trig
      kg export -f csv -o out/tables
      kg export -o out/timeline.gexf --dynamic
      kg export -o out/actors-2023.graphml --as-of 2023

    --as-of applies to the actor network (graphml, gexf, csv); RDF formats always hold every triple.
    """
    from kg.cli.network import at_date
    from kg.formats import EXPORT_FORMATS, format_named

    if fmt is not None:
        fmt = format_named("export", fmt)
    if out_path is None:
        fmt = fmt or "turtle"
        chosen = EXPORT_FORMATS[fmt]
        out_path = ("out/csv" if fmt == "csv" else
                    f"out/actors{chosen.suffixes[0]}" if chosen.kind == "network" else f"out/graph{chosen.suffixes[0]}")
    graph = at_date(open_kg(store, data, without, allow_service), as_of, dated_only)
    for written in graph.export(fmt, out_path, dynamic=dynamic):
        click.echo(f"Wrote {written}")


@cli.command("push", short_help="Hand the graph to a triple store (SPARQL Graph Store protocol).")
@click.argument("url")
@click.option("--graph", "graph_iri", default=None, metavar="IRI",
              help="Put every triple into this one named graph [default: each named graph keeps its name].")
@click.option("--batch-size", default=5000, show_default=True, type=click.IntRange(min=1), metavar="N",
              help="Triples per request.")
@click.option("--query-url", default=None, metavar="URL",
              help="The store's SPARQL query endpoint, for the count check [default: guessed from URL].")
@graph_options
def push_command(url, graph_iri, batch_size, query_url, store, data, without, allow_service):
    """Load the graph into a triple store over the SPARQL 1.1 Graph Store protocol, then verify the counts.

    URL is the store's Graph Store endpoint (Virtuoso: http://HOST:8890/sparql-graph-crud). Each named
    graph (one per source, and the ontology) replaces the graph of the same name in the store, then each
    graph's triple count is checked with a COUNT query.

    \b
    Example:
      kg push http://127.0.0.1:8890/sparql-graph-crud
      kg query --store sparql:http://127.0.0.1:8890/sparql --name consortium_members_by_role
    """
    from urllib.parse import urlsplit

    from kg.errors import KGError
    from kg.stores.push import push

    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise KGError(f"{url!r} is not an http(s) URL of a Graph Store endpoint")
    graph = open_kg(store, data, without, allow_service)
    with progress("pushing") as bar:
        result = push(graph.store, url, graph_iri=graph_iri, batch_size=batch_size, query_url=query_url,
                      progress=bar)
    where = f"<{result.graph_iri}>" if result.graph_iri else f"{len(result.graphs)} named graphs"
    click.echo(f"Pushed {result.triples:,} triples into {where} at {result.url} in {result.batches} request(s), "
               f"{result.seconds:.1f} s; the store holds {result.remote_count:,}.")


@cli.command("synth", short_help="Write a synthetic ecosystem for tests and benchmarks.")
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

    with progress("generating"):
        result = generate(actors, seed=seed, out_dir=out_dir, turtle=turtle)
    names = " and ".join(str(path) for path in result.files)
    click.echo(f"Wrote {result.triples:,} triples ({result.actors:,} actors) to {names}, "
               f"{len(result.sources)} source text(s) under {result.sources[0].parent}")
    if load_store:
        from kg.stores.load import default_sources

        ontology = [source.path for source in default_sources() if source.path.parent.name == "ontology"]
        graph = open_kg(load_store, ontology + [result.files[0]])
        graph.store
        click.echo(f"Loaded the ontology and {result.files[0]} into {load_store}")


@cli.command("locate", short_help="Print the offsets of a span in a source text.")
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
