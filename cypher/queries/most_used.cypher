// The most-used methods and datasets: by how many papers propose or use a
// method, or are evaluated on a dataset; the top $limit of each.
// Params: $limit.
// :param limit => 10
MATCH (p:Paper)-[:PROPOSES|USES|EVALUATED_ON]->(e)
WHERE e:Method OR e:Dataset
WITH labels(e)[0] AS type, e.name AS name, count(DISTINCT p) AS papers
ORDER BY papers DESC, name
WITH type, collect({name: name, papers: papers})[..$limit] AS top
UNWIND top AS row
RETURN type, row.name AS name, row.papers AS papers
ORDER BY type DESC, papers DESC, name
