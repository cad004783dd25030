"""What the page draws: nodes and edges of a graph as plain dicts for the page's script.

Only data goes out (names, facts, sentences), never HTML: the page puts every
string into the DOM as text. Style per node type (colour, shape) and the colour of
citation edges live here.
"""

from __future__ import annotations

from pathlib import PurePath

import networkx as nx

from kg.model import BUILDS_ON, CITES, NODE_LABELS, PAPER
from kg.query import CO_OCCURS

# Colour and vis-network shape per node label.
STYLE = {"Paper": ("#4e79a7", "square"), "Method": ("#e15759", "dot"),
         "Dataset": ("#59a14f", "diamond"), "Task": ("#f28e2b", "triangle"),
         "Metric": ("#b07aa1", "triangleDown"), "Concept": ("#9c9c9c", "hexagon"),
         "Author": ("#edc948", "star"), "Reference": ("#bab0ac", "dot")}
OTHER_STYLE = ("#cccccc", "dot")
# Paper-to-paper links have a colour of their own (the rest are grey): explicit CITES
# drawn solid, the inferred BUILDS_ON dashed like every inferred edge.
CITATION_COLOUR = "#17807e"
EDGE_COLOURS = {CITES: CITATION_COLOUR, BUILDS_ON: CITATION_COLOUR}
LABEL_ORDER = {label: rank for rank, label in enumerate(NODE_LABELS)}
LABEL_WIDTH = 32  # characters of a name shown on the node; the tooltip has all of it
SHOWN_AUTHORS = 3
BRIEF_ABSTRACT = 400  # characters of an abstract on abridged pages (the tooltip shows 280)


def shorten(text: str, width: int = LABEL_WIDTH) -> str:
    """`text` cut at a word boundary to at most `width` characters, with … when cut."""
    if len(text) <= width:
        return text
    cut = text[:width - 1].rsplit(" ", 1)[0] if " " in text[:width - 1] else text[:width - 1]
    return cut.rstrip(" ,.:;-") + "…"


def short_source(source: str) -> str:
    """'/a/b/data/hf-trending/000_x.txt:11' -> 'hf-trending/000_x.txt:11'."""
    path = PurePath(source)
    return str(PurePath(path.parent.name, path.name)) if path.parent.name else source


def facts(data: dict, degree: int) -> list[list[str]]:
    """[label, text] pairs shown under a node's name: where it comes from, aliases, degree."""
    rows = []
    if sources := data.get("sources"):
        more = f" (+{len(sources) - 1} more)" if len(sources) > 1 else ""
        rows.append(["source", short_source(sources[0]) + more])
    if data.get("url"):
        rows.append(["url", data["url"]])
    if data.get("year"):
        rows.append(["year", str(data["year"])])
    if authors := data.get("authors"):
        more = " et al." if len(authors) > SHOWN_AUTHORS else ""
        rows.append(["authors", ", ".join(authors[:SHOWN_AUTHORS]) + more])
    if data.get("aliases"):
        rows.append(["aliases", ", ".join(data["aliases"])])
    return [*rows, ["degree", str(degree)]]


def node_item(graph: nx.MultiDiGraph, node: str, size: int, colour: str | None = None) -> dict:
    """One node of `graph` for the page: id, short label, full name, type, shape,
    colour, `size` (vis scales it), facts (its `degree` in the whole graph as the
    store keeps it, else its degree in `graph`), aliases (searched too), and for
    papers the abstract. `colour` overrides the type's colour (the corpus map
    colours by community)."""
    data = graph.nodes[node]
    label = data.get("label", "")
    name = data.get("title") or data.get("name") or node
    type_colour, shape = STYLE.get(label, OTHER_STYLE)
    degree = data.get("degree", graph.degree(node))
    item = {"id": node, "label": shorten(name), "name": name, "type": label, "shape": shape,
            "color": colour or type_colour, "value": size, "facts": facts(data, degree)}
    if data.get("aliases"):
        item["aliases"] = list(data["aliases"])
    if label == PAPER:
        item["abstract"] = data.get("abstract") or ""
    return item


def edge_item(source: str, target: str, relation: str, data: dict) -> dict:
    """One edge for the page: ends, relation, weight (`value`, its `count`), evidence
    sentences; only when they hold:
    "dashes" (inferred), "directed": False (CO_OCCURS), "color" (citations have
    their own; others the page's grey), "via" (the methods it goes by)."""
    item = {"from": source, "to": target, "relation": relation, "value": data.get("count", 1),
            "evidence": list(data.get("evidence") or [])}
    if data.get("inferred"):
        item["dashes"] = True
    if relation == CO_OCCURS:
        item["directed"] = False
    if relation in EDGE_COLOURS:
        item["color"] = EDGE_COLOURS[relation]
    if data.get("via"):
        item["via"] = list(data["via"])
    return item


def graph_items(sub: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """The nodes and edges of `sub` (a subgraph the store gave) as page items, in its
    order; a node is sized by its degree in `sub`, its facts give its degree in the
    whole graph (as the store keeps it)."""
    nodes = [node_item(sub, node, sub.degree(node)) for node in sub]
    edges = [edge_item(source, target, relation, data)
             for source, target, relation, data in sub.edges(keys=True, data=True)]
    return nodes, edges


def abridge(nodes: list[dict], edges: list[dict]) -> None:
    """Shorten page items in place, for pages that come by the dozen: an abstract to
    BRIEF_ABSTRACT characters, an edge's evidence to its first sentence, and none
    for a paper naming an entity (that sentence is in the paper's abstract)."""
    papers = {node["id"] for node in nodes if node["type"] == PAPER}
    for node in nodes:
        if node.get("abstract"):
            node["abstract"] = shorten(node["abstract"], BRIEF_ABSTRACT)
    for edge in edges:
        named = edge["from"] in papers and edge["to"] not in papers
        edge["evidence"] = edge["evidence"][:0 if named else 1]


def type_legend(labels: set[str], coloured: bool = True) -> list[dict]:
    """Legend rows for the node types present, in the model's order: type, shape, colour
    (grey when colour means something else on the page)."""
    return [{"type": label, "shape": STYLE.get(label, OTHER_STYLE)[1],
             "color": STYLE.get(label, OTHER_STYLE)[0] if coloured else OTHER_STYLE[0]}
            for label in sorted(labels, key=lambda x: (LABEL_ORDER.get(x, len(LABEL_ORDER)), x))]
