"""Turn what a person types (an IRI, a prefixed name, a Chinese or English name, an alias, part of a
name) into the IRI of one actor of the projection.

Tiers, first match wins: the full IRI; a prefixed name (``ikr:org/lanzhou-university``); an exact name
or alias (English case-insensitively; full-width forms folded; traditional characters read as
simplified, so 蘭州大學 is 兰州大学); a written variant of exactly one actor's name (:func:`name_variants`:
省科技厅 for 甘肃省科技厅 in a Gansu source, with or without 中国 or 有限公司); a substring of exactly
one actor's names.

:func:`same_as_candidates` is the form ingest uses: it never merges on a guess. It returns the actors
a new name is certainly (exact name or alias) or maybe (a variant, with the reason) the same as. An unknown name raises :class:`~kg.errors.UnknownActor` listing the closest names; a name that
fits several actors raises :class:`~kg.errors.AmbiguousActor` listing them with their class. Both exit
the CLI with code 2.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:x:lzu", label_zh="兰州大学", label_en="Lanzhou University", aliases=["兰大"], cls="University")
>>> G.add_node("urn:x:gs", label_zh="甘肃省", label_en="Gansu Province", aliases=["甘肃"], cls="Province")
>>> resolve(G, "lanzhou university"), resolve(G, "兰大"), resolve(G, "Gansu")
('urn:x:lzu', 'urn:x:lzu', 'urn:x:gs')
"""

import difflib
import unicodedata
from pathlib import Path

from kg.errors import AmbiguousActor, UnknownActor

__all__ = ["resolve", "actor_names", "describe_candidate", "name_variants", "same_as_candidates",
           "to_simplified"]

#: how many candidates an error message lists
MAX_LISTED = 8
#: how many close names an unknown name's error suggests
MAX_CLOSEST = 5


def resolve(G, name):
    """The IRI of the one actor in projection ``G`` that ``name`` designates.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection (:func:`kg.analysis.network.project`); nodes carry ``label_zh``, ``label_en``, ``aliases``.
    name : str
        A full IRI, a prefixed name, a Chinese or English name or alias, or a unique part of one.

    Returns
    -------
    str
        The actor's IRI.

    Raises
    ------
    UnknownActor
        Nothing matches; the message lists the closest names (``error.candidates`` holds their IRIs).
    AmbiguousActor
        Several actors match; the message lists them with their class.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:x:a", label_zh="兰州大学", label_en="Lanzhou University", aliases=[], cls="University")
    >>> G.add_node("urn:x:b", label_zh="兰州新区", label_en="Lanzhou New Area", aliases=[], cls="District")
    >>> resolve(G, "Lanzhou")
    Traceback (most recent call last):
    ...
    kg.errors.AmbiguousActor: 'Lanzhou' matches 2 actors: 兰州新区 / Lanzhou New Area (District, urn:x:b); 兰州大学 / Lanzhou University (University, urn:x:a); give more of the name or the IRI
    >>> resolve(G, "Lanzhou Univresity")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownActor: no actor is named 'Lanzhou Univresity'; closest: 兰州大学 / Lanzhou University (University, urn:x:a); 兰州新区 / Lanzhou New Area (District, urn:x:b)
    """
    text = " ".join(str(name).split())
    if not text:
        raise UnknownActor("no actor name given")
    if text in G:
        return text
    expanded = _expand_prefixed(text)
    if expanded in G:
        return expanded
    key = _fold(text)
    names = [(node, label, _fold(label)) for node, label in actor_names(G)]  # fold once: graphs can be big
    exact = sorted({node for node, _, folded in names if folded == key})
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise _ambiguous(G, text, exact)
    variants = _variant_matches(names, text, region=None)
    if len({node for node, _, _ in variants}) == 1:
        return variants[0][0]
    if variants:
        raise _ambiguous(G, text, sorted({node for node, _, _ in variants}))
    shortest = {}  # node -> length of its shortest name holding the text
    for node, label, folded in names:
        if key in folded:
            shortest[node] = min(shortest.get(node, len(label)), len(label))
    if len(shortest) == 1:
        return next(iter(shortest))
    if shortest:
        # the shortest names first: "兰州大学" before "兰州大学第二医院" for "兰州大"
        raise _ambiguous(G, text, sorted(shortest, key=lambda node: (shortest[node], node)))
    raise _unknown(G, text, key, names)


def actor_names(G):
    """Every ``(node, name)`` pair: Chinese and English names and aliases, in a stable order.

    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_node("x", label_zh="甲", label_en="A", aliases=["甲甲"])
    >>> actor_names(G)
    [('x', '甲'), ('x', 'A'), ('x', '甲甲')]
    """
    pairs = []
    for node, data in sorted(G.nodes(data=True), key=lambda item: item[0]):
        seen = set()
        for label in [data.get("label_zh"), data.get("label_en"), *(data.get("aliases") or ())]:
            if label and label not in seen:
                seen.add(label)
                pairs.append((node, label))
    return pairs


def describe_candidate(G, node):
    """One candidate as error messages show it: ``Chinese / English (Class, prefixed IRI)``.

    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_node("urn:x", label_zh="甲", label_en="A", cls="Place")
    >>> describe_candidate(G, "urn:x")
    '甲 / A (Place, urn:x)'
    """
    from kg.namespaces import compact_iri

    data = G.nodes[node]
    zh, en = data.get("label_zh") or "", data.get("label_en") or ""
    names = zh if zh == en or not en else (en if not zh else f"{zh} / {en}")
    return f"{names} ({data.get('cls') or 'Actor'}, {compact_iri(node)})"


# helpers

def _fold(text):
    """Compare names without regard to case, width (Ｇ vs G), runs of spaces, or traditional characters."""
    return to_simplified(" ".join(unicodedata.normalize("NFKC", text).casefold().split()))


def to_simplified(text):
    """``text`` in simplified characters (zhconv, MediaWiki's conversion tables); unchanged when it is.

    >>> to_simplified("蘭州大學"), to_simplified("兰州大学"), to_simplified("Lanzhou")
    ('兰州大学', '兰州大学', 'Lanzhou')
    """
    if text.isascii() or not _TRADITIONAL.intersection(text):
        return text  # nothing to convert: spare the zhconv import (it loads pkg_resources, ~0.15 s)
    import zhconv

    return zhconv.convert(text, "zh-cn")


def _traditional_characters():
    """The characters zhconv changes on their own (kg/analysis/traditional.txt, from
    scripts/traditional_chars.py)."""
    path = Path(__file__).with_name("traditional.txt")
    return frozenset(path.read_text(encoding="utf-8").splitlines()[1])


_TRADITIONAL = _traditional_characters()


#: suffixes a legal name may be written with or without (中核404有限公司 / 中核404)
_LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团有限公司", "集团公司")
#: what a region-prefixed short form opens with, and what it stands for in the source's region
_REGION_SHORT = {"省": "{province}", "市": "{city}"}


def name_variants(name, region=None):
    """Other ways the same body's name is written: ``[(variant, reason)]``, the name itself excluded.

    Region-prefixed forms (省科技厅 -> 甘肃省科技厅 when ``region`` is 甘肃), with and without 中国, with
    and without a legal suffix (有限公司), and the 省/市 short form of a full regional name.

    >>> name_variants("省科技厅", region="甘肃")
    [('甘肃省科技厅', 'region-prefixed form in a 甘肃 source: 省科技厅 = 甘肃省科技厅')]
    >>> [v for v, _ in name_variants("中国农业科学院兰州兽医研究所")]
    ['农业科学院兰州兽医研究所']
    >>> [v for v, _ in name_variants("甘肃金宏翔新能源有限公司")]
    ['甘肃金宏翔新能源', '甘肃金宏翔新能源股份有限公司', '甘肃金宏翔新能源有限责任公司']
    """
    text = to_simplified(unicodedata.normalize("NFKC", str(name)).strip())
    out = []

    def add(variant, reason):
        if variant and variant != text and variant not in [v for v, _ in out]:
            out.append((variant, reason))

    province = (region or "").strip()
    if province:
        province = province if province.endswith(("省", "市", "自治区")) else province + "省"
        short = province[:-1] if province.endswith("省") else province
        if text.startswith("省") and not text.startswith(province):
            add(province + text[1:], f"region-prefixed form in a {short} source: {text} = {province + text[1:]}")
        for prefix in (province, short):
            if text.startswith(prefix) and len(text) > len(prefix) + 1 and not text.startswith(prefix + "省"):
                add("省" + text[len(prefix):].lstrip("省"), f"the 省 short form of {text} in a {short} source")
                break
    if text.startswith("中国") and len(text) > 4:
        add(text[2:], "the same name without 中国")
    for suffix in _LEGAL_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            stem = text[: -len(suffix)]
            add(stem, f"the same name without {suffix}")
            for other in ("股份有限公司", "有限公司", "有限责任公司"):
                add(stem + other, f"the same name with {other} for {suffix}")
            break
    return out


def same_as_candidates(G, name, region=None):
    """The actors of projection ``G`` that ``name`` (a name as an article writes it) may designate.

    Returns ``[(iri, how, reason)]`` with ``how`` = ``exact`` (a name or alias of that actor, after
    folding width and traditional characters: the same actor) or ``maybe`` (a written variant, see
    :func:`name_variants`: for a person to decide, never merged automatically).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:x:st", label_zh="甘肃省科学技术厅", label_en="Gansu S&T Department",
    ...            aliases=["甘肃省科技厅"], cls="GovernmentBody")
    >>> same_as_candidates(G, "甘肃省科技厅")
    [('urn:x:st', 'exact', 'alias 甘肃省科技厅')]
    >>> same_as_candidates(G, "省科技厅", region="甘肃")
    [('urn:x:st', 'maybe', 'region-prefixed form in a 甘肃 source: 省科技厅 = 甘肃省科技厅')]
    """
    names = [(node, label, _fold(label)) for node, label in actor_names(G)]
    key = _fold(str(name))
    exact = []
    for node, label, folded in names:
        if folded == key and node not in [e[0] for e in exact]:
            data = G.nodes[node]
            how = "name" if label in (data.get("label_zh"), data.get("label_en")) else "alias"
            exact.append((node, "exact", f"{how} {label}"))
    if exact:
        return exact
    seen, out = set(), []
    for node, label, reason in _variant_matches(names, str(name), region=region):
        if node not in seen:
            seen.add(node)
            out.append((node, "maybe", reason))
    return out


def _variant_matches(names, text, region=None):
    """``(node, label, reason)`` for each actor one of ``text``'s variants names exactly."""
    wanted = {_fold(variant): reason for variant, reason in name_variants(text, region=region)}
    if not wanted:
        return []
    return [(node, label, wanted[folded]) for node, label, folded in names if folded in wanted]


def _expand_prefixed(text):
    from kg.namespaces import PREFIXES

    prefix, colon, rest = text.partition(":")
    if colon and prefix in PREFIXES and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return None


def _listing(G, nodes):
    shown = "; ".join(describe_candidate(G, node) for node in nodes[:MAX_LISTED])
    more = len(nodes) - MAX_LISTED
    return shown + (f"; and {more} more" if more > 0 else "")


def _ambiguous(G, text, nodes):
    return AmbiguousActor(
        f"{text!r} matches {len(nodes)} actors: {_listing(G, nodes)}; give more of the name or the IRI",
        candidates=nodes)


def _unknown(G, text, key, names):
    by_folded = {}
    for node, _, folded in names:
        by_folded.setdefault(folded, [])
        if node not in by_folded[folded]:
            by_folded[folded].append(node)
    # a near miss first; only when there is none, anything loosely alike
    close = (difflib.get_close_matches(key, list(by_folded), n=MAX_CLOSEST, cutoff=0.6)
             or difflib.get_close_matches(key, list(by_folded), n=MAX_CLOSEST, cutoff=0.4))
    nodes = []
    for label in close:
        nodes += [node for node in by_folded[label] if node not in nodes]
    if not nodes:
        return UnknownActor(f"no actor is named {text!r} (and no name is close to it)")
    return UnknownActor(f"no actor is named {text!r}; closest: {_listing(G, nodes)}", candidates=nodes)
