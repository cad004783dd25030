"""The Neo4j 5 backend: load the graph into a server and ask it the same questions.

    connect   a verified driver from a URI and credentials (env NEO4J_* or options)
    cypher    the Cypher files under cypher/ at the repository root, by name
    load      `kg load`: the schema, then batched UNWIND … MERGE per label and type
    query     neighbors, cites, cited_by, path, top (same answers as kg.query), counts,
              read-only `kg cypher`
    bench     batched loading against one MERGE per transaction

Importing this package does not import the driver: the query commands that never
touch Neo4j stay fast. Every failure a user can cause or meet (server down, bad
password, a bad query, a server lost mid-load) is a Neo4jProblem with one line.
"""


class Neo4jProblem(Exception):
    """Neo4j could not do what was asked; the message is one line for the user."""
