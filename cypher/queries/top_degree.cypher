// `kg top --by degree`: the $limit nodes with the most relationships (either way,
// stored as `degree` when the graph is written), of the labels $labels; ties
// by name, then id. Rows: id, name, type, score.
MATCH (n)
WHERE labels(n)[0] IN $labels
RETURN n.id AS id, coalesce(n.name, n.id) AS name, labels(n)[0] AS type,
       coalesce(n.degree, 0) AS score
ORDER BY score DESC, toLower(name), id
LIMIT $limit
