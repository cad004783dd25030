// Methods used together with a method: those the same papers propose or use,
// by how many papers they share.
// Params: $method (name or alias, exact case), $limit.
// :param method => "Muon"
// :param limit => 10
MATCH (m:Method)
WHERE m.name = $method OR $method IN m.aliases
MATCH (m)<-[:PROPOSES|USES]-(p:Paper)-[:PROPOSES|USES]->(other:Method)
WHERE other <> m
RETURN other.name AS method, count(DISTINCT p) AS papers,
       collect(DISTINCT p.title)[..3] AS examples
ORDER BY papers DESC, method
LIMIT $limit
