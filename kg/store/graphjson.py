"""A generation as one networkx node-link JSON file (graph-<n>/graph.json).

Temporary: the LadybugDB writer of the query layer replaces it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx as nx

from kg.store.folder import StoreError, live_graph, store_path

GRAPH_FILE = "graph.json"


def write_graph(folder: Path, nodes: Iterable[dict], edges: Iterable[dict]) -> None:
    """Write a complete generation into `folder` (nodes are consumed before edges)."""
    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in edges:
        graph.add_edge(edge["start"], edge["end"], key=edge["type"],
                       **{k: v for k, v in edge.items() if k not in ("start", "end")})
    data = nx.node_link_data(graph, edges="edges")
    (folder / GRAPH_FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def graph_nodes(graph: nx.MultiDiGraph) -> Iterator[dict]:
    for node, data in graph.nodes(data=True):
        yield {"id": node, **data}


def graph_edges(graph: nx.MultiDiGraph) -> Iterator[dict]:
    for start, end, key, data in graph.edges(keys=True, data=True):
        yield {**data, "start": start, "end": end, "type": key}


def load_graph(store: str | Path | None = None) -> nx.MultiDiGraph:
    """The live graph of the store; StoreError (one line) if there is none or it is damaged."""
    path = live_graph(store) / GRAPH_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except FileNotFoundError:
        raise StoreError(f"no graph in {store_path(store)}/ — run `kg build` first") from None
    except (ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise StoreError(f"{path}: unreadable graph ({type(error).__name__}); "
                         "run `kg build` again") from error
    if any("label" not in data for _, data in graph.nodes(data=True)):
        raise StoreError(f"{path}: a node has no label; run `kg build` again")
    return graph
