// Every node of label _Label_, every property (kg load, kg export, subgraph).
MATCH (n:_Label_)
RETURN n
