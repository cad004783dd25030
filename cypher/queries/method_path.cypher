// Shortest path between two methods, over any relationships (at most 6 hops).
// Params: $source and $target (names or aliases, exact case).
// :param source => "NorMuon"
// :param target => "AdamW"
MATCH (a:Method)
WHERE a.name = $source OR $source IN a.aliases
MATCH (b:Method)
WHERE b.name = $target OR $target IN b.aliases
MATCH path = shortestPath((a)-[*..6]-(b))
RETURN [node IN nodes(path) | node.name] AS names,
       [relationship IN relationships(path) | type(relationship)] AS relations,
       length(path) AS hops, path
