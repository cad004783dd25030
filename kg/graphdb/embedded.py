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
from collections.abc import Iterator
from pathlib import Path

import ladybug

from kg.graphdb import index
from kg.graphdb.schema import DB_FILE, EDGE_BASE, NODE_BASE, decode
from kg.model import EDGE_TYPES, NODE_LABELS
from kg.neo4j.cypher import fill, read

READ_BUFFER = 1 << 30  # LadybugDB's page cache for a reader (bytes): a bound, used as needed
FEW_ENDS = 1000  # more ends of one label than this: read its table's span, not a list
PAGE = 5_000  # most rows a query of nodes() or edges() returns: memory holds one page
BUCKETS = 64  # edges() counts a span's relationships in this many buckets to cut its pages
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
        if missing := [name for name in (DB_FILE, index.INDEX_FILE)
                       if not (self.folder / name).is_file()]:
            raise EmbeddedProblem(damaged(self.folder, f"no {' and no '.join(missing)}"))
        try:
            self.database = ladybug.Database(str(self.folder / DB_FILE), read_only=True,
                                             buffer_pool_size=READ_BUFFER)
            self.connection = ladybug.Connection(self.database)
            self.index = index.open_index(self.folder)
            self.json = {"nodes": set(index.json_columns(self.index, "nodes")),
                         "edges": set(index.json_columns(self.index, "edges"))}
            self.tables: dict[int, str] | None = None  # node table number -> label
            check_columns(self.connection)
        except (RuntimeError, sqlite3.Error) as error:
            raise EmbeddedProblem(damaged(self.folder, first_line(error))) from None

    def run(self, query: str, params: dict | None = None,
            connection: ladybug.Connection | None = None,
            ends: bool = False) -> tuple[list[str], list[dict]]:
        """Run a read-only Cypher query (on `connection`, default the backend's). Out:
        its column names and rows, values as plain Python: a node as a dict of its
        properties and `label`, a relationship as its properties and `type` (with `ends`,
        also its `start` and `end` node's kg id, as Neo4j gives them). A query LadybugDB
        refuses (a write, a syntax error) is an EmbeddedProblem."""
        connection = connection or self.connection
        try:
            result = connection.execute(translate(query), params or {})
        except RuntimeError as error:
            raise EmbeddedProblem(first_line(error)) from None
        try:
            columns = result.get_column_names()
            values = []
            while result.has_next():
                values.append(result.get_next())
        finally:
            result.close()  # frees its buffers now: a long-lived handle would fill the pool
        found = self.ends(values, connection) if ends else None
        return columns, [dict(zip(columns, (self.plain(v, found) for v in row), strict=True))
                         for row in values]

    def ends(self, values: list, connection: ladybug.Connection) -> dict[tuple, str]:
        """The kg id of every node a relationship among `values` starts or ends at, by
        internal id (table, offset): from the nodes in `values` themselves, the others
        read from their node tables (per label, the offsets asked for when few, else one
        pass over the span they lie in)."""
        known: dict[tuple, str] = {}
        wanted: set[tuple] = set()
        for item in walk(values):
            if "_SRC" in item:
                wanted.update(internal(item[side]) for side in ("_SRC", "_DST"))
            elif "id" in item:
                known[internal(item["_ID"])] = item["id"]
        by_table: dict[int, set[int]] = {}
        for table, offset in wanted - known.keys():
            by_table.setdefault(table, set()).add(offset)
        if by_table and self.tables is None:
            self.tables = {row["id"]: row["name"] for row in
                           self.run(read("lookup/tables_embedded"), None, connection)[1]}
        for table, offsets in by_table.items():
            label = self.tables[table]
            if len(offsets) <= FEW_ENDS:
                query, params = fill(read("lookup/ends_embedded"), Label=label), \
                    {"offsets": sorted(offsets)}
            else:
                query, params = fill(read("lookup/span_embedded"), Label=label), \
                    {"low": min(offsets), "high": max(offsets)}
            for row in self.run(query, params, connection)[1]:
                if row["offset"] in offsets:
                    known[(table, row["offset"])] = row["id"]
        return known

    def nodes(self, label: str, page: int | None = None) -> Iterator[dict]:
        """Every node of `label` ({"label", ...properties}), read `page` (default PAGE)
        at a time by internal offset: memory holds one page, never the whole label."""
        page = page or PAGE
        last = self.run(fill(read("lookup/last_node_embedded"), Label=label))[1][0]["last"]
        query = fill(read("lookup/nodes_page_embedded"), Label=label)
        for low in range(0, -1 if last is None else last + 1, page):
            for row in self.run(query, {"low": low, "high": low + page})[1]:
                yield row["n"]

    def edges(self, type_: str, page: int | None = None) -> Iterator[dict]:
        """Every relationship of `type_` ({"start", "end", "type", ...properties}), read
        at most `page` (default PAGE) at a time: those starting at a span of nodes (by
        internal offset) that holds no more (spans()); a node with more relationships than
        that is a page of its own. Memory holds one page, never the whole type."""
        page = page or PAGE
        last = self.run(fill(read("lookup/last_start_embedded"), TYPE=type_))[1][0]["last"]
        if last is None:
            return
        query = fill(read("lookup/edges_page_embedded"), TYPE=type_)
        for low, high in self.spans(type_, 0, last + 1, page):
            for row in self.run(query, {"low": low, "high": high})[1]:
                yield {"start": row["start"], "end": row["end"], **row["r"]}

    def spans(self, type_: str, low: int, high: int, page: int) -> Iterator[tuple[int, int]]:
        """(low, high) ranges of start nodes' internal offsets, in order, together covering
        `low` to `high` - 1 wherever `type_` relationships start, each holding at most
        `page` of them or a single start node. From how many start in each of about
        BUCKETS buckets of the span: consecutive buckets while they fit in a page, a
        bucket holding more than a page split the same way."""
        bucket = -(-(high - low) // BUCKETS)
        counts = self.run(fill(read("lookup/starts_embedded"), TYPE=type_),
                          {"low": low, "high": high, "bucket": bucket})[1]
        begun, held = low, 0
        for number, rows in sorted((row["bucket"], row["rows"]) for row in counts):
            start, end = low + number * bucket, min(low + (number + 1) * bucket, high)
            if held and held + rows > page:
                yield begun, start
                begun, held = start, 0
            if rows > page and end - start > 1:
                yield from self.spans(type_, start, end, page)
                begun = end
            else:
                held += rows
        if held:
            yield begun, high

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
        """A user's query: the database is open read-only, so a write is refused.
        Relationships come with their ends (`start`, `end`: kg ids)."""
        return self.run(query, params, ends=True)

    def plain(self, value, ends: dict[tuple, str] | None = None):
        """A LadybugDB value as kg shows it: nodes and relationships as property dicts
        (nulls dropped, JSON properties decoded), a relationship's ends as their kg ids
        when `ends` (kg ids by internal id) is given, paths as their nodes and
        relationships, a variable-length relationship as its list (as Neo4j gives them)."""
        if isinstance(value, dict) and "_LABEL" in value:
            if "_SRC" in value:
                where = {} if ends is None else {
                    "start": ends.get(internal(value["_SRC"])),
                    "end": ends.get(internal(value["_DST"]))}
                return {"type": value["_LABEL"], **where,
                        **decode({k: v for k, v in value.items() if k not in INTERNAL},
                                 self.json["edges"])}
            return {"label": value["_LABEL"],
                    **decode({k: v for k, v in value.items() if k not in INTERNAL},
                             self.json["nodes"])}
        if isinstance(value, dict) and "_NODES" in value:
            relationships = [self.plain(r, ends) for r in value["_RELS"]]
            if len(value["_NODES"]) != len(relationships) + 1:  # r of (a)-[r*1..n]-(b),
                return relationships                          # its nodes only those inside
            return {"nodes": [self.plain(n, ends) for n in value["_NODES"]],
                    "relationships": relationships}
        if isinstance(value, list):
            return [self.plain(item, ends) for item in value]
        if isinstance(value, dict):
            return {key: self.plain(item, ends) for key, item in value.items()}
        return value

    def close(self) -> None:
        self.connection.close()
        self.database.close()
        self.index.close()

    def __enter__(self) -> EmbeddedBackend:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def walk(value) -> Iterator[dict]:
    """Every node and relationship (LadybugDB dicts with `_LABEL`) in `value`, however
    deep in lists, maps and paths."""
    if isinstance(value, dict):
        if "_LABEL" in value:
            yield value
        else:
            for item in value.values():
                yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def internal(node_id: dict) -> tuple[int, int]:
    """A LadybugDB internal id ({"table", "offset"}) as a hashable (table, offset)."""
    return node_id["table"], node_id["offset"]


def damaged(folder: Path, what: str) -> str:
    """The one line for a generation kg cannot read: damaged, or written by an older kg."""
    return (f"{folder}: a damaged graph generation, or one of an older kg ({what}); derive "
            "it again from the stored papers with `kg rebuild`")


def check_columns(connection: ladybug.Connection) -> None:
    """RuntimeError unless every node and relationship table has the base columns kg's
    questions read (kg.graphdb.schema; a generation of an older kg lacks some)."""
    for table, base in ((NODE_LABELS[0], NODE_BASE), (EDGE_TYPES[0], EDGE_BASE)):
        result = connection.execute(f"CALL table_info('{table}') RETURN name")
        try:
            names = {result.get_next()[0] for _ in iter(result.has_next, False)}
        finally:
            result.close()
        if missing := [name for name in base if name not in names]:
            raise RuntimeError(f"table {table} has no column {', '.join(missing)}")


def first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
