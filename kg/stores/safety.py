"""Refuse input files that would make a parser reach out or run away, before any parser sees them.

- RDF/XML with entity declarations (``<!ENTITY``): a 578-byte "billion laughs" file expands to gigabytes;
  RDF never needs them, so any DTD entity is refused.
- JSON-LD whose ``@context`` is (or contains, or ``@import``s) a reference to another document: loading would fetch a URL
  or read a local file nobody named. Inline contexts are fine. ``allow_remote_context`` lifts the rule
  (pyoxigraph still loads no remote document, so such a file then fails to parse with that reason).

>>> import tempfile, pathlib
>>> bomb = pathlib.Path(tempfile.mkdtemp()) / "bomb.rdf"
>>> _ = bomb.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r/>')
>>> check_file(bomb, "xml")
Traceback (most recent call last):
...
kg.errors.DataError: ...bomb.rdf: the file declares XML entities (<!ENTITY ...>), which RDF never needs and which can expand without bound ("billion laughs"); remove the DOCTYPE
"""

import json
import re

from kg.errors import DataError

__all__ = ["check_file", "remote_contexts"]

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def check_file(path, fmt, *, allow_remote_context=False):
    """Raise :class:`~kg.errors.DataError` (naming the file) when ``path`` must not be parsed."""
    if fmt == "xml":
        with open(path, "rb") as stream:
            head = stream.read()
        if _ENTITY.search(head):
            raise DataError(f"{path}: the file declares XML entities (<!ENTITY ...>), which RDF never needs and "
                            "which can expand without bound (\"billion laughs\"); remove the DOCTYPE")
    elif fmt == "json-ld" and not allow_remote_context:
        try:
            with open(path, "rb") as stream:
                document = json.loads(stream.read().decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            raise DataError(f"{path}: not JSON ({error})") from None
        found = remote_contexts(document)
        if found:
            raise DataError(f"{path}: its @context refers to another document ({found[0]}); kg never fetches "
                            "or reads a context nobody named: inline the context in the file")


def remote_contexts(document):
    """Every ``@context`` value in a JSON-LD document that is a reference (a string), in document order.

    >>> remote_contexts({"@context": ["http://schema.org/", {"x": "urn:x"}], "@graph": []})
    ['http://schema.org/']
    >>> remote_contexts({"@context": {"@vocab": "http://schema.org/"}})
    []
    >>> remote_contexts({"@context": {"@version": 1.1, "@import": "file:///etc/ctx.jsonld"}})
    ['file:///etc/ctx.jsonld']
    """
    found = []

    def visit(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, str):
                            found.append(item)
                        elif isinstance(item, dict):
                            if isinstance(item.get("@import"), str):  # JSON-LD 1.1: a context that loads another
                                found.append(item["@import"])
                            visit(item)
                else:
                    visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit(document)
    return found
