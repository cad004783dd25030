"""Interactive pyvis pages of a node's neighbourhood."""

from __future__ import annotations

import html
from pathlib import Path

import networkx as nx

from kg.query import neighbors

COLOURS = {"Paper": "#4e79a7", "Method": "#e15759", "Dataset": "#59a14f", "Task": "#f28e2b",
           "Metric": "#b07aa1", "Concept": "#9c9c9c", "Author": "#edc948", "Reference": "#bab0ac"}


def viz(graph: nx.MultiDiGraph, name: str, output: str | Path, depth: int = 1) -> Path:
    """Write the neighbourhood of the node called `name` as an HTML page; return its path."""
    from pyvis.network import Network

    result = neighbors(graph, name, depth=depth)
    page = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    ids = {result["match"]["id"]} | {row["id"] for row in result["neighbors"]}
    for node in ids:
        data = graph.nodes[node]
        page.add_node(node, label=data["name"][:40], title=html.escape(data["name"]),
                      color=COLOURS.get(data["label"], "#cccccc"))
    for source, target, relation in graph.subgraph(ids).edges(keys=True):
        page.add_edge(source, target, title=relation)
    path = Path(output)
    page.write_html(str(path), notebook=False)
    return path
