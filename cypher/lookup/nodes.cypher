// The nodes of label _Label_ with an id in $ids, as kg shows a node found by name.
// `_Label_` is one of kg.model.NODE_LABELS (kg.neo4j.cypher.fill). One index seek per
// id (UNWIND): `WHERE n.id IN $ids` scans the label on LadybugDB, 18x slower at 5,000.
UNWIND $ids AS wanted
MATCH (n:_Label_ {id: wanted})
RETURN n.id AS id, coalesce(n.name, n.id) AS name, labels(n)[0] AS label,
       coalesce(n.aliases, []) AS aliases, coalesce(n.degree, 0) AS degree
