"""Analyses on an in-memory network: brokers, gaps, recommendations, paths.

Pure: each function takes a network (or its actor graph) and returns a dict
or a pandas DataFrame with a plain-language ``why`` column. Nothing here
imports ``neo4j``, ``pyvis`` or does file IO. (The analyses arrive with the
brokers and gaps issues.)
"""
