"""kg.analysis.resolve's NameIndex: the same answers as the full scan over every name it replaced.

Below, ``scan_*`` is the resolver as it was before the index (every lookup folds every name; an unknown
name runs difflib over all of them), kept here as the reference. On the article graph and on a
synthetic graph of about 3,000 actors (over NameIndex.SCAN_BELOW names, so the bounded near-miss search
answers by default) the index must give the same IRI, the same error with the same candidates and
message, the same same-as candidates and the same reconciliation answer, for exact names, aliases,
case, traditional characters, region prefixes, legal suffixes, parts of names and misspellings.
"""

import difflib
import heapq
import random
import weakref

import networkx as nx
import pytest

from kg.analysis import resolve as resolver
from kg.analysis.resolve import NameIndex, fold_name, name_index, name_variants, resolve, same_as_candidates
from kg.errors import AmbiguousActor, KGError, UnknownActor
from tests.conftest import ROOT

IKR = "https://w3id.org/innovation-kg/id/"


# -- the reference: the resolver before the index ------------------------------------------------

_SCANNED_NAMES = weakref.WeakKeyDictionary()


def scan_names(G):
    """Every (node, name, folded name), as the old resolver made them on each lookup (kept per graph here
    only to spare the test's time: the graphs are not changed)."""
    if G not in _SCANNED_NAMES:
        _SCANNED_NAMES[G] = [(node, label, fold_name(label)) for node, label in resolver.actor_names(G)]
    return _SCANNED_NAMES[G]


def scan_resolve(G, name):
    text = " ".join(str(name).split())
    if not text:
        raise UnknownActor("no actor name given")
    if text in G:
        return text
    expanded = resolver._expand_prefixed(text)
    if expanded in G:
        return expanded
    key = fold_name(text)
    names = scan_names(G)
    exact = sorted({node for node, _, folded in names if folded == key})
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise resolver._ambiguous(G, text, exact)
    variants = scan_variant_matches(names, text)
    if len({node for node, _, _ in variants}) == 1:
        return variants[0][0]
    if variants:
        raise resolver._ambiguous(G, text, sorted({node for node, _, _ in variants}))
    shortest = {}
    for node, label, folded in names:
        if key in folded:
            shortest[node] = min(shortest.get(node, len(label)), len(label))
    if len(shortest) == 1:
        return next(iter(shortest))
    if shortest:
        raise resolver._ambiguous(G, text, sorted(shortest, key=lambda node: (shortest[node], node)))
    by_folded = {}
    for node, _, folded in names:
        by_folded.setdefault(folded, [])
        if node not in by_folded[folded]:
            by_folded[folded].append(node)
    close = (difflib.get_close_matches(key, list(by_folded), n=5, cutoff=0.6)
             or difflib.get_close_matches(key, list(by_folded), n=5, cutoff=0.4))
    nodes = []
    for label in close:
        nodes += [node for node in by_folded[label] if node not in nodes]
    if not nodes:
        raise UnknownActor(f"no actor is named {text!r} (and no name is close to it)")
    raise UnknownActor(f"no actor is named {text!r}; closest: {resolver._listing(G, nodes)}", candidates=nodes)


def scan_variant_matches(names, text, region=None):
    wanted = {fold_name(variant): reason for variant, reason in name_variants(text, region=region)}
    return [(node, label, wanted[folded]) for node, label, folded in names if folded in wanted] if wanted else []


def scan_same_as(G, name, region=None):
    names = scan_names(G)
    key = fold_name(str(name))
    exact = []
    for node, label, folded in names:
        if folded == key and node not in [e[0] for e in exact]:
            data = G.nodes[node]
            how = "name" if label in (data.get("label_zh"), data.get("label_en")) else "alias"
            exact.append((node, "exact", f"{how} {label}"))
    if exact:
        return exact
    seen, out = set(), []
    for node, label, reason in scan_variant_matches(names, str(name), region=region):
        if node not in seen:
            seen.add(node)
            out.append((node, "maybe", reason))
    return out


def scan_candidates(H, text, scan_resolve=scan_resolve):
    """kg.serve.reconcile._candidates as it was: a fold of every name per query, then the scan resolver."""
    from kg.serve.reconcile import _expand_prefixed, entity_iri

    if entity_iri(text) in H:
        return [(entity_iri(text), 100, True)]
    key = fold_name(text)
    exact = sorted({node for node, _, folded in scan_names(H) if folded == key})
    if exact:
        return [(node, 100, True) for node in exact]
    variants = [node for node, how, _ in scan_same_as(H, text) if how == "maybe"]
    if variants:
        return [(node, 80, len(variants) == 1) for node in variants]
    try:
        node = scan_resolve(H, text)
    except AmbiguousActor as error:
        return [(node, max(50 - rank, 31), False) for rank, node in enumerate(error.candidates or ())]
    except UnknownActor as error:
        return [(node, max(30 - 5 * rank, 1), False) for rank, node in enumerate(error.candidates or ())
                if node in H]
    if node in H and (text in H or _expand_prefixed(text) == node or entity_iri(text) == node):
        return [(node, 100, True)]
    return [(node, 70, True)] if node in H else []


def outcome(function, *args):
    """What a lookup gives: the IRI, or the error's class, candidates and message."""
    try:
        return function(*args)
    except KGError as error:
        return type(error).__name__, getattr(error, "candidates", None), str(error)


def scan_best(key, labels, n=5, cutoff=0.4):
    """The n best (ratio, name) over every name, as difflib.get_close_matches ranks them."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(key)
    scored = []
    for label in labels:
        matcher.set_seq1(label)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff and matcher.ratio() >= cutoff:
            scored.append((matcher.ratio(), label))
    return heapq.nlargest(n, scored)


def assert_same_answers(G, names, monkeypatch):
    """Every name: the same resolve outcome, same-as candidates and reconciliation answer as the scan,
    and for an unknown name the same near misses with the same ratios."""
    from kg.serve import reconcile

    scanned = {}  # (graph, name) -> what the scan gave: each full scan (seconds on 3,000 actors) runs once

    def memo_scan_resolve(graph, name):
        if (graph, name) not in scanned:
            scanned[graph, name] = outcome(scan_resolve, graph, name)
        found = scanned[graph, name]
        if isinstance(found, tuple):
            error = {"UnknownActor": UnknownActor, "AmbiguousActor": AmbiguousActor}[found[0]]
            raise error(found[2], found[1])
        return found

    index = name_index(G)
    unknown = 0
    for name in names:
        assert outcome(resolve, G, name) == outcome(memo_scan_resolve, G, name), name
        for region in (None, "甘肃"):
            assert same_as_candidates(G, name, region=region) == scan_same_as(G, name, region=region), name
        if scanned[G, name][0] == "UnknownActor":
            unknown += 1
            key = fold_name(name)
            assert resolver._NearMissTable(index.labels).best(key, 5, 0.4) == scan_best(key, index.labels), name
    assert unknown >= 3  # the near-miss search was exercised
    queries = {f"q{i}": {"query": name} for i, name in enumerate(names)}
    queries["typed"] = {"query": names[0], "type": "Enterprise"}
    answer = reconcile.reconcile(G, queries)
    with monkeypatch.context() as patched:
        patched.setattr(reconcile, "_candidates", lambda H, text: scan_candidates(H, text, memo_scan_resolve))
        expected = reconcile.reconcile(G, queries)
    assert answer == expected


# -- the article graph ------------------------------------------------------------------------------

ARTICLE_NAMES = [
    "兰州大学", "Lanzhou University", "LANZHOU UNIVERSITY", "lanzhou   university",  # names, case, spaces
    "CAS", "兰州兽研所", "Gansu Hailiang", "我省",                                     # aliases
    "Lanzhou Univresity", "Jinchuan Grop", "Lanzhuo Veterinary Research Institue",     # misspelt English
    "Gansu Provincial Department of Sceince and Technology", "Wang Aiqn",
    "蘭州大學", "金川集團", "甘肅省科技廳", "ＬＡＮＺＨＯＵ",                             # traditional, full width
    "省科技厅", "甘肃省教育厅", "甘肃省工信厅",                                           # region-prefixed forms
    "金川集团精密铜材股份有限公司", "甘肃海亮新能源材料有限责任公司", "农业科学院",       # legal suffix, 中国
    "兰州大", "离子", "集团", "Gansu", "Lanzhou",                                       # parts of names
    "兰州大雪", "清华大学", "qqqqqqqq", "Tsinghua University", "甘肃省科学院",           # near misses, unknown
]


def test_the_index_answers_as_the_scan_on_the_article_graph(article_kg, monkeypatch):
    assert_same_answers(article_kg.network, ARTICLE_NAMES, monkeypatch)


def test_article_near_misses_keep_their_ranking(article_kg):
    """What the CLI's "closest" shows (tests/test_cli.py, the README) is the scan's list, by either method."""
    index = name_index(article_kg.network)
    for method in NameIndex.METHODS:
        assert index.closest("lanzhou univresity", method=method)[0] == "lanzhou university"
        assert "兰州大学" in index.closest("兰州大雪", method=method)
    with pytest.raises(UnknownActor) as caught:
        resolve(article_kg.network, "Lanzhou Univresity")
    assert caught.value.candidates[0] == IKR + "org/lanzhou-university"


# -- a synthetic graph of about 3,000 actors --------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    import kg
    from kg.synth import generate

    data = generate(3000, seed=5, out_dir=tmp_path_factory.mktemp("synth-names")).files[0]
    return kg.open(data=[ROOT / "ontology" / "innovation.ttl", data]).network


def misspelt(name, rng):
    """``name`` with one to three characters dropped, added or changed."""
    chars = list(name)
    for _ in range(rng.randint(1, 3)):
        at, op = rng.randrange(len(chars)), rng.randrange(3)
        if op == 0 and len(chars) > 2:
            del chars[at]
        elif op == 1:
            chars.insert(at, rng.choice("aeiouxyz兰州金科技华"))
        else:
            chars[at] = rng.choice("aeiouxyz甘肃泰宏")
    return "".join(chars)


def synthetic_names(G, count, seed):
    import zhconv

    rng = random.Random(seed)
    names = []
    for node in rng.sample(sorted(G.nodes), count):
        data = G.nodes[node]
        zh, en = data["label_zh"], data["label_en"]
        names += [zh, en, en.lower(), en.upper(), zhconv.convert(zh, "zh-tw"), misspelt(en, rng), misspelt(zh, rng)]
        if zh.endswith("有限公司"):
            names.append(zh[:-len("有限公司")] + "有限责任公司")
        if zh.startswith("甘肃省"):
            names.append(zh[len("甘肃"):])
    return names + ["省科学技术厅", "华金", "Institute", "Zhang Xiaoming", "清华大学", "Silk Road Quantum Lab"]


def test_the_synthetic_graph_uses_the_bounded_search(synthetic):
    assert len(name_index(synthetic).labels) > NameIndex.SCAN_BELOW


def test_the_index_answers_as_the_scan_on_a_synthetic_graph(synthetic, monkeypatch):
    assert_same_answers(synthetic, synthetic_names(synthetic, 10, seed=1), monkeypatch)


def test_bounded_near_misses_equal_difflib_for_many_misspellings(synthetic):
    index = name_index(synthetic)
    labels = index.labels
    rng = random.Random(2)
    for label in rng.sample(labels, 40):
        key = fold_name(misspelt(label, rng))
        assert index.closest(key, method="bounded") == (difflib.get_close_matches(key, labels, n=5, cutoff=0.6)
                                                        or difflib.get_close_matches(key, labels, n=5, cutoff=0.4))


# -- the parts --------------------------------------------------------------------------------------

def lcs_length(a, b):
    previous = [0] * (len(b) + 1)
    for char in a:
        row = [0]
        for j, other in enumerate(b):
            row.append(previous[j] + 1 if char == other else max(previous[j + 1], row[j]))
        previous = row
    return previous[-1]


def test_bit_parallel_lcs_is_the_longest_common_subsequence():
    import numpy as np

    rng = random.Random(0)
    alphabet = "abcab 兰州大学"
    labels = list(dict.fromkeys("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(400)))
    table = resolver._NearMissTable(labels)
    for _ in range(40):
        key = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 63)))
        candidates, lengths = table._lcs(key, np.arange(len(labels)))
        assert sorted(candidates.tolist()) == list(range(len(labels)))
        for position, length in zip(candidates.tolist(), lengths.tolist()):
            assert length == lcs_length(key, labels[position])


def test_bounded_search_equals_difflib_on_random_strings():
    """Ties in ratio (many here), keys over 63 characters (no LCS bound) and every cutoff."""
    rng = random.Random(4)
    alphabet = "abcd 兰州"
    labels = list(dict.fromkeys("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(2500)))
    index = NameIndex([(str(i), label, label) for i, label in enumerate(labels)])
    for length in (1, 3, 6, 10, 70):
        key = "".join(rng.choice(alphabet) for _ in range(length))
        for cutoffs in ((0.6, 0.4), (0.9,), (0.0,)):
            expected = next((found for cutoff in cutoffs
                             if (found := difflib.get_close_matches(key, labels, n=5, cutoff=cutoff))), [])
            assert index.closest(key, cutoffs=cutoffs, method="bounded") == expected, (key, cutoffs)


def test_a_tie_with_a_name_whose_bound_was_loose():
    """'accaca' is visited first (LCS bound 0.6) but scores 0.4; 'bcaaaa' (bound 0.4 = its ratio) ties
    it and, being the greater name, is the one difflib keeps: the search must not stop at equal bounds."""
    labels = ["accaca", "bcaaaa"]
    index = NameIndex([(label, label, label) for label in labels])
    expected = difflib.get_close_matches("cbcc", labels, n=1, cutoff=0.4)
    assert expected == ["bcaaaa"]
    assert index.closest("cbcc", n=1, cutoffs=(0.4,), method="bounded") == expected


def test_unknown_method_is_a_value_error():
    with pytest.raises(ValueError, match="unknown method 'fuzzy'; valid methods: scan, bounded"):
        NameIndex([]).closest("x", method="fuzzy")
    assert NameIndex([]).closest("x") == []


def test_containing_finds_every_name_that_holds_the_key_in_order():
    entries = [("a", "兰州大学", "兰州大学"), ("a", "LZU", "lzu"), ("b", "兰州", "兰州"), ("c", "大学城", "大学城")]
    index = NameIndex(entries)
    assert index.containing("大学") == [entries[0], entries[3]]
    assert index.containing("兰州") == [entries[0], entries[2]]
    assert index.containing("学城") == [entries[3]] and index.containing("z") == [entries[1]]
    assert index.containing("州\n大") == [] and index.containing("") == entries


def test_one_index_per_graph_renewed_when_it_grows():
    G = nx.MultiDiGraph()
    G.add_node("urn:a", label_zh="甲大学", label_en="A University")
    first = name_index(G)
    assert name_index(G) is first and resolve(G, "a university") == "urn:a"
    G.add_node("urn:b", label_zh="乙大学", label_en="B University")
    assert name_index(G) is not first and resolve(G, "乙大学") == "urn:b"
    G.nodes["urn:b"]["label_en"] = "Bee University"  # changed in place: only a fresh index knows
    assert name_index(G).exact("bee university") == []
    assert name_index(G, fresh=True).exact("bee university") == ["urn:b"]


def test_a_view_filters_its_parents_index(article_kg):
    from kg.analysis.network import class_filter

    G = article_kg.network
    H = G.subgraph(class_filter(G, ["University"]))
    entries = name_index(H).entries
    assert entries == [entry for entry in name_index(G).entries if entry[0] in H]
    assert {node for node, _, _ in entries} == set(H) and resolve(H, "Lanzhou University") == IKR + "org/lanzhou-university"


def test_a_batch_folds_the_names_once(article_kg, monkeypatch):
    """Regression (issue 13): every reconcile query folded every actor's name again."""
    from kg.serve.reconcile import reconcile

    G = nx.MultiDiGraph(article_kg.network)  # a graph no test has asked yet
    calls = []
    real = resolver.actor_names
    monkeypatch.setattr(resolver, "actor_names", lambda graph: calls.append(graph) or real(graph))
    answer = reconcile(G, {f"q{i}": {"query": name} for i, name in enumerate(ARTICLE_NAMES)})
    assert answer["q0"]["result"][0]["id"] == "org/lanzhou-university"
    assert calls == [G]
    reconcile(G, {"again": {"query": "Lanzhou Univresity"}})
    assert calls == [G]
