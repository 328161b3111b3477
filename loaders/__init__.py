"""Input and output: tables and files to networks and back.

Readers: a folder of CSV files, an Excel workbook, node-link JSON. Writers:
the same three (round trips are exact), GraphML and GEXF.
"""

from actornet.loaders.read import check_strict, read_network, read_tables
from actornet.loaders.write import write_excel, write_folder, write_gexf, write_graphml, write_json

__all__ = ["read_network", "read_tables", "check_strict", "write_folder", "write_excel",
           "write_json", "write_graphml", "write_gexf"]
