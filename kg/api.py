"""kg.open: the graph of a store, or of a Neo4j server, with kg's questions.

    with kg.open() as graph:                      # the store in .kg (or KG_STORE)
        graph.neighbors("Muon").to_dict()
    with kg.open(uri="bolt://localhost:7687", user="neo4j", password="...") as graph:
        graph.top(by="pagerank")

Both give the same answers: a kg.query.Graph over an EmbeddedBackend (the store's
live generation, read-only) or a Neo4jBackend.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.query.graph import Graph


def open(store: str | Path | None = None, uri: str | None = None, user: str | None = None,
         password: str | None = None) -> Graph:  # noqa: A001 - kg.open, like the builtin
    """The graph of `store` (default .kg or KG_STORE), or of the Neo4j server at `uri`
    when one is given (credentials from the arguments, else from NEO4J_USER and
    NEO4J_PASSWORD, as the commands take them). Raises kg.store.StoreError
    for a store with no graph, kg.neo4j.Neo4jProblem for a server out of reach."""
    if uri:
        from kg.neo4j.query import Neo4jBackend

        return Graph(Neo4jBackend(uri, user or os.environ.get("NEO4J_USER"),
                                  os.environ.get("NEO4J_PASSWORD") if password is None
                                  else password))
    from kg.graphdb import EmbeddedBackend
    from kg.store import live_graph

    return Graph(EmbeddedBackend(live_graph(store)))
