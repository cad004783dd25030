// The nodes of label _Label_ with an id in $ids, every property (`kg show`, subgraphs).
UNWIND $ids AS wanted
MATCH (n:_Label_ {id: wanted})
RETURN n
