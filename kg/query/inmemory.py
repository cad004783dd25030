"""(Transitional) kg.viz's questions of a whole networkx graph: `neighbors` and
`resolve` as kg asked them before the graph database. kg.viz.select still walks an
in-memory graph with them; they go when it asks kg.open(store).subgraph instead.
Everything else asks kg.query.Graph."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from kg.model import CONCEPT, EDGE_TYPES, ENTITY_LABELS, PAPER, name_key
from kg.query.graph import CO_OCCURS, NotFound
from kg.query.names import label_fits, names_fit, node_names, preference

if TYPE_CHECKING:
    import networkx as nx


def suggestions(name: str, names: Iterable[str]) -> list[str]:
    """Up to five names close to `name`, for NotFound."""
    names = sorted({n for n in names if n})
    key = name_key(name)
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.6)
    return close + [n for n in names if key and key in name_key(n) and n not in close][
        :5 - len(close)]


def resolve(graph: nx.MultiDiGraph, name: str, label: str | None = None) -> str:
    """The id of the node called `name` (any case, any alias, a paper's title or id).

    Raises NotFound with the closest names when there is none.
    """
    if name in graph and label_fits(graph.nodes[name]["label"], label):
        return name
    found = [node for node, data in graph.nodes(data=True) if names_fit(name, label, data)]
    if found:
        return min(found, key=lambda n: preference(graph.nodes[n]["label"], graph.degree(n), n))
    raise NotFound(name, suggestions(name, (n for _, data in graph.nodes(data=True)
                                            for n in node_names(data))))


def describe(graph: nx.MultiDiGraph, node: str) -> dict:
    """The short public view of a node: id, name, type."""
    data = graph.nodes[node]
    return {"id": node, "name": data.get("name", node), "type": data["label"]}


def edges_between(graph: nx.MultiDiGraph, node: str):
    """(neighbour, relation, direction, data) for every edge at `node`."""
    for _, other, relation, data in graph.out_edges(node, keys=True, data=True):
        yield other, relation, "out", data
    for other, _, relation, data in graph.in_edges(node, keys=True, data=True):
        yield other, relation, "in", data


class Edge(NamedTuple):
    """One edge as seen from a node: the node at the other end and what the edge says."""

    other: dict  # describe() of the node at the other end: id, name, type
    relation: str
    direction: str  # "out" of the node or "in" to it
    count: int
    inferred: bool
    evidence: str  # the first evidence sentence, "" if none


# What a store answers for a neighbourhood: node ids -> the edges at each of them.
EdgesAt = Callable[[list[str]], dict[str, list[Edge]]]


def edge_order(edge: Edge) -> tuple:
    """Edges at a node are walked out-edges first, by neighbour id, then by relation type:
    so any store, whatever order it keeps edges in, gives the same answer."""
    rank = EDGE_TYPES.index(edge.relation) if edge.relation in EDGE_TYPES else len(EDGE_TYPES)
    return edge.direction != "out", edge.other["id"], rank, edge.relation


def embedded_edges(graph: nx.MultiDiGraph) -> EdgesAt:
    """EdgesAt for the embedded graph."""
    def edges_at(nodes: list[str]) -> dict[str, list[Edge]]:
        return {node: [Edge(describe(graph, other), relation, direction, data.get("count", 1),
                            bool(data.get("inferred")), (data.get("evidence") or [""])[0])
                       for other, relation, direction, data in edges_between(graph, node)]
                for node in nodes}
    return edges_at


def neighbors(graph: nx.MultiDiGraph, name: str, label: str | None = None, depth: int = 1,
              limit: int | None = None, types: list[str] | None = None) -> dict:
    """The nodes within `depth` hops of the node called `name`.

    Returns {"match": {...}, "neighbors": [{"name", "type", "relation", "direction",
    "depth", "via", "evidence", ...}]}: papers first, then by type and weight.
    At depth 1 an entity also gets the entities named in its papers (CO_OCCURS,
    `count` = papers shared): the methods and concepts around it.
    `types` keeps only neighbours of those labels; `limit` caps the list.
    """
    start = describe(graph, resolve(graph, name, label))
    return neighborhood(start, embedded_edges(graph), depth, limit, types)


def neighborhood(start: dict, edges_at: EdgesAt, depth: int = 1, limit: int | None = None,
                 types: list[str] | None = None) -> dict:
    """What `neighbors` returns, for the node `start` (id, name, type) of any store.

    In: the store's EdgesAt; `depth`, `limit` and `types` as for `neighbors`.
    Out: {"match": start, "neighbors": rows}, walked breadth-first in edge_order.
    """
    seen, rows, level = {start["id"]}, [], [start]
    for hops in range(1, depth + 1):
        if not level:
            break
        found = edges_at([node["id"] for node in level])
        reached = []
        for node in level:
            for edge in sorted(found[node["id"]], key=edge_order):
                if edge.other["id"] in seen:
                    continue
                seen.add(edge.other["id"])
                reached.append(edge.other)
                rows.append({**edge.other, "relation": edge.relation,
                             "direction": edge.direction, "depth": hops, "via": node["name"],
                             "count": edge.count, "inferred": edge.inferred,
                             "evidence": edge.evidence})
        level = reached
    if depth == 1 and start["type"] != PAPER:
        rows += co_occurring(found[start["id"]], seen, edges_at)
    if types:
        wanted = {t.lower() for t in types}
        rows = [row for row in rows if row["type"].lower() in wanted]
    rows.sort(key=lambda row: (row["depth"], row["type"] != PAPER, row["type"] == CONCEPT,
                               row["type"], -row["count"], row["name"].lower()))
    return {"match": start, "neighbors": rows[:limit] if limit else rows}


def co_occurring(start_edges: list[Edge], seen: set[str], edges_at: EdgesAt) -> list[dict]:
    """Entities named in the same papers as the node with edges `start_edges`, with how
    many papers they share (rows of `neighbors`, relation CO_OCCURS)."""
    papers = list({edge.other["id"]: edge.other for edge in sorted(start_edges, key=edge_order)
                   if edge.direction == "in" and edge.other["type"] == PAPER}.values())
    named = edges_at([paper["id"] for paper in papers])
    shared: dict[str, tuple[dict, list[str]]] = {}
    for paper in papers:
        others = {edge.other["id"]: edge.other for edge in sorted(named[paper["id"]],
                                                                  key=edge_order)
                  if edge.direction == "out" and edge.other["type"] in ENTITY_LABELS}
        for other_id, other in others.items():
            if other_id not in seen:
                shared.setdefault(other_id, (other, []))[1].append(paper["name"])
    return [{**other, "relation": CO_OCCURS, "direction": "both", "depth": 2,
             "via": titles[0], "count": len(titles), "inferred": True,
             "evidence": f"named together in {len(titles)} paper(s)"}
            for other, titles in shared.values()]
