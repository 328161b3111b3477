"""The ``actornet`` command line: the group that registers the commands.

Each command lives in its own module, named after it
(:mod:`actornet.commands`): it parses its options, calls the library and
formats the result. An :class:`~actornet.graph.errors.ActornetError` becomes
``Error: <message>`` on stderr with exit status 1; no traceback reaches a user.
"""

from __future__ import annotations

import os
import signal
import sys

import click

from actornet.commands import COMMANDS
from actornet.graph.errors import ActornetError

__all__ = ["cli", "main", "LAZY_IMPORTS"]

#: The only imports inside functions in ``actornet/``: modules that ``actornet
#: --help`` never loads (numpy, pandas, networkx and the analyses behind them),
#: imported by the command that needs them when it runs. Every other import
#: is at the top of its module; tests/test_structure.py checks both.
LAZY_IMPORTS = (
    "actornet.build_recipe",
    "actornet.graph.resolve",
    "actornet.graph.summary",
    "actornet.loaders",
    "actornet.loaders.cache",
    "actornet.loaders.candidates",
    "actornet.loaders.folder",
    "actornet.loaders.import_memberships",
    "actornet.loaders.import_pairs",
    "actornet.loaders.read",
    "actornet.loaders.recipe_wikidata",
    "actornet.loaders.recipes",
    "actornet.loaders.settings",
    "actornet.loaders.store",
    "actornet.loaders.store_read",
    "actornet.network_page",
    "actornet.network_report",
    "actornet.outputs",
    "actornet.queries.brokers",
    "actornet.queries.communities",
    "actornet.queries.dormant",
    "actornet.queries.fragility",
    "actornet.queries.home_brokers",
    "actornet.queries.paths",
    "actornet.queries.priorities",
    "actornet.queries.recommend",
    "actornet.queries.recommend_learned",
    "actornet.queries.under_served",
    "actornet.queries.whatif",
    "importlib.metadata",
    "logging",  # the group's callback: not run by --help
)


class _Cli(click.Group):
    """Turns library errors into ``Error: …`` and exit 1, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ActornetError as err:
            raise click.ClickException(str(err)) from err
        except OSError as err:
            # Name the file and the system's reason; no traceback.
            where = f" {err.filename}" if getattr(err, "filename", None) else ""
            raise click.ClickException(f"cannot access{where}: {err.strerror or err}") from err
        except Exception as err:
            if os.environ.get("ACTORNET_DEBUG"):
                raise
            # The exception's text may quote input data: name its type only.
            raise click.ClickException(
                f"internal error ({type(err).__name__}); please report it with the command "
                "you ran (set ACTORNET_DEBUG=1 to see the traceback)") from err


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="actornet")
@click.option("-v", "--verbose", is_flag=True,
              help="Show the Neo4j driver's warnings (e.g. transactions it retries).")
def cli(verbose):
    """actornet: the actors behind a city's international partnerships, as a graph.

    DATA is a folder with actors.csv and ties.csv (optionally projects.csv and
    themes.csv), an .xlsx workbook with those sheets, or node-link .json. It
    defaults to the bundled sample network (Berlin's).

    Example:

        actornet info
    """
    import logging

    # The driver's retry notices reach stderr only when asked for (see Neo4jSettings.driver).
    logging.getLogger("neo4j").setLevel(logging.WARNING if verbose else logging.ERROR)


for _command in COMMANDS:
    cli.add_command(_command)


#: Exit statuses after a signal (128 + its number, as shells report them).
_SIGNAL_EXITS = {130: "Interrupted.", 143: "Terminated."}


def _stop(signum, frame):
    """SIGINT (Ctrl-C) or SIGTERM: leave as SystemExit, which no ``except
    Exception`` catches and click passes through (a KeyboardInterrupt it turns
    into exit status 1), so every writer removes its temporary files and
    leaves the earlier output whole on the way out."""
    raise SystemExit(128 + signum)


def main(argv=None):
    """Entry point of the ``actornet`` console script.

    Ctrl-C exits with status 130 and SIGTERM with 143 (128 + the signal's
    number), after every writer has removed its temporary files and left the
    earlier output whole.
    """
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, _stop)
    try:
        return cli.main(args=argv, prog_name="actornet")
    except SystemExit as done:
        if done.code in _SIGNAL_EXITS:
            click.echo(_SIGNAL_EXITS[done.code], err=True)
        raise
    except KeyboardInterrupt:
        click.echo(_SIGNAL_EXITS[130], err=True)
        sys.exit(130)
