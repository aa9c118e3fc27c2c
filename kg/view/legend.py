"""A view's legend and palettes: the class families (one hue each, a family's classes in shades of it),
the classes' Chinese names, and the colours of communities and relations, the same in every view of a
graph. :func:`kg.view.data.view_data` puts these entries in the page's data."""

import math
import re
from collections import Counter, defaultdict

__all__ = ["families"]

_CLASS_NAMES_ZH = {
    "Actor": "行动者", "Organization": "组织", "GovernmentBody": "政府机构", "ResearchInstitute": "研究机构",
    "Academy": "科学院", "University": "高校", "Enterprise": "企业", "Hospital": "医院",
    "TestingInstitute": "检测机构", "Bank": "银行", "Laboratory": "实验室", "NationalPlatform": "国家平台",
    "HighTechZone": "高新区", "Park": "园区", "MediaOrganization": "媒体", "Team": "团队",
    "InnovationConsortium": "创新联合体", "IndustrialCluster": "产业集群", "IndustrialChain": "产业链",
    "Person": "人物", "Place": "地点", "Country": "国家", "Province": "省", "City": "市", "District": "区县",
    "Township": "乡镇", "PolicyInstrument": "政策工具", "PolicyDocument": "政策文件", "Mechanism": "机制",
    "Program": "行动计划", "Project": "项目", "Agreement": "协议", "Event": "活动", "Technology": "技术",
    "Product": "产品", "Award": "奖项", "Facility": "设施",
}

# The legend groups classes into families, one hue each, the classes of a family in shades of it (the
# first, most frequent, in the family's own colour). Places and things start collapsed: they are many
# and seldom what a reader looks for first.
_FAMILIES = (
    ("government", "Government", "政府", "#d64545", ("GovernmentBody",)),
    ("research", "Research institutes", "科研机构", "#1b9aaa",
     ("ResearchInstitute", "Academy", "Laboratory", "NationalPlatform", "TestingInstitute")),
    ("universities", "Universities", "高校", "#2f6fca", ("University",)),
    ("enterprises", "Enterprises", "企业", "#f08c2e", ("Enterprise", "Bank", "Hospital", "MediaOrganization")),
    ("collaborations", "Consortia and clusters", "联合体与集群", "#8e44ad",
     ("InnovationConsortium", "IndustrialCluster", "IndustrialChain", "HighTechZone", "Park", "Team")),
    ("policies", "Policies and programmes", "政策与计划", "#c2185b",
     ("PolicyInstrument", "PolicyDocument", "Mechanism", "Program", "Project", "Agreement", "Award", "Event")),
    ("people", "People", "人物", "#c9a227", ("Person",)),
    ("places", "Places", "地点", "#5aa469", ("Place", "Country", "Province", "City", "District", "Township")),
    ("things", "Technologies and products", "技术与产品", "#7b8794", ("Technology", "Product", "Facility")),
    ("other", "Other", "其他", "#8d99ae", ("Organization", "Actor")),
)
_COLLAPSED_FAMILIES = ("places", "things")
_FAMILY_OF = {cls: position for position, family in enumerate(_FAMILIES) for cls in family[4]}
_SHADES = (0.0, -0.28, 0.32, -0.45, 0.5, -0.15, 0.18, -0.36)  # a family's classes, in order of frequency
_COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                      "#9c755f", "#bab0ac", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#17becf")
_RELATION_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
                     "#9c755f", "#5f6b7a", "#1f9e89", "#d37295", "#8cd17d", "#b6992d", "#499894", "#86bcb6",
                     "#e49444", "#a0cbe8", "#d4a6c8", "#79706e")
_LOCAL_NAME = re.compile(r"[^#/]*$")


def families():
    """The legend's class families: ``name``, ``en``, ``zh``, ``color`` (the family's hue), ``collapsed``
    (whether the legend starts with it folded).

    >>> [f["name"] for f in families()][:3], families()[7]["collapsed"]
    (['government', 'research', 'universities'], True)
    """
    return [{"name": name, "en": en, "zh": zh, "color": colour, "collapsed": name in _COLLAPSED_FAMILIES}
            for name, en, zh, colour, _ in _FAMILIES]


# helpers

def _classes(G, shown):
    """Legend entries of the classes shown, family by family (:data:`_FAMILIES`), most frequent first within
    one; each carries ``family``, its family's position in :func:`families`, and a shade of the family's hue."""
    found = Counter(_cls(G.nodes[node]) for node in shown)
    other = len(_FAMILIES) - 1
    ordered = sorted(found, key=lambda name: (_FAMILY_OF.get(name, other), -found[name], name))
    entries, within = [], Counter()
    for name in ordered:
        family = _FAMILY_OF.get(name, other)
        shade = _SHADES[within[family] % len(_SHADES)]
        within[family] += 1
        entries.append({"name": name, "en": _words(name), "zh": _CLASS_NAMES_ZH.get(name, _words(name)),
                        "color": _hex_shade(_FAMILIES[family][3], shade), "family": family})
    return entries


def _hex_shade(colour, factor):
    """``#rrggbb`` darkened (factor < 0) or lightened (factor > 0) by that fraction, as ``#rrggbb``."""
    value = int(colour[1:], 16)

    def channel(x):
        shaded = x * (1 + factor) if factor < 0 else x + (255 - x) * factor
        return max(0, min(255, math.floor(shaded + 0.5)))

    return "#" + "".join(f"{channel((value >> shift) & 255):02x}" for shift in (16, 8, 0))


def _community_groups(communities, shown):
    """Colour groups for ``--color-by community``: one entry per community shown, largest first."""
    membership, names = communities["membership"], {c["id"]: c["name"] for c in communities["communities"]}
    present = sorted({membership.get(node, 0) for node in shown})
    entries = [{"name": f"community-{cid}", "en": f"{cid} · {names.get(cid, '?')}",
                "zh": f"{cid} · {names.get(cid, '?')}", "color": _COMMUNITY_COLOURS[i % len(_COMMUNITY_COLOURS)]}
               for i, cid in enumerate(present)]
    return entries, lambda node, attrs: f"community-{membership.get(node, 0)}"


def _relation_ranks(G):
    """Every relation of ``G`` -> its rank by frequency in all of ``G`` (then IRI): its colour's position in
    the palette, the same in every view of ``G`` (a neighbourhood, a path, the whole network)."""
    counts = Counter(str(data.get("relation", key)) for _, _, key, data in G.edges(keys=True, data=True))
    return {relation: rank for rank, relation in enumerate(sorted(counts, key=lambda r: (-counts[r], r)))}


def _relations(edges, ranks):
    counts, labels = defaultdict(int), {}
    for _, _, key, data in edges:
        relation = str(data.get("relation", key))
        counts[relation] += 1
        local = _LOCAL_NAME.search(relation).group(0) or relation
        labels.setdefault(relation, (str(data.get("label_en") or local), str(data.get("label_zh") or local)))
    ordered = sorted(counts, key=lambda relation: (-counts[relation], relation))
    return [{"iri": relation, "en": labels[relation][0], "zh": labels[relation][1],
             "color": _RELATION_COLOURS[ranks.get(relation, position) % len(_RELATION_COLOURS)],
             "count": counts[relation]}
            for position, relation in enumerate(ordered)]


def _cls(attrs):
    return str(attrs.get("cls") or "Actor")


def _words(name):
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return spaced[:1].upper() + spaced[1:].lower()
