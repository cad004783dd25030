// `kg neighbors` of an entity: the entities named in the same papers as the node
// $id (label _Label_) but not joined to it, with how many papers they share and the
// first of them (by id); of labels $labels; the $limit first in the order kg
// neighbors lists them. Aggregated here, so a frequent node sends few rows; each
// entity is checked for a join once, after the count.
MATCH (n:_Label_ {id: $id})<--(p:Paper)-->(other)
WHERE other.id <> $id AND labels(other)[0] IN $labels
WITH n, other, count(DISTINCT p) AS papers, min(p.id) AS first
WHERE NOT EXISTS { MATCH (n)--(other) }
RETURN other.id AS id, coalesce(other.name, other.id) AS name, labels(other)[0] AS type,
       papers AS count, first
ORDER BY type = "Concept", type, count DESC, toLower(name), id
LIMIT $limit
