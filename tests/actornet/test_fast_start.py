"""``actornet --help`` starts fast: importing the command line loads no heavy library.

The analyses (numba kernels, igraph), pandas and networkx are imported by the
commands that use them, when they run. Checked in a fresh interpreter (this
test process has long imported them all); no timing is asserted.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("numba", "pandas", "networkx", "igraph", "scipy", "numpy", "pyvis", "neo4j")


def _imported_by(statement: str) -> set[str]:
    """The top-level modules a fresh interpreter holds after ``statement``."""
    code = (f"{statement}\nimport json, sys\n"
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.fixture(scope="module")
def cli_modules():
    return _imported_by("import actornet.cli")


@pytest.mark.parametrize("module", HEAVY)
def test_importing_the_cli_leaves_out(cli_modules, module):
    assert module not in cli_modules


def test_the_check_sees_a_heavy_import():
    """The check can fail: a module that imports networkx is seen doing so."""
    assert "networkx" in _imported_by("import actornet.graph.network")


def test_help_and_a_missing_file_import_nothing_heavy(tmp_path):
    """``--help`` and an error for a missing file run without the heavy libraries."""
    code = ("import sys\nfrom actornet.cli import main\n"
            "for args in (['--help'], ['brokers', '--help'], ['info', {missing!r}]):\n"
            "    try:\n        main(args)\n    except SystemExit:\n        pass\n")
    modules = _imported_by(code.format(missing=str(tmp_path / "nowhere")))
    assert not modules & set(HEAVY)


def test_option_choices_are_the_analyses_own():
    """The choices the command line offers are the ones the analyses check against."""
    from actornet.graph import match_thresholds
    from actornet.graph.resolve import DEFAULT_THRESHOLD
    from actornet.queries import option_choices as options
    from actornet.queries.brokers import BY, MODES
    from actornet.queries.communities import METHODS

    assert (options.BY, options.MODES, options.METHODS) == (BY, MODES, METHODS)
    assert match_thresholds.DEFAULT_THRESHOLD == DEFAULT_THRESHOLD


def test_each_lazy_import_keeps_help_fast():
    """The imports listed in LAZY_IMPORTS (the only ones inside functions in
    actornet/) are of modules ``actornet --help`` does not load, made from
    modules it does load: each keeps something out of ``--help``."""
    from actornet.cli import LAZY_IMPORTS
    from test_structure import function_imports

    code = ("import json, sys\nfrom actornet.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert sorted(m for m in LAZY_IMPORTS if m in loaded) == []
    inside, _ = function_imports()
    holders = {path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
               for path, _ in inside}
    assert sorted(holders - loaded) == []
