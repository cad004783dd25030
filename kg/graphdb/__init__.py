"""The embedded graph database: one graph generation as a LadybugDB database plus a
SQLite index, written once by `write_graph` and read by `EmbeddedBackend`.

    <generation>/graph.lbug     LadybugDB (Cypher): a node table per label, a
                                relationship table per type; `degree` and
                                `pagerank` precomputed on every node
    <generation>/index.sqlite   name keys (exact and prefix lookup) and an FTS5
                                full-text index (BM25) over titles, abstracts,
                                names and aliases; the column catalogue

    schema   which columns the tables get, and how values travel through CSV
    index    the SQLite side: keys, full-text search, the catalogue
    writer   write_graph(folder, nodes, edges); networkx_rows(graph) feeds it a
             networkx graph
    embedded EmbeddedBackend: read-only Cypher and index lookups on a generation
"""

from importlib import import_module

__all__ = ["EmbeddedBackend", "networkx_rows", "write_graph"]
WHERE = {"EmbeddedBackend": "kg.graphdb.embedded", "networkx_rows": "kg.graphdb.writer",
         "write_graph": "kg.graphdb.writer"}


def __getattr__(name: str):
    """Load the writer (numpy, networkx) only for writing: a query imports the reader."""
    if name in WHERE:
        return getattr(import_module(WHERE[name]), name)
    raise AttributeError(f"module 'kg.graphdb' has no attribute {name!r}")
