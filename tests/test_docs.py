"""The documentation's examples run: docs/python.md is a doctest file, and README's commands exist."""

import doctest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_python_guide_runs_as_a_notebook_session():
    result = doctest.testfile(str(ROOT / "docs" / "python.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 20
    assert result.failed == 0, f"{result.failed} example(s) in docs/python.md failed (run it with python -m doctest)"


def test_kg_declares_its_public_names():
    import kg

    assert kg.__all__, "kg.__all__ is empty"
    for name in kg.__all__:
        assert hasattr(kg, name), f"kg.__all__ names {name}, which kg does not define"
    public = {name for name in vars(kg) if not name.startswith("_") and not isinstance(getattr(kg, name), type(kg))}
    assert public <= set(kg.__all__), f"public but not in __all__: {sorted(public - set(kg.__all__))}"
    assert {"open", "KnowledgeGraph", "KGError"} <= set(kg.__all__)
