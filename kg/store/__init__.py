"""The embedded store: a folder holding the papers, their extractions and the graph.

    .kg/papers.sqlite   the stored papers and the extraction cache (kg.store.papers)
    .kg/CURRENT         the name of the live graph generation
    .kg/graph-<n>/      one complete generation of the graph (kg.store.folder)

The folder is `.kg` in the working directory unless `--store` or KG_STORE says
otherwise. Query commands only read the live generation: no extraction, no spaCy.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.store.folder import (
    PAPERS_DB,
    StoreError,
    build_lock,
    live_graph,
    new_generation,
    publish,
    store_path,
)
from kg.store.graphjson import graph_edges, graph_nodes, load_graph, write_graph
from kg.store.papers import PaperStore

__all__ = ["PAPERS_DB", "PaperStore", "StoreError", "live_graph", "load_graph", "save_graph",
           "store_path", "write_graph"]


def save_graph(graph: nx.MultiDiGraph, store: str | Path | None = None) -> Path:
    """Make a networkx graph the store's live generation (under the build lock);
    return the generation's folder."""
    folder = store_path(store)
    with build_lock(folder):
        generation = new_generation(folder)
        write_graph(generation, graph_nodes(graph), graph_edges(graph))
        publish(folder, generation)
    return generation
