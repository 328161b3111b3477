"""Drawing: the offline network page and the planners' report.

Draws what it is given (the broker scores, the findings, the pseudonym key):
:mod:`actornet.network_page` and :mod:`actornet.network_report` compute them. Reads the schema
for colours, shapes and the legend; never mutates the network it draws.
"""

from actornet.viz.page_html import draw_page
from actornet.viz.report_html import draw_report

__all__ = ["draw_page", "draw_report"]
