// How many nodes have label _Label_ (Neo4j answers from its counts store).
MATCH (n:_Label_)
RETURN count(n) AS count
