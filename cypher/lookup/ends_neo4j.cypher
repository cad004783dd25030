// Neo4j: the kg ids of the nodes with element ids $elements (the ends of relationships
// a user's query returned without their nodes).
MATCH (n)
WHERE elementId(n) IN $elements
RETURN elementId(n) AS element, n.id AS id
