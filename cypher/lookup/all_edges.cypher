// Every relationship of type _TYPE_ with its endpoints' ids (Neo4jBackend.edges; the
// embedded store is read by pages, edges_page_embedded).
MATCH (a)-[r:_TYPE_]->(b)
RETURN a.id AS start, b.id AS `end`, r
