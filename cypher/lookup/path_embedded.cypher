// LadybugDB's shortest chain (at most 30 hops), each relationship walked either way,
// from node $source (label _From_) to node $target (label _To_). No row: none.
MATCH (a:_From_ {id: $source})
MATCH (b:_To_ {id: $target})
MATCH p = (a)-[* SHORTEST 1..30]-(b)
RETURN nodes(p) AS chain
LIMIT 1
