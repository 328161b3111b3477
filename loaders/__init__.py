"""Input and output: tables and files to networks and back.

Readers: a folder of CSV files, an Excel workbook, node-link JSON. Writers:
the same three (round trips are exact), GraphML and GEXF.

The names below load on first use (PEP 562), so that importing one light
module of this package (``actornet.loaders.read``'s settings, the CSV reader)
does not pull in networkx.
"""

from actornet.graph.lazy_package import lazy_attributes

_WHERE = {"read_network": "read", "read_tables": "read", "check_strict": "read",
          "write_folder": "write", "write_excel": "write", "write_json": "write",
          "write_graphml": "write", "write_gexf": "write"}

__all__ = ["read_network", "read_tables", "check_strict", "write_folder", "write_excel",
           "write_json", "write_graphml", "write_gexf"]


__getattr__, __dir__ = lazy_attributes(globals(), _WHERE)
