// The edges at each node of $nodes (element ids), with the node at the other end.
UNWIND $nodes AS element
MATCH (n) WHERE elementId(n) = element
MATCH (n)-[r]-(other)
RETURN n.id AS node, type(r) AS relation,
       CASE WHEN startNode(r) = n THEN "out" ELSE "in" END AS direction,
       other.id AS id, coalesce(other.name, other.id) AS name, labels(other)[0] AS type,
       elementId(other) AS element, coalesce(r.count, 1) AS count,
       coalesce(r.inferred, false) AS inferred, coalesce(r.evidence[0], "") AS evidence
