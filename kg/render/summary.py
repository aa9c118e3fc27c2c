"""What ``kg stats`` and ``kg build`` print: a graph's numbers as rows, a build's summary as lines."""

from kg.render.records import text_table
from kg.render.words import class_name

__all__ = ["stats_rows", "build_lines"]


def stats_rows(summary, lang="en", class_labels=None):
    """``(columns, rows)`` of a :func:`kg.analysis.stats.stats` dict, one ``section, name, value`` row per number.

    >>> columns, rows = stats_rows({"triples": 3, "actors_by_class": {"City": 2}})
    >>> columns, rows
    (['section', 'name', 'value'], [['graph', 'triples', 3], ['actors by class', 'City', 2]])
    """
    rows = []
    for key in ("triples", "actors", "relations", "figures"):
        if key in summary:
            rows.append(["graph", key, summary[key]])
    for name, count in summary.get("actors_by_class", {}).items():
        rows.append(["actors by class", class_name(name, lang, class_labels), count])
    for name, count in summary.get("relations_by_kind", {}).items():
        rows.append(["relations by kind", name, count])
    for item in summary.get("source_documents", ()):
        about = " · ".join(str(part) for part in (item["source"].split("/")[-1], item["date"], item["publisher"]) if part)
        rows.append(["sources", about, f"{item['actors']} actors, {item['relations']} relations"])
    if "actors_in_two_or_more_sources" in summary:
        rows.append(["sources", "actors stated by 2+ sources", summary["actors_in_two_or_more_sources"]])
    for name, count in summary.get("sources", {}).items():
        rows.append(["relations by source", name, count])
    if "relations_in_two_or_more_sources" in summary:
        rows.append(["relations by source", "stated by 2+ sources", summary["relations_in_two_or_more_sources"]])
    for name, value in summary.get("components", {}).items():
        rows.append(["components", name, value])
    if "density" in summary:
        rows.append(["shape", "density", summary["density"]])
    degree = summary.get("degree", {})
    for key in ("min", "median", "mean", "max"):
        if key in degree:
            rows.append(["degree", key, degree[key]])
    for bucket, count in degree.get("histogram", {}).items():
        rows.append(["degree histogram", bucket, count])
    for item in degree.get("top", []):
        name = item.get("label_zh") if lang == "zh" else item.get("label_en")
        rows.append(["best connected", name or item["actor"], item["degree"]])
    return ["section", "name", "value"], rows


def build_lines(result, lang="en", class_labels=None):
    """The summary ``kg build`` prints for a :class:`kg.build.BuildResult`, one line per item.

    >>> from pathlib import Path
    >>> from kg.build import BuildResult
    >>> print("\\n".join(build_lines(BuildResult(Path("out"), [Path("out/graph.ttl")], 10, 2, 1,
    ...                                          {"City": 2}, {"ikg:partOfPlace": 1}))))
    Validated: conforms to the shapes (0 violations)
    Triples: 10
    Actors: 2
      City  2
    Relations: 1
      ikg:partOfPlace  1
    Wrote:
      out/graph.ttl
    """
    lines = [f"Validated: conforms to the shapes ({result.violations} violations)",
             f"Triples: {result.triples}", f"Actors: {result.actors}"]
    lines += _indented_counts({class_name(k, lang, class_labels): v for k, v in result.actors_by_class.items()})
    lines.append(f"Relations: {result.relations}")
    lines += _indented_counts(result.relations_by_kind)
    lines.append("Wrote:")
    lines += [f"  {path}" for path in result.files]
    return lines


# helpers

def _indented_counts(counts):
    if not counts:
        return []
    table = text_table(["", ""], [[name, str(count)] for name, count in counts.items()], numeric=[1])
    return ["  " + line for line in table.splitlines()[2:]]
