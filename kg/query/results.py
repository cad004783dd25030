"""The answers of kg's questions, one dataclass each, the same from either store.

`to_dict()` of each is what `--json` prints; the shapes are kg's JSON of old:
a node is {"id", "name", "type"} (Node), the rows are plain dicts whose keys each
question documents.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TypedDict


class Node(TypedDict):
    """A node as answers show it."""

    id: str
    name: str
    type: str


class Result:
    """What every answer can do: become the JSON-ready dict that `--json` prints, and
    show itself in Jupyter as an HTML table (kg.viz.display, loaded only to draw)."""

    def to_dict(self) -> dict:
        return asdict(self)  # type: ignore[call-overload]

    def _repr_html_(self) -> str:
        from kg.viz.display import value_html

        return value_html(self.to_dict())


@dataclass
class Neighbors(Result):
    """`neighbors`: the node found (with its `aliases`, and `matched_by` when it was
    found by "prefix" or "search" rather than by name) and rows {id, name, type,
    relation, direction, depth, via, count, inferred, evidence}, papers first;
    `totals`: how many rows of each type the answer has without its limit."""

    match: dict
    neighbors: list[dict]
    totals: dict[str, int]


@dataclass
class Shown(Result):
    """`show`: one node with its properties, degree and edges {id, name, type,
    relation, direction, evidence (all sentences)}. to_dict() is flat, as of old."""

    node: dict
    degree: int
    edges: list[dict]

    def to_dict(self) -> dict:
        return {**self.node, "degree": self.degree, "edges": self.edges}


@dataclass
class Stats(Result):
    """`stats`: nodes per label, edges per type."""

    nodes: dict[str, int]
    edges: dict[str, int]


@dataclass
class Citations(Result):
    """`cites` or `cited_by` of `paper`: rows {id, name, type, relation, inferred,
    source, marker, via, external, evidence}, explicit first. `direction` says which:
    to_dict() keys the rows "cites" or "cited_by", as of old."""

    paper: Node
    rows: list[dict]
    direction: str  # "cites" or "cited_by"

    def to_dict(self) -> dict:
        return {"paper": self.paper, self.direction: self.rows}


@dataclass
class Path(Result):
    """`path`: the hops {from, to, relation, direction, inferred, via, evidence}
    from `source` to `target`; None when nothing joins them."""

    source: Node
    target: Node
    hops: list[dict] | None


@dataclass
class Top(Result):
    """`top`: the best nodes {rank, id, name, type, score} by `by`, of type `type`."""

    by: str
    type: str | None
    top: list[dict]


@dataclass
class SearchHits(Result):
    """`search`: nodes {id, name, type, score} for `query`, best first (BM25 on the
    embedded store, Lucene's score on Neo4j)."""

    query: str
    type: str | None
    hits: list[dict] = field(default_factory=list)
