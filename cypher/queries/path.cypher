// `kg path`: a shortest chain of relationships, each walked either way, from the
// node with element id $source to the one with element id $target (they must
// differ: shortestPath refuses one node). One row per hop, in order, shaped as
// kg.query.hop; between two nodes joined twice, the hop takes the relationship
// kg.query.hop takes: explicit before inferred, most often named, outgoing, by type.
// No rows: nothing joins the two. Among equally short chains Neo4j may pick
// another than networkx: compare lengths, not the nodes on the way.
MATCH (a) WHERE elementId(a) = $source
MATCH (b) WHERE elementId(b) = $target
MATCH p = shortestPath((a)-[*]-(b))
WITH nodes(p) AS chain
UNWIND range(0, size(chain) - 2) AS step
WITH step, chain[step] AS here, chain[step + 1] AS there
MATCH (here)-[r]-(there)
WITH step, here, there, r
ORDER BY step, coalesce(r.inferred, false), coalesce(r.count, 1) DESC, startNode(r) <> here,
         type(r)
WITH step, here, there, collect(r)[0] AS r
RETURN step,
       {id: here.id, name: coalesce(here.name, here.id), type: labels(here)[0]} AS `from`,
       {id: there.id, name: coalesce(there.name, there.id), type: labels(there)[0]} AS `to`,
       type(r) AS relation, CASE WHEN startNode(r) = here THEN "out" ELSE "in" END AS direction,
       coalesce(r.inferred, false) AS inferred, coalesce(r.via, []) AS via,
       coalesce(r.evidence[0], "") AS evidence
ORDER BY step
