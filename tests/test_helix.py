"""kg.analysis.helix and kg.analysis.brokerage: sectors from the ontology, sector mix, E-I, brokerage, leaders."""

import csv
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.analysis.brokerage import ROLES, constraint, effective_size, gould_fernandez
from kg.analysis.helix import actor_sectors, ei_index, leader_dependence, members, sector_mix
from kg.analysis.network import undirected
from kg.cli import cli

ID = "https://w3id.org/innovation-kg/id/"
HELIX = ID + "helix/"
CONSORTIUM = ID + "org/gansu-ion-radiotherapy-technology-innovation-consortium"
TAIJI = ID + "org/lanzhou-taiji-ion-technology"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def sectors(article_kg):
    return article_kg.sectors()


def test_sectors_come_from_the_ontology_and_subclasses_inherit(root, tmp_path):
    import kg

    extra = tmp_path / "cancer.ttl"
    extra.write_text("""
@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ikg:CancerHospital rdfs:subClassOf ikg:Hospital .
<urn:x:h> a ikg:CancerHospital ; skos:prefLabel "肿瘤医院"@zh .
<urn:x:p> a ikg:Person ; skos:prefLabel "某人"@zh .
""", encoding="utf-8")
    files = [root / "ontology" / "innovation.ttl", root / "ontology" / "sectors.ttl", extra]
    with kg.open(data=files) as g:
        found = g.sectors()
        assert found["urn:x:h"] == HELIX + "medical"  # no annotation of its own: Hospital's
        assert found["urn:x:p"] is None
    with kg.open(data=[root / "ontology" / "innovation.ttl", extra]) as g:  # without sectors.ttl: no sectors
        assert set(g.sectors().values()) == {None}


def test_the_most_specific_annotated_class_wins():
    G = nx.MultiDiGraph()
    G.add_node("lab", classes=["urn:Lab", "urn:Org", "urn:Actor"])
    G.add_node("org", classes=["urn:Org", "urn:Actor"])
    scheme = {"classes": {"urn:Lab": "research", "urn:Org": "other"}}
    assert actor_sectors(G, scheme) == {"lab": "research", "org": "other"}


def test_article_actors_get_their_sectors(article_kg, sectors):
    def sector(name):
        return (sectors[article_kg.actor(name)["iri"]] or "").rsplit("/", 1)[-1] or None

    assert sector("兰州大学") == "university"
    assert sector("兰州泰基离子技术有限公司") == "enterprise"
    assert sector("中国科学院近代物理研究所") == "research-institute"
    assert sector("甘肃省科技厅") == "government"
    assert sector(CONSORTIUM) is None  # a collaboration is where sectors meet, not a sector
    assert sector("俄罗斯沃罗涅日国立农业大学") == "foreign"  # a university located in Russia
    assert sector("俄罗斯") is None and sector("我国") is None  # countries are places, China is home


def test_foreign_follows_locations_through_places_and_the_home_country_is_data(root, tmp_path):
    import kg

    extra = tmp_path / "abroad.ttl"
    extra.write_text(r"""
@prefix ikg: <https://w3id.org/innovation-kg/ontology#> .
@prefix ikr: <https://w3id.org/innovation-kg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:x:kz> a ikg:Country ; skos:prefLabel "哈萨克斯坦"@zh .
<urn:x:almaty> a ikg:City ; skos:prefLabel "阿拉木图"@zh ; ikg:locatedIn <urn:x:kz> .
<urn:x:uni> a ikg:University ; skos:prefLabel "阿拉木图某大学"@zh ; ikg:locatedIn <urn:x:almaty> .
<urn:x:lz> a ikg:City ; skos:prefLabel "兰州"@zh ; ikg:locatedIn ikr:place\/china .
<urn:x:firm> a ikg:Enterprise ; skos:prefLabel "兰州某公司"@zh ; ikg:locatedIn <urn:x:lz> .
<urn:x:nowhere> a ikg:Enterprise ; skos:prefLabel "某公司"@zh .
ikr:place\/china a ikg:Country ; skos:prefLabel "中国"@zh .
""", encoding="utf-8")
    files = [root / "ontology" / "innovation.ttl", root / "ontology" / "sectors.ttl", extra]
    with kg.open(data=files) as g:
        found = {k: (v or "").rsplit("/", 1)[-1] or None for k, v in g.sectors().items()}
    assert found["urn:x:uni"] == "foreign"  # university -> city -> foreign country
    assert found["urn:x:firm"] == "enterprise"  # located at home
    assert found["urn:x:nowhere"] == "enterprise"  # no location: its class's sector
    assert found["urn:x:kz"] is None and found["urn:x:almaty"] is None


def test_consortium_sector_mix_by_role_with_evidence(article_kg, sectors, article_text):
    rows = {row["role_zh"]: row for row in sector_mix(article_kg.network, sectors) if row["collaboration"] == CONSORTIUM}
    assert set(rows) == {"牵头单位", "成员单位", "合作成员单位"}
    assert rows["牵头单位"]["sectors"] == {HELIX + "enterprise": 1}
    assert rows["合作成员单位"]["sectors"] == {HELIX + "medical": 2}
    member_sectors = rows["成员单位"]["sectors"]
    assert sum(member_sectors.values()) == rows["成员单位"]["members"] == 4
    assert member_sectors[HELIX + "university"] == 1 and member_sectors[HELIX + "research-institute"] == 1
    for row in rows.values():
        assert row["evidence"]
        for item in row["evidence"]:  # every span is where it says in the article
            assert article_text[item["start"]:item["end"]] == item["span"]


def test_project_members_are_its_participation_relations(article_kg):
    G = article_kg.network
    project = next(n for n, d in G.nodes(data=True) if d["cls"] == "Project" and "马铃薯" in d["label_zh"])
    roles = {zh for _, _, _, zh, _ in members(G, project)}
    assert roles == {"参与方", "支持单位"}  # not 信息提供方 (who reported it) nor 属于计划 (its programme)


def test_ei_index_by_hand(article_kg, sectors):
    U = article_kg.undirected
    external = internal = 0
    for u, v in U.edges():
        if sectors[u] and sectors[v]:
            if sectors[u] == sectors[v]:
                internal += 1
            else:
                external += 1
    found = ei_index(U, sectors)
    assert (found["external"], found["internal"]) == (external, internal) and external + internal > 5
    assert found["index"] == pytest.approx((external - internal) / (external + internal))
    helix = article_kg.helix()
    assert helix["ei"]["index"] == found["index"]
    assert sum(t["ties"] for t in helix["ties"]) == external + internal
    community = helix["communities"]["ei"][0]
    members_of = next(c for c in article_kg.communities()["communities"] if c["id"] == community["id"])["members"]
    assert community["index"] == ei_index(U, sectors, members_of)["index"]


def test_gould_fernandez_roles_on_a_tiny_network():
    U = nx.Graph([("a", "b"), ("b", "c"), ("b", "d"), ("b", "e"), ("c", "d")])
    groups = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Z"}
    found = gould_fernandez(U, groups)["b"]
    # open triads through b: a-c (X X X coordinator), a-d (X X Y gatekeeper/representative),
    # a-e (X X Z g/r), c-e (X X Z g/r), d-e (Y X Z liaison); c-d are tied, so b brokers nothing there
    assert found == {"coordinator": 1, "gatekeeper_representative": 3, "itinerant": 0, "liaison": 1, "total": 5}
    assert gould_fernandez(U, dict(groups, b=None))["b"]["coordinator"] == 0  # no sector: never coordinator
    assert gould_fernandez(nx.Graph([("a", "b"), ("b", "c")]), {"a": "X", "b": "Y", "c": "X"})["b"]["itinerant"] == 1


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_gould_fernandez_equals_classifying_every_open_triad(seed):
    """The counts come from sector arithmetic less the closed pairs; on random networks (some actors
    without a sector) they equal classifying every open triad one by one."""
    import random

    from kg.analysis.brokerage import _role

    rng = random.Random(seed)
    U = nx.gnm_random_graph(60, 240, seed=seed)
    U.add_edges_from([(0, 0), (5, 5)])  # self-loops tie nobody to anybody
    sectors = {n: rng.choice(["G", "U", "E", None]) for n in U}
    expected = {}
    for b in U:
        counts = dict.fromkeys(ROLES, 0)
        ends = [n for n in U[b] if sectors[n] is not None and n != b]
        for i, a in enumerate(ends):
            for c in ends[i + 1:]:
                if not U.has_edge(a, c) and a != c:
                    counts[_role(sectors[a], sectors[b], sectors[c])] += 1
        expected[b] = dict(counts, total=sum(counts.values()))
    assert gould_fernandez(U, sectors) == expected


def test_constraint_and_effective_size_are_networkx(article_kg):
    U = article_kg.undirected
    expected = {n: v for n, v in nx.constraint(U).items() if v == v}
    assert {n: v for n, v in constraint(U).items() if v is not None} == pytest.approx(expected)
    assert effective_size(U)[TAIJI] == pytest.approx(nx.effective_size(U)[TAIJI])


def test_centrality_brokerage_measures(article_kg):
    rows = article_kg.centrality(["brokerage", "constraint"])
    counts = gould_fernandez(article_kg.undirected, article_kg.sectors())
    for row in rows:
        assert row["brokerage"] == counts[row["iri"]]["total"] == sum(row["brokerage_roles"].values())
    values = [row["brokerage"] for row in rows]
    assert values == sorted(values, reverse=True) and values[0] > 0
    from kg.analysis.centrality import BROKERAGE_MEASURES
    from kg.cli.network import BROKERAGE_MEASURES as CLI_NAMES

    assert tuple(BROKERAGE_MEASURES) == CLI_NAMES
    table = run("centrality", "-m", "brokerage", "--top", "3").stdout.splitlines()[0].split()
    assert table[-5:] == ["brokerage", *ROLES]


def test_leader_dependence_on_a_tiny_chain():
    G = nx.MultiDiGraph()
    G.add_node("chain", cls="IndustrialChain")
    for node, role in (("leader", "urn:role/chain-leader"), ("m1", "urn:m"), ("m2", "urn:m"), ("m3", "urn:m")):
        G.add_edge(node, "chain", key=role, kind="membership", evidence=[{"span": node, "start": 0, "end": 1}])
    for member in ("m1", "m2"):
        G.add_edge(member, "leader", key="urn:supplies", kind="relation", evidence=[])
    G.add_edge("m3", "m2", key="urn:partner", kind="relation", evidence=[])
    row = leader_dependence(G, undirected(G), ["urn:role/chain-leader"])[0]
    # ties of m1, m2, m3 (not to the chain): m1-leader, m2-leader, m2-m3, m3-m2 -> 2 of 4 to the leader
    assert (row["members"], row["member_ties"], row["ties_to_leader"], row["tie_share"]) == (3, 4, 2, 0.5)
    # pairs m1-m2 (via leader: 1), m1-m3 (m1-leader-m2-m3: 1), m2-m3 (direct: 0)
    assert (row["pairs"], row["pairs_connected"]) == (3, 3) and row["path_share"] == pytest.approx(2 / 3)
    assert [e["span"] for e in row["evidence"]][:1] == ["leader"]


@pytest.mark.parametrize("engine", ["python", "igraph"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_path_share_equals_counting_every_shortest_path(seed, engine):
    """The path share comes from BFS path counts (or igraph's subset betweenness); on random networks it
    equals enumerating the paths."""
    import random

    rng = random.Random(seed)
    base = nx.relabel_nodes(nx.gnm_random_graph(40, 70, seed=seed), lambda n: f"n{n:02d}")
    G = nx.MultiDiGraph()
    G.add_node("chain", cls="IndustrialChain")
    for u, v in base.edges():
        G.add_edge(u, v, key="urn:tie", kind="relation", evidence=[])
    chosen = rng.sample(sorted(base), 9)
    G.add_edge(chosen[0], "chain", key="urn:lead", kind="membership", evidence=[])
    for member in chosen[1:]:
        G.add_edge(member, "chain", key="urn:member", kind="membership", evidence=[])
    U = undirected(G)
    row = leader_dependence(G, U, ["urn:lead"], engine=engine)[0]
    H = U.subgraph([n for n in U if n != "chain"])
    others, shares = sorted(chosen[1:]), []
    for i, a in enumerate(others):
        for b in others[i + 1:]:
            if nx.has_path(H, a, b):
                paths = list(nx.all_shortest_paths(H, a, b))
                shares.append(sum(1 for p in paths if chosen[0] in p[1:-1]) / len(paths))
    assert row["pairs_connected"] == len(shares)
    assert row["path_share"] == pytest.approx(sum(shares) / len(shares) if shares else None)


def test_article_consortium_depends_on_its_lead_unit(article_kg):
    rows = article_kg.helix()["dependence"]
    row = next(r for r in rows if r["collaboration"] == CONSORTIUM)
    assert row["leader"] == TAIJI and row["leader_role"] == "lead unit" and row["members"] == 6
    assert 0 <= row["tie_share"] <= 1 and row["pairs"] == 15
    assert row["evidence"]


def test_cli_helix_parts_and_formats():
    table = run("helix").stdout
    for title in ("Sector mix of collaborations", "Ties between sectors", "E-I index", "Dependence on the leader"):
        assert title in table
    rows = list(csv.DictReader(io.StringIO(run("helix", "--part", "mix", "--evidence", "-f", "csv").stdout)))
    lead = next(r for r in rows if r["role"] == "lead unit")
    assert lead["sectors"] == "enterprise 1" and "牵头" in lead["evidence"]
    answer = json.loads(run("helix", "--part", "ei", "-f", "json").stdout)
    assert set(answer) == {"network", "communities"} and -1 <= answer["network"]["index"] <= 1
    bad = run("helix", "-f", "csv")
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: csv prints one table: give --part")
    zh = run("helix", "--part", "mix", "--lang", "zh").stdout
    assert "牵头单位" in zh and "企业 1" in zh
