"""kg: a citation knowledge graph of research papers.

Reading order for newcomers: kg/inputs (files -> Paper), extract (Paper text ->
typed entities), kg/graph.py (extractions -> networkx graph), kg/store.py (graph
<-> .kg/), kg/query.py (questions), kg/cli/ (the `kg` command).
"""
