// Neo4j's full-text search (index kg_names of cypher/schema.cypher): the $limit best
// nodes for the Lucene query $query, of labels $labels (null: any).
CALL db.index.fulltext.queryNodes("kg_names", $query) YIELD node, score
WHERE $labels IS NULL OR labels(node)[0] IN $labels
RETURN node.id AS id, labels(node)[0] AS label, score
ORDER BY score DESC, id
LIMIT $limit
