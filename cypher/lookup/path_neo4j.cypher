// Neo4j's shortest chain of relationships, each walked either way, from node $source
// (label _From_) to node $target (label _To_), which differ. No row: none.
MATCH (a:_From_ {id: $source})
MATCH (b:_To_ {id: $target})
MATCH p = shortestPath((a)-[*]-(b))
RETURN [node IN nodes(p) | {id: node.id, label: labels(node)[0]}] AS chain
