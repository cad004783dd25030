"""Deriving the typed graph from the stored papers and their extraction records.

Nodes carry `id`, `label` (Paper, Method, Dataset, Task, Metric, Concept, Author,
Reference), `name`, `aliases`, and for papers `title`, `abstract`, `sources`, ….
Edges carry `start`, `end`, `type` (PROPOSES, USES, EVALUATED_ON, VARIANT_OF,
BUILDS_ON, CITES, AUTHORED, …), `count` and `evidence` sentences. The same entity
named in many papers (or under an alias) is one node; see kg.entities,
kg.paper_links (CITES, BUILDS_ON) and kg.authorship (AUTHORED).

`Derivation(source)` streams: `source()` gives (paper, record or None) pairs, afresh
each call (from papers.sqlite in a build). Two passes gather what needs the whole
corpus (entity resolution, who cites what, the origin of each method); then
`nodes()` and `edges()` each stream once more, so the memory held grows with the
entities, authors and references of the corpus, not with its papers' texts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator

import networkx as nx

from kg.authorship import Authors, add_authored
from kg.edges import Edges
from kg.entities import (
    Mentions,
    add_extends,
    add_variants,
    key_of,
    node_of,
    resolve_entities,
)
from kg.model import (
    ENTITY_LABELS,
    METHOD,
    PAPER,
    PROPOSES,
    ROLE_FOR_TYPE,
    USES,
    Paper,
)
from kg.paper_links import Citations, Origins, PaperIndex, paper_node

Source = Callable[[], Iterable[tuple[Paper, dict | None]]]


def entity_record(paper: Paper, record: dict | None) -> dict | None:
    """The record to derive the paper's entities from: none for a paper known only as a
    cited work (what it proposes or uses is unknown) or one never extracted."""
    return None if record is None or paper.external else {**record, "id": paper.key}


class Derivation:
    """The graph of every paper `source()` gives; see the module docstring."""

    def __init__(self, source: Source) -> None:
        self.source = source
        index, mentions, self.authors = PaperIndex(), Mentions(), Authors()
        for paper, record in source():
            index.add(paper)
            self.authors.add(paper)
            if (record := entity_record(paper, record)) is not None:
                mentions.add(record)
        self.entities = resolve_entities(mentions)
        self.citations = Citations(index)
        self.entity_nodes: dict[str, dict] = {}
        self.origins = Origins()
        extends = Edges()
        for paper, record in source():
            self.citations.add_nodes(paper)
            if (record := entity_record(paper, record)) is not None:
                for entity in record["entities"]:
                    node = node_of(entity, self.entities)
                    if node["keep"]:
                        self.entity_nodes[node["id"]] = {key: node[key] for key in (
                            "id", "label", "name", "aliases")}
                        if entity["role"] == PROPOSES:
                            self.origins.add(node["id"], paper)
                add_extends(record, self.entities, extends)
        self.variants = Edges()
        add_variants({node: data for node, data in self.entity_nodes.items()
                      if data["label"] == METHOD}, self.variants)
        self.extends = extends

    def nodes(self) -> Iterator[dict]:
        """Papers, external papers, references, authors, then entities."""
        for paper, _ in self.source():
            yield paper_node(paper)
        yield from self.citations.nodes()
        yield from self.authors.nodes.values()
        yield from self.entity_nodes.values()

    def edges(self) -> Iterator[dict]:
        """Each paper's edges (CITES, AUTHORED, to its entities, BUILDS_ON), then the
        edges between methods (VARIANT_OF, EXTENDS)."""
        for paper, record in self.source():
            edges = Edges()
            self.citations.add_edges(paper, edges)
            add_authored(paper, edges)
            if (record := entity_record(paper, record)) is not None:
                used = self.add_entity_edges(record, edges, paper.title)
                self.origins.add_builds_on(paper.key, used, edges)
            yield from edges
        yield from self.variants
        yield from self.extends

    def add_entity_edges(self, record: dict, edges: Edges,
                         title: str) -> list[tuple[str, str]]:
        """Edges from one paper to every entity it names, with the sentences as evidence,
        the title's last (the abstract's sentence says more: 'This paper presents Dual
        Lagrangian Learning (DLL), a …'). Returns the (node id, name) of the methods it uses."""
        evidence: dict[str, list[str]] = {}
        # offsets count from the title's first character (Paper.text)
        for row in sorted(record["mentions"], key=lambda row: row["start"] < len(title)):
            evidence.setdefault(key_of(row["entity"]), []).append(row["sentence"])
        used = []
        for entity in record["entities"]:
            node = node_of(entity, self.entities)
            if not node["keep"]:
                continue
            role = entity["role"] if entity["role"] == PROPOSES else ROLE_FOR_TYPE[node["label"]]
            if role == USES and (node["id"], node["name"]) not in used:
                used.append((node["id"], node["name"]))
            edges.add(record["id"], node["id"], role, evidence.get(key_of(entity["name"]), []),
                      count=entity["count"])
        return used


def networkx_graph(nodes: Iterable[dict], edges: Iterable[dict]) -> nx.MultiDiGraph:
    """The nodes and edges as a networkx multigraph, edges keyed by their type."""
    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in edges:
        graph.add_edge(edge["start"], edge["end"], key=edge["type"],
                       **{k: v for k, v in edge.items() if k not in ("start", "end")})
    return graph


def build_graph(papers: list[Paper], extractions: list[dict]) -> nx.MultiDiGraph:
    """The graph of papers held in memory and their records (matched by "id"), as networkx."""
    records = {record["id"]: record for record in extractions}
    derivation = Derivation(lambda: ((paper, records.get(paper.key)) for paper in papers))
    return networkx_graph(derivation.nodes(), derivation.edges())


def count_by_label(graph: nx.MultiDiGraph) -> dict[str, int]:
    return order_labels(Counter(data["label"] for _, data in graph.nodes(data=True)))


def order_labels(counts: Counter) -> dict[str, int]:
    """Node counts, Paper and the entity labels first."""
    return {label: counts[label] for label in (PAPER, *ENTITY_LABELS) if counts[label]} | \
        {label: n for label, n in counts.items() if label not in (PAPER, *ENTITY_LABELS)}


def count_by_type(graph: nx.MultiDiGraph) -> dict[str, int]:
    return dict(sorted(Counter(key for _, _, key in graph.edges(keys=True)).items()))
