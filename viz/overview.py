"""The corpus overview: index.html with the top methods, datasets and concepts by
degree, coloured by community, linking to a page for each of them."""

from __future__ import annotations

import html
import re
from collections import Counter
from itertools import combinations
from pathlib import Path

import networkx as nx
from kg.viz.around import viz
from kg.viz.elements import OTHER_STYLE, edge_item, node_item, type_legend
from kg.viz.page import write_page

from kg.graph import count_by_label
from kg.model import CONCEPT, DATASET, METHOD, PAPER
from kg.query import CO_OCCURS

OVERVIEW_LABELS = (METHOD, DATASET, CONCEPT)
TOP = 10  # entities per label
MIN_SHARED = 2  # papers two entities must share to be linked on the overview
COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
                     "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#8c564b")
UNGROUPED = OTHER_STYLE[0]
NAMED_MEMBERS = 3  # names listed per community in the legend


def top_entities(graph: nx.MultiDiGraph, top: int = TOP) -> dict[str, list[str]]:
    """For each overview label, the ids of its `top` nodes by degree (then name)."""
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), graph.nodes[n]["name"].lower()))
    return {label: [n for n in ranked if graph.nodes[n]["label"] == label][:top]
            for label in OVERVIEW_LABELS}


def communities(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Node id -> its community (Louvain over the undirected graph, weighted by edge
    count; 0 is the largest community). Deterministic: the seed is fixed."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    for source, target, data in graph.edges(data=True):
        weight = simple.get_edge_data(source, target, {"weight": 0})["weight"]
        simple.add_edge(source, target, weight=weight + data.get("count", 1))
    found = sorted(nx.community.louvain_communities(simple, seed=7), key=len, reverse=True)
    return {node: rank for rank, members in enumerate(found) for node in members}


def naming_papers(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """The ids of the papers with an edge to `node`."""
    return {p for p in graph.predecessors(node) if graph.nodes[p]["label"] == PAPER}


def overview_edges(graph: nx.MultiDiGraph, nodes: list[str]) -> list[dict]:
    """Page edges between `nodes`: the graph's own, and CO_OCCURS (undirected, weight =
    papers naming both) for pairs that share at least MIN_SHARED papers."""
    edges = [edge_item(graph, source, target, relation, data)
             for source, target, relation, data in graph.subgraph(nodes).edges(keys=True,
                                                                                data=True)]
    papers = {node: naming_papers(graph, node) for node in nodes}
    for first, second in combinations(nodes, 2):
        both = papers[first] & papers[second]
        if len(both) >= MIN_SHARED:
            example = graph.nodes[min(both)]["name"]
            edges.append(edge_item(graph, first, second, CO_OCCURS, {
                "count": len(both), "inferred": True,
                "evidence": [f"Named together in {len(both)} papers, e.g. “{example}”."]}))
    return edges


def page_names(nodes: list[str]) -> dict[str, str]:
    """A distinct, file-name-safe page name per node id ('method:muon' -> 'method-muon.html')."""
    names: dict[str, str] = {}
    for node in nodes:
        stem = re.sub(r"[^a-z0-9]+", "-", node.lower()).strip("-") or "node"
        name, n = f"{stem}.html", 1
        while name in names.values():
            n += 1
            name = f"{stem}-{n}.html"
        names[node] = name
    return names


def index_aside(graph: nx.MultiDiGraph, top: dict[str, list[str]], pages: dict[str, str]) -> str:
    """The overview's side panel as escaped HTML: corpus counts and the ranked links."""
    counts = ", ".join(f"{label} {n}" for label, n in count_by_label(graph).items())
    parts = [f"<section><h2>Corpus</h2><p>{html.escape(counts)}</p></section>"]
    for label, nodes in top.items():
        rows = "".join(f'<li><a href="{html.escape(pages[node])}">'
                       f'{html.escape(graph.nodes[node]["name"])}</a> '
                       f'<span class="kind">degree {graph.degree(node)}</span></li>'
                       for node in nodes)
        parts.append(f"<section><h2>Top {html.escape(label.lower())}s</h2><ol>{rows}</ol>"
                     "</section>")
    return "\n".join(parts)


def community_colours(graph: nx.MultiDiGraph, nodes: list[str],
                      community: dict[str, int]) -> tuple[dict[str, str], list[dict]]:
    """A colour per node of `nodes`, and legend rows {color, text}: each community that
    two or more of them share gets its own colour (largest first, while colours last);
    the others are grey."""
    counts = Counter(community[node] for node in nodes)
    shared = [rank for rank, n in counts.most_common() if n > 1][:len(COMMUNITY_COLOURS)]
    colour = {rank: COMMUNITY_COLOURS[i] for i, rank in enumerate(shared)}
    legend = [{"color": colour[rank],
               "text": ", ".join([graph.nodes[n]["name"] for n in nodes
                                  if community[n] == rank][:NAMED_MEMBERS])
               + (" …" if counts[rank] > NAMED_MEMBERS else "")} for rank in shared]
    if len(shared) < len(counts):
        legend.append({"color": UNGROUPED, "text": "the only one of its community here"})
    return {node: colour.get(community[node], UNGROUPED) for node in nodes}, legend


def viz_all(graph: nx.MultiDiGraph, directory: str | Path, top: int = TOP) -> Path:
    """Write DIR/index.html (the overview) and one page per top entity; return the index.

    In: the corpus graph, the folder to write, how many entities of each of
    Method, Dataset and Concept to rank. Out: the path of index.html.
    """
    directory = Path(directory)
    ranked = top_entities(graph, top)
    nodes = [node for group in ranked.values() for node in group]
    pages = page_names(nodes)
    colours, community_legend = community_colours(graph, nodes, communities(graph))
    items = [node_item(graph, node, graph.degree(node), colours[node]) | {"page": pages[node]}
             for node in nodes]
    data = {"nodes": items, "edges": overview_edges(graph, nodes),
            "legend": {"types": type_legend({graph.nodes[n]["label"] for n in nodes},
                                            coloured=False),
                       "groups": community_legend,
                       "size": "Node size: its degree in the whole graph. Colour: its community."}}
    for node in nodes:
        viz(graph, node, directory / pages[node], home="index.html")
    return write_page(directory / "index.html", "Corpus overview", data,
                      index_aside(graph, ranked, pages))
