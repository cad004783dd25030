// LadybugDB: the kg ids of the nodes of label _Label_ at the internal offsets $offsets
// (the ends of relationships a user's query returned without their nodes). A scan of
// the table's offsets, each checked against the list: for a short list.
MATCH (n:_Label_)
WHERE offset(id(n)) IN $offsets
RETURN offset(id(n)) AS offset, n.id AS id
