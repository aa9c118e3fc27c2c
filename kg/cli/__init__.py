"""The ``kg`` command line: a thin face over :class:`kg.KnowledgeGraph`.

Every command parses its options, opens the graph (:func:`open_kg`), calls one method and renders what it
returns (:mod:`kg.render`). Commands live in a few modules by what they are about --
:mod:`kg.cli.data` (build, validate, load, query, export, push, synth, locate), :mod:`kg.cli.network`
(path, show, centrality, stats, view), :mod:`kg.cli.web` (serve) -- and register themselves on
:data:`cli`. Heavy modules (rdflib, networkx, pyvis, the server) are imported inside the commands, so
``kg --help`` stays fast. Errors: one ``Error:`` line on stderr, exit 2 for unknown or ambiguous names
and classes and for usage errors (a bad option value, a missing file), 1 for anything else (:class:`_Group`).
"""

import functools
import os
import sys

import click

from kg.errors import KGError

__all__ = ["main", "cli", "graph_options", "lang_option", "format_option", "open_kg", "echo_records",
           "echo_json", "echo_text", "progress"]


class _Group(click.Group):
    """A click group that turns every ``KGError`` into one line on stderr and its exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.UsageError as error:  # click's own three lines (usage, hint, error) become one
            click.echo(f"Error: {_one_line(error.format_message())}", err=True)
            ctx.exit(error.exit_code)
        except KGError as error:
            click.echo(f"Error: {_one_line(error)}", err=True)
            ctx.exit(error.exit_code)
        except ModuleNotFoundError as error:  # an optional package, or a broken install: say which
            package = (error.name or "").partition(".")[0] or str(error)
            click.echo(f"Error: this command needs the Python package {package!r}, which is not installed "
                       f"(pip install {package})", err=True)
            ctx.exit(1)
        except OSError as error:  # an output that cannot be written, a disk that is full
            where = f" {error.filename}" if getattr(error, "filename", None) else ""
            click.echo(f"Error: cannot write or read{where}: {error.strerror or error}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="innovation-kg", prog_name="kg")
def cli():
    """innovation-kg: build, validate, query, trace, rank, view and serve a knowledge graph of
    innovation actors.

    By default every command reads the project's ontology and graph_data/ (one named graph per source);
    --data names other RDF files, --store another store (memory, oxigraph:DIR, sparql:URL, rdflib).
    KG_LANG=zh shows names and labels in Chinese; KG_HOME points at another working copy.
    """


# -- shared options --------------------------------------------------------------------------------

def graph_options(function):
    """The options every command that reads the graph takes: ``--store``, ``--data``, ``--without``,
    ``--allow-service``."""

    @click.option("--store", "store", default="memory", show_default=True, metavar="SPEC",
                  help="Where the graph lives: memory, oxigraph:DIR (persistent), sparql:URL (remote) or rdflib.")
    @click.option("--data", "data", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
                  help="RDF file to read instead of the project's data (repeatable; .ttl .nt .nq .trig .jsonld .rdf).")
    @click.option("--without", "without", multiple=True, metavar="SOURCE",
                  help="Leave out one source of graph_data/ (repeatable), e.g. --without reference-admin.")
    @click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
                  help="Let queries call this SPARQL endpoint with SERVICE (repeatable; IRI prefix). Off by default.")
    @click.option("--no-rebuild", "no_rebuild", is_flag=True,
                  help="With --store oxigraph:DIR: fail if an input changed since the store was loaded, "
                       "instead of reloading it.")
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        # open_kg reads it from the context, so the commands' own signatures stay as they are
        click.get_current_context().meta["kg.no_rebuild"] = kwargs.pop("no_rebuild", False)
        return function(*args, **kwargs)

    return wrapper


def lang_option(function):
    """``--lang en|zh``, defaulting to ``$KG_LANG`` (else en), the same on every command."""
    from kg.formats import LANGUAGES

    return click.option("--lang", type=click.Choice(LANGUAGES), default=None, metavar="en|zh",
                        help="Language of names, labels and units [default: $KG_LANG, else en].")(function)


def format_option(function=None, *, table="record", default="table", extra=()):
    """``--format`` with the choices of one table of :mod:`kg.formats` (records by default)."""
    from kg.formats import names

    choices = list(names(table)) + list(extra)

    def decorate(command):
        return click.option("--format", "-f", "fmt", type=click.Choice(choices, case_sensitive=False),
                            default=default, show_default=True,
                            help="Output format: " + ", ".join(choices) + ".")(command)

    return decorate(function) if function is not None else decorate


def open_kg(store="memory", data=(), without=(), allow_service=()):
    """The :class:`kg.KnowledgeGraph` the options name; closed when the command ends."""
    from kg.core import KnowledgeGraph

    context = click.get_current_context(silent=True)
    if context is not None and context.meta.get("kg.no_rebuild"):
        from kg.stores.load import check_current

        check_current(store, list(data) or None, skip=without)
    graph = KnowledgeGraph(store, list(data) or None, allow_service=allow_service, skip_sources=without)
    if context is not None:
        context.call_on_close(graph.close)
        # a first projection of a big store takes minutes: a bar on a terminal (nothing in a pipe)
        bar = context.with_resource(progress("reading the store into the network"))

        def projecting(done, total):
            bar(done, total)
            if done >= total:
                bar.__exit__(None, None, None)  # gone before the command prints

        graph.progress = projecting
    return graph


def language(lang):
    """The language a command shows: ``--lang``, else ``$KG_LANG``, else en."""
    from kg.core import default_language

    return lang or default_language()


# -- output ----------------------------------------------------------------------------------------

def echo_text(text):
    """Print ``text`` with exactly one line end after it (CSV and TSV already end theirs)."""
    click.echo(text, nl=not text.endswith("\n"))


def echo_records(columns, rows, fmt, **options):
    """Rows as a table, CSV, TSV or JSON (:func:`kg.render.render_records`)."""
    from kg.render import render_records

    echo_text(render_records(columns, rows, fmt, **options))


def echo_json(value):
    """A value as indented JSON (Chinese as is)."""
    import json

    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


class progress:
    """A progress bar (rich) on stderr for work that may take more than two seconds.

    Shown only when stderr is a terminal, and only once the work has run for :attr:`delay` seconds, so a
    quick command prints nothing extra and a pipe or a log never gets control characters. Use as a
    context manager; call it with ``(done, total)``.
    """

    delay = 2.0

    def __init__(self, label):
        self.label = label
        self._bar = None
        self._task = None
        self._started = None
        self._enabled = sys.stderr.isatty() and not os.environ.get("KG_NO_PROGRESS")

    def __enter__(self):
        import time

        self._started = time.monotonic()
        return self

    def __call__(self, done, total=None):
        if not self._enabled:
            return
        import time

        if self._bar is None:
            if time.monotonic() - self._started < self.delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn(self.label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 transient=True, console=Console(stderr=True))
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=total)
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc_info):
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def main(argv=None):
    """Console-script entry point."""
    from kg.stores import cache

    cache.FREEZE = True  # this process keeps what it reads until it exits (kg.stores.cache.FREEZE)
    return cli.main(args=argv, prog_name="kg")


# helpers

def _one_line(error):
    text = " ".join(str(error).split())
    return text if len(text) <= 2000 else text[:1997] + "..."


from kg.cli import data as _data, network as _network, web as _web  # noqa: E402,F401  (register the commands)
from kg.cli import claims as _claims  # noqa: E402,F401  (kg ingest, kg accept)
from kg.cli import analytics as _analytics  # noqa: E402,F401  (kg communities, helix, timeline)
from kg.cli import evidence as _evidence  # noqa: E402,F401  (kg source)
from kg.cli import review as _review  # noqa: E402,F401  (kg review)
from kg.cli import learn as _learn  # noqa: E402,F401  (kg retrain)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
