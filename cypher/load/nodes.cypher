// One batch of nodes of one label: $rows = [{id, properties}].
// `_Label_` becomes a label from kg.model.NODE_LABELS (kg.neo4j.cypher.fill).
// MERGE on the id (unique per label), so loading twice changes nothing.
UNWIND $rows AS row
MERGE (n:_Label_ {id: row.id})
SET n += row.properties
