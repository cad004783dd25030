// `kg top --by pagerank`: every node with the ids its relationships point to (one
// entry per relationship). Neo4j Community has no PageRank without the GDS plugin,
// so kg ranks these rows in Python, as for the embedded store:
//   scores = kg.query.pagerank({row["id"]: row["links"] for row in rows})
//   kg.query.ranking([{id, name, type} of each row], scores, $label, "pagerank", $limit)
MATCH (n)
RETURN n.id AS id, coalesce(n.name, n.id) AS name, labels(n)[0] AS type,
       [(n)-->(m) | m.id] AS links
