"""The ``kg`` command line: argument handling and output only; every command is one call into ``kg``.

Heavy modules (rdflib, networkx, pyvis, the server) are imported inside the commands, so ``kg --help``
stays fast.
"""

import functools
import sys

import click

from kg.errors import KGError

__all__ = ["main", "cli"]


class _Group(click.Group):
    """A click group that turns every ``KGError`` into one line on stderr and its exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KGError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(error.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="innovation-kg")
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
    """Load the graph that ``--store``/``--data`` name (one call into ``kg.load``)."""
    from kg.load import load_graph

    return load_graph(list(data) or None, store=store)


# -- commands are defined below, one function each; keep each a thin call into the library --


def main(argv=None):
    """Console-script entry point."""
    return cli.main(args=argv, prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
