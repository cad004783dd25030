// Nodes per label and relationships per type, as `kg stats` counts them.
CALL () {
  MATCH (n) UNWIND labels(n) AS name RETURN "nodes" AS kind, name, count(*) AS count
  UNION ALL
  MATCH ()-[r]->() RETURN "edges" AS kind, type(r) AS name, count(*) AS count
}
RETURN kind, name, count
ORDER BY kind, name
