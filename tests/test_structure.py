"""The shape of the code: layers that point one way, one error family.

``graph`` <- ``loaders``, ``queries``, ``viz`` <- ``actornet``: ``graph``
imports none of the others; ``loaders``, ``queries`` and ``viz`` import only
``graph`` (never each other, never the application); ``actornet`` composes
them all. Read from the source (every ``import`` statement, also inside
functions), so a lazy import against the direction fails too.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"graph": "graph", "loaders": "loaders", "queries": "queries", "viz": "viz",
           "actornet": "actornet"}
#: What each layer may import from the project.
ALLOWED = {
    "graph": {"graph"},
    "loaders": {"graph", "loaders"},
    "queries": {"graph", "queries"},
    "viz": {"graph", "viz"},
    "actornet": {"graph", "loaders", "queries", "viz", "actornet"},
}
SUBPACKAGES = {"graph", "loaders", "queries", "viz"}


def _layer_of(module: str) -> str | None:
    """The layer a dotted module name belongs to, or None outside the project."""
    parts = module.split(".")
    if parts[0] != "actornet":
        if parts[0] in SUBPACKAGES:
            return "bare:" + parts[0]  # the old top-level names: never allowed
        return None
    if len(parts) > 1 and parts[1] in SUBPACKAGES:
        return parts[1]
    return "actornet"


def _imports(path: Path, package: str):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:  # `from actornet import queries` names a module too
                yield node.lineno, f"{module}.{alias.name}"


def _violations(root=ROOT):
    found = []
    for layer, folder in FOLDERS.items():
        package = "actornet" if layer == "actornet" else f"actornet.{layer}"
        for path in sorted((root / folder).rglob("*.py")):
            for line, module in _imports(path, package):
                target = _layer_of(module)
                if target is None:
                    continue
                if target.startswith("bare:") or target not in ALLOWED[layer]:
                    found.append(f"{path.relative_to(root)}:{line} imports {module}")
    return found


def test_imports_point_one_way():
    assert _violations() == []


def test_the_check_sees_a_violation(tmp_path):
    for folder in FOLDERS.values():
        (tmp_path / folder).mkdir()
    (tmp_path / "viz" / "x.py").write_text(
        "def f():\n    from actornet.queries.brokers import brokers\n")
    (tmp_path / "graph" / "y.py").write_text("from actornet import loaders\nimport queries\n")
    assert _violations(tmp_path) == [
        "graph/y.py:1 imports actornet.loaders",
        "graph/y.py:2 imports queries",
        "viz/x.py:2 imports actornet.queries.brokers.brokers",
    ]


def _project_modules():
    names = []
    for package in ["actornet", "actornet.graph", "actornet.loaders", "actornet.queries",
                    "actornet.viz"]:
        names.append(package)
        path = importlib.import_module(package).__path__
        names += [f"{package}.{m.name}" for m in pkgutil.iter_modules(path) if not m.ispkg]
    return names


@pytest.mark.parametrize("name", _project_modules())
def test_exceptions_are_defined_only_in_the_errors_module(name):
    module = importlib.import_module(name)
    defined = [obj.__name__ for _, obj in inspect.getmembers(module, inspect.isclass)
               if issubclass(obj, BaseException) and obj.__module__ == name]
    if name == "actornet.graph.errors":
        assert defined
    else:
        assert defined == []


def test_every_error_is_an_actornet_error():
    import actornet
    from actornet.graph import errors

    family = [getattr(errors, name) for name in errors.__all__]
    assert all(issubclass(cls, actornet.ActornetError) for cls in family)
    assert set(errors.__all__) <= set(actornet.__all__)
