"""The embedded store: a folder holding the graph and the extraction cache.

    .kg/graph.json         the graph, as networkx node-link JSON
    .kg/extractions.jsonl  one extraction record per line, keyed by text and extractor

The folder is `.kg` in the working directory unless `--store` or KG_STORE says
otherwise. Query commands only read graph.json: no extraction, no spaCy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx

GRAPH_FILE = "graph.json"
CACHE_FILE = "extractions.jsonl"


class StoreError(Exception):
    """The store is missing or unreadable; the message says what to do."""


def store_path(store: str | Path | None = None) -> Path:
    return Path(store or os.environ.get("KG_STORE") or ".kg")


def save_graph(graph: nx.MultiDiGraph, store: str | Path | None = None) -> Path:
    """Write the graph atomically (a reader never sees half a file); return its path."""
    folder = store_path(store)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / GRAPH_FILE
    partial = path.with_suffix(".tmp")
    data = nx.node_link_data(graph, edges="edges")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)
    return path


def load_graph(store: str | Path | None = None) -> nx.MultiDiGraph:
    """The graph saved in the store; StoreError if there is none yet."""
    path = store_path(store) / GRAPH_FILE
    if not path.exists():
        raise StoreError(f"no graph in {path.parent}/ — run `kg build` first "
                         "(or point --store / KG_STORE at a built store)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (ValueError, KeyError) as error:
        raise StoreError(f"{path}: unreadable graph ({error}); run `kg build` again") from error


def load_cache(store: str | Path | None = None) -> dict[str, dict]:
    """Cached extraction records by cache key; a damaged line is ignored (re-extracted)."""
    path = store_path(store) / CACHE_FILE
    cache: dict[str, dict] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
                cache[row["key"]] = row["record"]
            except (ValueError, KeyError, TypeError):
                continue
    return cache


def save_cache(cache: dict[str, dict], store: str | Path | None = None) -> None:
    folder = store_path(store)
    folder.mkdir(parents=True, exist_ok=True)
    lines = (json.dumps({"key": key, "record": record}, ensure_ascii=False)
             for key, record in cache.items())
    partial = folder / (CACHE_FILE + ".tmp")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partial.replace(folder / CACHE_FILE)
