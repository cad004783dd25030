// `kg load --wipe`: delete every node and relationship of the database, in
// transactions of 10,000 nodes (run outside an explicit transaction).
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
