"""The shape of the code: layers that point one way, one error family.

``graph`` <- ``loaders``, ``queries``, ``viz`` <- ``actornet``: ``graph``
imports none of the others; ``loaders``, ``queries`` and ``viz`` import only
``graph`` (never each other, never the application); ``actornet`` composes
them all. Read from the source (every ``import`` statement, also inside
functions), so a lazy import against the direction fails too.

Also modules a newcomer can hold in their head: none over 500 lines, no
function over 80 lines of code, no private name imported across modules (nor a
private ``_module`` from outside its package), no
two modules with one basename, each validation rule referenced from one
builder, imports at the top but the lazy ones ``actornet.cli.LAZY_IMPORTS``
lists. Each check has a control case that shows it catching a violation.
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


# -- modules a newcomer can hold in their head (issue 23) -------------------------------
#
# Each check reads the source under a root (the repository, or a control package
# under tmp_path) and returns stable strings: paths relative to the root and
# qualified function names, no line numbers, so that an exception listed below
# names the same thing after the file around it changes.

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
#: The module stating each validation rule once (its public functions and classes).
RULES_MODULE = "actornet.graph.rules"
#: The one builder that applies the rules, in several modules (themes and the
#: document in build, actors and projects in build_nodes, ties in build_ties and
#: tie_bulk, its state and origins, its cells): referenced from any of them, a
#: rule is applied by that one builder. A rule referenced from any other module
#: is a second builder stating it again.
BUILDER_MODULES = {f"actornet.graph.{name}" for name in (
    "build", "build_state", "build_nodes", "build_ties", "tie_bulk", "tie_origins",
    "table_cells")}
#: Where a module's dotted name starts, by folder.
PREFIX = {"actornet": "actornet", "graph": "actornet.graph", "loaders": "actornet.loaders",
          "queries": "actornet.queries", "viz": "actornet.viz"}
#: The commands' folder: its modules are named after the commands (``commands/brokers.py``
#: is ``actornet brokers``), which may share a name with the analysis behind them
#: (``queries/brokers.py``); test_every_command_module_is_named_after_its_command checks them.
COMMANDS_FOLDER = "actornet/commands"

#: Today's violators, by check. The list only shrinks: a listed module or function
#: that no longer violates fails the test too (remove it here). actornet/ itself
#: (the application layer) has none.
KNOWN_EXCEPTIONS = {
    "module over 500 lines": set(),
    "function over 80 lines": set(),
    "private import": set(),
}


def _package_files(root=ROOT):
    """``(path relative to root, dotted module name)`` of every package module."""
    for folder, prefix in PREFIX.items():
        for path in sorted((root / folder).rglob("*.py")):
            rel = path.relative_to(root / folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            yield path.relative_to(root).as_posix(), ".".join([prefix, *parts])


def _long_modules(root=ROOT):
    found = []
    for rel, _ in _package_files(root):
        lines = (root / rel).read_text(encoding="utf-8").count("\n")
        if lines > MAX_MODULE_LINES:
            found.append(rel)
    return found


def _docstring_lines(tree) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                lines.update(range(body[0].lineno, body[0].end_lineno + 1))
    return lines


def _functions(tree, prefix=""):
    """``(qualified name, node)`` of every function, methods and nested ones included."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield prefix + node.name, node
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        else:
            yield from _functions(node, prefix)


def function_lines(source: str, node, docstrings: set[int]) -> int:
    """Lines of code of a function, from its ``def`` to its end: docstrings,
    comments and blank lines aside (decorators too)."""
    lines = source.splitlines()[node.lineno - 1:node.end_lineno]
    return sum(1 for number, line in enumerate(lines, start=node.lineno)
               if number not in docstrings and line.strip() and not line.strip().startswith("#"))


def _long_functions(root=ROOT):
    found = []
    for rel, _ in _package_files(root):
        source = (root / rel).read_text(encoding="utf-8")
        tree = ast.parse(source)
        docstrings = _docstring_lines(tree)
        for name, node in _functions(tree):
            if function_lines(source, node, docstrings) > MAX_FUNCTION_LINES:
                found.append(f"{rel}::{name}")
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The module an ``ImportFrom`` reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[:len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _dotted(node) -> str | None:
    """``a.b.c`` of a chain of attribute lookups on a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def _module_bindings(tree, module, is_package, modules):
    """Local name -> project module, for the names a module binds to other modules."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    bound[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, module, is_package)
            for alias in node.names:
                if f"{source}.{alias.name}" in modules:
                    bound[alias.asname or alias.name] = f"{source}.{alias.name}"
    return bound


def _private_module_owner(dotted: str) -> str | None:
    """The package that owns a private module named in ``dotted`` (the path
    up to its first ``_name`` part), or None when no part is private."""
    parts = dotted.split(".")
    for i, part in enumerate(parts):
        if _private(part):
            return ".".join(parts[:i])
    return None


def _imported_modules(node, module, is_package, modules):
    """The dotted paths an import statement names: ``import a.b`` names
    ``a.b``; ``from a import b`` names ``a`` and, when it is a project module, ``a.b``."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    source = _absolute(node, module, is_package)
    return [source] + [f"{source}.{alias.name}" for alias in node.names
                       if f"{source}.{alias.name}" in modules]


def _private_imports(root=ROOT):
    """``from x import _y`` and ``x._y`` on another project module, as
    ``path: name from module``; and a private module (a dotted path with a
    ``_name`` part) imported from outside the package that owns it, as
    ``path: private module m of package``."""
    files = list(_package_files(root))
    modules = {module for _, module in files}
    found = set()
    for rel, module in files:
        tree = ast.parse((root / rel).read_text(encoding="utf-8"))
        is_package = rel.endswith("__init__.py")
        home = module if is_package else module.rpartition(".")[0]
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _imported_modules(node, module, is_package, modules):
                    owner = _private_module_owner(target)
                    if target.split(".")[0] == "actornet" and owner is not None and \
                            home != owner and not home.startswith(owner + "."):
                        found.add(f"{rel}: private module {target} of {owner}")
            if isinstance(node, ast.ImportFrom):
                source = _absolute(node, module, is_package)
                if source.split(".")[0] != "actornet" or source == module:
                    continue
                for alias in node.names:
                    if _private(alias.name):
                        found.add(f"{rel}: {alias.name} from {source}")
        bound = _module_bindings(tree, module, is_package, modules)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _private(node.attr):
                owner = _dotted(node.value)
                if owner is None:
                    continue
                head, _, rest = owner.partition(".")
                if head not in bound:
                    continue
                target = ".".join(p for p in (bound[head], rest) if p)
                if target in modules and target != module:
                    found.add(f"{rel}: {node.attr} from {target}")
    return sorted(found)


def _shared_basenames(root=ROOT):
    """Basenames held by two package modules (``__init__`` and the commands aside)."""
    seen = {}
    for rel, _ in _package_files(root):
        path = Path(rel)
        if path.name == "__init__.py" or path.parent.as_posix() == COMMANDS_FOLDER:
            continue
        seen.setdefault(path.name, []).append(rel)
    return sorted(f"{name}: {', '.join(paths)}" for name, paths in seen.items() if len(paths) > 1)


def _rule_references(root=ROOT, rules_module=RULES_MODULE):
    """Rules (public functions and classes of ``rules_module``) referenced from more
    than one builder: a rule is stated once and applied by one builder (the
    modules of :data:`BUILDER_MODULES` are one builder, named by its first)."""
    files = dict((module, rel) for rel, module in _package_files(root))
    builder = min((files[m] for m in BUILDER_MODULES if m in files), default=None)

    def user(module, rel):
        return builder if module in BUILDER_MODULES else rel

    if rules_module not in files:
        return []
    rules_tree = ast.parse((root / files[rules_module]).read_text(encoding="utf-8"))
    rules = {node.name for node in rules_tree.body
             if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not _private(node.name)}
    users = {rule: set() for rule in rules}
    for module, rel in files.items():
        if module == rules_module:
            continue
        tree = ast.parse((root / rel).read_text(encoding="utf-8"))
        is_package = rel.endswith("__init__.py")
        bound = _module_bindings(tree, module, is_package, set(files))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and \
                    _absolute(node, module, is_package) == rules_module:
                for alias in node.names:
                    if alias.name in users:
                        users[alias.name].add(user(module, rel))
            elif isinstance(node, ast.Attribute) and node.attr in users:
                owner = _dotted(node.value)
                if owner is None:
                    continue
                head, _, rest = owner.partition(".")
                if head in bound and ".".join(p for p in (bound[head], rest) if p) == rules_module:
                    users[node.attr].add(user(module, rel))
    return sorted(f"{files[rules_module]}::{rule} from {', '.join(sorted(where))}"
                  for rule, where in users.items() if len(where) > 1)


def _known(check, found):
    """New violators and listed exceptions that no longer violate."""
    listed = KNOWN_EXCEPTIONS[check]
    return {"new": sorted(set(found) - listed), "no longer violating": sorted(listed - set(found))}


def test_no_module_over_500_lines():
    assert _known("module over 500 lines", _long_modules()) == \
        {"new": [], "no longer violating": []}


def test_no_function_over_80_lines_of_code():
    assert _known("function over 80 lines", _long_functions()) == \
        {"new": [], "no longer violating": []}


def test_no_private_import_across_modules():
    assert _known("private import", _private_imports()) == \
        {"new": [], "no longer violating": []}


def test_the_application_layer_has_no_exception():
    """actornet/ itself meets every rule, with nothing listed."""
    assert not [entry for entries in KNOWN_EXCEPTIONS.values() for entry in entries
                if entry.startswith("actornet/")]


def test_no_two_modules_share_a_basename():
    assert _shared_basenames() == []


def test_each_rule_is_referenced_from_one_builder():
    assert _rule_references() == []


def _control_package(tmp_path):
    for folder in PREFIX:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "__init__.py").write_text("")
    return tmp_path


def test_the_size_checks_see_violations(tmp_path):
    root = _control_package(tmp_path)
    (root / "graph" / "big.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1))
    (root / "graph" / "fine.py").write_text("x = 1\n" * MAX_MODULE_LINES)
    def function(name, code_lines, indent=""):
        """A def, a docstring, a comment, blanks and ``code_lines - 1`` statements."""
        inner = indent + "    "
        return (f'{indent}def {name}():\n{inner}"""A docstring,\n\n{inner}long."""\n'
                f"{inner}# a comment\n\n" + f"{inner}y = 1\n" * (code_lines - 1))

    (root / "queries" / "long.py").write_text(
        function("fits", MAX_FUNCTION_LINES) + "class Holder:\n"
        + function("method", MAX_FUNCTION_LINES + 1, indent="    "))
    assert _long_modules(root) == ["graph/big.py"]
    assert _long_functions(root) == ["queries/long.py::Holder.method"]


def test_the_private_import_check_sees_violations(tmp_path):
    root = _control_package(tmp_path)
    (root / "queries" / "activity.py").write_text("def _collect():\n    pass\n_frame = 1\n")
    (root / "queries" / "coverage.py").write_text(
        "from actornet.queries.activity import _collect\n"
        "from . import activity\n"
        "import actornet.queries.activity as act\n"
        "import actornet.queries.activity\n"
        "def f():\n"
        "    return activity._frame, act._collect, actornet.queries.activity._frame\n")
    (root / "queries" / "fine.py").write_text(
        "def _mine():\n    pass\n"
        "class A:\n    def __init__(self):\n        self._x = _mine()\n"
        "from actornet.queries.activity import __doc__ as doc\n")
    assert _private_imports(root) == [
        "queries/coverage.py: _collect from actornet.queries.activity",
        "queries/coverage.py: _frame from actornet.queries.activity",
    ]


def test_the_private_import_check_sees_a_private_module(tmp_path):
    """A ``_module`` is imported only inside the package folder that owns it."""
    root = _control_package(tmp_path)
    (root / "graph" / "_pause.py").write_text("def paused():\n    pass\n")
    (root / "graph" / "inner").mkdir()
    (root / "graph" / "inner" / "__init__.py").write_text("from .._pause import paused\n")
    (root / "graph" / "build.py").write_text(
        "from actornet.graph._pause import paused\nimport actornet.graph._pause\n"
        "from ._pause import paused as again\n")
    (root / "loaders" / "read.py").write_text(
        "from actornet.graph._pause import paused\n"
        "def f():\n    import actornet.graph._pause as p\n")
    (root / "viz" / "__init__.py").write_text(
        "from ..graph._pause import paused\nimport actornet.__main__\n")
    assert _private_imports(root) == [
        "loaders/read.py: private module actornet.graph._pause of actornet.graph",
        "viz/__init__.py: private module actornet.graph._pause of actornet.graph",
    ]
    # as a name from its package: both checks see it
    (root / "queries" / "named.py").write_text("from actornet.graph import _pause\n")
    assert _private_imports(root) == [
        "loaders/read.py: private module actornet.graph._pause of actornet.graph",
        "queries/named.py: _pause from actornet.graph",
        "queries/named.py: private module actornet.graph._pause of actornet.graph",
        "viz/__init__.py: private module actornet.graph._pause of actornet.graph",
    ]


def test_the_exceptions_list_can_only_shrink(monkeypatch):
    monkeypatch.setitem(KNOWN_EXCEPTIONS, "module over 500 lines", {"graph/gone.py"})
    assert _known("module over 500 lines", ["graph/new.py"]) == \
        {"new": ["graph/new.py"], "no longer violating": ["graph/gone.py"]}


def test_the_basename_check_sees_a_violation(tmp_path):
    root = _control_package(tmp_path)
    for rel in ("actornet/report.py", "viz/report.py", "graph/report_rows.py",
                "actornet/commands/__init__.py", "actornet/commands/brokers.py",
                "queries/brokers.py"):
        (root / rel).parent.mkdir(exist_ok=True)
        (root / rel).write_text("")
    assert _shared_basenames(root) == ["report.py: actornet/report.py, viz/report.py"]


def test_the_rule_check_sees_a_violation(tmp_path):
    root = _control_package(tmp_path)
    (root / "graph" / "rules.py").write_text(
        "def year_in_range(column):\n    pass\ndef weight_1_to_5(column):\n    pass\n"
        "def _helper():\n    pass\n")
    (root / "graph" / "build.py").write_text(
        "from actornet.graph.rules import year_in_range, weight_1_to_5, _helper\n")
    (root / "loaders" / "csvfile.py").write_text(
        "from actornet.graph import rules\nrules.year_in_range(None)\nrules._helper()\n")
    (root / "loaders" / "excel.py").write_text(
        "from actornet.graph.rules import _helper\n")
    assert _rule_references(root) == [
        "graph/rules.py::year_in_range from graph/build.py, loaders/csvfile.py"]
    assert _rule_references(root, rules_module="actornet.graph.absent") == []
    # the builder's own modules are one builder: no violation among them
    (root / "loaders" / "csvfile.py").write_text("")
    (root / "graph" / "build_ties.py").write_text(
        "from actornet.graph.rules import year_in_range, weight_1_to_5\n")
    assert _rule_references(root) == []
    (root / "viz" / "page_rows.py").write_text("from actornet.graph import rules\n"
                                               "rules.weight_1_to_5(None)\n")
    assert _rule_references(root) == [
        "graph/rules.py::weight_1_to_5 from graph/build.py, viz/page_rows.py"]


def test_every_command_module_is_named_after_its_command():
    """``actornet/commands/<name>.py`` holds ``actornet <name>`` (``import_.py``:
    ``import``), and the group registers exactly those."""
    from actornet.cli import cli
    from actornet.commands import COMMANDS

    files = {p.stem.rstrip("_") for p in (ROOT / COMMANDS_FOLDER).glob("*.py")
             if p.stem != "__init__"}
    homes = {c.name: c.callback.__module__.rsplit(".", 1)[1].rstrip("_") for c in COMMANDS}
    assert [name for name, module in homes.items() if name != module] == []
    assert set(homes) == files == set(cli.commands)


def function_imports(root=ROOT, folder="actornet"):
    """``(path, module)`` of every import inside a function under ``root/folder``
    (``from a import b`` names ``a.b`` when that is a project module, else ``a``),
    and ``(path, module)`` of every module-level import below a def or class."""
    files = list(_package_files(root))
    modules = {module for _, module in files}
    inside, late = set(), set()
    for rel, module in files:
        if not rel.startswith(folder + "/"):
            continue
        tree = ast.parse((root / rel).read_text(encoding="utf-8"))
        is_package = rel.endswith("__init__.py")

        def targets(node):
            if isinstance(node, ast.Import):
                return [alias.name for alias in node.names]
            source = _absolute(node, module, is_package)
            return [f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source
                    for a in node.names]

        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        inside.update((rel, target) for target in targets(node))
        defined = False
        for node in tree.body:
            defined = defined or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                   ast.ClassDef))
            if defined and isinstance(node, (ast.Import, ast.ImportFrom)):
                late.update((rel, target) for target in targets(node))
    return sorted(inside), sorted(late)


def test_imports_are_at_the_top_but_the_listed_lazy_ones():
    from actornet.cli import LAZY_IMPORTS

    inside, late = function_imports()
    assert len(set(LAZY_IMPORTS)) == len(LAZY_IMPORTS)
    assert sorted({module for _, module in inside}) == sorted(LAZY_IMPORTS)
    assert late == []


def test_the_lazy_import_check_sees_violations(tmp_path):
    root = _control_package(tmp_path)
    (root / "actornet" / "cli.py").write_text(
        "import click\n"
        "def run():\n    from actornet import loaders\n    import logging\n"
        "    from actornet.queries.brokers import brokers\n"
        "import json\n")
    (root / "loaders" / "elsewhere.py").write_text("def f():\n    import json\n")
    (root / "queries" / "brokers.py").write_text("")
    inside, late = function_imports(root)
    assert inside == [("actornet/cli.py", "actornet.loaders"),
                      ("actornet/cli.py", "actornet.queries.brokers"),
                      ("actornet/cli.py", "logging")]
    assert late == [("actornet/cli.py", "json")]
