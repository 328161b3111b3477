"""Drawing: the offline network page (and, later, the report's plots).

Reads the schema for colours, shapes and the legend; never mutates the
network it draws.
"""

from viz.page import network_page

__all__ = ["network_page"]
