"""The W3C Entity Reconciliation API (the protocol OpenRefine speaks), over the actor network.

``/reconcile`` answers with the service manifest (no parameters) or reconciles ``queries`` (a JSON object
of named queries: a batch) or ``query`` (one); ``/reconcile/suggest/entity|type|property?prefix=``
completes names, classes and relations; ``/reconcile/preview?id=`` is a small HTML card. An entity's
``id`` is its IRI's path under ``https://w3id.org/innovation-kg/id/`` (``org/lanzhou-university``), so
``/id/{{id}}`` is its page.

Scores come from the CLI's resolver (:mod:`kg.analysis.resolve`): a name or alias (folded for case,
width and traditional characters) scores 100 and matches; a written variant the resolver finds (region
prefix, legal suffix; :func:`~kg.analysis.resolve.same_as_candidates`) 80; a unique part of a name 70 and
matches; one of several actors a name part fits 50 minus its rank; a near miss (the resolver's
"closest") 30 minus its rank. ``type`` keeps actors of that class and its subclasses; each
``properties`` condition (``pid`` a relation's local name or prefixed name, ``v`` the other actor's name
or id) an actor does not meet halves its score and takes away its match. Every query of a batch, and of
the batches after it, reads one index of the graph's folded names (:func:`~kg.analysis.resolve.name_index`,
kept while the graph lives).

>>> import kg
>>> with kg.open() as g:
...     answer = reconcile(g.network, {"q0": {"query": "兰州大学"}, "q1": {"query": "Lanzhou", "type": "University"}})
>>> [(r["id"], r["score"], r["match"]) for r in answer["q0"]["result"]][:1]
[('org/lanzhou-university', 100, True)]
>>> answer["q1"]["result"][0]["id"]
'org/lanzhou-university'
"""

import html
import json

from kg.errors import BadArgument, UnknownActor

__all__ = ["IKR_BASE", "MAX_BATCH", "manifest", "reconcile", "reconcile_one", "suggest", "preview_html",
           "parse_queries", "entity_id", "entity_iri", "reconcile_job", "suggest_job", "preview_job",
           "jsonp_callback"]

IKR_BASE = "https://w3id.org/innovation-kg/id/"

#: queries one request may hold
MAX_BATCH = 1000
#: candidates a query returns unless it asks for fewer
DEFAULT_LIMIT = 5


def entity_id(iri):
    """The reconciliation id of an actor IRI (its path under ``ikr:``; the IRI itself for anybody else's).

    >>> entity_id("https://w3id.org/innovation-kg/id/org/lanzhou-university")
    'org/lanzhou-university'
    """
    return iri[len(IKR_BASE):] if str(iri).startswith(IKR_BASE) else str(iri)


def entity_iri(ident):
    """Inverse of :func:`entity_id`.

    >>> entity_iri("org/lanzhou-university")
    'https://w3id.org/innovation-kg/id/org/lanzhou-university'
    """
    ident = str(ident or "")
    return ident if "://" in ident else IKR_BASE + ident


def manifest(base_url):
    """The service manifest: name, id and schema spaces, default types, and where view, preview and
    suggest live (absolute URLs under ``base_url``, the server's root).

    >>> manifest("http://127.0.0.1:8000/")["view"]["url"]
    'http://127.0.0.1:8000/id/{{id}}'
    """
    base = base_url.rstrip("/")
    return {
        "versions": ["0.2"],
        "name": "innovation-kg actors",
        "identifierSpace": IKR_BASE,
        "schemaSpace": "https://w3id.org/innovation-kg/ontology#",
        "defaultTypes": [{"id": "Actor", "name": "Actor"}],
        "view": {"url": base + "/id/{{id}}"},
        "preview": {"url": base + "/reconcile/preview?id={{id}}", "width": 420, "height": 200},
        "suggest": {kind: {"service_url": base, "service_path": f"/reconcile/suggest/{kind}"}
                    for kind in ("entity", "type", "property")},
        "batchSize": 50,
    }


def parse_queries(text):
    """The ``queries`` parameter (a JSON object of named queries) as a dict; :class:`BadArgument` otherwise.

    >>> parse_queries('{"q0": {"query": "兰大"}}')
    {'q0': {'query': '兰大'}}
    >>> parse_queries('[1]')
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: queries must be a JSON object of named queries, each an object with a "query"
    """
    try:
        queries = json.loads(text)
    except (TypeError, ValueError):
        raise BadArgument("queries is not JSON") from None
    if isinstance(queries, dict) and "query" in queries and isinstance(queries.get("query"), str):
        queries = {"q0": queries}  # one query sent as `queries`
    if not isinstance(queries, dict) or not all(isinstance(q, dict) and isinstance(q.get("query"), str)
                                                for q in queries.values()):
        raise BadArgument('queries must be a JSON object of named queries, each an object with a "query"')
    if len(queries) > MAX_BATCH:
        raise BadArgument(f"{len(queries)} queries in one request; at most {MAX_BATCH}")
    return queries


def jsonp_callback(name):
    """A JSONP callback name, only if it is a plain JavaScript identifier path (nothing else is echoed).

    >>> jsonp_callback("jQuery123_456"), jsonp_callback("alert(1)//")
    ('jQuery123_456', None)
    """
    import re

    name = str(name or "")
    identifier = r"[A-Za-z_$][A-Za-z0-9_$]{0,100}"
    return name if re.fullmatch(rf"{identifier}(\.{identifier}){{0,5}}", name) else None


def reconcile(G, queries):
    """Answer a batch: ``{key: {"result": [candidates]}}`` for each named query (:func:`reconcile_one`)."""
    typed = {}
    return {key: {"result": reconcile_one(G, query, _typed=typed)} for key, query in queries.items()}


def reconcile_one(G, query, _typed=None):
    """The candidates for one query (a dict with ``query`` and optionally ``type``, ``limit``,
    ``properties``; or a plain string), best first: ``id``, ``name``, ``type``, ``score``, ``match``.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:x:lzu", label_zh="兰州大学", label_en="Lanzhou University", aliases=["兰大"],
    ...            cls="University", classes=["urn:c#University"])
    >>> [(c["id"], c["score"], c["match"]) for c in reconcile_one(G, "兰大")]
    [('urn:x:lzu', 100, True)]
    >>> reconcile_one(G, {"query": "x", "limit": 0})
    Traceback (most recent call last):
    ...
    kg.errors.BadArgument: limit must be a whole number from 1 to 100
    """
    if isinstance(query, str):
        query = {"query": query}
    text = " ".join(str(query.get("query") or "").split())
    limit = query.get("limit", DEFAULT_LIMIT)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 100:
        raise BadArgument("limit must be a whole number from 1 to 100")
    types = query.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    H = _typed_graph(G, [str(t).rsplit("#", 1)[-1] for t in types], _typed)
    found = _candidates(H, text) if text else []
    conditions = [c for c in query.get("properties") or () if isinstance(c, dict)]
    results = []
    for node, score, match in found:
        if conditions and not all(_meets(G, node, condition) for condition in conditions):
            score, match = score // 2, False
        results.append((node, score, match))
    results.sort(key=lambda item: (-item[1], item[0]))
    if sum(1 for _, _, match in results if match) > 1:  # two that both look certain: neither is
        results = [(node, score, False) for node, score, _ in results]
    return [_candidate(G, node, score, match) for node, score, match in results[:limit]]


def suggest(G, kind, prefix, limit=10, lang="zh"):
    """Completions for ``prefix``: actors (``entity``), classes (``type``) or relations (``property``).

    Returns ``{"result": [{"id", "name", "description"}]}``; names that start with the prefix come before
    names that hold it, then the shorter, then by id.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:x:lzu", label_zh="兰州大学", label_en="Lanzhou University", aliases=[], cls="University")
    >>> suggest(G, "entity", "兰州")["result"][0]["id"]
    'urn:x:lzu'
    """
    from kg.analysis.resolve import name_index

    key = _fold(prefix)
    if kind == "entity":
        pool = name_index(G).entries  # (node, name, folded name), folded once per graph
        describe = lambda node: _describe(G, node)  # noqa: E731
    elif kind == "type":
        labels = G.graph.get("class_labels") or {}
        pool = [(cls, name, _fold(name)) for cls, names in sorted(labels.items())
                for name in {cls, *names.values()} if name]
        describe = lambda cls: " / ".join(v for v in (labels.get(cls) or {}).values() if v)  # noqa: E731
    elif kind == "property":
        relations = {}
        for _, _, data in G.edges(data=True):
            relation = data.get("relation")
            if relation and data.get("kind", "relation") == "relation":
                relations.setdefault(relation.rsplit("#", 1)[-1].rsplit("/", 1)[-1],
                                     {data.get("label_en"), data.get("label_zh")})
        pool = [(pid, name, _fold(name)) for pid, names in sorted(relations.items()) for name in {pid, *names} if name]
        describe = lambda pid: " / ".join(sorted(n for n in relations[pid] if n))  # noqa: E731
    else:
        raise BadArgument(f"unknown suggest kind {kind!r}; valid kinds: entity, type, property")
    if not isinstance(limit, int) or not 1 <= limit <= 100:
        raise BadArgument("limit must be a whole number from 1 to 100")
    best = {}
    for ident, name, folded in pool:
        if key and key not in folded:
            continue
        rank = (0 if folded.startswith(key) else 1, len(name), name)
        if ident not in best or rank < best[ident][0]:
            best[ident] = (rank, name)
    ordered = sorted(best.items(), key=lambda item: (item[1][0], item[0]))[:limit]
    result = []
    for ident, (_, name) in ordered:
        shown = _display_name(G, ident, lang) if kind == "entity" else name
        result.append({"id": entity_id(ident) if kind == "entity" else ident, "name": shown,
                       "description": describe(ident)})
    return {"result": result}


def preview_html(G, ident, lang="zh"):
    """A small HTML card for one actor (OpenRefine shows it on hover, at 420x200); everything escaped.

    Styled by ``/static/preview.css`` (the server's policy forbids inline styles); its neighbours each with
    the relation that joins them, at most four, so the card fits the size the manifest declares.

    Raises :class:`~kg.errors.UnknownActor` (404) for an id that names no actor.
    """
    iri = entity_iri(ident)
    if iri not in G:
        raise UnknownActor(f"no actor has the id {str(ident)[:200]!r}")
    data = G.nodes[iri]
    e = html.escape
    names = [n for n in (data.get("label_zh"), data.get("label_en")) if n]
    rows = [f'<h1 title="{e(" · ".join(names), quote=True)}">{e(" · ".join(names))}</h1>',
            f'<p class="what">{e(data.get("cls") or "Actor")} · <code>{e(entity_id(iri))}</code></p>']
    if data.get("aliases"):
        rows.append(f'<p class="aliases">{e("、".join(data["aliases"]))}</p>')
    links = []
    for source, target, attrs in sorted(list(G.out_edges(iri, data=True)) + list(G.in_edges(iri, data=True)),
                                        key=lambda edge: (str(edge[0]), str(edge[1]))):
        other, arrow = (target, "→") if source == iri else (source, "←")
        relation = attrs.get(f"label_{lang}") or attrs.get("label_en") or attrs.get("label_zh") or ""
        links.append(f"<li>{arrow} <em>{e(str(relation))}</em> {e(_display_name(G, other, lang))}</li>")
    if links:
        more = len(links) - 4
        rows.append("<ul>" + "".join(links[:4]) + (f'<li class="more">+{more}</li>' if more > 0 else "") + "</ul>")
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>' + e(names[0] if names else iri) +
            '</title><link rel="stylesheet" href="/static/preview.css"><link rel="icon" href="/static/favicon.svg">'
            '</head><body class="preview">' + "".join(rows) + "</body></html>")


def reconcile_job(kg, queries):
    """:func:`reconcile` on ``kg``'s network (what the server runs in a worker)."""
    return reconcile(kg.network, queries)


def suggest_job(kg, kind, prefix, limit, lang):
    """:func:`suggest` on ``kg``'s network (what the server runs in a worker)."""
    return suggest(kg.network, kind, prefix, limit, lang)


def preview_job(kg, ident, lang):
    """:func:`preview_html` on ``kg``'s network (what the server runs in a worker)."""
    return preview_html(kg.network, ident, lang)


# helpers

def _fold(text):
    """Names compared as the resolver compares them (:func:`kg.analysis.resolve.fold_name`)."""
    from kg.analysis.resolve import fold_name

    return fold_name(text or "")


def _expand_prefixed(text):
    from kg.namespaces import PREFIXES

    prefix, colon, rest = text.partition(":")
    return PREFIXES[prefix] + rest if colon and prefix in PREFIXES and not rest.startswith("//") else None


def _typed_graph(G, types, cache):
    """``G`` limited to actors of the classes ``types`` (local names), cached per request."""
    types = [t for t in types if t and t != "Actor"]
    if not types:
        return G
    key = tuple(sorted(types))
    if cache is not None and key in cache:
        return cache[key]
    from kg.analysis.network import class_filter

    H = G.subgraph(class_filter(G, list(key)))
    if cache is not None:
        cache[key] = H
    return H


def _candidates(H, text):
    """``[(node, score, match)]`` for ``text`` from the resolver's tiers (see the module docstring)."""
    from kg.analysis.resolve import name_index, resolve, same_as_candidates
    from kg.errors import AmbiguousActor

    if entity_iri(text) in H:  # an id (org/lanzhou-university) or an IRI
        return [(entity_iri(text), 100, True)]
    exact = name_index(H).exact(_fold(text))
    if exact:
        return [(node, 100, True) for node in exact]
    variants = [node for node, how, _ in same_as_candidates(H, text) if how == "maybe"]
    if variants:
        return [(node, 80, len(variants) == 1) for node in variants]
    try:
        node = resolve(H, text)
    except AmbiguousActor as error:
        return [(node, max(50 - rank, 31), False) for rank, node in enumerate(error.candidates or ())]
    except UnknownActor as error:
        return [(node, max(30 - 5 * rank, 1), False) for rank, node in enumerate(error.candidates or ())
                if node in H]
    if node in H and (text in H or _expand_prefixed(text) == node or entity_iri(text) == node):
        return [(node, 100, True)]
    return [(node, 70, True)] if node in H else []


def _meets(G, node, condition):
    """Whether actor ``node`` has the relation ``pid`` (either way) to an actor that ``v`` names."""
    pid = str(condition.get("pid") or "").strip()
    wanted = condition.get("v")
    values = wanted if isinstance(wanted, list) else [wanted]
    values = [v.get("id") or v.get("name") if isinstance(v, dict) else v for v in values]
    values = [str(v) for v in values if v not in (None, "")]
    if not pid or not values:
        return True
    local = pid.rsplit(":", 1)[-1].rsplit("#", 1)[-1]
    others = set()
    for _, other, data in list(G.out_edges(node, data=True)) + [(b, a, d) for a, b, d in G.in_edges(node, data=True)]:
        relation = str(data.get("relation") or "")
        if relation.rsplit("#", 1)[-1].rsplit("/", 1)[-1] == local or relation == pid:
            others.add(other)
    for value in values:
        iri = entity_iri(value)
        if iri in others:
            return True
        key = _fold(value)
        for other in others:
            data = G.nodes[other]
            names = [data.get("label_zh"), data.get("label_en"), *(data.get("aliases") or ())]
            if any(name and _fold(name) == key for name in names):
                return True
    return False


def _candidate(G, node, score, match):
    data = G.nodes[node]
    cls = data.get("cls") or "Actor"
    labels = (G.graph.get("class_labels") or {}).get(cls) or {}
    return {"id": entity_id(node), "name": _display_name(G, node, "zh"), "score": score, "match": match,
            "type": [{"id": cls, "name": labels.get("en") or cls}],
            "description": data.get("label_en") if data.get("label_en") != data.get("label_zh") else None}


def _display_name(G, node, lang):
    data = G.nodes[node]
    first, second = ("label_zh", "label_en") if lang == "zh" else ("label_en", "label_zh")
    return data.get(first) or data.get(second) or node


def _describe(G, node):
    data = G.nodes[node]
    other = data.get("label_en") if data.get("label_en") != data.get("label_zh") else None
    return " · ".join(part for part in (other, data.get("cls")) if part)
