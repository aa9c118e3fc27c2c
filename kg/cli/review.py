"""``kg review``: the review page of one ingested article (:mod:`kg.review`)."""

import click

from kg.cli import cli, graph_options, open_kg

__all__ = ["review_command"]


@cli.command("review", short_help="Review an ingested article in the browser (loopback, token in the URL).")
@click.argument("source_id", metavar="ID")
@click.option("--file", "review_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="The review file [default: ID.review.tsv here, as kg ingest writes it].")
@click.option("--port", default=0, type=click.IntRange(0, 65535), metavar="PORT",
              help="Port on 127.0.0.1 [default: a free one].")
@click.option("--no-browser", "no_browser", is_flag=True, help="Print the URL; do not open a browser.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None, help="The page's language [default: en].")
@graph_options
def review_command(source_id, review_file, port, no_browser, lang, store, data, without, allow_service):
    """Open the review page of source ID: the article with every proposal highlighted; accept (a), reject
    (x), edit (e), join (j) known actors, add actors (n), relations (r) and figures (f), undo (u); every
    change is saved to the review file at once; "Accept all reviewed" runs kg accept with the SHACL shapes.

    The page listens on 127.0.0.1 only and needs the random token in the URL printed here.

    \b
    Example:
      kg ingest article.txt --id gsrb-2025-03-01 --date 2025-03-01 --publisher 甘肃日报 --place 甘肃
      kg review gsrb-2025-03-01
      kg review gsrb-2025-03-01 --port 8899 --no-browser
    """
    from kg.review.serve import ReviewServer, locate_review, open_browser

    path = locate_review(source_id, file=review_file)
    graph = open_kg(store, data, without, allow_service)
    server = ReviewServer({source_id: path}, graph=graph, port=port)
    url = server.url(source_id, lang)
    click.echo(f"Reviewing {path.name} at {url}")
    click.echo("Every change is saved to the review file at once. Ctrl-C stops.", err=True)
    if not no_browser:
        open_browser(url)
    server.run()
