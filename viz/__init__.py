"""Drawing: the offline network page and the planners' report.

Reads the schema for colours, shapes and the legend; never mutates the
network it draws.
"""

from actornet.viz.page import network_page
from actornet.viz.report import network_report

__all__ = ["network_page", "network_report"]
