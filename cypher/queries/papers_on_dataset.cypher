// Papers evaluated on a dataset, with the sentence that says so.
// Params: $dataset (name or alias, exact case).
// :param dataset => "CIFAR-10"
MATCH (d:Dataset)
WHERE d.name = $dataset OR $dataset IN d.aliases
MATCH (p:Paper)-[r:EVALUATED_ON]->(d)
RETURN p.title AS paper, r.count AS mentions, r.evidence[0] AS evidence
ORDER BY mentions DESC, paper
