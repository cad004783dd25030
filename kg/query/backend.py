"""What a store must do for kg's questions: the Backend protocol.

The questions (kg.query.graph) are written once, as Cypher from cypher/ that both
LadybugDB and Neo4j understand, and run through `run`. What the two stores do
differently, each backend does its own way: finding nodes by key or prefix,
full-text search, counts, shortest paths, reading a whole label or type in pages,
and read-only user Cypher.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol


class Backend(Protocol):
    """One store, open for reading. Rows are dicts of plain Python values."""

    name: str  # "embedded" or "neo4j"

    def run(self, query: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
        """Run kg's own Cypher (Neo4j spelling). Out: column names and rows."""

    def find(self, name: str, keys: list[str]) -> list[dict]:
        """Nodes whose id is `name` or with a lookup key in `keys` (kg.query.names):
        {id, label} each."""

    def prefixed(self, prefix: str, labels: list[str] | None, limit: int) -> list[dict]:
        """Up to `limit` nodes (of `labels`, if given) with a lookup key starting with
        `prefix`: {id, label} each."""

    def search(self, text: str, labels: list[str] | None, limit: int) -> list[dict]:
        """The `limit` best full-text hits for `text` over titles, abstracts, names and
        aliases (of `labels`, if given): {id, label, score} each, best first."""

    def nodes(self, label: str) -> Iterator[dict]:
        """Every node of `label`: {"label", ...properties}, read a page at a time (memory
        holds a page, never the whole label)."""

    def edges(self, type_: str) -> Iterator[dict]:
        """Every relationship of `type_`: {"start", "end" (kg ids), "type",
        ...properties}, read a page at a time."""

    def counts(self) -> list[dict]:
        """Nodes per label and edges per type: {kind ("nodes"/"edges"), name, count}."""

    def shortest_path(self, source: dict, target: dict) -> list[dict] | None:
        """The nodes ({id, label}) of a shortest chain of edges, each walked either way,
        from `source` to `target` ({id, label}); None when nothing joins them."""

    def cypher(self, query: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
        """Run a user's query, read-only (a write is refused with the store's error)."""

    def close(self) -> None:
        """Let the store go."""
