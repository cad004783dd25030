// `kg cites`: what the node $id of label _Label_ (a Paper, or a Reference) cites:
// explicitly (CITES, `found_in` "input", "in-text" or "input+in-text") or by
// inference (BUILDS_ON, `inferred` true, `via` the methods that justify it).
// A Reference resolved to a paper is left out: that paper is listed instead.
MATCH (n:_Label_ {id: $id})-[r:CITES|BUILDS_ON]->(other)
WHERE other.resolves_to IS NULL
RETURN other.id AS id, coalesce(other.name, other.id) AS name, labels(other)[0] AS type,
       type(r) AS relation, coalesce(r.inferred, false) AS inferred,
       CASE WHEN coalesce(r.inferred, false) THEN "inferred"
            ELSE coalesce(r.found_in, "input") END AS source,
       r.marker AS marker, coalesce(r.via, []) AS via,
       coalesce(other.external, false) AS external, coalesce(r.evidence, []) AS evidence
