"""write_graph: one complete graph generation, bulk-loaded into a new folder.

Nodes and edges stream through: each is spooled once to a file in the folder (so
memory holds only node numbers and edge endpoints, not properties), then written
per table as CSV and loaded with LadybugDB's COPY FROM. Degrees, PageRank, lookup
keys (kg.query.names.lookup_keys) and co-occurrence counts (kg.graphdb.co_occurrence)
are stored on every node; the SQLite index gets
every node's keys and text too.
"""

from __future__ import annotations

import csv
import json
import shutil
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import ladybug
import networkx as nx
import numpy as np

from kg.graphdb import index
from kg.graphdb.centrality import pagerank
from kg.graphdb.co_occurrence import co_occurrence
from kg.graphdb.schema import (
    DB_FILE,
    EDGE_BASE,
    EDGE_RESERVED,
    JSON,
    NODE_BASE,
    NODE_RESERVED,
    Columns,
    checked_label,
    checked_type,
)
from kg.model import CO_OCCURRING, EDGE_TYPES, NODE_LABELS, PAPER
from kg.query.names import lookup_keys

SPOOL = "spool"
WRITE_BUFFER = 1 << 30  # LadybugDB's page cache while loading (bytes)
EMPTY_PAIR = (PAPER, PAPER)  # a type no edge has still gets a table, between papers


def write_graph(folder: str | Path, nodes: Iterable[dict], edges: Iterable[dict]) -> None:
    """Write a complete graph generation into `folder` (created; must not hold one).

    In: node dicts {"id", "label", "name", "aliases", ...properties} and edge dicts
    {"start", "end", "type", "count", "evidence", ...properties}, as kg.graph makes
    them (a networkx node's data plus its id; an edge's data plus its endpoints).
    A node id seen twice keeps its first dict; an edge whose end is not a node is
    left out. Raises ValueError for a label or type outside kg.model.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / DB_FILE).exists():
        raise FileExistsError(f"{folder} already holds a graph generation")
    spool = folder / SPOOL
    spool.mkdir()
    try:
        numbers, labels, node_columns = spool_nodes(nodes, spool / "nodes.jsonl")
        pairs, starts, ends, edge_columns = spool_edges(edges, numbers, labels, spool)
        counts = {"nodes": dict(Counter(labels))}
        degree = (np.bincount(starts, minlength=len(numbers))
                  + np.bincount(ends, minlength=len(numbers)))
        rank = pagerank(len(numbers), starts, ends)
        shared = co_occurrence(labels, starts, ends)
        del numbers, labels, starts, ends
        connection = index.create(folder)
        node_files = node_csvs(spool, node_columns, degree, rank, shared, connection)
        database = ladybug.Database(str(folder / DB_FILE), buffer_pool_size=WRITE_BUFFER)
        try:
            edge_files, counts["edges"] = edge_csvs(spool, pairs, edge_columns)
            load(ladybug.Connection(database), node_columns, edge_columns, node_files,
                 edge_files)
        finally:
            database.close()
        index.finish(connection, {
            "nodes": [n for n in node_columns.names() if node_columns.types[n] == JSON],
            "edges": [n for n in edge_columns.names() if edge_columns.types[n] == JSON]}, counts)
    finally:
        shutil.rmtree(spool, ignore_errors=True)


def networkx_rows(graph: nx.MultiDiGraph) -> tuple[Iterator[dict], Iterator[dict]]:
    """The node and edge dicts of write_graph for a networkx graph as kg.graph builds
    it: write_graph(folder, *networkx_rows(graph))."""
    return ({"id": node, **data} for node, data in graph.nodes(data=True)), \
        ({"start": start, "end": end, **data} for start, end, data in graph.edges(data=True))


def spool_nodes(nodes: Iterable[dict],
                path: Path) -> tuple[dict[str, int], list[str], Columns]:
    """Write each new node as a JSON line; learn the columns.
    Out: node id -> number (in order), the label of each number, the node columns."""
    numbers: dict[str, int] = {}
    labels: list[str] = []
    columns = Columns(NODE_BASE, NODE_RESERVED)
    with path.open("w", encoding="utf-8") as out:
        for node in nodes:
            label = checked_label(node["label"])
            if node["id"] in numbers:
                continue
            numbers[node["id"]] = len(numbers)
            labels.append(label)
            columns.learn(node)
            out.write(json.dumps(node, ensure_ascii=False, default=str) + "\n")
    return numbers, labels, columns


def spool_edges(edges: Iterable[dict], numbers: dict[str, int], labels: list[str],
                spool: Path) -> tuple[dict[tuple[str, str, str], Path], np.ndarray,
                                      np.ndarray, Columns]:
    """Write each edge as a JSON line to the file of its (type, start label, end label).

    Out: those files, the edges' start and end node numbers, and the edge columns.
    """
    files: dict[tuple[str, str, str], Path] = {}
    handles = {}
    starts, ends = array("q"), array("q")
    columns = Columns(EDGE_BASE, EDGE_RESERVED)
    try:
        for edge in edges:
            start, end = numbers.get(edge["start"]), numbers.get(edge["end"])
            if start is None or end is None:
                continue
            pair = (checked_type(edge["type"]), labels[start], labels[end])
            if pair not in handles:
                files[pair] = spool / f"edges-{len(files)}.jsonl"
                handles[pair] = files[pair].open("w", encoding="utf-8")
            columns.learn(edge)
            handles[pair].write(json.dumps(edge, ensure_ascii=False, default=str) + "\n")
            starts.append(start)
            ends.append(end)
    finally:
        for handle in handles.values():
            handle.close()
    return files, np.frombuffer(starts, dtype=np.int64), np.frombuffer(ends, dtype=np.int64), \
        columns


def node_csvs(spool: Path, columns: Columns, degree: np.ndarray, rank: np.ndarray,
              shared: np.ndarray, connection) -> dict[str, Path]:
    """One CSV per label (id, then the columns), degree, PageRank and the non-zero
    co-occurrence counts filled in; every node's keys and text into the index.
    Out: label -> its CSV."""
    files, writers, handles = {}, {}, []
    try:
        with (spool / "nodes.jsonl").open(encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                node = json.loads(line)
                node["degree"], node["pagerank"] = int(degree[number]), float(rank[number])
                node.update((column, int(value)) for column, value
                            in zip(CO_OCCURRING.values(), shared[number], strict=True) if value)
                node["keys"] = lookup_keys(node)
                label = node["label"]
                if label not in writers:
                    files[label] = spool / f"nodes-{label}.csv"
                    handles.append(files[label].open("w", encoding="utf-8", newline=""))
                    writers[label] = csv.writer(handles[-1])
                    writers[label].writerow(["id", *columns.names()])
                writers[label].writerow([node["id"], *columns.fields(node)])
                index.add_nodes(connection, [(
                    node["id"], label, node["degree"], node["keys"],
                    " ".join([node.get("name") or "", *(node.get("aliases") or [])]),
                    node.get("abstract") or "")])
    finally:
        for handle in handles:
            handle.close()
    return files


def edge_csvs(spool: Path, pairs: dict[tuple[str, str, str], Path],
              columns: Columns) -> tuple[dict[tuple[str, str, str], Path], dict[str, int]]:
    """One CSV per (type, start label, end label): start, end, then the columns.
    Out: those files, and how many edges of each type there are."""
    files, counts = {}, Counter()
    for pair, source in pairs.items():
        files[pair] = source.with_suffix(".csv")
        with source.open(encoding="utf-8") as lines, \
                files[pair].open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["start", "end", *columns.names()])
            for line in lines:
                edge = json.loads(line)
                writer.writerow([edge["start"], edge["end"], *columns.fields(edge)])
                counts[pair[0]] += 1
    return files, dict(counts)


def load(connection, node_columns: Columns, edge_columns: Columns,
         node_files: dict[str, Path], edge_files: dict[tuple[str, str, str], Path]) -> None:
    """Create a table per label and per type (every label and type of kg.model, so any
    query binds) and COPY the CSVs in. The DDL is text: every label and type in it is
    checked against kg.model's whitelists here (ValueError otherwise), column names
    against schema.PROPERTY_NAME (Columns.learn), the file paths in `reader`."""
    for label in NODE_LABELS:
        connection.execute(f"CREATE NODE TABLE {checked_label(label)}(id STRING PRIMARY KEY, "
                           f"{node_columns.ddl()})")
    for type_ in EDGE_TYPES:
        pairs = [(checked_label(start), checked_label(end))
                 for kind, start, end in edge_files if kind == type_] or [EMPTY_PAIR]
        ends = ", ".join(f"FROM {start} TO {end}" for start, end in pairs)
        connection.execute(f"CREATE REL TABLE {checked_type(type_)}({ends}, "
                           f"{edge_columns.ddl()})")
    for label, path in node_files.items():
        connection.execute(f"COPY {checked_label(label)} FROM "
                           f"({reader(path, ['id'], node_columns)} "
                           f"RETURN id, {node_columns.casts()})")
    for (type_, start, end), path in edge_files.items():
        connection.execute(
            f"COPY {checked_type(type_)} FROM ({reader(path, ['start', 'end'], edge_columns)} "
            f"RETURN start, `end`, {edge_columns.casts()}) "
            f"(from='{checked_label(start)}', to='{checked_label(end)}')")


def reader(path: Path, keys: list[str], columns: Columns) -> str:
    """LOAD WITH HEADERS of a spooled CSV (as Python's csv module writes it: fields
    with a quote, comma or line break quoted, quotes doubled): every field as text.
    The dialect is stated, not sniffed: LadybugDB's detection, on a file with a field
    ending in a quote, read such fields with their quotes."""
    text = str(path.resolve())
    if "'" in text or "\\" in text:
        raise ValueError(f"a store path may not hold quotes or backslashes: {text}")
    headers = ", ".join([*(f"`{key}` STRING" for key in keys), columns.headers()])
    return (f"LOAD WITH HEADERS ({headers}) FROM '{text}' "
            "(header=true, parallel=false, auto_detect=false, delim=',', quote='\"', "
            "escape='\"')")
