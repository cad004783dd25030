// `kg cited-by`: the papers that cite the node with element id $node (a Paper or a
// Reference), explicitly (CITES) or by inference (BUILDS_ON), each marked as in
// cites.cypher. The rows are kg.query.citation_row's; sort them with
// kg.query.citation_order.
MATCH (n) WHERE elementId(n) = $node
MATCH (other)-[r:CITES|BUILDS_ON]->(n)
RETURN other.id AS id, coalesce(other.name, other.id) AS name, labels(other)[0] AS type,
       type(r) AS relation, coalesce(r.inferred, false) AS inferred,
       CASE WHEN coalesce(r.inferred, false) THEN "inferred"
            ELSE coalesce(r.found_in, "input") END AS source,
       r.marker AS marker, coalesce(r.via, []) AS via,
       coalesce(other.external, false) AS external, coalesce(r.evidence[0], "") AS evidence
