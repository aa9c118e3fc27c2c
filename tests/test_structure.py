"""The package's shape: no import circle among kg's modules, and no module over MAX_LINES lines (issue 24)."""

import ast
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"
#: a module longer than this does more than one thing (STYLE.md: one concern per module)
MAX_LINES = 550

#: import circles allowed, each with why (none: kg.serve.pages <-> kg.serve.reader was the last, broken by
#: moving reader_html into pages and the IRI guard down to kg.namespaces)
ALLOWED_CIRCLES = set()

#: modules allowed over MAX_LINES for now, each with why
LONG_MODULES = {
    "kg/render.py": "every command's text output in one place; to split by command family (not done yet)",
    "kg/serve/app.py": "the server's routes; to split into route groups (not done yet)",
    "kg/serve/worker.py": "the query worker process and its pool; to split pool from worker (not done yet)",
    "kg/extract/mentions.py": "issue 24 lists it; the evident split (people apart) makes an import circle, not done yet",
    "kg/extract/relations.py": "issue 24 lists it; one rule family a module is the seam, not done yet",
    "kg/dossier.py": "grew with the citable notes (issue 23); its seam is notes and citations apart, not done yet",
    "kg/view/data.py": "grew with the families legend (issue 23); its seam is legend and palette apart, not done yet",
    "kg/review/session.py": "issue 24 lists it; actions apart from loading and saving is the seam, not done yet",
}


def test_no_import_circle_among_kg_modules():
    graph = _import_graph()
    circles = [circle for circle in _strongly_connected(graph) if len(circle) > 1]
    unexpected = [sorted(circle) for circle in circles if frozenset(circle) not in ALLOWED_CIRCLES]
    assert unexpected == []


def test_the_import_graph_sees_imports_inside_functions():
    """The checker itself: kg.core imports kg.analysis.network inside its methods only."""
    assert "kg.analysis.network" in _import_graph()["kg.core"]


def test_no_module_is_longer_than_the_limit():
    long = {str(path.relative_to(KG.parent)): _lines(path) for path in sorted(KG.rglob("*.py"))
            if _lines(path) > MAX_LINES}
    assert sorted(set(long) - set(LONG_MODULES)) == []


def test_the_listed_long_modules_still_need_their_exception():
    """A module split since it was listed comes off the list, so the list stays true."""
    stale = [name for name in LONG_MODULES if not (KG.parent / name).is_file() or _lines(KG.parent / name) <= MAX_LINES]
    assert stale == []


# helpers

def _lines(path):
    return len(path.read_text(encoding="utf-8").splitlines())


def _module_name(path):
    parts = list(path.relative_to(KG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph():
    """Module -> the kg modules it imports (anywhere in it, functions included); packages' ``__init__``
    files are left out, as the brief asks: an import of a package counts for none of its modules."""
    modules = {_module_name(path): path for path in KG.rglob("*.py") if path.name != "__init__.py"}
    packages = {_module_name(path) for path in KG.rglob("__init__.py")}
    graph = {}
    for name, path in modules.items():
        found = set()
        package = name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                           for alias in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules and target not in packages and "." in target:
                    target = target.rpartition(".")[0]
                if target in modules and target != name:
                    found.add(target)
        graph[name] = found
    return graph


def _strongly_connected(graph):
    """Tarjan's strongly connected components of ``graph`` (iterative)."""
    index, low, on_stack, stack, components, counter = {}, {}, set(), [], [], [0]

    def visit(root):
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components
