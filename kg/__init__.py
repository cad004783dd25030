"""kg: a citation knowledge graph of research papers.

Reading order for newcomers: kg/inputs (files -> Paper), extract (Paper text ->
typed entities), kg/graph.py (extractions -> networkx graph), kg/store.py (the
store folder), kg/graphdb (a graph generation: LadybugDB + SQLite index),
kg/query (the questions, on either store), kg/api.py (`kg.open`), kg/cli/ (the
`kg` command).

    with kg.open() as graph:          # the store in .kg, or KG_STORE
        print(graph.neighbors("Muon").to_dict())
"""


def open(store=None, uri=None, user=None, password=None):  # noqa: A001 - kg.open
    """kg.api.open: the graph of a store, or of a Neo4j server when `uri` is given."""
    from kg.api import open as open_graph

    return open_graph(store, uri, user, password)
