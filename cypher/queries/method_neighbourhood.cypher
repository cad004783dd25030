// Neighbourhood of a method: the papers that propose or use it, its variants and
// what it builds on, strongest links first. Returns nodes and relationships, so
// Neo4j Browser draws them as a graph.
// Params: $method (name or alias, any case), $limit. Runs on both stores.
// :param method => "Muon"
// :param limit => 25
MATCH (m:Method)
WHERE toLower($method) IN m.keys
MATCH (m)-[r]-(other)
RETURN m AS method, r AS relationship, other
ORDER BY labels(other)[0] = "Paper" DESC, r.count DESC, other.name, other.id, type(r)
LIMIT $limit
