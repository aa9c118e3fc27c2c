"""Commands about the evidence behind the facts: ``kg source`` (read a source's text around a span) and
``kg dossier`` (one actor as a footnoted file)."""

import sys

import click

from kg.cli import cli, graph_options, lang_option, language, open_kg

__all__ = ["source_command", "dossier_command"]


@cli.command("source", short_help="Print a source's text, or the text around one evidence span, marked.")
@click.argument("source_id", metavar="ID")
@click.option("--span", "span", metavar="START:END",
              help="Character offsets of a span (as in the evidence records): print only the text around it.")
@click.option("--context", "context", type=click.IntRange(min=0), default=80, show_default=True, metavar="N",
              help="Characters shown each side of the span (cut at line ends).")
@click.option("--facts", "facts", is_flag=True,
              help="Also list the facts the graph rests on this span (reads the graph).")
@lang_option
@graph_options
def source_command(source_id, span, context, facts, lang, store, data, without, allow_service):
    """Print the text of source ID (its file <ID>.txt in KG_SOURCES, sources/ or ../shared/sources/).

    With --span the text around that span is printed, the span between [[ and ]] (reverse video on a
    terminal), after a line naming the source and the offsets.

    \b
    Example:
      kg source 000_53c5d41e29162869 --span 310:314
      kg source 000_53c5d41e29162869 --span 310:314 --context 20 --facts
    """
    from kg.serve.reader import excerpt, parse_span
    from kg.sources import read_source

    text = read_source(source_id)
    if span is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    start, end = parse_span(span)
    before, marked, after = excerpt(text, start, end, context)
    click.echo(f"{source_id} @{start}-{end} of {len(text)} characters")
    if sys.stdout.isatty():
        click.echo(before + click.style(marked, reverse=True, bold=True) + after)
    else:
        click.echo(f"{before}[[{marked}]]{after}")
    if facts:
        from kg.serve.reader import SOURCE_BASE, source_evidence

        graph = open_kg(store, data, without, allow_service)
        found = [r for r in source_evidence(graph.store, SOURCE_BASE + source_id, language(lang))
                 if r["start"] == start and r["end"] == end]
        if not found:
            click.echo("No fact of the graph rests on exactly this span.")
        for record in found:
            click.echo(f"  {record['kind']}: {_fact_line(record['fact'])}")


@cli.command("dossier", short_help="Write one actor's dossier (HTML or Markdown), every sentence footnoted.")
@click.argument("actor")
@click.option("-o", "--out", "out_path", required=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="The file to write: .html (interactive ego view) or .md (static SVG).")
@lang_option
@graph_options
def dossier_command(actor, out_path, lang, store, data, without, allow_service):
    """Write the dossier of ACTOR (any actor: an organisation, a consortium, a cluster): who it is, its
    memberships and roles, relations, figures with their times and its place in the network, every
    sentence footnoted with the source, the quoted span and its offsets; the ego view embedded.

    One self-contained file, the same bytes for the same graph.

    \b
    Example:
      kg dossier 甘肃省离子放射治疗技术创新联合体 --lang zh -o out/consortium.html
      kg dossier 金昌有色金属新材料产业集群 --lang en -o out/cluster.md
    """
    from kg.dossier import guess_dossier_format, write_dossier

    fmt = guess_dossier_format(out_path)  # before opening the graph: a wrong suffix fails at once
    graph = open_kg(store, data, without, allow_service)
    path = write_dossier(graph, actor, out_path, lang=language(lang), fmt=fmt)
    click.echo(f"Wrote {path}")


# helpers

def _fact_line(fact):
    figure = fact.get("figure")
    if figure:
        unit = f" {figure['unit']}" if figure.get("unit") else ""
        time = f" ({figure['time']})" if figure.get("time") else ""
        return f"{figure['subject_label']} · {figure['measure_label']}: {figure['value']}{unit}{time}"
    return f"{fact['subject_label']} {fact['predicate_label']} {fact['object_label']}"
