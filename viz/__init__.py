"""Interactive graph pages and notebook views of kg's graph.

    viz(graph, "Muon", "muon.html")     the subgraph around one node, one offline page
    viz_all(graph, "pages/")            pages/index.html: the corpus map, linking to a
                                        page for each of its top entities
                                        (graph: a store opened with kg.open)
    to_pyvis(subgraph)                  a pyvis Network (draws itself in Jupyter)
    Subgraph, HtmlResult                _repr_html_ for subgraphs and query results

Modules: subgraph (what to show), elements (nodes and edges as page data),
page (the HTML file), around (one node's page), overview (the corpus map),
network (pyvis), display (Jupyter views; imports nothing else of kg, so the
query layer can use it). Names here load on first use, for the same reason.
"""

from importlib import import_module

EXPORTS = {"select": "subgraph", "viz": "around", "viz_all": "overview",
           "to_pyvis": "network", "Subgraph": "display", "HtmlResult": "display"}
__all__ = sorted(EXPORTS)


def __getattr__(name: str):
    if name not in EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{EXPORTS[name]}"), name)
