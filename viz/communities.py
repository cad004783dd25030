"""Communities of the corpus: Louvain over the method–dataset–task graph, papers
placed in the community their methods, datasets and tasks belong to.

A plain function of the graph, no rendering: `find(graph)` -> Communities.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from kg.model import DATASET, METHOD, PAPER, TASK

MAP_LABELS = (METHOD, DATASET, TASK)
SEED = 7  # Louvain's seed: the same graph gives the same communities
NONE = -1  # the community of a paper that names no method, dataset or task


@dataclass
class Communities:
    """`of`: node id -> community rank (0 the largest; papers too, NONE for a paper
    naming no method, dataset or task); `members`: rank -> node ids, entities by
    papers naming them (most first), then papers; `names`: rank -> its top entity
    names, most named first."""

    of: dict[str, int] = field(default_factory=dict)
    members: dict[int, list[str]] = field(default_factory=dict)
    names: dict[int, list[str]] = field(default_factory=dict)


def name_of(graph: nx.MultiDiGraph, node: str) -> str:
    """A node's name; its id when it has none (a store may leave an empty name out)."""
    return graph.nodes[node].get("name") or node


def naming_papers(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """The ids of the papers with an edge to `node`."""
    return {p for p in graph.predecessors(node) if graph.nodes[p]["label"] == PAPER}


def entity_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The method–dataset–task graph: an edge between two such entities weighted by
    the papers naming both, plus the count of the graph's own edges between them.
    Built in sorted order, so what Louvain sees does not depend on the order the
    graph was built in."""
    entities = sorted(n for n, data in graph.nodes(data=True) if data["label"] in MAP_LABELS)
    simple = nx.Graph()
    simple.add_nodes_from(entities)

    def add(first: str, second: str, weight: int) -> None:
        old = simple.get_edge_data(first, second, {"weight": 0})["weight"]
        simple.add_edge(first, second, weight=old + weight)

    for paper, data in sorted(graph.nodes(data=True)):
        if data["label"] == PAPER:
            named = sorted({n for n in graph.successors(paper) if n in simple})
            for first, second in combinations(named, 2):
                add(first, second, 1)
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: e[:2]):
        if source in simple and target in simple and source != target:
            add(source, target, data.get("count", 1))
    return simple


def find(graph: nx.MultiDiGraph) -> Communities:
    """The communities of `graph` (see Communities). Entities: Louvain (fixed seed)
    over `entity_graph`, ranked by size, then by their most-named member. A paper
    joins the community it names most entities of (ties: the larger community)."""
    simple = entity_graph(graph)
    papers = {node: len(naming_papers(graph, node)) for node in simple}

    def by_weight(node: str) -> tuple:
        return -papers[node], name_of(graph, node).lower(), node

    found = [sorted(group, key=by_weight)
             for group in nx.community.louvain_communities(simple, weight="weight", seed=SEED)]
    found.sort(key=lambda group: (-len(group), by_weight(group[0])))
    result = Communities()
    for rank, group in enumerate(found):
        result.members[rank] = list(group)
        result.names[rank] = [name_of(graph, node) for node in group]
        result.of.update(dict.fromkeys(group, rank))
    for paper, data in sorted(graph.nodes(data=True)):
        if data["label"] != PAPER:
            continue
        votes = Counter(result.of[n] for n in graph.successors(paper) if n in simple)
        rank = min(votes, key=lambda r: (-votes[r], r)) if votes else NONE
        result.of[paper] = rank
        result.members.setdefault(rank, []).append(paper)
    return result
