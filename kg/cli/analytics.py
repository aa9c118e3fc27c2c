"""Commands researchers otherwise compute by hand: communities, helix (sectors, brokerage's context), timeline."""

import click

from kg.cli import cli, echo_json, echo_records, format_option, graph_options, lang_option, language, open_kg
from kg.cli.network import as_of_options, at_date

__all__ = []

_METHODS = ("louvain", "label-propagation", "leiden")  # kg.analysis.communities.METHODS, without importing networkx


@cli.command("communities", short_help="Communities of the actor network (Louvain, label propagation, Leiden).")
@click.option("--method", type=click.Choice(_METHODS), default="louvain", show_default=True,
              help="Community method; leiden needs the packages igraph and leidenalg.")
@click.option("--seed", type=int, default=0, show_default=True, metavar="N",
              help="Seed of the method's random choices: the same seed gives the same communities.")
@click.option("--resolution", type=float, default=None, metavar="R",
              help="Modularity resolution for louvain and leiden [default: 1.0]; above 1, more and smaller "
                   "communities.")
@click.option("--actors", "by_actor", is_flag=True, help="One row per actor (its community) instead of one per community.")
@lang_option
@format_option
@as_of_options
@graph_options
def communities_command(method, seed, resolution, by_actor, lang, fmt, store, data, without, allow_service, as_of, dated_only):
    """Communities of the undirected actor network, each named by its most central members.

    Every actor is in one community; communities are numbered from the largest down. The modularity of
    the partition is printed after the table (on stderr for csv and tsv; a key of the JSON).

    \b
    Example:
      kg communities
      kg communities --method label-propagation --seed 3 --format json
      kg communities --resolution 1.5 --actors --format csv
    """
    lang = language(lang)
    graph = at_date(open_kg(store, data, without, allow_service), as_of, dated_only)
    found = graph.communities(method, seed=seed, resolution=resolution, lang=lang)
    if fmt == "json":
        echo_json(found)
        return
    if by_actor:
        U = graph.undirected
        names = {c["id"]: c["name"] for c in found["communities"]}
        columns = ["community", "community name", "actor", "iri"]
        rows = [[c["id"], names[c["id"]], U.nodes[n].get(f"label_{lang}") or n, n]
                for c in found["communities"] for n in c["members"]]
    else:
        columns = ["community", "size", "name", "internal ties", "external ties"]
        rows = [[c["id"], c["size"], c["name"], c["internal_ties"], c["external_ties"]] for c in found["communities"]]
    echo_records(columns, rows, fmt)
    click.echo(_summary(found), err=fmt != "table")


_HELIX_PARTS = ("all", "actors", "mix", "ties", "ei", "dependence")


@cli.command("helix", short_help="Triple helix: sector mix of collaborations, cross-sector ties, E-I, leader dependence.")
@click.option("--part", type=click.Choice(_HELIX_PARTS), default="all", show_default=True,
              help="Which table: actors (each actor's sector), mix (sectors of every consortium, cluster, chain, "
                   "project and agreement, by role), ties (between sectors), ei (E-I index of the network and "
                   "of each community), dependence (members' dependence on a lead unit or chain leader).")
@click.option("--evidence", "with_evidence", is_flag=True,
              help="Add a column listing the evidence spans (with character offsets) each row was computed from.")
@click.option("--seed", type=int, default=0, show_default=True, metavar="N", help="Seed of the communities (Louvain).")
@lang_option
@format_option
@as_of_options
@graph_options
def helix_command(part, with_evidence, seed, lang, fmt, store, data, without, allow_service, as_of, dated_only):
    """The triple helix: each actor's sector (from its class, in ontology/sectors.ttl), the sector mix of
    every collaboration by role (牵头单位, 成员单位, 合作成员单位, 链主...), tie counts between sectors, the
    E-I index ((external - internal) / all ties among actors with a sector) of the network and of each
    community, and how much a collaboration's members depend on its leader.

    csv and tsv print one table: give --part.

    \b
    Example:
      kg helix
      kg helix --part mix --evidence --lang zh
      kg helix --part ei --format csv
    """
    from kg.errors import BadArgument

    if fmt in ("csv", "tsv") and part == "all":
        raise BadArgument(f"{fmt} prints one table: give --part ({', '.join(_HELIX_PARTS[1:])})")
    lang = language(lang)
    graph = at_date(open_kg(store, data, without, allow_service), as_of, dated_only)
    found = graph.helix(seed=seed, lang=lang)
    if fmt == "json":
        if part == "all":
            echo_json(found)
        elif part == "ei":
            echo_json({"network": found["ei"], "communities": found["communities"]})
        else:
            echo_json(found[part])
        return
    parts = _HELIX_PARTS[1:] if part == "all" else (part,)
    for index, name in enumerate(parts):
        columns, rows = _HELIX_TABLES[name](found, lang, with_evidence)
        if fmt == "table" and len(parts) > 1:
            click.echo(("\n" if index else "") + _HELIX_TITLES[name])
        echo_records(columns, rows, fmt)


@cli.command("timeline", short_help="Dated facts in order, with evidence: the whole graph or one actor.")
@click.argument("actor", required=False)
@click.option("--evidence", "with_evidence", is_flag=True, help="Add the evidence spans (with character offsets).")
@lang_option
@format_option
@graph_options
def timeline_command(actor, with_evidence, lang, fmt, store, data, without, allow_service):
    """Dated facts in order, earliest first: when actors began or took place (ikg:startDate, ikg:date) and
    the figures with their time. With ACTOR: its own facts and the dated events and agreements it is
    tied to. Undated facts are not listed (the article does not say when they became true).

    \b
    Example:
      kg timeline
      kg timeline 企业创新积分制 --evidence
      kg timeline --format json
    """
    lang = language(lang)
    graph = open_kg(store, data, without, allow_service)
    facts = graph.timeline(actor)
    if fmt == "json":
        echo_json(facts)
        return
    columns = ["date", "actor", "what", "value", "unit"] + (["evidence"] if with_evidence else [])
    rows = []
    for fact in facts:
        value = fact["value"]
        if value is not None and fact["qualifier"]:  # "nearly 1700": the article's hedge stays with its number
            from kg.analysis.collectives import QUALIFIER_WORDS

            value = QUALIFIER_WORDS[lang].get(fact["qualifier"], fact["qualifier"] + " ") + str(value)
        row = [fact["date"], fact[f"label_{lang}"], fact[f"what_{lang}"] or fact["what_en"], value, fact["unit"]]
        rows.append(row + ([_evidence_text(fact["evidence"])] if with_evidence else []))
    echo_records(columns, rows, fmt)


# helpers

_HELIX_TITLES = {
    "actors": "Sectors of the actors",
    "mix": "Sector mix of collaborations, by role",
    "ties": "Ties between sectors (actors with a sector at both ends)",
    "ei": "E-I index: (external - internal) / ties",
    "dependence": "Dependence on the leader (牵头单位 / 链主)",
}


def _sector_names(found, lang):
    return {s["iri"]: s[lang] for s in found["sectors"]}


def _evidence_text(evidence):
    return "; ".join(f"{e.get('span')} [{e.get('start')}-{e.get('end')}]" for e in evidence or ())


def _with_evidence(columns, rows, evidence, on):
    if not on:
        return columns, rows
    return columns + ["evidence"], [row + [_evidence_text(ev)] for row, ev in zip(rows, evidence)]


def _helix_actors(found, lang, _evidence):
    none = "无" if lang == "zh" else "none"
    rows = [[a[f"label_{lang}"], a["cls"], a["sector_name"] or none, a["iri"]] for a in found["actors"]]
    return ["actor", "class", "sector", "iri"], rows


def _helix_mix(found, lang, with_evidence):
    names = _sector_names(found, lang)
    none = "无部门" if lang == "zh" else "no sector"
    rows, evidence = [], []
    for row in found["mix"]:
        mix = " · ".join(f"{names.get(sector, none) if sector else none} {count}" for sector, count in row["sectors"].items())
        rows.append([row[f"label_{lang}"], row["cls"], row[f"role_{lang}"], row["members"], mix])
        evidence.append(row["evidence"])
    return _with_evidence(["collaboration", "class", "role", "members", "sectors"], rows, evidence, with_evidence)


def _helix_ties(found, _lang, with_evidence):
    rows = [[t["sector_a_name"], t["sector_b_name"], "internal" if t["sector_a"] == t["sector_b"] else "external",
             t["ties"]] for t in found["ties"]]
    return _with_evidence(["sector", "sector", "kind", "ties"], rows, [t["evidence"] for t in found["ties"]],
                          with_evidence)


def _helix_ei(found, lang, with_evidence):
    ei = found["ei"]
    rows = [["network", "", ei["external"], ei["internal"], ei["index"]]]
    rows += [[f"community {c['id']}", c["name"], c["external"], c["internal"], c["index"]]
             for c in found["communities"]["ei"]]
    evidence = [ei["evidence"]] + [[] for _ in found["communities"]["ei"]]
    return _with_evidence(["scope", "name", "external", "internal", "E-I index"], rows, evidence, with_evidence)


def _helix_dependence(found, lang, with_evidence):
    rows = [[d[f"label_{lang}"], d[f"leader_{lang}"], d["leader_role_zh" if lang == "zh" else "leader_role"], d["members"], d["member_ties"],
             d["ties_to_leader"], d["tie_share"], d["pairs"], d["pairs_connected"], d["path_share"]]
            for d in found["dependence"]]
    columns = ["collaboration", "leader", "role", "members", "member ties", "ties to leader", "tie share", "pairs",
               "connected pairs", "path share"]
    return _with_evidence(columns, rows, [d["evidence"] for d in found["dependence"]], with_evidence)


_HELIX_TABLES = {"actors": _helix_actors, "mix": _helix_mix, "ties": _helix_ties, "ei": _helix_ei,
                 "dependence": _helix_dependence}


def _summary(found):
    modularity = "none (no ties)" if found["modularity"] is None else f"{found['modularity']:.4f}"
    resolution = "" if found["resolution"] is None else f", resolution {found['resolution']:g}"
    return (f"modularity {modularity}: {len(found['communities'])} communities ({found['method']}, "
            f"seed {found['seed']}{resolution})")


# -- kg diff ---------------------------------------------------------------------------------------

_DIFF_PARTS = ("all", "changes", "rdf")


@cli.command("diff", short_help="What changed between two builds, stores or dumps: actors, relations, figures, triples.")
@click.argument("old")
@click.argument("new")
@click.option("--part", type=click.Choice(_DIFF_PARTS), default=None,
              help="changes (actors, relations, figures), rdf (triples per named graph) or all "
                   "[default: all; changes for csv and tsv, which print one table].")
@click.option("--sample", type=click.IntRange(min=0), default=5, show_default=True, metavar="N",
              help="With --format json: how many triples only on one side to list per graph.")
@lang_option
@format_option
def diff_command(old, new, part, sample, lang, fmt):
    """Compare two versions of the graph: actors added, removed and changed (names, classes), relations
    added and removed, figures whose value changed (same subject, measure and time), and the triples
    only in OLD or only in NEW, per named graph when both sides have named graphs (rdflib.compare).

    OLD and NEW are each a store (oxigraph:DIR, read as it is; sparql:URL; memory: the project's own
    data) or RDF files and folders: a graph_data/ folder, a project folder, a build's out/graph.trig, an
    .nq or .nt dump; several paths joined by ':'. A side without an ontology is read with the project's.

    \b
    Example:
      kg diff /old/checkout/graph_data graph_data
      kg diff out-before/graph.trig out/graph.trig --format json
      kg diff oxigraph:store-2024 memory --part rdf
    """
    import kg

    lang = language(lang)
    part = part or ("changes" if fmt in ("csv", "tsv") else "all")
    found = kg.diff(old, new, sample=sample)
    if fmt == "json":
        if part == "changes":
            echo_json({key: found[key] for key in ("old", "new", "actors", "relations", "figures", "counts")})
        else:
            echo_json(found if part == "all" else found["rdf"])
        return
    if fmt in ("csv", "tsv") and part == "all":
        from kg.errors import BadArgument

        raise BadArgument(f"{fmt} prints one table: give --part changes or --part rdf")
    if part in ("all", "changes"):
        if fmt == "table" and part == "all":
            click.echo("Actors, relations and figures")
        columns, rows = _diff_changes(found, lang, compact=fmt == "table")
        if rows or fmt != "table":
            echo_records(columns, rows, fmt)
        else:
            click.echo("(no actor, relation or figure differs)")
    if part in ("all", "rdf"):
        if fmt == "table" and part == "all":
            click.echo("\nTriples" + (" per named graph" if found["rdf"]["by_graph"] else " (all graphs together)"))
        echo_records(*_diff_rdf_rows(found["rdf"], compact=fmt == "table"), fmt)
    click.echo(_diff_summary(found), err=fmt != "table")


def _diff_changes(found, lang, compact=False):
    """The change table: one row per actor added or removed, per field of an actor changed, per relation
    and per figure; ``compact`` shows IRIs as prefixed names (for the aligned table)."""
    from kg.namespaces import compact_iri

    shown = compact_iri if compact else str
    rows = []
    for actor in found["actors"]:
        name = actor[f"label_{lang}"] or actor["iri"]
        if actor["change"] == "changed":
            for field, values in actor["fields"].items():
                rows.append(["actor", "changed", name, field, _diff_value(values["old"]),
                             _diff_value(values["new"]), shown(actor["iri"])])
        else:
            values = ["", actor["cls"]] if actor["change"] == "added" else [actor["cls"], ""]
            rows.append(["actor", actor["change"], name, "class"] + values + [shown(actor["iri"])])
    for relation in found["relations"]:
        item = (f"{relation[f'source_label_{lang}']} —{relation[f'label_{lang}']}→ "
                f"{relation[f'target_label_{lang}']}")
        rows.append(["relation", relation["change"], item, "", "", "", shown(relation["relation"])])
    for figure in found["figures"]:
        time = f" ({figure['time']})" if figure["time"] else ""
        item = f"{figure[f'subject_label_{lang}']}: {figure[f'measure_{lang}']}{time}"
        rows.append(["figure", figure["change"], item, "value", _figure_text(figure["old"], lang),
                     _figure_text(figure["new"], lang), shown((figure["new"] or figure["old"])["iri"])])
    return ["what", "change", "item", "field", "old", "new", "iri"], rows


def _diff_value(value):
    return ", ".join(map(str, value)) if isinstance(value, list) else value


def _figure_text(side, lang):
    if side is None:
        return ""
    from kg.analysis.collectives import QUALIFIER_WORDS

    qualifier = side["qualifier"]
    words = QUALIFIER_WORDS.get(lang, QUALIFIER_WORDS["en"])
    number = (words.get(qualifier, qualifier + " ") if qualifier else "") + str(side["value"])
    space = "" if lang == "zh" else " "  # 超过800亿元, more than 800 亿元
    return f"{number}{space}{side['unit']}" if side["unit"] else number


def _diff_rdf_rows(rdf, compact=False):
    from kg.namespaces import compact_iri

    everything = "(default graph)" if rdf["by_graph"] else "(all triples)"

    def name(graph):
        if not graph:
            return everything
        return compact_iri(graph) if compact else graph

    rows = [[name(g["graph"]), g["old"], g["new"], g["both"], g["only_old"], g["only_new"]] for g in rdf["graphs"]]
    return ["graph", "old", "new", "in both", "only in old", "only in new"], rows


def _diff_summary(found):
    counts = found["counts"]

    def part(name):
        return f"{name}: " + ", ".join(f"{n} {kind}" for kind, n in counts[name].items())

    rdf = found["rdf"]
    return (f"{part('actors')}; {part('relations')}; {part('figures')}; triples: {rdf['only_old']} only in old, "
            f"{rdf['only_new']} only in new")
