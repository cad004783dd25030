// Methods used together with a method: those the same papers propose or use,
// by how many papers they share, with those papers' titles.
// Params: $method (name or alias, any case), $limit. Runs on both stores.
// :param method => "Muon"
// :param limit => 10
MATCH (m:Method)
WHERE toLower($method) IN m.keys
MATCH (m)<-[:PROPOSES|USES]-(p:Paper)-[:PROPOSES|USES]->(other:Method)
WHERE other.id <> m.id
RETURN other.name AS method, count(DISTINCT p) AS papers,
       collect(DISTINCT p.title) AS titles
ORDER BY papers DESC, method
LIMIT $limit
