"""The web face: ``kg serve``."""

import click

from kg.cli import cli, graph_options, open_kg

__all__ = []


@cli.command("serve", short_help="Serve a SPARQL endpoint, query page, actor pages and the view.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; 0.0.0.0 exposes the graph to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1), metavar="SECONDS",
              help="Stop a query that runs longer and answer 503; the server keeps serving.")
@click.option("--max-rows", default=10000, show_default=True, type=click.IntRange(min=1), metavar="N",
              help="Cut longer results (headers X-KG-Result-Cap and X-KG-Truncated say so).")
@click.option("--workers", default=None, type=click.IntRange(1, 64), metavar="N",
              help="Query worker processes (queries that run at once) [default: the CPU count, at least 2].")
@click.option("--per-client", default=None, type=click.IntRange(1, 64), metavar="N",
              help="Workers one client (IP address) may hold at once; its other requests wait their turn "
                   "[default: all the workers; half with --budget 0].")
@click.option("--allow-host", "allow_host", multiple=True, metavar="NAME",
              help="Also answer requests for this Host name (repeatable; '*' for any). Always answered: "
                   "127.0.0.1, localhost, ::1 and the --host address.")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN",
              help="Let pages from this origin read the answers (repeatable; '*' for any). Off by default.")
@click.option("--jsonp", is_flag=True,
              help="Answer /reconcile?callback=NAME as JSONP, which any web page can read (on with --cors '*').")
@click.option("--read-timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.5), metavar="SECONDS",
              help="Close a connection whose request (headers and body) takes longer to arrive (408).")
@click.option("--max-connections", default=1000, show_default=True, type=click.IntRange(min=1), metavar="N",
              help="Connections held at once; requests beyond get 503.")
@click.option("--max-connections-per-address", "max_per_address", default=128, show_default=True,
              type=click.IntRange(min=1), metavar="N",
              help="Connections one client address may hold at once; a connection beyond gets 503.")
@click.option("--budget", default=0.25, show_default=True, type=click.FloatRange(min=0), metavar="SECONDS",
              help="A query that has used this much CPU time gives its worker up to waiting requests (paused, "
                   "resumed when one is free; --timeout still stops it); 0: never.")
@click.option("--review", "review", is_flag=True,
              help="Also serve the review pages of every *.review.tsv here at /review/ (127.0.0.1 only; the "
                   "token is printed). The SPARQL endpoint stays read-only.")
@graph_options
def serve_command(host, port, timeout, max_rows, workers, per_client, allow_host, cors, jsonp, read_timeout,
                  max_connections, max_per_address, budget, review, store, data, without, allow_service):
    """Serve the graph: a SPARQL 1.1 endpoint at /sparql, a query page, actor pages, the network view.

    Read-only. SELECT/ASK answer as SPARQL JSON, XML, CSV or TSV and CONSTRUCT/DESCRIBE as Turtle,
    N-Triples or JSON-LD, by the Accept header (or ?format=); default-graph-uri and named-graph-uri set
    the dataset. Actor pages live at their IRI's path (/id/<kind>/<slug>) and answer Turtle or JSON-LD
    to RDF clients. Everything works offline.

    \b
    Example:
      kg serve
      kg serve --store oxigraph:store --port 8890 --timeout 30
      kg serve --host 0.0.0.0 --allow-host kg.example.org --cors https://yasgui.example.org
      kg serve --review
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:8000/sparql
    """
    import socket

    from kg.errors import KGError
    from kg.serve import create_app
    from kg.serve.server import run

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise KGError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    graph = open_kg(store, data, without, allow_service)
    # the service description names this endpoint, never the Host a request sends
    public = host if host not in ("0.0.0.0", "::") else next((h for h in allow_host if h != "*"), "127.0.0.1")
    public = f"[{public}]" if ":" in public else public
    app = create_app(graph, timeout=timeout, max_rows=max_rows, workers=workers, per_client=per_client,
                     budget=budget or None,
                     allowed_hosts=(host,) + tuple(allow_host), cors=cors, jsonp=jsonp,
                     endpoint=f"http://{public}:{port}/sparql")
    if review:  # pages that write files: loopback only, behind their own token (kg.review.serve)
        from kg.review.serve import HOST, ReviewServer, with_reviews
        from kg.review.session import find_reviews

        if host != HOST:
            raise KGError(f"--review serves pages that write files: it listens on {HOST} only, not {host}")
        reviews = ReviewServer(find_reviews("."), graph=graph, port=port)
        app = with_reviews(app, reviews.app)
        click.echo(f"Reviews ({len(reviews.reviews)} here): {reviews.url()}", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {graph.triple_count():,} triples from {store} at http://{shown}:{port}/ "
               f"(SPARQL endpoint: http://{shown}:{port}/sparql). Ctrl-C stops.", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Warning: listening on {host}: anyone who can reach this machine can read the graph.",
                   err=True)
        if not allow_host:
            click.echo("Only requests for the Host names 127.0.0.1, localhost, ::1 and " + host + " are answered; "
                       "add the names clients use with --allow-host NAME.", err=True)
    run(app, host, port, read_timeout=read_timeout, max_connections=max_connections,
        max_per_address=max_per_address)
