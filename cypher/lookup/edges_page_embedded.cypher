// LadybugDB: one page of the relationships of type _TYPE_, those whose start node lies
// at an internal offset from $low to $high - 1 of its table (EmbeddedBackend.edges reads
// a whole type this way, page by page).
MATCH (a)-[r:_TYPE_]->(b)
WHERE offset(id(a)) >= $low AND offset(id(a)) < $high
RETURN a.id AS start, b.id AS `end`, r
