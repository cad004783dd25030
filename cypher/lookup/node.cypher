// The nodes of label _Label_ with an id in $ids, every property (`kg show`, subgraphs).
MATCH (n:_Label_)
WHERE n.id IN $ids
RETURN n
