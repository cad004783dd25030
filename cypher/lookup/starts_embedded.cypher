// LadybugDB: how many relationships of type _TYPE_ start at the nodes of internal offsets
// $low to $high - 1, per bucket of $bucket offsets (bucket 0 begins at $low; empty
// buckets are left out). EmbeddedBackend.edges cuts its pages by these counts.
MATCH (a)-[r:_TYPE_]->()
WHERE offset(id(a)) >= $low AND offset(id(a)) < $high
RETURN (offset(id(a)) - $low) / $bucket AS bucket, count(r) AS rows
