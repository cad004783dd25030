"""Questions asked of the embedded graph: find a node by name, its neighbours,
one node in full, counts. Plain functions of a networkx graph, no spaCy.

The walk around a node (`neighborhood`) and the name matching are shared with the
Neo4j backend (kg.neo4j.query), which only fetches edges differently."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import NamedTuple

import networkx as nx

from kg.graph import count_by_label, count_by_type
from kg.model import (
    BUILDS_ON,
    CITES,
    CONCEPT,
    EDGE_TYPES,
    ENTITY_LABELS,
    PAPER,
    REFERENCE,
    name_key,
)
from kg.query.names import label_fits, lookup_keys, names_fit, node_names, preference  # noqa: F401

CO_OCCURS = "CO_OCCURS"  # derived at query time, never stored


class NotFound(Exception):
    """No node has that name; `suggestions` holds the closest names there are."""

    def __init__(self, name: str, suggestions: list[str]):
        super().__init__(f"no node named {name!r}")
        self.name, self.suggestions = name, suggestions












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


def show(graph: nx.MultiDiGraph, name: str, label: str | None = None) -> dict:
    """One node in full: its attributes, degree, and the edges at it with evidence."""
    node = resolve(graph, name, label)
    data = graph.nodes[node]
    edges = [{**describe(graph, other), "relation": relation, "direction": direction,
              "evidence": edge.get("evidence", [])}
             for other, relation, direction, edge in edges_between(graph, node)]
    attributes = {k: v for k, v in data.items() if k not in ("label", "name") and v not in
                  (None, [], "", False)}
    return {**describe(graph, node), **attributes, "degree": graph.degree(node), "edges": edges}


def stats(graph: nx.MultiDiGraph) -> dict:
    """Counts of nodes per label and edges per type: {"nodes": {...}, "edges": {...}}."""
    return {"nodes": count_by_label(graph), "edges": count_by_type(graph)}


# Paper-to-paper links: explicit citations and the inferred BUILDS_ON.
CITATION_RELATIONS = (CITES, BUILDS_ON)


class NoWork(NotFound):
    """No paper or reference has that name."""


def resolve_work(graph: nx.MultiDiGraph, name: str) -> str:
    """The id of the Paper (else the Reference) called `name`: a title, id or marker.

    Raises NoWork with the closest paper titles and reference names.
    """
    for label in (PAPER, REFERENCE):
        try:
            return resolve(graph, name, label)
        except NotFound:
            continue
    raise NoWork(name, suggestions(name, (data["name"] for _, data in graph.nodes(data=True)
                                          if data["label"] in (PAPER, REFERENCE))))


def citation_row(graph: nx.MultiDiGraph, other: str, data: dict) -> dict:
    """One link as `cites` and `cited_by` list it: the paper (or Reference) at the
    other end, the relation, whether it is inferred, and why it is there.

    `source` is the edge's `found_in`: "input" (a reference list), "in-text" (a
    marker in the abstract, kept in `marker`) or both; or "inferred" (BUILDS_ON,
    justified by the methods in `via`).
    """
    inferred = bool(data.get("inferred"))
    return {**describe(graph, other), "relation": data["type"], "inferred": inferred,
            "source": "inferred" if inferred else data.get("found_in", "input"),
            "marker": data.get("marker"), "via": data.get("via", []),
            "external": bool(graph.nodes[other].get("external")),
            "evidence": (data.get("evidence") or [""])[0]}


def citation_order(row: dict) -> tuple:
    """Explicit before inferred, papers before references, then by name: the order of
    `cites` and `cited_by` rows, whichever store they come from."""
    return row["inferred"], row["type"] != PAPER, row["name"].lower(), row["relation"], row["id"]


def cites(graph: nx.MultiDiGraph, name: str) -> dict:
    """What the paper called `name` cites, explicitly (CITES) or by inference (BUILDS_ON).

    In: a paper's title (any case) or id. Out: {"paper": {id, name, type}, "cites":
    [citation_row, ...]}. A Reference resolved to a paper is listed as that paper.
    """
    node = resolve_work(graph, name)
    rows = [citation_row(graph, other, data) for _, other, data in graph.out_edges(node, data=True)
            if data["type"] in CITATION_RELATIONS and not graph.nodes[other].get("resolves_to")]
    return {"paper": describe(graph, node), "cites": sorted(rows, key=citation_order)}


def cited_by(graph: nx.MultiDiGraph, name: str) -> dict:
    """The papers that cite the paper or Reference called `name`, or build on it.

    Out: {"paper": {id, name, type}, "cited_by": [citation_row, ...]}.
    """
    node = resolve_work(graph, name)
    rows = [citation_row(graph, other, data) for other, _, data in graph.in_edges(node, data=True)
            if data["type"] in CITATION_RELATIONS]
    return {"paper": describe(graph, node), "cited_by": sorted(rows, key=citation_order)}


def hop(graph: nx.MultiDiGraph, here: str, there: str) -> dict:
    """The step between two adjacent nodes, by the edge that best explains it:
    explicit before inferred, then the one the texts name most often, then an
    out-edge, then by type (as cypher/queries/path.cypher chooses)."""
    edges = [(data, "out") for data in (graph.get_edge_data(here, there) or {}).values()]
    edges += [(data, "in") for data in (graph.get_edge_data(there, here) or {}).values()]
    data, direction = min(edges, key=lambda edge: (bool(edge[0].get("inferred")),
                                                   -edge[0].get("count", 1),
                                                   edge[1] != "out", edge[0]["type"]))
    return {"from": describe(graph, here), "to": describe(graph, there),
            "relation": data["type"], "direction": direction,
            "inferred": bool(data.get("inferred")), "via": data.get("via", []),
            "evidence": (data.get("evidence") or [""])[0]}


def path(graph: nx.MultiDiGraph, source: str, target: str) -> dict:
    """The shortest chain of edges, each walked either way, between two named nodes.

    Out: {"source": {...}, "target": {...}, "hops": [hop, ...]}: each hop names its
    relation, its `direction` ("out": from -> to, "in": to -> from), whether it is
    inferred, and its evidence. `hops` is None when nothing joins the two.
    """
    start, end = resolve(graph, source), resolve(graph, target)
    ends = {"source": describe(graph, start), "target": describe(graph, end)}
    try:
        nodes = nx.shortest_path(graph.to_undirected(as_view=True), start, end)
    except nx.NetworkXNoPath:
        return {**ends, "hops": None}
    return {**ends, "hops": [hop(graph, here, there) for here, there in pairwise(nodes)]}


def pagerank(links: dict[str, list[str]], damping: float = 0.85,
             tolerance: float = 1e-10, rounds: int = 200) -> dict[str, float]:
    """PageRank by power iteration over node -> [nodes it links to] (repeats count).

    Plain Python so that neither store needs scipy; a node without links shares
    its rank with all. Nodes are summed in sorted order, so the ranks are the same
    to the last bit whatever order a store lists them in (equal ranks stay equal).
    Out: node -> rank, the ranks summing to 1.
    """
    nodes, count = sorted(links), len(links)
    rank = dict.fromkeys(nodes, 1 / count) if count else {}
    for _ in range(rounds):
        stranded = sum(rank[node] for node in nodes if not links[node])
        new = dict.fromkeys(nodes, (1 - damping) / count + damping * stranded / count)
        for node in nodes:
            for target in links[node]:
                new[target] += damping * rank[node] / len(links[node])
        change = sum(abs(new[node] - rank[node]) for node in nodes)
        rank = new
        if change < tolerance:
            break
    return rank


def top(graph: nx.MultiDiGraph, label: str | None = None, by: str = "degree",
        limit: int = 10) -> dict:
    """The most central nodes, of one label or of all.

    In: `by` "degree" (edges at the node) or "pagerank" (rank flows along edges:
    papers pass it to what they use, cite and build on). Out: {"by", "type", "top":
    [{"rank", "id", "name", "type", "score"}, ...]}, highest first.
    """
    if by == "pagerank":
        scores = pagerank({node: [end for _, end in graph.out_edges(node)] for node in graph})
    else:
        scores = dict(graph.degree())
    return ranking([describe(graph, node) for node in graph], scores, label, by, limit)


def ranking(nodes: list[dict], scores: dict[str, float], label: str | None, by: str,
            limit: int) -> dict:
    """The answer of `top` from nodes ({id, name, type}) and their scores by id: the
    `limit` best of type `label`, ties by name then id. Shared by both stores."""
    wanted = [node for node in nodes if label_fits(node["type"], label)]
    wanted.sort(key=lambda node: (-scores[node["id"]], node["name"].lower(), node["id"]))
    return {"by": by, "type": label,
            "top": [{"rank": rank, **node, "score": round(scores[node["id"]], 6)}
                    for rank, node in enumerate(wanted[:limit], start=1)]}
