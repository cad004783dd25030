// LadybugDB: the last internal offset of the nodes of label _Label_ (null when none): the
// span EmbeddedBackend.nodes pages through.
MATCH (n:_Label_)
RETURN max(offset(id(n))) AS last
