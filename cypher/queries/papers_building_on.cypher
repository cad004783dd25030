// Papers that build on a method: they use it, or propose a method that is a
// variant or an extension of it; one row per paper and reason.
// Params: $method (name or alias, any case). Runs on both stores.
// :param method => "Adam"
MATCH (m:Method)
WHERE toLower($method) IN m.keys
MATCH (p:Paper)-[:USES]->(m)
RETURN p.title AS paper, "uses " + m.name AS how
UNION
MATCH (m:Method)
WHERE toLower($method) IN m.keys
MATCH (p:Paper)-[:PROPOSES]->(variant:Method)-[:VARIANT_OF|EXTENDS]->(m)
RETURN p.title AS paper, "proposes " + variant.name AS how
