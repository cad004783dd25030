"""`kg load`: the graph of the embedded store into Neo4j, batched and idempotent.

Nodes and relationships stream from the store (kg.open, label by label and type by
type, each read a page of rows at a time: kg.graphdb.embedded.PAGE) in batches:
nodes merged per label and relationships per (type, source label, target label),
each batch one transaction of `UNWIND $rows … MERGE` queries; load() holds a page,
a batch and each node's label, never a whole label, type or graph. Labels and types are
checked against kg.model's whitelists; every value travels as a parameter. A
load cut off halfway keeps the batches it committed, and running it again
completes it: MERGE on unique ids never makes a duplicate.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg.model import EDGE_TYPES, NODE_LABELS
from kg.neo4j.cypher import fill, read, statements
from kg.neo4j.driver import neo4j
from kg.query.names import lookup_keys

if TYPE_CHECKING:
    from kg.query import Graph

BATCH_SIZE = 1000
SCALARS = (str, int, float, bool)


@dataclass
class LoadSummary:
    """What one load did: the graph's size, what was new to the database, and times."""

    nodes: int
    relationships: int
    nodes_created: int = 0
    relationships_created: int = 0
    node_seconds: float = 0.0
    relationship_seconds: float = 0.0

    @property
    def relationships_per_second(self) -> float:
        return self.relationships / self.relationship_seconds if self.relationship_seconds else 0.0


def property_value(value):
    """A graph attribute as a Neo4j property: scalars and lists of one scalar type as
    they are; None and the empty list as None (no property: neo4j-admin import cannot
    write an empty list, so neither does `kg load`); maps and mixed lists as JSON text."""
    if value is None or isinstance(value, SCALARS):
        return value
    if isinstance(value, (list, tuple)) and len({type(item) for item in value}) <= 1 \
            and all(isinstance(item, SCALARS) for item in value):
        return list(value) or None
    return json.dumps(value, ensure_ascii=False, default=str)


def node_properties(data: dict) -> dict:
    """A node's properties in Neo4j, from its graph attributes: everything but the label,
    plus `keys` (the name keys lookups use); no None values."""
    properties = {key: property_value(value) for key, value in data.items()
                  if key not in ("id", "label")} | {"keys": property_value(lookup_keys(data))}
    return {key: value for key, value in properties.items() if value is not None}


def edge_properties(data: dict) -> dict:
    """A relationship's properties in Neo4j, from its graph attributes; no None values."""
    properties = {key: property_value(value) for key, value in data.items()
                  if key not in ("start", "end", "type")}
    return {key: value for key, value in properties.items() if value is not None}


def store_rows(graph: Graph) -> tuple[Iterator[dict], Iterator[dict]]:
    """Every node of a store opened with kg.open, label by label, and every edge, type by
    type: {"id", "label", ...} and {"start", "end", "type", ...}, every property as the
    store keeps it (degree and PageRank too). Read as they are used, while `graph` is open,
    a page of rows a query (Graph.nodes / Graph.edges): memory holds one page."""
    return (node for label in NODE_LABELS for node in graph.nodes(label)), \
        ({**edge, "type": type_} for type_ in EDGE_TYPES for edge in graph.edges(type_))


@cache
def node_query(label: str) -> str:
    """The batch query of nodes of `label`; ValueError for a label outside kg.model."""
    return fill(read("load/nodes"), Label=label)


@cache
def relationship_query(type_: str, source: str, target: str) -> str:
    """The batch query of `type_` relationships from `source` to `target` nodes."""
    return fill(read("load/relationships"), TYPE=type_, From=source, To=target)


Work = list[tuple[str, list[dict]]]  # (query, its rows) pairs


class Batches:
    """Rows gathered per query and written `size` rows to a transaction: a label or type
    with few rows shares a transaction with the next, so each commit carries a full batch."""

    def __init__(self, session: neo4j.Session, size: int,
                 on_progress: Callable[[int], None] | None):
        self.session, self.size, self.on_progress = session, size, on_progress
        self.pending: dict[str, list[dict]] = defaultdict(list)
        self.rows = self.nodes_created = self.relationships_created = 0

    def add(self, query: str, row: dict) -> None:
        self.pending[query].append(row)
        self.rows += 1
        if self.rows >= self.size:
            self.flush()

    def flush(self) -> None:
        """Write what is pending, in one transaction."""
        if not self.rows:
            return
        nodes, relationships = self.session.execute_write(write_batch,
                                                          list(self.pending.items()))
        self.nodes_created += nodes
        self.relationships_created += relationships
        if self.on_progress:
            self.on_progress(self.rows)
        self.pending, self.rows = defaultdict(list), 0


SCHEMA_ITEM = re.compile(
    r"CREATE (?:(?P<kind>FULLTEXT|RANGE) )?(?P<what>INDEX|CONSTRAINT) (?P<name>\w+) "
    r"IF NOT EXISTS\s+FOR \(\w+:(?P<labels>[\w|]+)\)\s+"
    r"(?:ON EACH \[(?P<each>[^\]]*)\]|ON \((?P<on>[^)]*)\)|REQUIRE (?P<unique>[\w.]+) IS UNIQUE)"
    r"(?:\s+OPTIONS .*`fulltext\.analyzer`: \"(?P<analyzer>[\w-]+)\")?", re.S)
DEFAULT_ANALYZER = "standard-no-stop-words"  # Neo4j 5's, for a full-text index without one


def wanted(statement: str) -> tuple[str, str, dict] | None:
    """("INDEX" or "CONSTRAINT", name, definition) of a CREATE statement of the schema;
    the definition as SHOW INDEXES / SHOW CONSTRAINTS put it: {type, labels, properties}
    (a constraint's type: UNIQUENESS), and a full-text index's analyzer. None for
    another statement."""
    found = SCHEMA_ITEM.match(statement)
    if found is None:
        return None
    properties = found["each"] or found["on"] or found["unique"]
    definition = {
        "type": "UNIQUENESS" if found["unique"] else found["kind"] or "RANGE",
        "labels": sorted(found["labels"].split("|")),
        "properties": [name.strip().split(".", 1)[1] for name in properties.split(",")]}
    if definition["type"] == "FULLTEXT":
        definition["analyzer"] = found["analyzer"] or DEFAULT_ANALYZER
    return found["what"], found["name"], definition


def existing(driver: neo4j.Driver) -> dict[tuple[str, str], dict]:
    """("INDEX" or "CONSTRAINT", name) -> definition of what the database has (an index
    that backs a constraint is the constraint's)."""
    found = {}
    for what, query in (("INDEX", "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, "
                                  "options, owningConstraint WHERE owningConstraint IS NULL"),
                        ("CONSTRAINT", "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, "
                                       "properties, options")):
        for row in driver.execute_query(query).records:
            definition = {"type": "UNIQUENESS" if "UNIQUE" in row["type"] else row["type"],
                          "labels": sorted(row["labelsOrTypes"] or []),
                          "properties": list(row["properties"] or [])}
            if definition["type"] == "FULLTEXT":
                definition["analyzer"] = ((row["options"] or {}).get("indexConfig") or {}).get(
                    "fulltext.analyzer", DEFAULT_ANALYZER)
            found[what, row["name"]] = definition
    return found


def apply_schema(driver: neo4j.Driver) -> None:
    """Bring the database's constraints and indexes to cypher/schema.cypher: one of the
    same name defined otherwise (by an older kg, say kg_names without abstracts) is
    dropped first, since CREATE … IF NOT EXISTS keeps it as it is; then every statement
    runs (idempotent). Names come from the schema file, never from data."""
    have = existing(driver)
    for statement in statements(read("schema")):
        if (item := wanted(statement)) is not None:
            what, name, definition = item
            if have.get((what, name), definition) != definition:
                driver.execute_query(f"DROP {what} {name} IF EXISTS")
        driver.execute_query(statement)


def delete_all(driver: neo4j.Driver) -> None:
    """Delete every relationship, then every node, in the database (cypher/load/wipe:
    its statements in turn). The one write outside a managed transaction: CALL … IN
    TRANSACTIONS runs only as an auto-commit query, so a leader change during it is not
    retried (the load stops; running it again wipes)."""
    with driver.session() as session:
        for statement in statements(read("load/wipe")):
            session.run(statement).consume()


def write_batch(tx: neo4j.ManagedTransaction, batch: Work) -> tuple[int, int]:
    """Run each (query, rows) of `batch`; out: (nodes created, relationships created)."""
    nodes_created = relationships_created = 0
    for query, rows in batch:
        counters = tx.run(query, rows=rows).consume().counters
        nodes_created += counters.nodes_created
        relationships_created += counters.relationships_created
    return nodes_created, relationships_created


def load(nodes: Iterable[dict], edges: Iterable[dict], driver: neo4j.Driver,
         wipe: bool = False, batch_size: int = BATCH_SIZE,
         on_progress: Callable[[int], None] | None = None) -> LoadSummary:
    """Load nodes {"id", "label", ...} and edges {"start", "end", "type", ...} (store_rows
    of a store, or kg.graphdb.networkx_rows of a networkx graph) into the database behind
    `driver`: schema first, then the nodes, then the relationships, as they stream in,
    `batch_size` rows per transaction; nothing is deleted unless `wipe`. Memory holds one
    batch and each node's label. `on_progress(n)` hears of every n rows written.

    Out: a LoadSummary. Raises ValueError for a label or type outside kg.model (what
    came before it is written) or an edge whose end is not among the nodes.
    """
    apply_schema(driver)
    if wipe:
        delete_all(driver)
    summary = LoadSummary(0, 0)
    labels: dict[str, str] = {}
    with driver.session() as session:
        batches = Batches(session, batch_size, on_progress)
        start = time.perf_counter()
        for node in nodes:
            query = node_query(node["label"])
            labels[node["id"]] = node["label"]
            batches.add(query, {"id": node["id"], "properties": node_properties(node)})
            summary.nodes += 1
        batches.flush()
        middle = time.perf_counter()
        for edge in edges:
            try:
                ends = labels[edge["start"]], labels[edge["end"]]
            except KeyError as missing:
                raise ValueError(f"edge {edge['start']} -[{edge['type']}]-> {edge['end']}: "
                                 f"no node {missing}") from None
            batches.add(relationship_query(edge["type"], *ends),
                        {"source": edge["start"], "target": edge["end"],
                         "properties": edge_properties(edge)})
            summary.relationships += 1
        batches.flush()
    summary.node_seconds = middle - start
    summary.relationship_seconds = time.perf_counter() - middle
    summary.nodes_created = batches.nodes_created
    summary.relationships_created = batches.relationships_created
    return summary
