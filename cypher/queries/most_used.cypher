// The most-used methods and datasets: by how many papers propose or use a
// method, or are evaluated on a dataset; the top $limit of each. Each list is
// ranked; which of the two comes first is not fixed (UNION ALL orders nothing).
// Params: $limit. Runs on both stores.
// :param limit => 10
MATCH (p:Paper)-[:PROPOSES|USES]->(e:Method)
RETURN "Method" AS type, e.name AS name, count(DISTINCT p) AS papers
ORDER BY papers DESC, name
LIMIT $limit
UNION ALL
MATCH (p:Paper)-[:EVALUATED_ON]->(e:Dataset)
RETURN "Dataset" AS type, e.name AS name, count(DISTINCT p) AS papers
ORDER BY papers DESC, name
LIMIT $limit
