"""What a dossier says: who the actor is, its memberships and roles, its relations, its figures with their
times and its place in the network, as sentences in Chinese or English, each with its footnotes
(:mod:`kg.dossier.notes`) or marked as computed by kg."""

from kg.dossier.notes import Footnotes, cite
from kg.errors import BadArgument
from kg.render.actor import QUALIFIERS

__all__ = ["dossier_data"]

_NAMES = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel")
_WORDS = {
    "en": {"who": "Who it is", "members": "Memberships and roles", "relations": "Relations", "figures": "Figures",
           "place": "Place in the network", "view": "Its neighbourhood", "notes": "Sources",
           "is": "{name}: {cls}", "also": "{name} is also called {aliases}",
           "member": "{subject} is a {role} of {object}", "relation": "{subject} {label} {object}",
           "figure": "{subject}: {measure} {value} ({time})", "figure_untimed": "{subject}: {measure} {value}",
           "rank": "Among the {n} actors of the graph, {name} ranks {ranks}",
           "rank_item": "{rank} by {measure}", "community": "Its community (modularity) has {size} actors; the most "
           "central of the others: {others}", "computed": "computed by kg from the graph, not stated in a source",
           "unsourced": "no evidence span recorded", "reference": "a reference dataset: no quoted span",
           "none": "none recorded", "quote": "“{span}”", "chars": "characters", "no_notes": "no footnotes",
           "is_in": "{name} is a {cls}", "located": " in {place}", "parent": ", part of {parent}",
           "counts": "The graph records {n} relations of {name}: {items}", "count_item": "{count} {label}",
           "span_dates": "Its dated facts run from {first} to {last}", "one_date": "Its one dated fact is of {first}",
           "back": "back to the text", "reference_short": "a reference dataset: no quoted span",
           "generated": "A dossier made by innovation-kg from its knowledge graph. Every footnote quotes the span "
           "of the source that states the sentence, with its character offsets into the source text."},
    "zh": {"who": "概况", "members": "成员与角色", "relations": "关系", "figures": "数据", "place": "在网络中的位置",
           "view": "关系网络", "notes": "来源",
           "is": "{name}：{cls}", "also": "{name}又称{aliases}",
           "member": "{subject}是{object}的{role}", "relation": "{subject}（{label}）{object}",
           "figure": "{subject}：{time}{measure}{value}", "figure_untimed": "{subject}：{measure}{value}",
           "rank": "在图中 {n} 个行动者里，{name}的排名：{ranks}", "rank_item": "{measure}第 {rank} 位",
           "community": "其所在社区（模块度划分）有 {size} 个行动者；其中其他最核心的是：{others}",
           "computed": "由 kg 根据图计算，并非来源原文", "unsourced": "未记录证据片段", "none": "无记录",
           "reference": "参考数据集，无原文片段",
           "quote": "“{span}”", "chars": "字符",
           "no_notes": "无脚注",
           "is_in": "{name}是{place}{cls}", "located": "{place}的", "parent": "，隶属于{parent}",
           "counts": "图中记录了{name}的 {n} 条关系：{items}", "count_item": "{label} {count} 条",
           "span_dates": "其有日期的事实始于 {first}，止于 {last}", "one_date": "其唯一有日期的事实在 {first}",
           "back": "返回正文", "reference_short": "参考数据集，无原文片段",
           "generated": "本档案由 innovation-kg 根据其知识图谱生成。每个脚注引用原文中陈述该句的片段及其字符位置。"},
}
_MEASURE_NAMES = {"en": {"degree": "degree", "betweenness": "betweenness (brokerage)", "pagerank": "PageRank"},
                  "zh": {"degree": "度中心性", "betweenness": "中介中心性（桥接）", "pagerank": "PageRank"}}


def dossier_data(kg, name, lang="en"):
    """The dossier of the actor ``name`` designates, as plain data.

    Returns a dict: ``iri``, ``title``, ``subtitle``, ``lang``, ``sections`` (each ``key``, ``title``,
    ``sentences``: ``text`` and ``notes``, footnote numbers, or ``computed`` True), ``footnotes`` (``n``,
    ``source``, ``span``, ``start``, ``end``) and ``ego`` (the ego view's data, :func:`kg.view.view_data`).
    """
    from kg.analysis.describe import describe, figure_sources
    from kg.sentences import membership_sentence, sentence as relation_sentence

    if lang not in _WORDS:
        raise BadArgument(f"unknown language {lang!r}; valid languages: en, zh")
    words = _WORDS[lang]
    actor = kg.actor(name)
    iri = actor["iri"]
    G = kg.network
    figures = [f["iri"] for f in G.nodes[iri].get("figures") or ()]
    found = describe(G, iri, figure_sources=figure_sources(kg.store, figures))
    from kg.serve.reader import literal_evidence

    evidence = literal_evidence(kg.store, [iri] + figures)
    notes = Footnotes()
    label = _label(found, lang)
    class_labels = G.graph.get("class_labels") or {}

    def cls_name(cls):
        return (class_labels.get(cls) or {}).get(lang) or cls or ""

    who = _who(kg, found, label, cls_name(found["cls"]), evidence.get(iri, []), lang)
    members, relations = [], []
    for direction in ("outgoing", "incoming"):
        for relation in found[direction]:
            other = _pair_label(relation, lang)
            subject, obj = (label, other) if direction == "outgoing" else (other, label)
            relation_label = relation.get(f"label_{lang}") or relation["relation_curie"]
            sentence = {"evidence": relation["evidence"]}
            if relation["kind"] == "membership":
                sentence["text"] = membership_sentence(subject, relation_label, obj, lang)
                members.append(sentence)
            else:
                sentence["text"] = relation_sentence(relation["relation"], subject, obj, lang, label=relation_label)
                relations.append(sentence)
    figure_sentences = []
    for figure in found["figures"]:
        measure = figure.get(f"measure_{lang}") or figure.get("measure")
        unit = figure.get("unit_zh" if lang == "zh" else "unit_en") or figure.get("unit") or ""
        qualifier = QUALIFIERS.get(figure.get("qualifier"), {}).get(lang, "")  # the words kg show uses
        qualifier += " " if qualifier and lang != "zh" else ""
        value = f"{qualifier}{figure['value']}" + (("" if lang == "zh" else " ") + unit if unit else "")
        key = "figure" if figure.get("time") else "figure_untimed"
        figure_sentences.append({"text": words[key].format(subject=label, measure=measure, value=value,
                                                           time=figure.get("time")),
                                 "evidence": evidence.get(figure["iri"], [])})
    sections = [
        {"key": "who", "title": words["who"], "sentences": who},
        {"key": "members", "title": words["members"], "sentences": members},
        {"key": "relations", "title": words["relations"], "sentences": relations},
        {"key": "figures", "title": words["figures"], "sentences": figure_sentences},
        {"key": "place", "title": words["place"], "sentences": _place(kg, iri, label, lang)},
    ]
    for section in sections:  # footnotes numbered in reading order; a sentence's marks in rising order
        for number, sentence in enumerate(section["sentences"], 1):
            sentence["id"] = f"{section['key']}-{number}"
            if not sentence.get("computed"):
                sentence["notes"] = sorted(notes.add(sentence.pop("evidence", ()), sentence["id"]))
                sentence["unsourced"] = not sentence["notes"]  # said so on the page, never hidden
    cite(kg.store, notes.items, lang)
    from kg.view import view_data

    ego = view_data(G, lang=lang, around=iri, depth=1)
    other = found["label_en"] if lang == "zh" else found["label_zh"]
    return {"iri": iri, "title": label, "subtitle": other if other and other != label else None, "lang": lang,
            "cls": cls_name(found["cls"]), "sections": sections, "footnotes": notes.items, "ego": ego,
            "words": {k: words[k] for k in ("view", "notes", "computed", "unsourced", "reference", "none", "generated",
                                            "chars", "back", "reference_short")}}


# helpers

def _place(kg, iri, label, lang):
    """The computed sentences: centrality ranks and the actor's community."""
    import networkx as nx

    words = _WORDS[lang]
    rows = kg.centrality(["degree", "betweenness", "pagerank"])
    ranks = []
    for measure in ("degree", "betweenness", "pagerank"):
        ordered = sorted(rows, key=lambda row: (-row[measure], row["iri"]))
        rank = next(i for i, row in enumerate(ordered, 1) if row["iri"] == iri)
        ranks.append(words["rank_item"].format(rank=rank, measure=_MEASURE_NAMES[lang][measure]))
    separator = "，" if lang == "zh" else ", "
    sentences = [{"text": words["rank"].format(n=len(rows), name=label, ranks=separator.join(ranks)), "computed": True}]
    U = kg.undirected
    if U.number_of_edges():
        communities = nx.algorithms.community.greedy_modularity_communities(U)  # deterministic: no seed needed
        mine = next((c for c in communities if iri in c), None)
        if mine and len(mine) > 1:
            score = {row["iri"]: row["pagerank"] for row in rows}
            others = sorted((n for n in mine if n != iri), key=lambda n: (-score.get(n, 0), n))[:5]
            names = separator.join(_node_label(kg.network, n, lang) for n in others)
            sentences.append({"text": words["community"].format(size=len(mine), others=names), "computed": True})
    return sentences

_PLACE_RELATIONS = ("locatedIn", "partOfPlace")
_PARENT_RELATIONS = ("subOrganizationOf", "affiliatedWith")


def _who(kg, found, label, cls, name_evidence, lang):
    """"Who it is": class, place and parent (with their evidence), aliases, relations counted by kind, and
    the span of its dated facts (the last two computed by kg)."""
    words = _WORDS[lang]
    evidence = [e for e in name_evidence if e["predicate"] == _NAMES[0]]

    def first(kinds):
        for relation in found["outgoing"]:
            if relation["relation"].rsplit("#", 1)[-1].rsplit("/", 1)[-1] in kinds:
                return relation
        return None

    place, parent = first(_PLACE_RELATIONS), first(_PARENT_RELATIONS)
    located = words["located"].format(place=_pair_label(place, lang)) if place else ""
    text = words["is_in"].format(name=label, cls=cls, place=located)
    if lang != "zh":
        text = words["is_in"].format(name=label, cls=cls, place="") + located
        text = text.replace(" is a ", " is an ", 1) if cls[:1].lower() in "aeiou" else text
    if parent:
        text += words["parent"].format(parent=_pair_label(parent, lang))
    for relation in (place, parent):
        if relation:
            evidence = evidence + list(relation["evidence"])
    who = [{"text": text, "evidence": evidence}]
    if found["aliases"]:
        who.append({"text": words["also"].format(name=label, aliases="、".join(found["aliases"])),
                    "evidence": [e for e in name_evidence if e["predicate"] == _NAMES[1]]})
    counts = {}
    for relation in found["outgoing"] + found["incoming"]:
        key = relation.get(f"label_{lang}") or relation["relation_curie"]
        counts[key] = counts.get(key, 0) + 1
    if counts:
        separator = "，" if lang == "zh" else ", "
        items = separator.join(words["count_item"].format(count=n, label=key)
                               for key, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        who.append({"text": words["counts"].format(n=sum(counts.values()), name=label, items=items), "computed": True})
    dated = _dated(kg, found)
    if dated:
        key = "one_date" if dated[0] == dated[-1] else "span_dates"
        who.append({"text": words[key].format(first=dated[0], last=dated[-1]), "computed": True})
    return who


def _dated(kg, found):
    """The dates of the actor's dated facts, sorted: its own dates, its figures' times, and its relations'
    dates (the later of the two actors' dates, as kg.analysis.timeline dates a relation)."""
    from kg.analysis.timeline import node_date, relation_date

    dates = kg.dates()
    own = node_date(dates, found["iri"])
    found_dates = [own] if own else []
    found_dates += [str(f["time"]) for f in found["figures"] if f.get("time")]
    for relation in found["outgoing"] + found["incoming"]:
        when = relation_date(own, node_date(dates, relation["actor"]))
        if when:
            found_dates.append(str(when))
    return sorted(set(found_dates), key=lambda d: (d[:4], d))


def _node_label(G, node, lang):
    data = G.nodes[node]
    return data.get(f"label_{lang}") or data.get("label_en") or data.get("label_zh") or node


def _label(actor, lang):
    return actor.get(f"label_{lang}") or actor.get("label_en") or actor.get("label_zh") or actor["iri"]


def _pair_label(relation, lang):
    return relation.get(f"actor_label_{lang}") or relation.get("actor_label_en") or relation["actor"]
