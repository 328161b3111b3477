"""Drawing: the offline network page and the report's plots.

Reads the schema for colours, shapes and the legend; never mutates the
network it draws. (The page arrives with the visualisation issue.)
"""
