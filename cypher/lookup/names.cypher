// Every name and alias with the node's label, to suggest the closest when a name is
// not found (kg.query.suggestions; `kg cites` suggests only papers and references).
MATCH (n)
RETURN n.name AS name, coalesce(n.aliases, []) AS aliases, labels(n)[0] AS label
