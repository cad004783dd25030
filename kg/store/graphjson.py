"""A generation's graph also as one networkx node-link JSON file (graph-<n>/graph.json),
for the commands that still load the whole graph with `load_graph`.

Transitional: once every command reads through kg.open (the LadybugDB generation),
delete this module and its call in kg.store.write_generation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.store.folder import StoreError, live_graph, store_path

GRAPH_FILE = "graph.json"


def write_graph_json(folder: Path, nodes: Iterable[dict], edges: Iterable[dict]) -> None:
    """Write the nodes and edges as folder/graph.json (networkx node-link JSON, edges keyed
    by type), one item at a time: nothing is held in memory."""
    with open(folder / GRAPH_FILE, "w", encoding="utf-8") as out:
        out.write('{"directed": true, "multigraph": true, "graph": {}, "nodes": [')
        for number, node in enumerate(nodes):
            out.write(("," if number else "") + json.dumps(node, ensure_ascii=False))
        out.write('], "edges": [')
        for number, edge in enumerate(edges):
            row = {**{k: v for k, v in edge.items() if k not in ("start", "end")},
                   "source": edge["start"], "target": edge["end"], "key": edge["type"]}
            out.write(("," if number else "") + json.dumps(row, ensure_ascii=False))
        out.write("]}")


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
