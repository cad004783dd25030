// How many entities of each label in $labels are named in the same papers as the
// node $id (label _Label_) but not joined to it: the totals of
// queries/co_occurring.cypher without its limit.
MATCH (n:_Label_ {id: $id})<--(p:Paper)-->(other)
WHERE other.id <> $id AND labels(other)[0] IN $labels AND NOT EXISTS { MATCH (n)--(other) }
RETURN labels(other)[0] AS type, count(DISTINCT other) AS count
