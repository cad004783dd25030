// Neo4j: up to $limit nodes (of labels $labels; null: any) with a lookup key starting
// with $prefix, busiest first.
MATCH (n)
WHERE ($labels IS NULL OR labels(n)[0] IN $labels)
  AND any(key IN n.keys WHERE key STARTS WITH $prefix)
RETURN n.id AS id, labels(n)[0] AS label
ORDER BY coalesce(n.degree, 0) DESC, id
LIMIT $limit
