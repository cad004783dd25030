// Papers evaluated on a dataset, with the sentences that say so.
// Params: $dataset (name or alias, any case). Runs on both stores.
// :param dataset => "CIFAR-10"
MATCH (d:Dataset)
WHERE toLower($dataset) IN d.keys
MATCH (p:Paper)-[r:EVALUATED_ON]->(d)
RETURN p.title AS paper, r.count AS mentions, r.evidence AS evidence
ORDER BY mentions DESC, paper
