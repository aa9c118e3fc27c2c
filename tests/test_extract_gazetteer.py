"""Known names never cut a longer name: what the gazetteer adds to the rules, and what it must not take away.

The sentences are written for these tests (made-up bodies: 祁连某某, 河西某某); the gazetteer holds a
province, a city, a group, a mechanism and a person, as the project's graph does.
"""

import csv
import hashlib
from pathlib import Path

import pytest

from kg.extract import Gazetteer, extract
from kg.extract.mentions import find_mentions

ROOT = Path(__file__).resolve().parent.parent
SEED = "000_53c5d41e29162869"

KNOWN = Gazetteer({
    "甘肃": ("urn:x:gansu", "Province", "name"),
    "兰州": ("urn:x:lanzhou", "City", "name"),
    "金昌": ("urn:x:jinchang", "City", "name"),
    "河西集团": ("urn:x:hexi", "Enterprise", "name"),
    "链长制": ("urn:x:chain-chief", "Mechanism", "name"),
    "祁连科创服务中心": ("urn:x:service", "NationalPlatform", "name"),
})


def names(text, gazetteer=None):
    return [a["name"] for a in extract(text, gazetteer, region="甘肃").to_json()["actors"]]


def relations(text, gazetteer=None):
    return {(r["subject"], r["relation"], r["object"])
            for r in extract(text, gazetteer, region="甘肃").to_json()["relations"]}


@pytest.mark.parametrize("text, name", [
    ("甘肃省某某装备创新联合体近日成立。", "甘肃省某某装备创新联合体"),
    ("近日,甘肃某某储能电池技术有限公司投产。", "甘肃某某储能电池技术有限公司"),
    ("兰州某某交通大学举行签约仪式。", "兰州某某交通大学"),
])
def test_a_known_place_at_the_start_of_a_name_yields_to_the_name(text, name):
    assert names(text, KNOWN) == [name]
    assert names(text, KNOWN) == names(text)  # the same with no gazetteer


def test_a_known_group_inside_a_longer_name_stays_a_parent_mention():
    text = "河西集团某某铜材有限公司扩大产能。"
    found = {a["name"]: a for a in extract(text, KNOWN).to_json()["actors"]}
    assert set(found) == {"河西集团某某铜材有限公司", "河西集团"}
    assert found["河西集团"]["known"] == "urn:x:hexi" and found["河西集团某某铜材有限公司"]["known"] is None
    assert ("河西集团某某铜材有限公司", "sub-organization", "河西集团") in relations(text, KNOWN)


def test_a_known_place_is_never_an_actor_nor_the_subject_of_located_in():
    text = "甘肃某某储能科技有限公司等项目落户金昌。"
    assert names(text, KNOWN) == ["甘肃某某储能科技有限公司"]
    rels = relations(text, KNOWN)
    assert ("甘肃某某储能科技有限公司", "located-in", "金昌") in rels
    assert not any(subject in ("甘肃", "金昌") for subject, _, _ in rels)


def test_a_city_written_with_shi_is_found_whole():
    places = [m.name for m in find_mentions("金昌市持续壮大产业集群。", KNOWN) if m.is_place]
    assert places == ["金昌市"]


def test_a_known_mechanism_is_not_an_actor_and_never_cuts_a_term():
    assert names("全面推进产业链链长制、专班制。", KNOWN) == []


def test_a_known_name_the_rules_cannot_find_is_added_and_joined():
    text = "祁连科创服务中心与河西某某研究院开展合作。"
    found = {a["name"]: a["known"] for a in extract(text, KNOWN).to_json()["actors"]}
    assert found == {"祁连科创服务中心": "urn:x:service", "河西某某研究院": None}


def test_kinds_come_from_the_class_tree_of_the_graph():
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("urn:x:a", label_zh="某某乡", cls="Township", classes=["urn:o#Township", "urn:o#Place"])
    G.add_node("urn:x:b", label_zh="某某工作室", cls="Team", classes=["urn:o#Team", "urn:o#Organization"])
    G.add_node("urn:x:c", label_zh="某某积分制", cls="Mechanism", classes=[])
    gazetteer = Gazetteer.from_graph(G)
    assert [gazetteer.kind(n) for n in ("某某乡", "某某工作室", "某某积分制")] == ["place", "org", "other"]


# -- the project's graph as gazetteer, on every article we may read -----------------------------------

def _articles():
    """(id, text) of each evaluation article whose text is here and matches its SHA-256, and the seed."""
    out = []
    rows = csv.DictReader((ROOT / "eval" / "articles.tsv").open(encoding="utf-8"), delimiter="\t")
    for row in rows:
        path = ROOT / "eval" / "articles" / f"{row['id']}.txt"
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]:
            out.append((row["id"], path.read_text(encoding="utf-8")))
    seed = ROOT / "graph_data" / SEED
    from kg.sources import read_source

    out.append((SEED, read_source(SEED)))
    assert seed.is_dir()
    return out


def test_the_projects_gazetteer_only_adds_names():
    """For every available evaluation article and the seed: the names proposed with the project's graph as
    gazetteer are a superset of those proposed with none, and every extra name is a known one."""
    import kg

    with kg.open() as g:
        gazetteer = Gazetteer.from_graph(g)
    for article, text in _articles():
        bare = {a["name"] for a in extract(text, Gazetteer(), region="甘肃").to_json()["actors"]}
        known = extract(text, gazetteer, region="甘肃").to_json()["actors"]
        with_gazetteer = {a["name"] for a in known}
        lost = bare - with_gazetteer
        assert not lost, f"{article}: {len(lost)} name(s) lost to the gazetteer"
        extra = [a for a in known if a["name"] not in bare]
        assert all(a["known"] for a in extra), f"{article}: a name only the gazetteer gives is not joined"
