"""The jobs a query worker runs, as ``function(graph, *args)`` in its process (module-level functions, sent
by reference; their results pickle): :func:`answer_query`, a SPARQL query answered in the negotiated format."""

__all__ = ["answer_query"]


def answer_query(kg, text, accept=None, format=None, max_rows=10000, html=False, default_graphs=None,
                 named_graphs=None):
    """Run a query and answer it in the negotiated format, at most ``max_rows`` rows (or triples).

    Returns a dict: ``kind``, ``format`` (a :data:`~kg.serve.protocol.RESULT_FORMATS` or
    :data:`~kg.serve.protocol.GRAPH_FORMATS` name, or ``html``), ``media_type``, ``body`` (bytes; for
    ``html`` the table as a dict instead), ``total`` (rows before the cap) and ``truncated``.

    >>> from kg.stores.oxigraph import OxigraphStore
    >>> answer = answer_query(OxigraphStore(), "ASK { ?s ?p ?o }", "text/csv")
    >>> answer["media_type"], answer["body"]
    ('text/csv', b'false')
    """
    import dataclasses

    from kg.query import run_query, serialize_triples, to_csv, to_json, to_tsv, to_xml
    from kg.serve.protocol import RDFLIB_FORMATS, negotiate

    store = getattr(kg, "store", kg)
    result = run_query(store, text, default_graphs=default_graphs, named_graphs=named_graphs)
    chosen = negotiate(result.kind, accept, format, html=html)
    total = len(result.triples) if result.triples is not None else len(result.rows)
    truncated = total > max_rows
    if truncated and result.triples is not None:
        result = dataclasses.replace(result, triples=sorted(result.triples, key=str)[:max_rows])
    elif truncated:
        result = dataclasses.replace(result, rows=result.rows[:max_rows])
    answer = {"kind": result.kind, "format": chosen.name, "media_type": chosen.media_type, "total": total,
              "truncated": truncated}
    if chosen.name == "html":
        answer["body"] = _html_table(result, store)
    elif result.triples is not None:
        answer["body"] = serialize_triples(sorted(result.triples, key=str), RDFLIB_FORMATS[chosen.name])
    else:
        serializer = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}[chosen.name]
        answer["body"] = serializer(result).encode("utf-8")
    return answer


# helpers

def _html_table(result, store=None):
    """A query answer as display cells for the query page (the template escapes them). An evidence
    record in the answer also links to the source reader at its span: one click to the sentence."""
    from kg.serve.pages import term_cell

    if result.kind == "ask":
        return {"boolean": bool(result.boolean), "vars": [], "rows": []}
    columns, rows = result.table_view()
    cells = [[term_cell(term) for term in row] for row in rows]
    spans = _evidence_spans(store, {c["title"] for row in cells for c in row if _is_evidence(c.get("title"))})
    for row in cells:
        for cell in row:
            cell["reader"] = spans.get(cell.get("title"))
    return {"boolean": None, "vars": list(columns), "rows": cells}


def _is_evidence(iri):
    from kg.namespaces import PREFIXES

    return bool(iri) and iri.startswith(PREFIXES["ikr"] + "evidence/")


def _evidence_spans(store, iris):
    """Evidence record IRI -> the reader's address at its span, for the records among ``iris``."""
    if store is None or not iris:
        return {}
    from kg.namespaces import sparql_prologue
    from kg.serve.reader import span_href
    from kg.stores.terms import lit_value

    values = " ".join(f"<{iri}>" for iri in sorted(iris) if ">" not in iri)
    text = sparql_prologue() + f"""SELECT ?e ?start ?end ?source WHERE {{
  VALUES ?e {{ {values} }} ?e ikg:start ?start ; ikg:end ?end ; prov:wasDerivedFrom ?source }}"""
    found = {}
    for e, start, end, source in store.select(text):  # IRIs as str, literals as Lit
        href = span_href(source, lit_value(start), lit_value(end))
        if href:
            found[e] = href
    return found
