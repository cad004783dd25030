// Every node of label _Label_, every property (Neo4jBackend.nodes: kg load, kg export and
// subgraph() read the embedded store by pages, nodes_page_embedded).
MATCH (n:_Label_)
RETURN n
