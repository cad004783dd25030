// How many entities of each label in $labels are named in the same papers as the
// node $id (label _Label_) but not joined to it: the totals of
// queries/co_occurring.cypher without its limit. Each entity is checked once, after
// DISTINCT (checking every path costs Neo4j 26x the work for a frequent node).
MATCH (n:_Label_ {id: $id})<--(p:Paper)-->(other)
WHERE other.id <> $id AND labels(other)[0] IN $labels
WITH DISTINCT n, other
WHERE NOT EXISTS { MATCH (n)--(other) }
RETURN labels(other)[0] AS type, count(other) AS count
