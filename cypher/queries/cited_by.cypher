// `kg cited-by`: the papers that cite the node $id of label _Label_ (a Paper or a
// Reference), explicitly (CITES) or by inference (BUILDS_ON), marked as in cites.cypher.
MATCH (n:_Label_ {id: $id})<-[r:CITES|BUILDS_ON]-(other)
RETURN other.id AS id, coalesce(other.name, other.id) AS name, labels(other)[0] AS type,
       type(r) AS relation, coalesce(r.inferred, false) AS inferred,
       CASE WHEN coalesce(r.inferred, false) THEN "inferred"
            ELSE coalesce(r.found_in, "input") END AS source,
       r.marker AS marker, coalesce(r.via, []) AS via,
       coalesce(other.external, false) AS external, coalesce(r.evidence, []) AS evidence
