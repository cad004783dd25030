// Papers that build on a method: they use it, or propose a method that is a
// variant or an extension of it.
// Params: $method (name or alias, exact case).
// :param method => "Adam"
MATCH (m:Method)
WHERE m.name = $method OR $method IN m.aliases
CALL (m) {
  MATCH (p:Paper)-[:USES]->(m)
  RETURN p, "uses " + m.name AS how
  UNION
  MATCH (p:Paper)-[:PROPOSES]->(variant:Method)-[:VARIANT_OF|EXTENDS]->(m)
  RETURN p, "proposes " + variant.name AS how
}
RETURN p.title AS paper, collect(how) AS how
ORDER BY paper
