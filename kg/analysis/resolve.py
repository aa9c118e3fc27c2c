"""Turn what a person types (an IRI, a prefixed name, a Chinese or English name, an alias, part of a
name) into the IRI of one actor of the projection.

Tiers, first match wins: the full IRI; a prefixed name (``ikr:org/lanzhou-university``); an exact name
or alias (English case-insensitively; full-width forms folded); a substring of exactly one actor's
names. An unknown name raises :class:`~kg.errors.UnknownActor` listing the closest names; a name that
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

from kg.errors import AmbiguousActor, UnknownActor

__all__ = ["resolve", "actor_names", "describe_candidate"]

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
    """Compare names without regard to case, width (Ｇ vs G) or runs of spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


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
