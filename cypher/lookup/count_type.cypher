// How many relationships have type _TYPE_ (Neo4j answers from its counts store).
MATCH ()-[r:_TYPE_]->()
RETURN count(r) AS count
