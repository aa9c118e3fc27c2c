"""Rewrite the outputs in README.md's ```console blocks with what the commands print now.

Usage: ``.venv/bin/python scripts/refresh_readme.py`` (from the project folder; then read the diff).

Each ``$ kg ...`` line is run as tests/test_readme.py runs it. Where the README shows only part of an
output (a line ``…``), the same number of lines is kept before the first ``…`` and after the last one,
so the README keeps its shape; tests/test_readme.py then checks that every block matches.
"""

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ELLIPSIS = "…"


def run(command):
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, shlex.split(command)[1:], env={"COLUMNS": "200"})
    return result.output.rstrip("\n").splitlines()


def refresh(lines, actual):
    """``actual`` shaped like the README's ``lines``: as many lines kept before the first ``…`` and after
    the last one as the README kept; a stretch shown between two ``…`` is found again in ``actual`` by its
    first line without its last word (a table row whose number changed) and kept as long as it was."""
    if ELLIPSIS not in lines:
        return actual
    marks = [i for i, line in enumerate(lines) if line == ELLIPSIS]
    head, tail = marks[0], len(lines) - 1 - marks[-1]
    if head + tail >= len(actual):
        return actual
    out = actual[:head]
    for a, b in zip(marks, marks[1:]):
        stretch = lines[a + 1:b]
        out.append(ELLIPSIS)
        if not stretch:
            continue
        key = stretch[0].rsplit(None, 1)[0] if " " in stretch[0].strip() else stretch[0]
        found = next((i for i in range(head, len(actual)) if actual[i].startswith(key)), None)
        if found is not None:
            out.extend(actual[found:found + len(stretch)])
    out.append(ELLIPSIS)
    return out + (actual[len(actual) - tail:] if tail else [])


def main():
    os.chdir(ROOT)
    os.environ["KG_NO_PROGRESS"] = "1"
    os.environ.pop("KG_LANG", None)
    sys.path.insert(0, str(ROOT))
    text = (ROOT / "README.md").read_text(encoding="utf-8")

    def block(match):
        body, out, command, shown = match.group(1), [], None, []
        for line in body.splitlines() + ["$ END"]:
            if line.startswith("$ "):
                if command is not None:
                    out.append(f"$ {command}")
                    out.extend(refresh(shown, run(command)) if command.startswith("kg ") else shown)
                command, shown = line[2:], []
            else:
                shown.append(line)
        return "```console\n" + "\n".join(out) + "\n```"

    text = re.sub(r"^```console\n(.*?)\n^```", block, text, flags=re.S | re.M)
    (ROOT / "README.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
