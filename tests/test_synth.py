"""kg.synth: deterministic, streamed, shaped like the article's ecosystem, and in the data model."""

import collections
import statistics
from pathlib import Path

import pyoxigraph
import pytest

from kg.synth import ROLES, generate

IKG = "https://w3id.org/innovation-kg/ontology#"
IKR = "https://w3id.org/innovation-kg/id/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    result = generate(3000, seed=7, out_dir=tmp_path_factory.mktemp("synth"), source_size=2000)
    quads = list(pyoxigraph.parse(path=str(result.files[0]), format=pyoxigraph.RdfFormat.N_TRIPLES))
    return result, quads


def _by_predicate(quads, predicate):
    return [q for q in quads if q.predicate.value == predicate]


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    first = generate(400, seed=5, out_dir=tmp_path / "a", turtle=True)
    again = generate(400, seed=5, out_dir=tmp_path / "b", turtle=True)
    other = generate(400, seed=6, out_dir=tmp_path / "c")
    assert first.files[0].read_bytes() == again.files[0].read_bytes()
    assert first.files[1].read_bytes() == again.files[1].read_bytes()
    assert [p.read_bytes() for p in first.sources] == [p.read_bytes() for p in again.sources]
    assert first.files[0].read_bytes() != other.files[0].read_bytes()


def test_turtle_and_ntriples_hold_the_same_triples(tmp_path):
    result = generate(300, seed=2, out_dir=tmp_path, turtle=True)
    nt = set(pyoxigraph.parse(path=str(result.files[0])))
    ttl = set(pyoxigraph.parse(path=str(result.files[1])))
    assert nt == ttl and len(nt) == result.triples


def test_reported_counts_match_the_file(synth):
    result, quads = synth
    assert len(quads) == len(set(quads)) == result.triples
    typed = collections.Counter(q.object.value[len(IKG):] for q in _by_predicate(quads, RDF + "type")
                                if q.object.value.startswith(IKG) and "/actor" not in q.subject.value)
    for cls, count in result.counts.items():
        assert typed[cls] == count
    assert result.actors == sum(result.counts.values())
    assert 0.85 * 3000 <= result.actors <= 1.15 * 3000


def test_every_actor_has_one_name_per_language_and_a_source(synth):
    result, quads = synth
    actors = {q.subject.value for q in _by_predicate(quads, RDF + "type")
              if q.object.value[len(IKG):] in result.counts}
    labels = collections.Counter((q.subject.value, q.object.language)
                                 for q in _by_predicate(quads, SKOS + "prefLabel"))
    derived = {q.subject.value for q in _by_predicate(quads, PROV + "wasDerivedFrom")}
    assert all(labels[(a, "zh")] == 1 and labels[(a, "en")] == 1 for a in actors)
    assert actors <= derived
    zh_names = [q.object.value for q in _by_predicate(quads, SKOS + "prefLabel") if q.subject.value in actors
                and q.object.language == "zh"]
    assert len(zh_names) == len(set(zh_names)), "names must resolve to one actor each"


def test_every_resource_is_marked_synthetic(synth):
    _, quads = synth
    ours = {t.value for q in quads for t in (q.subject, q.object)
            if isinstance(t, pyoxigraph.NamedNode) and t.value.startswith(IKR)}
    unmarked = {iri for iri in ours if "/synth-" not in iri and not iri.startswith(IKR + "role/")}
    assert ours and not unmarked


def test_evidence_spans_point_into_the_synthetic_sources(synth):
    result, quads = synth
    texts = {f"{IKR}source/{p.stem}": p.read_text(encoding="utf-8") for p in result.sources}
    assert len(texts) > 1  # source_size=2000 forces several source documents
    evidence = collections.defaultdict(dict)
    for q in quads:
        if "/evidence/" in q.subject.value:
            evidence[q.subject.value][q.predicate.value] = q.object.value
    assert len(evidence) > result.actors  # names, relations, memberships and figures all have evidence
    for record in evidence.values():
        text = texts[record[PROV + "wasDerivedFrom"]]
        start, end = int(record[IKG + "start"]), int(record[IKG + "end"])
        assert text[start:end] == record[IKG + "span"]


def test_memberships_use_every_structural_role_with_a_heavy_tail(synth):
    _, quads = synth
    roles = collections.Counter(q.object.value.rsplit("/", 1)[1] for q in _by_predicate(quads, ORG + "role"))
    for role in ("lead-unit", "member-unit", "cooperating-unit", "supporting-unit", "chain-enterprise",
                 "chain-leader", "researcher"):
        assert roles[role] > 0, role
    assert set(roles) <= set(ROLES)
    # heavy tail: a few enterprises sit in very many groups, the typical one in one or two
    per_member = collections.Counter(q.object.value for q in _by_predicate(quads, ORG + "member")
                                     if "/org/" in q.object.value)
    degrees = sorted(per_member.values())
    assert degrees[-1] >= 10 * statistics.median(degrees)
    per_group = collections.Counter(q.object.value for q in _by_predicate(quads, ORG + "organization"))
    sizes = sorted(per_group.values())
    assert sizes[-1] >= 20 * statistics.median(sizes)


def test_figures_have_every_required_field(synth):
    _, quads = synth
    figures = collections.defaultdict(set)
    for q in quads:
        if "/figure/" in q.subject.value:
            figures[q.subject.value].add(q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
    assert figures
    required = {"type", "subject", "measure", "value", "unitText", "unit", "time"}
    assert all(required <= fields for fields in figures.values())


def test_agreements_are_dated_so_as_of_has_something_to_leave_out(tmp_path):
    from kg.analysis.network import project
    from kg.analysis.timeline import as_of, read_dates
    from kg.stores.load import load_graph

    result = generate(600, seed=4, out_dir=tmp_path)
    graph = load_graph([ROOT / "ontology" / "innovation.ttl", result.files[0]])
    dates = read_dates(graph)
    agreements = {node for node in project(graph) if "/agreement/synth-" in node}
    assert agreements and agreements == set(dates["nodes"])  # each signed on a month, with its evidence
    assert all(len(found[0]["date"]) == 7 and found[0]["evidence"] for found in dates["nodes"].values())
    assert len({found[0]["date"][:4] for found in dates["nodes"].values()}) > 3
    H = as_of(project(graph), dates, "2020-06")
    report = H.graph["as_of"]
    assert 0 < report["dropped_actors"] < len(agreements) and report["dropped_relations"] >= report["dropped_actors"]


def test_projection_of_synthetic_data_has_every_actor_as_a_node(tmp_path):
    from kg.stores.load import load_graph
    from kg.analysis.network import project

    result = generate(300, seed=4, out_dir=tmp_path)
    G = project(load_graph([ROOT / "ontology" / "innovation.ttl", result.files[0]]))
    assert G.number_of_nodes() == result.actors
    keys = {key.rsplit("/", 1)[-1] for _, _, key in G.edges(keys=True)}
    assert {"chain-leader", "lead-unit", "subOrganizationOf"} <= {k.rsplit("#", 1)[-1] for k in keys}
    assert any(G.nodes[n]["collectives"] for n in G)


def test_conforms_to_the_shapes(tmp_path):
    shapes = ROOT / "ontology" / "shapes.ttl"
    if not shapes.is_file():
        pytest.skip("ontology/shapes.ttl does not exist yet")
    from kg.stores.load import load_graph
    from kg.validate import validate

    result = generate(150, seed=9, out_dir=tmp_path)
    report = validate(load_graph([ROOT / "ontology" / "innovation.ttl", result.files[0]]))
    assert getattr(report, "conforms", report) is True, getattr(report, "text", report)


def test_too_few_actors_is_refused(tmp_path):
    with pytest.raises(ValueError, match="at least 100"):
        generate(10, out_dir=tmp_path)
