"""The worked examples in notebooks/: they run, and they are committed clean.

Each notebook is executed with nbclient in a kernel that runs *this*
interpreter (the venv's), whatever kernelspecs the machine has: the test writes
its own kernelspec into a temporary folder and hands nbclient a KernelManager
that looks only there. The working directory is a fresh tmp_path, which must
still be empty afterwards (the notebooks write nowhere but temporary folders).
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import ipykernel  # noqa: F401  (the test extra installs it: a missing kernel is a failure, not a skip)
import nbclient
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NAMES = ["01_explore_the_network.ipynb", "02_who_to_connect.ipynb",
         "03_where_are_the_gaps.ipynb"]
# The project's packages, pandas, and the standard library modules the examples need.
ALLOWED_IMPORTS = {"actornet", "pandas",
                   "tempfile", "pathlib"}
KERNEL = "actornet-test-python"


def notebooks():
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_the_three_notebooks_are_there():
    assert [p.name for p in notebooks()] == NAMES


@pytest.fixture(scope="module")
def kernel_specs(tmp_path_factory):
    """A KernelSpecManager that knows one kernel: ipykernel on sys.executable."""
    folder = tmp_path_factory.mktemp("kernels")
    spec = folder / KERNEL
    spec.mkdir()
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "actornet tests", "language": "python"}), encoding="utf-8")
    return KernelSpecManager(kernel_dirs=[str(folder)])


def execute(path, cwd, kernel_specs):
    nb = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name=KERNEL, kernel_spec_manager=kernel_specs)
    client = nbclient.NotebookClient(nb, km=km, timeout=300,
                                     resources={"metadata": {"path": str(cwd)}})
    client.execute()   # raises CellExecutionError on the first failing cell
    return nb


def test_the_kernel_runs_this_interpreter(tmp_path, kernel_specs):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import os, sys; print(sys.prefix); print(os.getcwd())")])
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, path)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    out = execute(path, cwd, kernel_specs).cells[0].outputs[0]["text"].splitlines()
    assert Path(out[0]).resolve() == Path(sys.prefix).resolve()   # the venv, not the system Python
    assert Path(out[1]).resolve() == cwd.resolve()


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs(name, tmp_path, kernel_specs):
    nb = execute(NOTEBOOKS / name, tmp_path, kernel_specs)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    errors = [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert not errors
    silent = [cell.source for cell in code if not cell.outputs]
    assert not silent, f"cells without output: {silent}"
    assert list(tmp_path.iterdir()) == [], "a notebook wrote into its working directory"


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.name)
def test_notebook_is_saved_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], cell.source
            assert cell.execution_count is None, cell.source


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.name)
def test_notebook_imports_only_the_project_and_pandas(path):
    nb = nbformat.read(path, as_version=4)
    imported = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                imported.add(node.module.split(".")[0])
    assert imported <= ALLOWED_IMPORTS, imported - ALLOWED_IMPORTS
