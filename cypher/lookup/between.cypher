// The edges between node $a (label _From_) and node $b (label _To_), either way:
// the candidates for one hop of `kg path` (kg.query chooses the one that best
// explains the step).
MATCH (a:_From_ {id: $a})-[r]->(b:_To_ {id: $b})
RETURN "out" AS direction, type(r) AS relation, coalesce(r.count, 1) AS count,
       coalesce(r.inferred, false) AS inferred, coalesce(r.via, []) AS via,
       coalesce(r.evidence, []) AS evidence
UNION ALL
MATCH (a:_From_ {id: $a})<-[r]-(b:_To_ {id: $b})
RETURN "in" AS direction, type(r) AS relation, coalesce(r.count, 1) AS count,
       coalesce(r.inferred, false) AS inferred, coalesce(r.via, []) AS via,
       coalesce(r.evidence, []) AS evidence
