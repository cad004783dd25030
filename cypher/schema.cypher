// The schema `kg load` applies before it loads anything; every statement is
// idempotent (IF NOT EXISTS). One label per kg.model.NODE_LABELS:
// - a uniqueness constraint on `id` (MERGE finds nodes through its index);
// - a range index on `name`, for lookups by exact name;
// - one full-text index, kg_names, over names, aliases, paper titles and abstracts
//   (`kg search --backend neo4j`):
//     CALL db.index.fulltext.queryNodes("kg_names", "orthogonal*") YIELD node, score
//     RETURN labels(node)[0] AS type, node.name AS name, score
// - one full-text index, kg_keys, over ids and lookup keys, each value one whole token
//   (keyword analyzer): `kg neighbors NAME` finds a node by an index lookup, where
//   `key IN n.keys` would scan every node (2.5 s at 50k papers).

CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT method_id IF NOT EXISTS FOR (n:Method) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT metric_id IF NOT EXISTS FOR (n:Metric) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT concept_id IF NOT EXISTS FOR (n:Concept) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT author_id IF NOT EXISTS FOR (n:Author) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT reference_id IF NOT EXISTS FOR (n:Reference) REQUIRE n.id IS UNIQUE;

CREATE INDEX paper_name IF NOT EXISTS FOR (n:Paper) ON (n.name);
CREATE INDEX method_name IF NOT EXISTS FOR (n:Method) ON (n.name);
CREATE INDEX dataset_name IF NOT EXISTS FOR (n:Dataset) ON (n.name);
CREATE INDEX task_name IF NOT EXISTS FOR (n:Task) ON (n.name);
CREATE INDEX metric_name IF NOT EXISTS FOR (n:Metric) ON (n.name);
CREATE INDEX concept_name IF NOT EXISTS FOR (n:Concept) ON (n.name);
CREATE INDEX author_name IF NOT EXISTS FOR (n:Author) ON (n.name);
CREATE INDEX reference_name IF NOT EXISTS FOR (n:Reference) ON (n.name);

CREATE FULLTEXT INDEX kg_names IF NOT EXISTS
FOR (n:Paper|Method|Dataset|Task|Metric|Concept|Author|Reference)
ON EACH [n.name, n.aliases, n.title, n.abstract];

CREATE FULLTEXT INDEX kg_keys IF NOT EXISTS
FOR (n:Paper|Method|Dataset|Task|Metric|Concept|Author|Reference)
ON EACH [n.id, n.keys]
OPTIONS {indexConfig: {`fulltext.analyzer`: "keyword"}};

CALL db.awaitIndexes(300);
