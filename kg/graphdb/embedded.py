"""EmbeddedBackend: a graph generation opened read-only, answering Cypher and index
lookups. Any number of readers may open one generation at once, while a writer
writes the next one in another folder.

kg's Cypher is written once for Neo4j and LadybugDB; where their dialects differ in
how a node's label and a relationship's type are read, `translate` rewrites the
Neo4j spelling: `labels(n)[0]` and `type(r)` become LadybugDB's `label(...)`.
"""

from __future__ import annotations

import re
from pathlib import Path

import ladybug

from kg.graphdb import index
from kg.graphdb.schema import decode
from kg.graphdb.writer import DB_FILE

READ_BUFFER = 256 << 20  # LadybugDB's page cache for a reader (bytes)
INTERNAL = ("_ID", "_LABEL", "_SRC", "_DST")
SPELLINGS = ((re.compile(r"\blabels\((\w+)\)\[0\]", re.IGNORECASE), r"label(\1)"),
             (re.compile(r"\btype\((\w+)\)", re.IGNORECASE), r"label(\1)"))


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
        self.database = ladybug.Database(str(self.folder / DB_FILE), read_only=True,
                                         buffer_pool_size=READ_BUFFER)
        self.connection = ladybug.Connection(self.database)
        self.index = index.open_index(self.folder)
        self.json = {"nodes": set(index.json_columns(self.index, "nodes")),
                     "edges": set(index.json_columns(self.index, "edges"))}

    def run(self, query: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
        """Run a read-only Cypher query. Out: its column names and rows, values as plain
        Python (a node or relationship as a dict of its properties and `label`/`type`).
        A query LadybugDB refuses (a write, a syntax error) is an EmbeddedProblem."""
        try:
            result = self.connection.execute(translate(query), params or {})
        except RuntimeError as error:
            raise EmbeddedProblem(first_line(error)) from None
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(dict(zip(columns, (self.plain(v) for v in result.get_next()),
                                 strict=True)))
        return columns, rows

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
