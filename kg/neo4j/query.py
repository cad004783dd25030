"""Neo4jBackend: kg's questions asked of a Neo4j server (kg.query.Backend).

The questions themselves are kg.query.graph's, the same Cypher as for the embedded
store; what is the server's own is here: lookup by key and prefix over the `keys`
property `kg load` stores, the kg_names full-text index, shortestPath, and
read-only user queries. Everything runs in read transactions: the server refuses
any write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.model import EDGE_TYPES, NODE_LABELS
from kg.neo4j import Neo4jProblem
from kg.neo4j.connect import check_uri, first_line, make_driver, unreachable
from kg.neo4j.cypher import fill, read
from kg.neo4j.driver import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    Node,
    Path,
    Relationship,
    ServiceUnavailable,
    SessionExpired,
    neo4j,
)

READ_ONLY = "Neo.ClientError.Statement.AccessMode"
WORD = re.compile(r"\w+")
LUCENE_QUOTED = re.compile(r'[\\"]')  # what a quoted Lucene term escapes


def lucene_term(value: str) -> str:
    """`value` as one quoted Lucene term: matched whole by a keyword-analyzed index."""
    return '"' + LUCENE_QUOTED.sub(lambda found: "\\" + found.group(), value) + '"'


class Neo4jBackend:
    """The Neo4j server at `uri`, checked on opening. Any driver error is a
    Neo4jProblem of one line."""

    name = "neo4j"

    def __init__(self, uri: str, user: str | None = None, password: str | None = None):
        self.uri, self.user = check_uri(uri), user  # self.uri: shown, no password
        self.driver = make_driver(uri, user, password)
        try:
            self.driver.verify_connectivity()
        except (Neo4jError, DriverError) as error:
            self.driver.close()
            raise self.problem(error) from None

    def problem(self, error: Exception) -> Neo4jProblem:
        """A driver error as one line for the user."""
        if isinstance(error, AuthError):
            return Neo4jProblem(f"Neo4j at {self.uri} rejected user {self.user!r}: check "
                                "NEO4J_USER and NEO4J_PASSWORD (or --user/--password)")
        if isinstance(error, (ServiceUnavailable, SessionExpired)):
            return Neo4jProblem(unreachable(self.uri, error))
        if isinstance(error, ClientError) and error.code == READ_ONLY:
            return Neo4jProblem("kg cypher runs read-only queries, and this one writes "
                                f"({error.message})")
        if isinstance(error, Neo4jError):
            return Neo4jProblem(f"Neo4j: {first_line(error.message or error)}")
        return Neo4jProblem(f"Neo4j driver: {first_line(error)}")

    def run(self, query: str, params: dict | None = None,
            ends: bool = False) -> tuple[list[str], list[dict]]:
        """Run `query` in a read transaction. Out: column names and rows, values plain;
        with `ends`, each relationship also has its `start` and `end` node's kg id."""
        def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict]]:
            result = tx.run(query, params or {})
            columns, records = list(result.keys()), list(result)
            found = ends_of(tx, records) if ends else None
            return columns, [{key: plain(value, found) for key, value in record.items()}
                             for record in records]

        try:
            with self.driver.session(default_access_mode=neo4j.READ_ACCESS) as session:
                return session.execute_read(work)
        except (Neo4jError, DriverError) as error:
            raise self.problem(error) from None

    def nodes(self, label: str) -> Iterator[dict]:
        """Every node of `label` ({"label", ...properties}), as the server streams them."""
        for row in self.stream(fill(read("lookup/all_nodes"), Label=label)):
            yield row["n"]

    def edges(self, type_: str) -> Iterator[dict]:
        """Every relationship of `type_` ({"start", "end", "type", ...properties}), as the
        server streams them."""
        for row in self.stream(fill(read("lookup/all_edges"), TYPE=type_)):
            yield {"start": row["start"], "end": row["end"], **row["r"]}

    def stream(self, query: str) -> Iterator[dict]:
        """The rows of a read-only `query`, values plain, as the driver fetches them (a
        thousand records at a time): memory holds one fetch, not the whole result."""
        try:
            with self.driver.session(default_access_mode=neo4j.READ_ACCESS) as session:
                for record in session.run(query):
                    yield {key: plain(value) for key, value in record.items()}
        except (Neo4jError, DriverError) as error:
            raise self.problem(error) from None

    def find(self, name: str, keys: list[str]) -> list[dict]:
        """The nodes with the id `name` or a lookup key in `keys` (index kg_keys)."""
        terms = " OR ".join(lucene_term(value) for value in dict.fromkeys([name, *keys]))
        return self.run(read("lookup/find_neo4j"), {"query": terms})[1]

    def prefixed(self, prefix: str, labels: list[str] | None, limit: int) -> list[dict]:
        return self.run(read("lookup/prefix_neo4j"),
                        {"prefix": prefix, "labels": labels, "limit": limit})[1]

    def search(self, text: str, labels: list[str] | None, limit: int) -> list[dict]:
        """The kg_names full-text index (names, aliases, titles): every word of
        `text` required, the last one also as a prefix."""
        words = WORD.findall(text.lower())
        if not words:
            return []
        query = " AND ".join([*words[:-1], f"({words[-1]} OR {words[-1]}*)"])
        return self.run(read("lookup/fulltext_neo4j"),
                        {"query": query, "labels": labels, "limit": limit})[1]

    def counts(self) -> list[dict]:
        """Per label and type, from the server's counts store (one query each)."""
        found = [{"kind": "nodes", "name": label,
                  **self.run(fill(read("lookup/count_label"), Label=label))[1][0]}
                 for label in NODE_LABELS]
        found += [{"kind": "edges", "name": type_,
                   **self.run(fill(read("lookup/count_type"), TYPE=type_))[1][0]}
                  for type_ in EDGE_TYPES]
        return [row for row in found if row["count"]]

    def shortest_path(self, source: dict, target: dict) -> list[dict] | None:
        query = fill(read("lookup/path_neo4j"), From=source["label"], To=target["label"])
        rows = self.run(query, {"source": source["id"], "target": target["id"]})[1]
        return rows[0]["chain"] if rows else None

    def cypher(self, query: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
        """A user's query, in a read transaction: a write is a Neo4jProblem saying so.
        Relationships come with their ends (`start`, `end`: kg ids)."""
        return self.run(query, params, ends=True)

    def close(self) -> None:
        self.driver.close()


def ends_of(tx: neo4j.ManagedTransaction, records: list[neo4j.Record]) -> dict[str, str]:
    """The kg id of each node a relationship in `records` starts or ends at, by element
    id: the driver's node when the query returned it, else looked up in `tx`."""
    nodes = [node for record in records for value in record.values()
             for rel in relationships(value) for node in (rel.start_node, rel.end_node)
             if node is not None]
    known = {node.element_id: node["id"] for node in nodes if node.get("id") is not None}
    missing = sorted({node.element_id for node in nodes} - known.keys())
    if missing:
        known |= {row["element"]: row["id"] for row in
                  tx.run(read("lookup/ends_neo4j"), {"elements": missing})}
    return known


def relationships(value) -> Iterator[Relationship]:
    """Every relationship in a driver value, however deep in lists, maps and paths."""
    if isinstance(value, Relationship):
        yield value
    elif isinstance(value, Path):
        yield from value.relationships
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from relationships(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from relationships(item)


def plain(value, ends: dict[str, str] | None = None):
    """A driver value as JSON-ready Python: nodes as {"label", ...properties},
    relationships as {"type", ...properties} (and, given `ends`, kg ids by element id,
    their `start` and `end`, so direction is kept), paths as their nodes and
    relationships."""
    if isinstance(value, Node):
        return {"label": next(iter(sorted(value.labels)), None),
                **{k: plain(v) for k, v in value.items() if k != "keys"}}
    if isinstance(value, Relationship):
        where = {} if ends is None else {
            side: ends.get(node.element_id) if node is not None else None
            for side, node in (("start", value.start_node), ("end", value.end_node))}
        return {"type": value.type, **where, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes],
                "relationships": [plain(r, ends) for r in value.relationships]}
    if isinstance(value, (list, tuple)):
        return [plain(item, ends) for item in value]
    if isinstance(value, dict):
        return {key: plain(item, ends) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
