// How many nodes of each label in $labels are joined to the node $id (label
// _Label_), in either direction: the true totals `kg neighbors` reports when
// --limit cuts its list.
MATCH (n:_Label_ {id: $id})-[]-(other)
WHERE labels(other)[0] IN $labels
RETURN labels(other)[0] AS type, count(DISTINCT other) AS count
