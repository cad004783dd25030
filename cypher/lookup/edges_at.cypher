// The edges at the node $id of label _Label_ (`kg show`), the first $limit of each
// direction by the id at the other end, then the relation; kg.query puts them in
// its edge order (out before in, by id, by relation).
MATCH (n:_Label_ {id: $id})-[r]->(other)
RETURN "out" AS direction, type(r) AS relation, other.id AS id,
       coalesce(other.name, other.id) AS name, labels(other)[0] AS type,
       coalesce(r.evidence, []) AS evidence
ORDER BY id, relation
LIMIT $limit
UNION ALL
MATCH (n:_Label_ {id: $id})<-[r]-(other)
RETURN "in" AS direction, type(r) AS relation, other.id AS id,
       coalesce(other.name, other.id) AS name, labels(other)[0] AS type,
       coalesce(r.evidence, []) AS evidence
ORDER BY id, relation
LIMIT $limit
