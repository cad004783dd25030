// LadybugDB: the last internal offset of a node that a relationship of type _TYPE_ starts
// at (null when none): the span EmbeddedBackend.edges pages through.
MATCH (a)-[:_TYPE_]->()
RETURN max(offset(id(a))) AS last
