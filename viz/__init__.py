"""Drawing: the offline network page and the planners' report.

Draws what it is given (the broker scores, the findings, the pseudonym key):
:mod:`actornet.page` and :mod:`actornet.report` compute them. Reads the schema
for colours, shapes and the legend; never mutates the network it draws.
"""

from actornet.viz.page import draw_page
from actornet.viz.report import draw_report

__all__ = ["draw_page", "draw_report"]
