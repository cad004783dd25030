// `kg top --by pagerank`: the $limit nodes of highest PageRank (computed when the
// graph is written and stored as `pagerank`: rank flows along relationships), of
// label $label (null: any); ties by name, then id. Rows: id, name, type, score.
MATCH (n)
WHERE labels(n)[0] IN $labels
RETURN n.id AS id, coalesce(n.name, n.id) AS name, labels(n)[0] AS type,
       coalesce(n.pagerank, 0.0) AS score
ORDER BY score DESC, toLower(name), id
LIMIT $limit
