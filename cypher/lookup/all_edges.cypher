// Every relationship of type _TYPE_ with its endpoints' ids.
MATCH (a)-[r:_TYPE_]->(b)
RETURN a.id AS start, b.id AS `end`, r
