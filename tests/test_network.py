"""kg.analysis.network: the RDF-to-network projection on tests/data/mini.ttl, in memory and on Oxigraph."""

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from kg.errors import KGError
from kg.analysis.network import class_filter, local_name, project, undirected

MINI = Path(__file__).parent / "data" / "mini.ttl"
ID = "https://w3id.org/innovation-kg/id/"
IKG = "https://w3id.org/innovation-kg/ontology#"


def iri(short):
    return ID + short


@pytest.fixture(scope="module")
def G(mini_network):
    return mini_network


def test_nodes_are_exactly_the_actors(G):
    assert set(G) == {iri(n) for n in (
        "org/alpha-university", "org/beta-enterprise", "org/gamma-institute", "org/science-department",
        "org/delta-bank", "org/ion-consortium", "org/nickel-cluster", "project/ion-project",
        "person/zhang-san", "place/lanzhou", "place/jinchang", "place/gansu")}


def test_source_document_classes_concepts_figures_evidence_are_never_nodes(G):
    for short in ("source/mini", "sector/new-materials", "measure/chain-enterprise-count", "role/lead-unit",
                  "unit/enterprise", "figure/nickel-cluster-output-value-2024", "evidence/mini-0001",
                  "membership/ion-consortium--alpha-university--lead-unit"):
        assert iri(short) not in G
    assert IKG + "University" not in G and IKG + "Actor" not in G


def test_edges_with_relations_and_directions(G):
    relation = {"locatedIn": IKG + "locatedIn", "partOfPlace": IKG + "partOfPlace", "ledBy": IKG + "ledBy",
                "participant": IKG + "participant", "supportedBy": IKG + "supportedBy"}
    expected = {
        ("org/alpha-university", "org/ion-consortium", iri("role/lead-unit")),
        ("org/beta-enterprise", "org/ion-consortium", iri("role/member-unit")),
        ("org/gamma-institute", "org/ion-consortium", iri("role/cooperating-unit")),
        ("org/beta-enterprise", "org/nickel-cluster", iri("role/chain-leader")),
        ("person/zhang-san", "org/gamma-institute", iri("role/researcher")),
        ("org/ion-consortium", "org/science-department", relation["supportedBy"]),
        ("project/ion-project", "org/alpha-university", relation["ledBy"]),
        ("project/ion-project", "org/beta-enterprise", relation["participant"]),
        ("org/alpha-university", "place/lanzhou", relation["locatedIn"]),
        ("org/nickel-cluster", "place/jinchang", relation["locatedIn"]),
        ("place/lanzhou", "place/gansu", relation["partOfPlace"]),
        ("place/jinchang", "place/gansu", relation["partOfPlace"]),
    }
    assert set(G.edges(keys=True)) == {(iri(s), iri(o), key) for s, o, key in expected}
    # skos:related and prov:wasAttributedTo join alpha-university and delta-bank in the RDF: not edges
    assert G.degree(iri("org/delta-bank")) == 0


def test_memberships_become_role_edges(G):
    data = G.edges[iri("org/alpha-university"), iri("org/ion-consortium"), iri("role/lead-unit")]
    assert data["kind"] == "membership"
    assert data["relation"] == iri("role/lead-unit")
    assert (data["label_en"], data["label_zh"]) == ("lead unit", "牵头单位")
    assert data["via"] == iri("membership/ion-consortium--alpha-university--lead-unit")
    assert data["evidence"] == [dict(span="甲大学牵头", start=10, end=15, source=iri("source/mini"),
                                     iri=iri("evidence/mini-0001"))]


def test_relation_edges_carry_labels_and_evidence(G):
    data = G.edges[iri("project/ion-project"), iri("org/alpha-university"), IKG + "ledBy"]
    assert (data["kind"], data["label_en"], data["label_zh"]) == ("relation", "led by", "牵头")
    assert "via" not in data
    assert [(e["span"], e["start"], e["end"]) for e in data["evidence"]] == [("甲大学", 30, 33)]
    unproven = G.edges[iri("project/ion-project"), iri("org/beta-enterprise"), IKG + "participant"]
    assert unproven["evidence"] == []


def test_node_names_and_classes(G):
    alpha = G.nodes[iri("org/alpha-university")]
    assert (alpha["label_zh"], alpha["label_en"]) == ("甲大学", "Alpha University")
    assert alpha["aliases"] == ["甲大", "AU"]
    assert alpha["classes"] == [IKG + "University", IKG + "Organization", IKG + "Actor"]
    assert alpha["cls"] == "University"
    assert G.nodes[iri("place/lanzhou")]["classes"] == [IKG + "City", IKG + "Place", IKG + "Actor"]


def test_figures_and_collectives_are_node_attributes(G):
    cluster = G.nodes[iri("org/nickel-cluster")]
    assert [(f["measure_en"], f["value"], f["unit"], f["time"], f["qualifier"]) for f in cluster["figures"]] == [
        ("chain enterprise count", 50, "家", "2023", None),
        ("chain enterprise count", 64, "家", "2024", None),
        ("output value", 120.5, "亿元", "2024", "more-than"),
    ]
    assert [(c["count"], c["time"], c["role"], c["class"]) for c in cluster["collectives"]] == [
        (50, "2023", iri("role/chain-enterprise"), IKG + "Enterprise"),
        (64, "2024", iri("role/chain-enterprise"), IKG + "Enterprise"),
    ]
    # one collective measure stated for two years counts once, at its latest figure: 64, not 114
    assert cluster["collective_weight"] == 64
    assert G.nodes[iri("org/alpha-university")]["collective_weight"] == 0
    assert G.nodes[iri("org/alpha-university")]["figures"] == []


def test_oxigraph_store_projects_identically(mini_graph, G):
    for identifier in (URIRef("urn:x:graph"), None):
        store = Graph(store="Oxigraph", identifier=identifier)
        store.parse(MINI, format="ox-turtle")
        H = project(store)
        assert list(H.nodes(data=True)) == list(G.nodes(data=True))
        assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))


def test_ontology_in_a_separate_graph(mini_graph, G):
    ontology, data = Graph(), Graph()
    for triple in mini_graph:
        (ontology if triple[1] in (RDFS.subClassOf, RDFS.label) else data).add(triple)
    H = project(data, ontology=ontology)
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))


def test_blank_nodes_and_literals_never_become_nodes():
    g = Graph().parse(format="turtle", data="""
        @prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
        <http://example.org/a> a ikg:Actor ; ikg:partner [ a ikg:Actor ], "text" .
    """)
    H = project(g)
    assert list(H) == ["http://example.org/a"] and H.number_of_edges() == 0
    assert H.nodes["http://example.org/a"]["label_en"] == "a"  # no name in the data: the local name stands in


def test_empty_graph_projects_to_empty_network():
    H = project(Graph())
    assert H.number_of_nodes() == 0 and H.number_of_edges() == 0


def test_undirected_merges_parallel_and_opposite_edges(G):
    U = undirected(G)
    assert U.number_of_nodes() == G.number_of_nodes()
    assert U.number_of_edges() == 12  # mini has no parallel edges
    tie = U[iri("org/alpha-university")][iri("project/ion-project")]
    assert tie["relations"][0]["source"] == iri("project/ion-project")
    assert tie["relations"][0]["relation"] == IKG + "ledBy"
    assert sorted(undirected(G).edges) == sorted(U.edges)  # the same view, built again


def test_a_knowledge_graph_makes_its_undirected_view_once(article_kg):
    assert article_kg.undirected is article_kg.undirected
    assert article_kg.undirected.number_of_nodes() == article_kg.network.number_of_nodes()


def test_undirected_keeps_every_relation_and_drops_self_loops():
    import networkx as nx

    H = nx.MultiDiGraph()
    H.add_edge("a", "b", key="p", relation="p", evidence=[])
    H.add_edge("b", "a", key="q", relation="q", evidence=[{"span": "x"}])
    H.add_edge("a", "a", key="p", relation="p", evidence=[])
    U = undirected(H)
    assert U.number_of_edges() == 1 and U["a"]["b"]["multiplicity"] == 2
    assert [(r["relation"], r["source"], r["target"]) for r in U["a"]["b"]["relations"]] == [
        ("q", "b", "a"), ("p", "a", "b")]  # the relation with evidence first
    H.add_node("c")
    assert "c" in undirected(H)  # never a stale view: built anew each call


def test_class_filter_takes_names_or_iris_and_rejects_unknown(G):
    places = {iri("place/lanzhou"), iri("place/jinchang"), iri("place/gansu")}
    assert class_filter(G, ["Place"]) == places
    assert class_filter(G, [IKG + "City"]) == places - {iri("place/gansu")}
    with pytest.raises(KGError, match="unknown class 'Plaice'; valid classes: .*Place"):
        class_filter(G, ["Plaice"])


def test_local_name():
    assert local_name(IKG + "Place") == "Place"
    assert local_name(iri("org/alpha-university")) == "alpha-university"


def test_article_graph_joins_voronezh_university_to_provincial_science_department(article_graph, root):
    from kg.analysis.paths import find_paths

    H = project(article_graph)
    by_name = {data["label_zh"]: node for node, data in H.nodes(data=True)}
    source, target = by_name["俄罗斯沃罗涅日国立农业大学"], by_name["甘肃省科技厅"]
    path = find_paths(H, source, target)[0]
    assert path[0]["source"] == source and path[-1]["target"] == target
    for node, data in H.nodes(data=True):
        assert IKG + "Actor" in data["classes"]
        assert not node.startswith(tuple(ID + kind for kind in ("source/", "evidence/", "figure/", "membership/")))


def test_sparql_endpoint_projects_identically(mini_graph, G):
    """Through rdflib's SPARQLStore, against the project's own endpoint serving mini.ttl."""
    import socket
    import threading
    import time

    import uvicorn

    from kg.stores.load import open_store
    from kg.serve.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(mini_graph), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        H = project(open_store(f"sparql:http://127.0.0.1:{port}/sparql"))
    finally:
        server.should_exit = True
        thread.join(5)
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))


def test_membership_without_role_and_repeated_memberships_merge():
    g = Graph().parse(format="turtle", data="""
        @prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
        @prefix org: <http://www.w3.org/ns/org#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        <http://x.org/lab> a ikg:Actor . <http://x.org/team> a ikg:Actor .
        <http://x.org/m2> org:organization <http://x.org/lab> ; org:member <http://x.org/team> .
        <http://x.org/m1> org:organization <http://x.org/lab> ; org:member <http://x.org/team> .
        <http://x.org/e1> rdf:subject <http://x.org/m1> ; rdf:predicate org:member ;
            rdf:object <http://x.org/team> ; ikg:span "team" ; ikg:start 5 ; ikg:end 9 .
        <http://x.org/e2> rdf:subject <http://x.org/m2> ; rdf:predicate org:organization ;
            rdf:object <http://x.org/lab> ; ikg:span "lab" ; ikg:start 1 ; ikg:end 4 .
    """)
    H = project(g)
    [(member, organization, key, data)] = H.edges(keys=True, data=True)
    assert (member, organization, key) == ("http://x.org/team", "http://x.org/lab", "http://www.w3.org/ns/org#memberOf")
    assert data["via"] == "http://x.org/m1"  # the first record by IRI
    assert [e["span"] for e in data["evidence"]] == ["lab", "team"]  # both records' evidence, by offset


def test_project_reports_each_stage_to_its_progress_callback(mini_graph):
    """Issue 24: a first projection of 10M triples takes tens of minutes; the CLI draws a bar from this."""
    from kg.analysis.network import STAGES

    calls = []
    G = project(mini_graph, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(done, len(STAGES)) for done in range(1, len(STAGES) + 1)]
    assert G.number_of_nodes() == project(mini_graph).number_of_nodes()


def test_a_knowledge_graph_passes_its_progress_callback_to_the_projection(tmp_path):
    import kg
    from kg.analysis.network import STAGES

    data = Path(__file__).parent / "data"
    calls = []
    with kg.open(f"oxigraph:{tmp_path / 'store'}", [data.parent.parent / "ontology" / "innovation.ttl",
                                                   data / "mini.ttl"]) as graph:
        graph.progress = lambda done, total: calls.append(done)
        graph.network
    assert calls == list(range(1, len(STAGES) + 1))
