// LadybugDB: the kg ids of the nodes of label _Label_ at internal offsets $low to $high
// (for many relationship ends at once: one pass over the table, no list to check).
MATCH (n:_Label_)
WHERE offset(id(n)) >= $low AND offset(id(n)) <= $high
RETURN offset(id(n)) AS offset, n.id AS id
