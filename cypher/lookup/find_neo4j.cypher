// Neo4j: the nodes whose id or one of whose lookup keys (kg.query.names.lookup_keys,
// stored by `kg load` as `keys`) is a term of $query: quoted whole values, OR-ed, for
// the kg_keys index (keyword analyzer: a value is one term, matched exactly).
CALL db.index.fulltext.queryNodes("kg_keys", $query) YIELD node
RETURN node.id AS id, labels(node)[0] AS label
