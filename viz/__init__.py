"""Interactive, self-contained HTML pages of the graph (vis-network inlined, no network).

    viz(graph, "Muon", "muon.html")     the subgraph around one node
    viz_all(graph, "pages/")            pages/index.html: the corpus overview, linking
                                        to a page for each of its top entities

Modules: subgraph (what to show), elements (nodes and edges as page data),
page (the self-contained HTML file), around (one node's page), overview (the index).
"""

from kg.viz.around import viz
from kg.viz.overview import viz_all
from kg.viz.subgraph import select

__all__ = ["select", "viz", "viz_all"]
