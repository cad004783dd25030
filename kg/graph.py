"""Building the typed graph from papers and their extraction records.

`build_graph(papers, extractions)` returns a networkx MultiDiGraph:
- nodes carry `label` (Paper, Method, Dataset, Task, Metric, Concept, …), `name`,
  `aliases`, and for papers `title`, `abstract`, `sources`, …;
- edges are keyed by their type (PROPOSES, USES, EVALUATED_ON, VARIANT_OF,
  BUILDS_ON, …) and carry `count` and `evidence` sentences.
The same entity named in many papers (or under an alias) becomes one node.

Papers link to papers in two ways, never confused:
- explicit CITES (`inferred=False`, `found_in` "input" for a reference list, "in-text"
  for a marker in the abstract, which also gets a Reference node); a cited work
  not among the inputs becomes a Paper node with `external=True`;
- inferred BUILDS_ON (`inferred=True`, `via` the methods that justify it).
Authors become Author nodes (AUTHORED), one per normalized name.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from kg.authors import display_name, plain
from kg.citations import Resolver, cited_works
from kg.extract import gazetteer
from kg.extract.names import name_parts, shorter_runs
from kg.extract.tags import singular
from kg.model import (
    AUTHOR,
    AUTHORED,
    BUILDS_ON,
    CITES,
    CONCEPT,
    ENTITY_LABELS,
    EXTENDS,
    METHOD,
    PAPER,
    PROPOSES,
    REFERENCE,
    ROLE_FOR_TYPE,
    USES,
    VARIANT_OF,
    Paper,
    entity_id,
    name_key,
    normalize_title,
)

MAX_EVIDENCE = 3  # sentences kept per edge
MIN_CONCEPT_PAPERS = 2  # a concept named in one paper only is not a key concept


class KeyClusters:
    """Union-find over name keys: names that are aliases of each other share a root."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def root(self, key: str) -> str:
        while self.parent.setdefault(key, key) != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, keys: list[str]) -> None:
        for key in keys[1:]:
            self.parent[self.root(key)] = self.root(keys[0])


def is_short_name(name: str) -> bool:
    """An acronym-like name ('DLL', 'NorMuon'): one short word with two capitals or more.
    Two papers may spell the same one out differently ('DAN')."""
    return " " not in name and len(name) <= 8 and sum(ch.isupper() for ch in name) >= 2


def spelled_key(name: str) -> str:
    """The key of a spelled-out name, singular or plural alike ('Gaussian processes')."""
    *words, last = name.split() or [""]
    return name_key(" ".join([*words, singular(last)]))


def name_keys(entity: dict) -> tuple[list[str], list[str]]:
    """The keys of an entity's (spelled-out names, short names)."""
    names = [entity["name"], *entity["aliases"]]
    spelled = [spelled_key(n) for n in names if not is_short_name(n) and spelled_key(n)]
    short = [name_key(n) for n in names if is_short_name(n) and name_key(n)]
    return spelled, short


def entity_keys(entity: dict) -> list[str]:
    """Every key of an entity, spelled-out names first: the first one finds its cluster."""
    spelled, short = name_keys(entity)
    return list(dict.fromkeys(spelled + short))


def cluster_names(entities: list[dict]) -> KeyClusters:
    """Names of one entity across papers, clustered.

    Spelled-out names join their own entity's names. A short name joins the one
    cluster that spells it out; where two clusters spell it out differently
    ('Deep Attention Network' and 'Domain Adversarial Network' for DAN) it joins
    neither, so the two stay apart.
    """
    clusters = KeyClusters()
    for entity in entities:
        spelled, short = name_keys(entity)
        clusters.join(spelled if spelled else short)
    owners = defaultdict(set)
    for entity in entities:
        spelled, short = name_keys(entity)
        for key in short if spelled else []:
            owners[key].add(clusters.root(spelled[0]))
    for entity in entities:
        for key in name_keys(entity)[1]:
            if len(owners[key]) == 1:
                clusters.join([next(iter(owners[key])), key])
    return clusters


def resolve_entities(extractions: list[dict]) -> dict[str, dict]:
    """Cluster root -> merged entity: its name, label, aliases and papers, across all papers."""
    clusters = cluster_names([entity for record in extractions for entity in record["entities"]])
    merged: dict[str, dict] = defaultdict(lambda: {"names": Counter(), "labels": Counter(),
                                                    "papers": set()})
    for record in extractions:
        for entity in record["entities"]:
            item = merged[clusters.root(entity_keys(entity)[0])]
            item["names"][entity["name"]] += 1
            item["names"].update(dict.fromkeys(entity["aliases"], 0))
            item["labels"][entity["type"]] += 1
            item["papers"].add(record["id"])
    resolved = {}
    for root, item in merged.items():
        name = max(item["names"], key=lambda n: (item["names"][n], len(n)))
        # The gazetteer's type if it knows the name; else the type most papers gave
        # it, a specific type winning a tie with Concept.
        known = next(filter(None, map(gazetteer.lookup, item["names"])), None)
        label = known[0] if known else max(item["labels"], key=lambda label: (
            item["labels"][label], label != CONCEPT))
        aliases = sorted({n for n in item["names"] if name_key(n) != name_key(name)})
        keep = label != CONCEPT or len(item["papers"]) >= MIN_CONCEPT_PAPERS or aliases
        resolved[root] = {"id": entity_id(label, name), "label": label, "name": name,
                          "aliases": aliases, "keep": keep}
    return {key: resolved[clusters.root(key)] for key in clusters.parent}


def add_edge(graph: nx.MultiDiGraph, start: str, end: str, relation: str,
             evidence: list[str] = (), count: int = 1, **attributes) -> None:
    """Add an edge, or add to its count and evidence if it is there already."""
    if graph.has_edge(start, end, key=relation):
        data = graph.edges[start, end, relation]
        data["count"] += count
        data["evidence"] = (data["evidence"] + [e for e in evidence if e not in data["evidence"]]
                            )[:MAX_EVIDENCE]
    else:
        graph.add_edge(start, end, key=relation, type=relation, count=count,
                       evidence=list(dict.fromkeys(evidence))[:MAX_EVIDENCE], **attributes)


def add_paper(graph: nx.MultiDiGraph, paper: Paper) -> None:
    graph.add_node(paper.key, label=PAPER, name=paper.title, title=paper.title,
                   abstract=paper.abstract, sources=paper.sources, authors=paper.authors,
                   year=paper.year, url=paper.url, external=paper.external, aliases=[])


def add_citation(graph: nx.MultiDiGraph, citing: str, cited: str, found_in: str, evidence: str,
                 **details) -> None:
    """An explicit CITES edge (`inferred=False`); `found_in` says where it was read:
    'input' (a reference list), 'in-text' (a marker in the abstract) or 'input+in-text'.

    (Not called `source`: the store's node-link JSON uses that key for an edge's start.)
    """
    if citing == cited:
        return
    if graph.has_edge(citing, cited, key=CITES):
        data = graph.edges[citing, cited, CITES]
        if found_in not in data["found_in"].split("+"):
            data["found_in"] += f"+{found_in}"
        for name, value in details.items():
            data.setdefault(name, value)
    add_edge(graph, citing, cited, CITES, [evidence], inferred=False, found_in=found_in,
             **details)


def paper_titles(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Normalized title -> paper node, papers read in full before external ones."""
    titles: dict[str, str] = {}
    papers = [(node, data) for node, data in graph.nodes(data=True) if data["label"] == PAPER]
    for node, data in sorted(papers, key=lambda item: item[1]["external"]):
        titles.setdefault(normalize_title(data["title"]), node)
    return titles


def cited_paper(graph: nx.MultiDiGraph, reference: dict, titles: dict[str, str]) -> str:
    """The node of a cited work ({"id", "title"}): the paper with that id or title,
    else a new external Paper node (added to `titles`)."""
    key, title = reference.get("id"), reference.get("title")
    if key in graph:
        return key
    if title and normalize_title(title) in titles:
        return titles[normalize_title(title)]
    paper = Paper(title=title or key, id=key, external=True)
    add_paper(graph, paper)
    titles[normalize_title(paper.title)] = paper.key
    return paper.key


def add_references(graph: nx.MultiDiGraph, papers: list[Paper]) -> None:
    """CITES edges from every paper to the works its input lists as cited."""
    titles = paper_titles(graph)
    for paper in papers:
        for reference in paper.references:
            listed = reference.get("source") or paper.sources[0]
            add_citation(graph, paper.key, cited_paper(graph, reference, titles), "input",
                         f"Listed as cited in {listed}.")


def add_in_text_citations(graph: nx.MultiDiGraph, papers: list[Paper]) -> None:
    """A Reference node per work cited by a marker in an abstract, with a CITES edge
    keeping the raw marker; and a CITES edge to the paper the marker names, when
    exactly one paper read in full has its authors and year."""
    read = [paper for paper in papers if not paper.external]
    resolver = Resolver(read)
    for paper in read:
        for citation, sentence in cited_works(paper.abstract):
            if citation.id not in graph:
                graph.add_node(citation.id, label=REFERENCE, name=citation.name, aliases=[],
                               marker=citation.marker, resolves_to=None)
            add_citation(graph, paper.key, citation.id, "in-text", sentence,
                         marker=citation.marker)
            found = resolver.resolve(citation, paper)
            if found:
                graph.nodes[citation.id]["resolves_to"] = found.key
                add_citation(graph, paper.key, found.key, "in-text", sentence,
                             marker=citation.marker, reference=citation.id)


def add_authors(graph: nx.MultiDiGraph, papers: list[Paper]) -> None:
    """An Author node per normalized name ('Kingma, Diederik P.' is 'Diederik P. Kingma'),
    AUTHORED to each of their papers with the author's `position` on it."""
    for paper in papers:
        for position, name in enumerate(paper.authors, start=1):
            shown = display_name(name)
            if not name_key(plain(shown)):
                continue
            node = entity_id(AUTHOR, plain(shown))
            if node not in graph:
                graph.add_node(node, label=AUTHOR, name=shown, aliases=[])
            elif shown not in (graph.nodes[node]["name"], *graph.nodes[node]["aliases"]):
                graph.nodes[node]["aliases"].append(shown)
            add_edge(graph, node, paper.key, AUTHORED, position=position)


def add_paper_entities(graph: nx.MultiDiGraph, record: dict, entities: dict[str, dict]) -> None:
    """Edges from one paper to every entity it names, with the sentences as evidence."""
    evidence = defaultdict(list)
    for row in record["mentions"]:
        evidence[name_key(row["entity"])].append(row["sentence"])
    for entity in record["entities"]:
        node = entities[entity_keys(entity)[0]]
        if not node["keep"]:
            continue
        graph.add_node(node["id"], label=node["label"], name=node["name"], aliases=node["aliases"])
        role = entity["role"] if entity["role"] == PROPOSES else ROLE_FOR_TYPE[node["label"]]
        add_edge(graph, record["id"], node["id"], role, evidence[name_key(entity["name"])],
                 count=entity["count"])


def add_lineage(graph: nx.MultiDiGraph, extractions: list[dict], entities: dict[str, dict]) -> None:
    """VARIANT_OF between methods whose names build on each other; EXTENDS where text says so."""
    methods = {node: data for node, data in graph.nodes(data=True) if data["label"] == METHOD}
    by_parts = defaultdict(set)
    for node, data in methods.items():
        by_parts[tuple(name_parts(data["name"]))].add(node)
    for node, data in methods.items():
        for run in {run for name in [data["name"], *data["aliases"]] for run in shorter_runs(name)}:
            for base in by_parts.get(run, set()) - {node}:
                add_edge(graph, node, base, VARIANT_OF,
                         [f"The name {data['name']} builds on {methods[base]['name']}."])
    for record in extractions:
        proposed = [entities[entity_keys(e)[0]]["id"] for e in record["entities"]
                    if e["role"] == PROPOSES and e["type"] == METHOD]
        for name in record["extends"]:
            base = entities.get(name_key(name))
            for node in proposed:
                if base and base["keep"] and base["id"] != node:
                    add_edge(graph, node, base["id"], EXTENDS,
                             [row["sentence"] for row in record["mentions"]
                              if row["entity"] == name][:1])


def add_builds_on(graph: nx.MultiDiGraph) -> None:
    """Paper B BUILDS_ON paper A when B uses a method A proposes (inferred, with the method)."""
    proposers = defaultdict(list)
    for paper, method, relation in graph.edges(keys=True):
        if relation == PROPOSES:
            proposers[method].append(paper)
    for paper, method, relation in list(graph.edges(keys=True)):
        if relation != USES:
            continue
        name = graph.nodes[method]["name"]
        for origin in proposers.get(method, []):
            if origin == paper:
                continue
            if graph.has_edge(paper, origin, key=BUILDS_ON):
                graph.edges[paper, origin, BUILDS_ON]["via"].append(name)
            add_edge(graph, paper, origin, BUILDS_ON,
                     [f"Uses {name}, which “{graph.nodes[origin]['name']}” proposes."],
                     inferred=True, via=[name])


def build_graph(papers: list[Paper], extractions: list[dict]) -> nx.MultiDiGraph:
    """The typed multigraph of papers and what they name (see the module docstring)."""
    graph = nx.MultiDiGraph()
    for paper in papers:
        add_paper(graph, paper)
    add_references(graph, papers)
    add_in_text_citations(graph, papers)
    add_authors(graph, papers)
    # An external paper is known by its title only: what it proposes or uses is unknown.
    extractions = [record for record in extractions if not graph.nodes[record["id"]]["external"]]
    entities = resolve_entities(extractions)
    for record in extractions:
        add_paper_entities(graph, record, entities)
    add_lineage(graph, extractions, entities)
    add_builds_on(graph)
    return graph


def count_by_label(graph: nx.MultiDiGraph) -> dict[str, int]:
    counts = Counter(data["label"] for _, data in graph.nodes(data=True))
    return {label: counts[label] for label in (PAPER, *ENTITY_LABELS) if counts[label]} | \
        {label: n for label, n in counts.items() if label not in (PAPER, *ENTITY_LABELS)}


def count_by_type(graph: nx.MultiDiGraph) -> dict[str, int]:
    return dict(sorted(Counter(key for _, _, key in graph.edges(keys=True)).items()))
