// The node of label _Label_ with the id $id, as kg shows a node found by name (one
// index lookup: faster than lookup/nodes for a few ids).
MATCH (n:_Label_ {id: $id})
RETURN n.id AS id, coalesce(n.name, n.id) AS name, labels(n)[0] AS label,
       coalesce(n.aliases, []) AS aliases, coalesce(n.degree, 0) AS degree
