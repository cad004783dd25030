// LadybugDB: one page of the nodes of label _Label_, those at internal offsets $low to
// $high - 1 (EmbeddedBackend.nodes reads a whole label this way, page by page).
MATCH (n:_Label_)
WHERE offset(id(n)) >= $low AND offset(id(n)) < $high
RETURN n
