"""Turn what a person types (an IRI, a prefixed name, a Chinese or English name, an alias, part of a
name) into the IRI of one actor of the projection.

Tiers, first match wins: the full IRI; a prefixed name (``ikr:org/lanzhou-university``); an exact name
or alias (English case-insensitively; full-width forms folded; traditional characters read as
simplified, so 蘭州大學 is 兰州大学); a written variant of exactly one actor's name (:func:`name_variants`:
省科技厅 for 甘肃省科技厅 in a Gansu source, with or without 中国 or 有限公司); a substring of exactly
one actor's names.

:func:`same_as_candidates` is the form ingest uses: it never merges on a guess. It returns the actors
a new name is certainly (exact name or alias) or maybe (a variant, with the reason) the same as. An
unknown name raises :class:`~kg.errors.UnknownActor` listing the closest names; a name that fits several
actors raises :class:`~kg.errors.AmbiguousActor` listing them with their class. Both exit the CLI with
code 2.

Every tier reads the graph's :class:`NameIndex` (:func:`name_index`): the names folded once per graph
and kept while the graph lives, so the hundredth lookup in a graph of 30,000 actors costs a dictionary
read, not a pass over 60,000 names. Its near-miss search gives what :func:`difflib.get_close_matches`
over every name gives, computing the ratio only for names whose upper bound can still make the list.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:x:lzu", label_zh="兰州大学", label_en="Lanzhou University", aliases=["兰大"], cls="University")
>>> G.add_node("urn:x:gs", label_zh="甘肃省", label_en="Gansu Province", aliases=["甘肃"], cls="Province")
>>> resolve(G, "lanzhou university"), resolve(G, "兰大"), resolve(G, "Gansu")
('urn:x:lzu', 'urn:x:lzu', 'urn:x:gs')
"""

import bisect
import difflib
import itertools
import operator
import unicodedata
import weakref
from pathlib import Path

from kg.analysis.near_miss import NearMissTable as _NearMissTable  # noqa: F401 (tests reach it here)
from kg.errors import AmbiguousActor, UnknownActor

__all__ = ["resolve", "actor_names", "describe_candidate", "name_variants", "same_as_candidates",
           "to_simplified", "fold_name", "name_index", "NameIndex"]

#: how many candidates an error message lists
MAX_LISTED = 8
#: how many close names an unknown name's error suggests
MAX_CLOSEST = 5
#: the similarity (difflib ratio) a near miss needs; when no name reaches the first, the second
CLOSE_CUTOFFS = (0.6, 0.4)


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
    key = fold_name(text)
    index = name_index(G)
    exact = index.exact(key)
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise _ambiguous(G, text, exact)
    variants = _variant_matches(index, text, region=None)
    if len({node for node, _, _ in variants}) == 1:
        return variants[0][0]
    if variants:
        raise _ambiguous(G, text, sorted({node for node, _, _ in variants}))
    shortest = {}  # node -> length of its shortest name holding the text
    for node, label, _ in index.containing(key):
        shortest[node] = min(shortest.get(node, len(label)), len(label))
    if len(shortest) == 1:
        return next(iter(shortest))
    if shortest:
        # the shortest names first: "兰州大学" before "兰州大学第二医院" for "兰州大"
        raise _ambiguous(G, text, sorted(shortest, key=lambda node: (shortest[node], node)))
    raise _unknown(G, text, key, index)


def actor_names(G):
    """Every ``(node, name)`` pair: Chinese and English names and aliases, in a stable order.

    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_node("x", label_zh="甲", label_en="A", aliases=["甲甲"])
    >>> actor_names(G)
    [('x', '甲'), ('x', 'A'), ('x', '甲甲')]
    """
    pairs = []
    nodes = G.nodes
    for node in sorted(nodes):  # written out, not a loop over a list per node: 30,000 actors, half the time
        data = nodes[node]
        zh, en, aliases = data.get("label_zh"), data.get("label_en"), data.get("aliases")
        if zh:
            pairs.append((node, zh))
        if en and en != zh:
            pairs.append((node, en))
        if aliases:
            seen = {zh, en}
            for alias in aliases:
                if alias and alias not in seen:
                    seen.add(alias)
                    pairs.append((node, alias))
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


def fold_name(text):
    """A name as the resolver compares it: case, width (Ｇ vs G), runs of spaces and traditional
    characters folded.

    >>> fold_name("  ＬＡＮＺＨＯＵ   University "), fold_name("蘭州大學")
    ('lanzhou university', '兰州大学')
    """
    folded = " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())
    if folded.isascii() or _TRADITIONAL.isdisjoint(folded):  # most names: spare a call (the index folds them all)
        return folded
    return to_simplified(folded)


#: NameIndex of each graph that has been asked a name, kept while the graph lives
_INDEXES = weakref.WeakKeyDictionary()


def name_index(G, fresh=False):
    """The :class:`NameIndex` of graph ``G``'s actor names: made on first use, then kept while ``G`` lives.

    A graph that gains or loses nodes gets a new index; one whose names were changed in place (the
    projection never is) needs ``fresh=True``, which makes it anew. A view (``G.subgraph(nodes)``)
    filters its parent's index, folding nothing.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("urn:x:lzu", label_zh="兰州大学", label_en="Lanzhou University")
    >>> name_index(G) is name_index(G), name_index(G).exact("lanzhou university")
    (True, ['urn:x:lzu'])
    """
    size = None if getattr(G, "frozen", False) else len(G)  # a view's size costs a pass: views are short-lived
    index = _INDEXES.get(G)
    if fresh or index is None or index._graph_size != size:
        parent = getattr(G, "_graph", None)  # networkx views keep their parent here
        if parent is not None and parent is not G and getattr(G, "frozen", False):
            entries = [entry for entry in name_index(parent).entries if entry[0] in G]
        else:
            entries = [(node, label, fold_name(label)) for node, label in actor_names(G)]
        index = NameIndex(entries)
        index._graph_size = size
        _INDEXES[G] = index
    return index


class NameIndex:
    """Every actor name of a graph folded once (:func:`fold_name`), with the lookups the resolver makes.

    Parameters
    ----------
    entries : list of (node, name, folded name)
        In :func:`actor_names` order: the order every answer keeps.

    Examples
    --------
    >>> index = NameIndex([("urn:a", "兰州大学", "兰州大学"), ("urn:a", "Lanzhou University", "lanzhou university"),
    ...                    ("urn:b", "兰州新区", "兰州新区")])
    >>> index.exact("兰州大学"), [node for node, _, _ in index.containing("兰州")]
    (['urn:a'], ['urn:a', 'urn:b'])
    >>> index.closest("lanzhou univresity"), index.closest("lanzhou univresity", method="bounded")
    (['lanzhou university'], ['lanzhou university'])
    """

    #: below this many distinct names, :meth:`closest` scans them all (cheaper than building its table)
    SCAN_BELOW = 2000
    #: the ways :meth:`closest` can search
    METHODS = ("scan", "bounded")

    def __init__(self, entries):
        self.entries = list(entries)
        self._graph_size = None  # len(G) when name_index made it: a graph that grew needs a new one
        # folded name -> its first entry, and the others of the few names several entries share (no list
        # per name: 60,000 small lists cost more to make, and to garbage-collect, than the rest together)
        self._first, self._more = {}, {}
        for position, (_, _, folded) in enumerate(self.entries):
            if self._first.setdefault(folded, position) != position:
                self._more.setdefault(folded, []).append(position)
        self._haystack = None  # (every folded name joined by newlines, where each starts)
        self._table = None  # _NearMissTable, for closest(method="bounded")

    def __len__(self):
        return len(self.entries)

    @property
    def labels(self):
        """The distinct folded names, in the order they first appear."""
        return list(self._first)

    def exact(self, key):
        """The nodes one of whose names folds to ``key`` (already folded), sorted."""
        return sorted({self.entries[position][0] for position in self._positions(key)})

    def named(self, *keys):
        """The entries whose folded name is one of ``keys``, in entry order."""
        positions = sorted(position for key in set(keys) for position in self._positions(key))
        return [self.entries[position] for position in positions]

    def containing(self, key):
        """The entries whose folded name holds ``key`` (already folded), in entry order."""
        if not key:
            return list(self.entries)
        if "\n" in key:  # folding turns every newline into a space: no name holds one
            return []
        if self._haystack is None:
            names = [folded for _, _, folded in self.entries]
            # where each name starts: running sums of (length + 1), the newline after each name
            starts = list(itertools.accumulate(map(operator.add, map(len, names), itertools.repeat(1)), initial=0))
            self._haystack = ("\n".join(names), starts[:-1])
        haystack, starts = self._haystack
        found, at = [], haystack.find(key)
        while at != -1:  # one find in C per matching name: the next search starts at the next name
            position = bisect.bisect_right(starts, at) - 1
            found.append(self.entries[position])
            if position + 1 == len(starts):
                break
            at = haystack.find(key, starts[position + 1])
        return found

    def _positions(self, key):
        first = self._first.get(key)
        return () if first is None else (first, *self._more.get(key, ()))

    def closest(self, key, n=MAX_CLOSEST, cutoffs=CLOSE_CUTOFFS, method=None):
        """The folded names most like ``key``: what ``difflib.get_close_matches(key, labels, n, cutoff)``
        returns for the first of ``cutoffs`` that finds any, best first.

        ``method`` ``scan`` runs that over every name; ``bounded`` (the default from
        :attr:`SCAN_BELOW` names) gives the same list while computing the ratio for few: it ranks names
        by an upper bound of their ratio (the longest common subsequence, or the characters in common
        for a key over 63 characters, ``2 * bound / (len(key) + len(name))``) and stops once no name left
        can enter the list.

        >>> index = NameIndex([(str(i), name, name) for i, name in enumerate(["abcd", "abce", "xyz"])])
        >>> index.closest("abcf"), index.closest("abcf", method="bounded"), index.closest("qqqq")
        (['abce', 'abcd'], ['abce', 'abcd'], [])
        """
        if method is None:
            method = "scan" if len(self._first) < self.SCAN_BELOW else "bounded"
        if method not in self.METHODS:
            raise ValueError(f"unknown method {method!r}; valid methods: {', '.join(self.METHODS)}")
        if not self._first:
            return []
        if method == "scan" or not key:
            labels = self.labels
            for cutoff in cutoffs:
                found = difflib.get_close_matches(key, labels, n=n, cutoff=cutoff)
                if found:
                    return found
            return []
        if self._table is None:
            self._table = _NearMissTable(self.labels)
        best = self._table.best(key, n, min(cutoffs))
        # the n best at the lowest cutoff, kept to those over a higher one, are the n best at that one
        for cutoff in cutoffs:
            found = [label for ratio, label in best if ratio >= cutoff]
            if found:
                return found
        return []


# helpers


def to_simplified(text):
    """``text`` in simplified characters (zhconv, MediaWiki's conversion tables); unchanged when it is.

    >>> to_simplified("蘭州大學"), to_simplified("兰州大学"), to_simplified("Lanzhou")
    ('兰州大学', '兰州大学', 'Lanzhou')
    """
    if text.isascii() or _TRADITIONAL.isdisjoint(text):
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
    index = name_index(G)
    exact = []
    for node, label, _ in index.named(fold_name(str(name))):
        if node not in [e[0] for e in exact]:
            data = G.nodes[node]
            how = "name" if label in (data.get("label_zh"), data.get("label_en")) else "alias"
            exact.append((node, "exact", f"{how} {label}"))
    if exact:
        return exact
    seen, out = set(), []
    for node, label, reason in _variant_matches(index, str(name), region=region):
        if node not in seen:
            seen.add(node)
            out.append((node, "maybe", reason))
    return out


def _variant_matches(index, text, region=None):
    """``(node, label, reason)`` for each name (in :func:`actor_names` order) one of ``text``'s variants is."""
    wanted = {fold_name(variant): reason for variant, reason in name_variants(text, region=region)}
    if not wanted:
        return []
    return [(node, label, wanted[folded]) for node, label, folded in index.named(*wanted)]


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


def _unknown(G, text, key, index):
    # a near miss first; only when there is none, anything loosely alike (NameIndex.closest)
    nodes = []
    for label in index.closest(key):
        nodes += [node for node in index.exact(label) if node not in nodes]
    if not nodes:
        return UnknownActor(f"no actor is named {text!r} (and no name is close to it)")
    return UnknownActor(f"no actor is named {text!r}; closest: {_listing(G, nodes)}", candidates=nodes)
