"""kg subgraphs as pyvis Networks, for Python users and notebooks.

    net = to_pyvis(kg.open().subgraph("Muon"))   a pyvis.network.Network
    net                                           as a cell's last value it draws itself
    net.show_buttons(filter_=["physics"])         pyvis's own API works as usual
    net.write_html("muon.html")                   one offline file (cdn_resources="in_line")
"""

from __future__ import annotations

import html
import math

import networkx as nx
from kg.viz.display import FRAME_HEIGHT, frame
from kg.viz.elements import OTHER_STYLE, STYLE, shorten
from pyvis.network import Network

from kg.model import PAPER

NETWORK_DEFAULTS = {"height": "600px", "width": "100%", "directed": True,
                    "cdn_resources": "in_line"}
MIN_SIZE, SIZE_STEP = 8, 4  # node size: MIN_SIZE + SIZE_STEP * sqrt(degree)
MAX_WIDTH = 8  # edge width: 1 + its weight, at most this
ABSTRACT_SNIPPET = 280  # characters of an abstract in hover text


class KgNetwork(Network):
    """A pyvis Network that draws itself as a notebook cell's value (offline: the
    page, with vis-network inlined, in a sandboxed frame)."""

    def _repr_html_(self) -> str:
        height = str(self.height)
        pixels = int(height[:-2]) + 20 if height.endswith("px") else FRAME_HEIGHT
        return frame(self.generate_html(), pixels)


def hover_text(data: dict, degree: int) -> str:
    """A node's hover text, HTML-escaped (pyvis puts titles into its page as HTML as
    soon as any title holds a link): name, type and degree, aliases, year, and the
    start of a paper's abstract, one per line."""
    lines = [data.get("title") or data.get("name") or "",
             f"{data.get('label', '')} · degree {degree}"]
    if data.get("aliases"):
        lines.append("aliases: " + ", ".join(data["aliases"]))
    if data.get("year"):
        lines.append(f"year: {data['year']}")
    if data.get("abstract"):
        lines.append(shorten(data["abstract"], ABSTRACT_SNIPPET))
    return html.escape("\n".join(lines))


def edge_text(relation: str, data: dict) -> str:
    """An edge's hover text, HTML-escaped: relation, weight, inferred or not, and its
    first evidence sentence."""
    lines = [f"{relation} (weight {data.get('count', 1)})"]
    if data.get("inferred"):
        lines.append("inferred")
    if data.get("evidence"):
        lines.append(f"“{data['evidence'][0]}”")
    return html.escape("\n".join(lines))


def to_pyvis(subgraph: nx.MultiDiGraph, **options) -> KgNetwork:
    """A pyvis Network of `subgraph`.

    In: a kg subgraph (kg.open().subgraph(...), kg.viz.select(...)): node attributes
    label, name, aliases, paper fields; edge keys are relations, attributes count,
    evidence, inferred. `options` go to pyvis.network.Network (defaults: height
    600px, width 100%, directed, cdn_resources="in_line"; notebook=True works).
    Out: a KgNetwork (a pyvis Network) with kg's node ids, labelled with names
    (papers with their titles, shortened), grouped by type (`group`; vis-network's
    `groups` option gives each type kg's page colour, the node its shape), sized
    by degree in `subgraph`, with escaped hover text; edges as wide as their
    weight, inferred ones dashed. The subgraph's `center` node, if it has one,
    has a thick border.
    """
    net = KgNetwork(**(NETWORK_DEFAULTS | options))
    labels = {data.get("label", "") for _, data in subgraph.nodes(data=True)}
    net.options.groups = {label: {"color": STYLE.get(label, OTHER_STYLE)[0]} for label in labels}
    center = subgraph.graph.get("center")
    for node, data in subgraph.nodes(data=True):
        label = data.get("label", "")
        degree = subgraph.degree(node)
        name = (data.get("title") if label == PAPER else None) or data.get("name") or node
        net.add_node(node, label=shorten(name), shape=STYLE.get(label, OTHER_STYLE)[1], group=label,
                     size=round(MIN_SIZE + SIZE_STEP * math.sqrt(degree), 1),
                     title=hover_text(data, degree), borderWidth=4 if node == center else 1)
    for source, target, relation, data in subgraph.edges(keys=True, data=True):
        net.add_edge(source, target, title=edge_text(data.get("type", relation), data),
                     width=min(1 + data.get("count", 1), MAX_WIDTH),
                     dashes=bool(data.get("inferred")))
    return net
