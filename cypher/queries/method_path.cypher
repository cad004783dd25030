// Shortest path between two methods, over any relationships (at most 6 hops).
// Params: $source and $target (names or aliases, any case). Runs on both stores
// (the embedded store spells shortestPath its own way; kg translates it).
// :param source => "NorMuon"
// :param target => "AdamW"
MATCH (a:Method)
WHERE toLower($source) IN a.keys
MATCH (b:Method)
WHERE toLower($target) IN b.keys
MATCH path = shortestPath((a)-[*..6]-(b))
RETURN nodes(path) AS nodes, relationships(path) AS relationships, length(path) AS hops
