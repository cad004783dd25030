// The edges from nodes of label _Label_ with an id in $ids to any node with an id
// in $members: the edges of a subgraph.
UNWIND $ids AS wanted
MATCH (a:_Label_ {id: wanted})-[r]->(b)
WHERE b.id IN $members
RETURN a.id AS start, b.id AS `end`, r
