"""The corpus map: DIR/index.html draws every paper, method, dataset and task, placed
and coloured by community (viz.communities), with the rest of the corpus (concepts,
metrics, authors, references) one search away; it links to a page for each top
entity. All pages of the folder share one copy of the scripts (viz.page.SHARED)."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from statistics import median

import networkx as nx
from kg.viz import communities, map_layout
from kg.viz.around import viz
from kg.viz.elements import OTHER_STYLE, abridge, edge_item, node_item, type_legend
from kg.viz.page import write_page, write_scripts

from kg.model import CONCEPT, DATASET, METHOD, NODE_LABELS, PAPER
from kg.query import Graph

PAGE_LABELS = (METHOD, DATASET, CONCEPT)  # the top entities that get a page of their own
TOP = 10  # entities per label with a page
COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
                     "#b07aa1", "#ff9da7", "#9c755f", "#17becf", "#1f77b4", "#8c564b")
SMALL = OTHER_STYLE[0]  # the colour of the communities past the coloured ones
UNPLACED = "#e8e8e8"  # papers that name no method, dataset or task
NAMED_MEMBERS = 3  # names given per community in the legend
YEAR_COLOURS = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")  # viridis, old to new


def top_entities(graph: nx.MultiDiGraph, top: int = TOP) -> dict[str, list[str]]:
    """For each of PAGE_LABELS, the ids of its `top` nodes by degree (then name)."""
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n),
                                                communities.name_of(graph, n).lower(), n))
    return {label: [n for n in ranked if graph.nodes[n]["label"] == label][:top]
            for label in PAGE_LABELS}


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


def community_colours(found: communities.Communities) -> dict[int, str]:
    """A colour per community: the largest ones with two or more members get their own,
    while colours last; the rest share grey, papers naming no entity a lighter one."""
    big = [rank for rank, members in sorted(found.members.items())
           if rank != communities.NONE and len(members) > 1][:len(COMMUNITY_COLOURS)]
    colours = dict.fromkeys(found.members, SMALL) | {communities.NONE: UNPLACED}
    return colours | {rank: COMMUNITY_COLOURS[i] for i, rank in enumerate(big)}


def community_legend(found: communities.Communities, colours: dict[int, str]) -> list[dict]:
    """Legend rows {color, text, members}: one per coloured community, named by its
    top entities, then one for the grey ones and one for the unplaced papers."""
    rows, grey = [], []
    for rank, members in sorted(found.members.items()):
        if rank == communities.NONE:
            continue
        if colours[rank] == SMALL:
            grey.extend(members)
            continue
        names = found.names[rank]
        text = ", ".join(names[:NAMED_MEMBERS]) + (" …" if len(names) > NAMED_MEMBERS else "")
        rows.append({"color": colours[rank], "text": f"{text} ({len(members)})",
                     "members": members})
    if grey:
        small = len(colours) - len(rows) - (communities.NONE in found.members)
        rows.append({"color": SMALL, "text": f"{small} smaller communities ({len(grey)})",
                     "members": grey})
    if unplaced := found.members.get(communities.NONE):
        rows.append({"color": UNPLACED, "members": unplaced,
                     "text": f"papers naming no method, dataset or task ({len(unplaced)})"})
    return rows


def year_colours(graph: nx.MultiDiGraph, nodes: list[str]) -> tuple[dict[str, str], dict]:
    """Node id -> a colour for its year (a paper's own, an entity's the median of its
    papers'), and the legend's {"from", "to", "colors"}; empty when no paper has one."""
    years = {n: graph.nodes[n]["year"] for n in nodes
             if graph.nodes[n]["label"] == PAPER and graph.nodes[n].get("year")}
    if not years:
        return {}, {}
    for node in nodes:
        if node not in years:
            theirs = [years[p] for p in communities.naming_papers(graph, node) if p in years]
            if theirs:
                years[node] = median(theirs)
    first, last = min(years.values()), max(years.values())
    span = max(last - first, 1)
    return ({n: YEAR_COLOURS[round((y - first) / span * (len(YEAR_COLOURS) - 1))]
             for n, y in years.items()},
            {"from": first, "to": last, "colors": list(YEAR_COLOURS)})


def index_aside(graph: nx.MultiDiGraph, top: dict[str, list[str]], pages: dict[str, str]) -> str:
    """The map's side panel as escaped HTML: corpus counts and the ranked links."""
    counts = Counter(data["label"] for _, data in graph.nodes(data=True))
    text = ", ".join(f"{label} {counts[label]}" for label in NODE_LABELS if counts[label])
    parts = [f"<section><h2>Corpus</h2><p>{html.escape(text)}</p></section>"]
    for label, nodes in top.items():
        rows = "".join(f'<li><a href="{html.escape(pages[node])}">'
                       f'{html.escape(communities.name_of(graph, node))}</a> '
                       f'<span class="kind">degree {graph.degree(node)}</span></li>'
                       for node in nodes)
        parts.append(f"<section><h2>Top {html.escape(label.lower())}s</h2><ol>{rows}</ol>"
                     "</section>")
    return "\n".join(parts)


def in_sorted_order(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with its nodes and edges in sorted order: Louvain and the layout
    then depend on the graph only, not on the order a store listed it in."""
    ordered = nx.MultiDiGraph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: item[0]))
    ordered.add_edges_from(sorted(graph.edges(keys=True, data=True),
                                  key=lambda edge: (edge[0], edge[1], edge[2])))
    return ordered


def map_data(graph: nx.MultiDiGraph, pages: dict[str, str]) -> dict:
    """The map's page data: every node of `graph` (the rest hidden until searched for
    or ticked in the legend), placed and coloured by community, in label priority;
    abridged (viz.elements.abridge), so the map of a corpus stays small."""
    graph = in_sorted_order(graph)
    found = communities.find(graph)
    places = map_layout.place(graph, found.members)
    for node in graph:
        if node not in places:
            places[node] = map_layout.near(graph, node, places)
    colours = community_colours(found)
    named = {members[0] for rank, members in found.members.items()
             if colours[rank] not in (SMALL, UNPLACED)}

    def rank(node: str) -> tuple:
        """Label priority: each coloured community's top name, the other methods,
        datasets and tasks, papers, the rest; busiest first."""
        kind = 0 if node in named else 3 if node not in found.of else \
            2 if graph.nodes[node]["label"] == PAPER else 1
        return kind, -graph.degree(node), node

    order = sorted(graph, key=rank)
    by_year, years = year_colours(graph, order)
    items = []
    for node in order:
        colour = colours[found.of[node]] if node in found.of else OTHER_STYLE[0]
        x, y = places[node]
        item = node_item(graph, node, graph.degree(node), colour) | {"x": x, "y": y}
        if node in by_year:
            item["yearColor"] = by_year[node]
        if node in pages:
            item["page"] = pages[node]
        items.append(item)
    shown = {graph.nodes[n]["label"] for n in found.of}
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    legend = {"types": type_legend(labels, coloured=False), "hidden": sorted(labels - shown),
              "groups": community_legend(found, colours),
              "size": "Node size: its degree. Colour: its community (Louvain over the "
                      "method–dataset–task graph); a paper sits in the community it names "
                      "most of. Unticked types are one search away."}
    if years:
        legend["years"] = years
    edges = [edge_item(source, target, relation, data)
             for source, target, relation, data in graph.edges(keys=True, data=True)]
    abridge(items, edges)
    return {"nodes": items, "edges": edges, "legend": legend}


def viz_all(store: Graph, directory: str | Path, top: int = TOP) -> Path:
    """Write DIR/index.html (the corpus map), one page per top entity, and the scripts
    they share; return the index's path.

    In: a store opened with kg.open, the folder to write, how many entities of each
    of PAGE_LABELS get a page. Out: the path of index.html.
    """
    directory = Path(directory)
    graph = store.subgraph()  # the map shows every node
    ranked = top_entities(graph, top)
    pages = page_names([node for group in ranked.values() for node in group])
    write_scripts(directory)
    for node, page in pages.items():
        viz(store, node, directory / page, home="index.html", shared=True, brief=True)
    return write_page(directory / "index.html", "Corpus map", map_data(graph, pages),
                      index_aside(graph, ranked, pages), shared=True)
