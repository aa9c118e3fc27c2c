"""Only what pyproject.toml cannot say: the wheel carries a copy of ontology/ and graph_data/.

The top-level folders stay the source of truth; a built wheel gets them as package data under
``kg/_data/``, where :func:`kg.stores.load.project_root` finds them when no checkout is around.
Editable installs read the checkout itself, so they get no copy.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_FOLDERS = ("ontology", "graph_data")


class build_py_with_data(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "kg" / "_data"
        for folder in DATA_FOLDERS:
            if (ROOT / folder).is_dir():
                shutil.copytree(ROOT / folder, target / folder, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns(".*", "__pycache__", "*.tmp"))


setup(cmdclass={"build_py": build_py_with_data})
