"""The ``actornet`` commands, one module each, named after the command.

``actornet/commands/<command>.py`` holds ``actornet <command>`` (``import_``:
``import`` is a Python keyword) and nothing else; :data:`COMMANDS` lists them
for :mod:`actornet.cli`, which registers them. A command parses its options,
calls the library and formats the result; the library (numpy, pandas,
networkx) is imported when a command runs (see
:data:`actornet.cli.LAZY_IMPORTS`), so ``actornet --help`` starts fast.
"""

from __future__ import annotations

from actornet.commands.brokers import brokers_command
from actornet.commands.build import build_command
from actornet.commands.communities import communities_command
from actornet.commands.dedupe import dedupe_command
from actornet.commands.demo import demo_command
from actornet.commands.export import export_command
from actornet.commands.fragility import fragility_command
from actornet.commands.gaps import gaps_command
from actornet.commands.import_ import import_command
from actornet.commands.info import info_command
from actornet.commands.load import load_command
from actornet.commands.merge import merge_command
from actornet.commands.path import path_command
from actornet.commands.recommend import recommend_command
from actornet.commands.report import report_command
from actornet.commands.validate import validate_command
from actornet.commands.viz import viz_command
from actornet.commands.whatif import whatif_command

__all__ = ["COMMANDS"]

#: Every command of ``actornet``, as ``actornet --help`` lists them (by name).
COMMANDS = (brokers_command, build_command, communities_command, dedupe_command, demo_command,
            export_command, fragility_command, gaps_command, import_command, info_command,
            load_command, merge_command, path_command, recommend_command, report_command,
            validate_command, viz_command, whatif_command)
