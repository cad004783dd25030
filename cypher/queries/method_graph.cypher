// A method in context, to look at in Neo4j Browser: the papers that propose or
// use it, and the methods, datasets, tasks and metrics those papers name.
// Params: $method (name or alias, any case). Runs on both stores.
// :param method => "Muon"
MATCH (m:Method)
WHERE toLower($method) IN m.keys
MATCH (m)<-[r:PROPOSES|USES]-(p:Paper)
OPTIONAL MATCH (p)-[s:PROPOSES|USES|EVALUATED_ON|ADDRESSES|MEASURES]->(other)
RETURN m AS method, r, p AS paper, s, other
