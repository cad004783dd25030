// The edges at each node of label _Label_ with an id in $ids, with the node at the
// other end: `direction` "out" of the node or "in" to it. `evidence` is the list of
// sentences (kg.query takes the first; list indexing differs between the stores).
UNWIND $ids AS wanted
MATCH (n:_Label_ {id: wanted})-[r]->(other)
RETURN n.id AS node, "out" AS direction, type(r) AS relation, other.id AS id,
       coalesce(other.name, other.id) AS name, labels(other)[0] AS type,
       coalesce(r.count, 1) AS count, coalesce(r.inferred, false) AS inferred,
       coalesce(r.evidence, []) AS evidence
UNION ALL
UNWIND $ids AS wanted
MATCH (n:_Label_ {id: wanted})<-[r]-(other)
RETURN n.id AS node, "in" AS direction, type(r) AS relation, other.id AS id,
       coalesce(other.name, other.id) AS name, labels(other)[0] AS type,
       coalesce(r.count, 1) AS count, coalesce(r.inferred, false) AS inferred,
       coalesce(r.evidence, []) AS evidence
