"""The page of one node's neighbourhood: selection, items and page put together."""

from __future__ import annotations

from pathlib import Path

from kg.viz.elements import abridge, graph_items, type_legend
from kg.viz.page import write_page
from kg.viz.subgraph import select

from kg.query import Graph


def viz(graph: Graph, name: str, output: str | Path, depth: int = 1,
        types: list[str] | None = None, min_weight: int = 1, limit: int | None = None,
        home: str | None = None, shared: bool = False, brief: bool = False) -> Path:
    """Write the page of the subgraph around the node called `name` to `output`.

    In: a store opened with kg.open and the selection of `viz.subgraph.select`; `home`, a
    link back to an overview page (relative to `output`), if any; `shared`, load
    the scripts from files beside the page (see viz.page.write_scripts);
    `brief`, shorter abstracts and evidence (viz.elements.abridge).
    Out: the path written. Raises kg.query.NotFound for an unknown name.
    """
    sub = select(graph, name, depth, types, min_weight, limit)
    nodes, edges = graph_items(sub)
    if brief:
        abridge(nodes, edges)
    center = sub.nodes[sub.graph["center"]]
    data = {"nodes": nodes, "edges": edges, "center": sub.graph["center"],
            "legend": {"types": type_legend({node["type"] for node in nodes}),
                       "size": "Node size: its links on this page."}}
    if home:
        data["home"] = home
    return write_page(output, f"{center.get('name', sub.graph['center'])} ({center['label']})",
                      data, shared=shared)
