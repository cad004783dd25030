"""The embedded store: a folder holding the papers, their extractions and the graph.

    .kg/papers.sqlite   the stored papers and the extraction cache (kg.store.papers)
    .kg/CURRENT         the name of the live graph generation
    .kg/graph-<n>/      one complete generation of the graph: graph.lbug and
                        index.sqlite (kg.graphdb)
    .kg/build.lock      held by the one build writing the store (kg.store.folder)

The folder is `.kg` in the working directory unless `--store` or KG_STORE says
otherwise. Query commands only read the live generation: no extraction, no spaCy.
Other files in the folder (e.g. enrich-cache.sqlite) are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from kg.model import Paper
from kg.store.folder import (
    PAPERS_DB,
    StoreError,
    build_lock,
    check_writable,
    live_graph,
    new_generation,
    publish,
    store_path,
)

if TYPE_CHECKING:
    import networkx as nx

# Loaded when first used: a query needs only live_graph and StoreError, and should not
# pay for the inputs' parsers, numpy and networkx.
LAZY = {"PaperStore": "kg.store.papers"}


def __getattr__(name: str):
    if name in LAZY:
        return getattr(import_module(LAZY[name]), name)
    raise AttributeError(f"module 'kg.store' has no attribute {name!r}")


__all__ = ["PAPERS_DB", "PaperStore", "StoreError", "live_graph", "save_graph",
           "store_path", "stored_papers", "update_papers", "write_generation"]


def write_generation(folder: Path, nodes: Iterable[dict], edges: Iterable[dict]) -> Path:
    """Write a new generation of these nodes and edges (kg.graphdb.write_graph's) and make
    it the live one; the caller holds the build lock. Returns the generation's folder."""
    from kg.graphdb import write_graph

    generation = new_generation(folder)
    write_graph(generation, nodes, edges)
    publish(folder, generation)
    return generation


def save_graph(graph: nx.MultiDiGraph, store: str | Path | None = None) -> Path:
    """Make a networkx graph the store's live generation (under the build lock);
    return the generation's folder."""
    from kg.graphdb import networkx_rows

    folder = store_path(store)
    with build_lock(folder):
        return write_generation(folder, *networkx_rows(graph))


def stored_papers(store: str | Path | None = None) -> Iterator[Paper]:
    """Every paper of the store, in order of arrival (none in a store never built)."""
    from kg.store.papers import PaperStore

    database = store_path(store) / PAPERS_DB
    if database.is_file():
        with PaperStore(database) as papers:
            yield from papers.papers()


def update_papers(papers: Iterable[Paper], store: str | Path | None = None) -> int:
    """Store each paper as given, replacing the stored paper with its key (its fields,
    references included, are the new ones; one not stored is added), all in one
    transaction under the build lock. The graph changes only with kg.build.rebuild(store).
    Returns how many papers were written."""
    from kg.store.papers import PaperStore

    folder = store_path(store)
    check_writable(folder)
    written = 0
    with build_lock(folder), PaperStore(folder / PAPERS_DB) as stored, stored.transaction():
        for paper in papers:
            stored.put(paper)
            written += 1
    return written
