"""EmbeddedBackend: a graph generation opened read-only, answering Cypher and index
lookups. Any number of readers may open one generation at once, while a writer
writes the next one in another folder.

kg's Cypher is written once for Neo4j and LadybugDB; where their dialects differ,
`translate` rewrites the Neo4j spelling: `labels(n)[0]` and `type(r)` become
LadybugDB's `label(...)`, `relationships(p)` its `rels(p)`, and
`shortestPath((a)-[*..n]-(b))` its `(a)-[* SHORTEST 1..n]-(b)`.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import ladybug

from kg.graphdb import index
from kg.graphdb.schema import DB_FILE, decode
from kg.neo4j.cypher import fill, read

READ_BUFFER = 1 << 30  # LadybugDB's page cache for a reader (bytes): a bound, used as needed
INTERNAL = ("_ID", "_LABEL", "_SRC", "_DST", "keys")  # keys: for Cypher lookups, not shown
SPELLINGS = ((re.compile(r"\blabels\((\w+)\)\[0\]", re.IGNORECASE), r"label(\1)"),
             (re.compile(r"\btype\((\w+)\)", re.IGNORECASE), r"label(\1)"),
             (re.compile(r"\brelationships\(", re.IGNORECASE), "rels("),
             (re.compile(r"\bshortestPath\(\((\w+)\)-\[\*(?:\.\.(\d+))?\]-\((\w+)\)\)",
                         re.IGNORECASE),
              lambda m: f"({m[1]})-[* SHORTEST 1..{m[2] or 30}]-({m[3]})"))


class EmbeddedProblem(Exception):
    """The embedded store could not answer; the message is one line for the user."""


def translate(query: str) -> str:
    """Neo4j's spelling of labels and types as LadybugDB's."""
    for pattern, spelling in SPELLINGS:
        query = pattern.sub(spelling, query)
    return query


class EmbeddedBackend:
    """The graph generation in `folder` (kg.graphdb.write_graph's), read-only."""

    name = "embedded"

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        if not (self.folder / DB_FILE).exists():
            raise EmbeddedProblem(f"{self.folder} holds no graph generation")
        try:
            self.database = ladybug.Database(str(self.folder / DB_FILE), read_only=True,
                                             buffer_pool_size=READ_BUFFER)
            self.connection = ladybug.Connection(self.database)
            self.index = index.open_index(self.folder)
            self.json = {"nodes": set(index.json_columns(self.index, "nodes")),
                         "edges": set(index.json_columns(self.index, "edges"))}
        except (RuntimeError, sqlite3.Error) as error:
            raise EmbeddedProblem(f"{self.folder}: unreadable graph generation "
                                  f"({first_line(error)}); run `kg build` again") from None

    def run(self, query: str, params: dict | None = None,
            connection: ladybug.Connection | None = None) -> tuple[list[str], list[dict]]:
        """Run a read-only Cypher query (on `connection`, default the backend's). Out:
        its column names and rows, values as plain Python (a node or relationship as a
        dict of its properties and `label`/`type`). A query LadybugDB refuses (a write,
        a syntax error) is an EmbeddedProblem."""
        try:
            result = (connection or self.connection).execute(translate(query), params or {})
        except RuntimeError as error:
            raise EmbeddedProblem(first_line(error)) from None
        try:
            columns = result.get_column_names()
            rows = []
            while result.has_next():
                rows.append(dict(zip(columns, (self.plain(v) for v in result.get_next()),
                                     strict=True)))
        finally:
            result.close()  # frees its buffers now: a long-lived handle would fill the pool
        return columns, rows

    def find(self, name: str, keys: list[str]) -> list[dict]:
        return index.with_key(self.index, name, keys)

    def prefixed(self, prefix: str, labels: list[str] | None, limit: int) -> list[dict]:
        return index.with_prefix(self.index, prefix, labels, limit)

    def search(self, text: str, labels: list[str] | None, limit: int) -> list[dict]:
        return index.search(self.index, text, labels, limit)

    def counts(self) -> list[dict]:
        """Counted when the generation was written (kg.graphdb.index)."""
        return index.counts(self.index)

    def shortest_path(self, source: dict, target: dict) -> list[dict] | None:
        """LadybugDB's `* SHORTEST` (cypher/lookup/path_embedded.cypher)."""
        query = fill(read("lookup/path_embedded"), From=source["label"], To=target["label"])
        connection = ladybug.Connection(self.database)  # a path's nodes stay in the buffer
        try:                                            # pool until their connection closes
            rows = self.run(query, {"source": source["id"], "target": target["id"]},
                            connection)[1]
        finally:
            connection.close()
        return [{"id": node["id"], "label": node["label"]} for node in rows[0]["chain"]] \
            if rows else None

    def cypher(self, query: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
        """A user's query: the database is open read-only, so a write is refused."""
        return self.run(query, params)

    def plain(self, value):
        """A LadybugDB value as kg shows it: nodes and relationships as property dicts
        (nulls dropped, JSON properties decoded), paths as their nodes and relationships."""
        if isinstance(value, dict) and "_LABEL" in value:
            if "_SRC" in value:
                return {"type": value["_LABEL"],
                        **decode({k: v for k, v in value.items() if k not in INTERNAL},
                                 self.json["edges"])}
            return {"label": value["_LABEL"],
                    **decode({k: v for k, v in value.items() if k not in INTERNAL},
                             self.json["nodes"])}
        if isinstance(value, dict) and "_NODES" in value:
            return {"nodes": [self.plain(n) for n in value["_NODES"]],
                    "relationships": [self.plain(r) for r in value["_RELS"]]}
        if isinstance(value, list):
            return [self.plain(item) for item in value]
        if isinstance(value, dict):
            return {key: self.plain(item) for key, item in value.items()}
        return value

    def close(self) -> None:
        self.connection.close()
        self.database.close()
        self.index.close()

    def __enter__(self) -> EmbeddedBackend:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
