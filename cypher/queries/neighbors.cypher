// `kg neighbors` at depth 1: the nodes joined to the node $id (label _Label_), of
// labels $labels, in the order kg lists them (papers first, concepts last, then by
// type, by how often the texts name the link, by name), the first $limit of each
// direction; kg.query merges the two, keeps one edge per node and cuts at the limit.
MATCH (n:_Label_ {id: $id})-[r]->(other)
WHERE labels(other)[0] IN $labels
RETURN "out" AS direction, type(r) AS relation, other.id AS id,
       coalesce(other.name, other.id) AS name, labels(other)[0] AS type,
       coalesce(r.count, 1) AS count, coalesce(r.inferred, false) AS inferred,
       coalesce(r.evidence, []) AS evidence
ORDER BY type <> "Paper", type = "Concept", type, count DESC, toLower(name), id, relation
LIMIT $limit
UNION ALL
MATCH (n:_Label_ {id: $id})<-[r]-(other)
WHERE labels(other)[0] IN $labels
RETURN "in" AS direction, type(r) AS relation, other.id AS id,
       coalesce(other.name, other.id) AS name, labels(other)[0] AS type,
       coalesce(r.count, 1) AS count, coalesce(r.inferred, false) AS inferred,
       coalesce(r.evidence, []) AS evidence
ORDER BY type <> "Paper", type = "Concept", type, count DESC, toLower(name), id, relation
LIMIT $limit
