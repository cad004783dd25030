"""Which part of the graph a page shows: a plain function of the graph, no rendering."""

from __future__ import annotations

import networkx as nx
from kg.viz.display import Subgraph

from kg.query import CO_OCCURS, neighbors, resolve


def select(graph: nx.MultiDiGraph, name: str, depth: int = 1, types: list[str] | None = None,
           min_weight: int = 1, limit: int | None = None) -> Subgraph:
    """The subgraph around the node called `name` (any case, alias or paper title).

    In: the corpus graph; `depth` hops from the node (at depth 1 an entity also
    brings the entities its papers name, as `kg neighbors` lists them); `types`,
    node labels to keep; `min_weight`, the least `count` of the edge a neighbour
    is reached by and of every edge drawn; `limit`, at most this many neighbours,
    nearest and papers first (the order of `kg neighbors`).
    Out: a new Subgraph (a MultiDiGraph that draws itself in Jupyter) with the
    nodes' and edges' data, its `center` graph attribute the matched node's id.
    A neighbour that shares papers with the centre but no drawn edge with
    anything gets a CO_OCCURS edge from the centre (inferred, weight = papers
    shared), so no node floats alone.
    Raises kg.query.NotFound for an unknown name.
    """
    center = resolve(graph, name)
    rows = [row for row in neighbors(graph, center, depth=depth, types=types)["neighbors"]
            if row["count"] >= min_weight][:limit]
    nodes = [center, *(row["id"] for row in rows)]
    sub = Subgraph(center=center)
    sub.add_nodes_from((node, graph.nodes[node]) for node in nodes)
    sub.add_edges_from((source, target, key, data)
                       for source, target, key, data in graph.subgraph(nodes).edges(keys=True,
                                                                                   data=True)
                       if data.get("count", 1) >= min_weight)
    for row in rows:
        if row["relation"] == CO_OCCURS and sub.degree(row["id"]) == 0:
            sub.add_edge(center, row["id"], key=CO_OCCURS, type=CO_OCCURS, count=row["count"],
                         evidence=[row["evidence"]], inferred=True)
    return sub
