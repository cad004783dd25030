// Neo4j: the nodes whose id is $name or with a lookup key (kg.query.names.lookup_keys,
// stored by `kg load` as `keys`) in $keys.
MATCH (n)
WHERE n.id = $name OR any(key IN $keys WHERE key IN n.keys)
RETURN n.id AS id, labels(n)[0] AS label
