"""The built wheel carries its data: installed into a fresh venv, ``kg`` works from a folder far from the
checkout.

The wheel is built with pip (build isolation fetches setuptools from the package index, as any user's
``pip install .`` does). To keep the test quick and offline after that, the fresh venv gets the wheel
without its dependencies and borrows them from the test environment through a ``.pth`` line; the
borrowed folder's own ``.pth`` files (among them this checkout's editable install) are not run, so the
``kg`` that answers is the wheel's.
"""

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    (built,) = out.glob("innovation_kg-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory):
    where = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, timeout=300)
    python = where / "bin" / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    str(wheel)], check=True, capture_output=True, timeout=300)
    (purelib / "zz-borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return where


def test_the_wheel_holds_the_ontology_the_graph_and_the_named_queries(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for folder in ("ontology", "graph_data"):
        expected = {str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*")
                    if p.is_file() and not p.name.startswith(".")}
        assert expected and {f"kg/_data/{name}" for name in expected} <= set(names), folder
    assert any(name.startswith("kg/query/named/") and name.endswith(".rq") for name in names)


def _kg(venv, *args, cwd):
    env = {key: value for key, value in os.environ.items() if key not in ("KG_HOME", "PYTHONPATH")}
    return subprocess.run([str(venv / "bin" / "kg"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def test_the_installed_kg_finds_its_data_inside_the_package(venv, tmp_path):
    done = subprocess.run([str(venv / "bin" / "python"), "-c",
                           "import kg, kg.stores.load as l; print(kg.__file__); print(l.project_root())"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={k: v for k, v in os.environ.items() if k != "KG_HOME"})
    module, root = done.stdout.split()
    assert Path(module).is_relative_to(venv) and not Path(module).is_relative_to(ROOT)
    assert Path(root) == Path(module).parent / "_data"


def test_kg_path_and_stats_run_from_a_folder_far_from_the_checkout(venv, tmp_path):
    path = _kg(venv, "path", "兰州大学", "金川集团", "--lang", "zh", cwd=tmp_path)
    assert path.returncode == 0, path.stderr
    first = path.stdout.splitlines()[0]
    assert first.startswith("Path 1") or first.startswith("路径 1"), path.stdout
    assert "兰州大学" in path.stdout and "金川集团" in path.stdout
    stats = _kg(venv, "stats", "--format", "json", cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    assert '"triples"' in stats.stdout


def test_kg_home_still_points_at_a_working_copy(venv, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    for folder in ("ontology", "graph_data"):
        subprocess.run(["cp", "-r", str(ROOT / folder), str(copy / folder)], check=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["KG_HOME"] = str(copy)
    done = subprocess.run([str(venv / "bin" / "python"), "-c", "import kg.stores.load as l; print(l.project_root())"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert Path(done.stdout.strip()) == copy
