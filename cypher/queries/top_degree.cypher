// `kg top --by degree`: the $limit nodes with the most relationships (either way),
// of label $label (null: any label); ties by name, then id, as kg.query.ranking
// orders them. Rows: id, name, type, score.
MATCH (n)
WHERE $label IS NULL OR $label IN labels(n)
WITH n, COUNT { (n)--() } AS score
RETURN n.id AS id, coalesce(n.name, n.id) AS name, labels(n)[0] AS type, score
ORDER BY score DESC, toLower(name), id
LIMIT $limit
