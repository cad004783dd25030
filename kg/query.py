"""Questions asked of the embedded graph: find a node by name, its neighbours,
one node in full, counts. Plain functions of a networkx graph, no spaCy."""

from __future__ import annotations

import difflib
from collections import deque

import networkx as nx

from kg.graph import count_by_label, count_by_type
from kg.model import CONCEPT, PAPER, name_key, normalize_title

# When a name fits several nodes, the more specific label wins.
LABEL_PREFERENCE = ("Method", "Dataset", "Task", "Metric", "Paper", "Concept", "Author",
                    "Reference")


CO_OCCURS = "CO_OCCURS"  # derived at query time, never stored


class NotFound(Exception):
    """No node has that name; `suggestions` holds the closest names there are."""

    def __init__(self, name: str, suggestions: list[str]):
        super().__init__(f"no node named {name!r}")
        self.name, self.suggestions = name, suggestions


def node_names(data: dict) -> list[str]:
    return [data.get("name", ""), *data.get("aliases", [])]


def resolve(graph: nx.MultiDiGraph, name: str, label: str | None = None) -> str:
    """The id of the node called `name` (any case, any alias, a paper's title or id).

    Raises NotFound with the closest names when there is none.
    """
    if name in graph and (label is None or graph.nodes[name]["label"] == label):
        return name
    key, title = name_key(name), normalize_title(name)
    found = [node for node, data in graph.nodes(data=True)
             if (label is None or data["label"].lower() == label.lower())
             and (any(name_key(n) == key for n in node_names(data))
                  or data["label"] == PAPER and normalize_title(data["name"]) == title)]
    if found:
        return min(found, key=lambda n: (LABEL_PREFERENCE.index(graph.nodes[n]["label"])
                                         if graph.nodes[n]["label"] in LABEL_PREFERENCE else 99,
                                         -graph.degree(n)))
    names = {n: None for _, data in graph.nodes(data=True) for n in node_names(data) if n}
    close = difflib.get_close_matches(name, list(names), n=5, cutoff=0.6)
    close += [n for n in names if key and key in name_key(n) and n not in close][:5 - len(close)]
    raise NotFound(name, close)


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


def neighbors(graph: nx.MultiDiGraph, name: str, label: str | None = None, depth: int = 1,
              limit: int | None = None, types: list[str] | None = None) -> dict:
    """The nodes within `depth` hops of the node called `name`.

    Returns {"match": {...}, "neighbors": [{"name", "type", "relation", "direction",
    "depth", "via", "evidence", ...}]}: papers first, then by type and weight.
    At depth 1 an entity also gets the entities named in its papers (CO_OCCURS,
    `count` = papers shared): the methods and concepts around it.
    `types` keeps only neighbours of those labels; `limit` caps the list.
    """
    start = resolve(graph, name, label)
    seen, rows = {start}, []
    queue = deque([(start, 0)])
    while queue:
        node, hops = queue.popleft()
        if hops == depth:
            continue
        for other, relation, direction, data in edges_between(graph, node):
            if other in seen:
                continue
            seen.add(other)
            queue.append((other, hops + 1))
            rows.append({**describe(graph, other), "relation": relation, "direction": direction,
                         "depth": hops + 1, "via": graph.nodes[node].get("name", node),
                         "count": data.get("count", 1), "inferred": bool(data.get("inferred")),
                         "evidence": (data.get("evidence") or [""])[0]})
    if depth == 1 and graph.nodes[start]["label"] != PAPER:
        rows += co_occurring(graph, start, seen)
    if types:
        wanted = {t.lower() for t in types}
        rows = [row for row in rows if row["type"].lower() in wanted]
    rows.sort(key=lambda row: (row["depth"], row["type"] != PAPER, row["type"] == CONCEPT,
                               row["type"], -row["count"], row["name"].lower()))
    return {"match": describe(graph, start), "neighbors": rows[:limit] if limit else rows}


def co_occurring(graph: nx.MultiDiGraph, node: str, seen: set[str]) -> list[dict]:
    """Entities named in the same papers as `node`, with how many papers they share."""
    shared: dict[str, list[str]] = {}
    for paper in graph.predecessors(node):
        if graph.nodes[paper]["label"] != PAPER:
            continue
        for other in graph.successors(paper):
            if other not in seen and graph.nodes[other]["label"] != PAPER:
                shared.setdefault(other, []).append(graph.nodes[paper]["name"])
    return [{**describe(graph, other), "relation": CO_OCCURS, "direction": "both", "depth": 2,
             "via": papers[0], "count": len(papers), "inferred": True,
             "evidence": f"named together in {len(papers)} paper(s)"}
            for other, papers in shared.items()]


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
