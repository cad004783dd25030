"""Which part of the graph a page shows: asked of the store (kg.open), no rendering."""

from __future__ import annotations

from kg.viz.display import Subgraph

from kg.query import CO_OCCURS, Graph


def select(graph: Graph, name: str, depth: int = 1, types: list[str] | None = None,
           min_weight: int = 1, limit: int | None = None) -> Subgraph:
    """The subgraph around the node called `name` (any case, alias or paper title).

    In: a store opened with kg.open; `depth` hops from the node (at depth 1 an
    entity also brings the entities its papers name, as `kg neighbors` lists
    them); `types`, node labels to keep; `min_weight`, the least `count` of the
    edge a neighbour is reached by and of every edge drawn; `limit`, at most this
    many neighbours, nearest and papers first (the order of `kg neighbors`).
    Out: a new Subgraph (a MultiDiGraph that draws itself in Jupyter) with the
    nodes' and edges' data as the store keeps them (`degree`: in the whole graph),
    its `center` graph attribute the matched node's id. A neighbour that shares
    papers with the centre but no drawn edge with anything gets a CO_OCCURS edge
    from the centre (inferred, weight = papers shared), so no node floats alone.
    Raises kg.query.NotFound for an unknown name.
    """
    around = graph.neighbors(name, depth=depth, types=types)
    rows = [row for row in around.neighbors if row["count"] >= min_weight][:limit]
    sub = graph.induced(around.match, rows)
    sub.remove_edges_from([(source, target, key) for source, target, key, count
                           in sub.edges(keys=True, data="count", default=1) if count < min_weight])
    center = sub.graph["center"]
    for row in rows:
        if row["relation"] == CO_OCCURS and sub.degree(row["id"]) == 0:
            sub.add_edge(center, row["id"], key=CO_OCCURS, type=CO_OCCURS, count=row["count"],
                         evidence=[row["evidence"]], inferred=True)
    return sub
