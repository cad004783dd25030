"""The one query layer: kg's questions, written once, asked of either store.

    backend  the Backend protocol a store implements (kg.graphdb.EmbeddedBackend,
             kg.neo4j.query.Neo4jBackend)
    graph    Graph: neighbors, show, stats, cites, cited_by, path, top, search,
             subgraph, induced, cypher, nodes, edges — each one Cypher file of cypher/
    results  the answers, dataclasses with to_dict()
    names    the keys nodes are found by, and which of several wins

kg.open (kg.api) opens a Graph on a store or a server. No spaCy, no graph building.
"""

from kg.query.graph import CO_OCCURS, Graph, NotFound, NoWork

__all__ = ["CO_OCCURS", "Graph", "NoWork", "NotFound"]
