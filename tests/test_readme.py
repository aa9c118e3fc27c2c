"""The README's screens are what its commands print.

Every ```` ```console ```` block of README.md is a transcript: lines starting ``$ kg`` are run (in
process, through click's runner, from the project folder) and the lines after each are its output. A
line ``…`` in the README stands for any number of lines left out. Blocks fenced ```` ```sh ```` are
commands to read, not transcripts, and are not run (they start servers, write files or need a network).
"""

import os
import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ELLIPSIS = "…"


def transcripts():
    """(command line, expected output lines) for each ``$ kg`` line of each console block."""
    text = README.read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"^```console\n(.*?)^```", text, flags=re.S | re.M):
        command, expected = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command:
                    found.append((command, expected))
                command, expected = line[2:], []
            elif command is not None:
                expected.append(line)
        if command:
            found.append((command, expected))
    return found


def matches(expected, actual):
    """Whether ``actual`` lines are ``expected`` with each ``…`` standing for zero or more lines."""
    pattern = "".join(".*?" if line == ELLIPSIS else re.escape(line + "\n") for line in expected)
    return re.fullmatch(pattern, "".join(line + "\n" for line in actual), flags=re.S) is not None


CASES = transcripts()


def test_the_readme_has_transcripts_of_every_command():
    from kg.cli import cli

    run = {shlex.split(command)[1] for command, _ in CASES if command.startswith("kg ")}
    text = README.read_text(encoding="utf-8")
    for name in cli.commands:
        assert name in run or f"kg {name}" in text, f"the README never shows kg {name}"


@pytest.mark.parametrize("command, expected", CASES, ids=[command[:60] for command, _ in CASES])
def test_a_readme_transcript_is_what_the_command_prints(command, expected, monkeypatch):
    from click.testing import CliRunner

    from kg.cli import cli

    words = shlex.split(command)
    assert words[0] == "kg", f"a console block runs {words[0]!r}; only kg commands are checked"
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("KG_NO_PROGRESS", "1")
    monkeypatch.delenv("KG_LANG", raising=False)
    result = CliRunner().invoke(cli, words[1:], catch_exceptions=False, env={"COLUMNS": "200"})
    actual = result.output.rstrip("\n").splitlines()
    assert matches(expected, actual), (
        f"README shows for `{command}`:\n" + "\n".join(expected) + "\n\nbut it prints:\n" + "\n".join(actual))
    assert os.environ.get("KG_NO_PROGRESS") == "1"
