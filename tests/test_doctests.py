"""The docstring examples of every library module, run as tests.

Collected through the installed package (``actornet.graph.network``, never
``graph/network.py`` by path), so each module is imported once under its one
name. One test per docstring that has examples.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ["actornet", "actornet.graph", "actornet.loaders", "actornet.queries", "actornet.viz"]

# pytest's own default for doctests
FLAGS = doctest.ELLIPSIS


def _module_names():
    names = []
    for package in PACKAGES:
        names.append(package)
        path = importlib.import_module(package).__path__
        names += [f"{package}.{info.name}" for info in pkgutil.iter_modules(path)
                  if not info.ispkg]
    return names


def _doctests():
    finder = doctest.DocTestFinder(exclude_empty=True)
    found = []
    for name in _module_names():
        module = importlib.import_module(name)
        for test in finder.find(module, name):
            if test.examples:
                found.append(pytest.param(test, id=test.name))
    return sorted(found, key=lambda p: p.id)


def test_every_subpackage_has_modules():
    modules = _module_names()
    for package in PACKAGES[1:]:
        assert any(m.startswith(package + ".") for m in modules), package


@pytest.mark.parametrize("test", _doctests())
def test_docstring_examples(test):
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    out = []
    result = runner.run(test, out=out.append, clear_globs=True)
    assert result.failed == 0, "".join(out)
