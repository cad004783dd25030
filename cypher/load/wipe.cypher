// `kg load --wipe`: delete every relationship, then every node, of the database, in
// transactions of 10,000 rows (run outside an explicit transaction, one statement at a
// time). Relationships first: a transaction that detach-deleted 10,000 papers would
// delete their ~220,000 relationships at once, more than a 1 GB heap lets a
// transaction hold (the 50k-paper graph, docs/scale.md).
MATCH ()-[r]->()
CALL (r) {
  DELETE r
} IN TRANSACTIONS OF 10000 ROWS;
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS;
