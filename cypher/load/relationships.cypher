// One batch of relationships of one type between two labels:
// $rows = [{source, target, properties}]. `_TYPE_`, `_From_` and `_To_` come from
// kg.model's whitelists (kg.neo4j.cypher.fill). A graph has at most one edge of a
// type from one node to another, so MERGE on the pair keeps loading idempotent.
UNWIND $rows AS row
MATCH (a:_From_ {id: row.source})
MATCH (b:_To_ {id: row.target})
MERGE (a)-[r:_TYPE_]->(b)
SET r += row.properties
