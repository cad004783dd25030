// The nodes that may be the one called $name: its id, or one of its lookup keys
// (kg.query.lookup_keys) is $key (the name's key) or $title (as a paper title).
// kg.query.names_fit then decides, exactly as for the embedded store.
MATCH (n)
WHERE n.id = $name OR $key IN n.keys OR $title IN n.keys
RETURN n.id AS id, coalesce(n.name, n.id) AS name, labels(n)[0] AS label,
       coalesce(n.aliases, []) AS aliases, COUNT { (n)--() } AS degree, elementId(n) AS element
