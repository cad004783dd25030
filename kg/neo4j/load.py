"""`kg load`: the graph of the embedded store into Neo4j, batched and idempotent.

Nodes are merged per label and relationships per (type, source label, target
label), each batch one `UNWIND $rows … MERGE` transaction. Labels and types are
checked against kg.model's whitelists; every value travels as a parameter. A
load cut off halfway keeps the batches it committed, and running it again
completes it: MERGE on unique ids never makes a duplicate.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import neo4j
import networkx as nx

from kg.neo4j.cypher import fill, read, statements
from kg.query.names import lookup_keys

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


def graph_nodes(graph: nx.MultiDiGraph) -> Iterator[dict]:
    """The graph's nodes as dicts: {"id", "label", ...attributes}."""
    return ({"id": node, **data} for node, data in graph.nodes(data=True))


def graph_edges(graph: nx.MultiDiGraph) -> Iterator[dict]:
    """The graph's edges as dicts: {"start", "end", "type", ...attributes}."""
    return ({"start": start, "end": end, **data, "type": relation}
            for start, end, relation, data in graph.edges(keys=True, data=True))


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """Label -> [{id, properties}] for every node."""
    rows = defaultdict(list)
    for node, data in graph.nodes(data=True):
        rows[data["label"]].append({"id": node, "properties": node_properties(data)})
    return rows


def relationship_rows(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[dict]]:
    """(type, source label, target label) -> [{source, target, properties}] for every edge."""
    rows = defaultdict(list)
    labels = graph.nodes(data="label")
    for source, target, relation, data in graph.edges(keys=True, data=True):
        rows[relation, labels[source], labels[target]].append(
            {"source": source, "target": target, "properties": edge_properties(data)})
    return rows


Work = list[tuple[str, list[dict]]]  # (query, its rows) pairs


def transactions(work: Work, size: int) -> Iterator[Work]:
    """`work` cut into transactions of `size` rows in all: a label or type with few rows
    shares a transaction with the next, so each commit carries a full batch."""
    batch, room = [], size
    for query, rows in work:
        while rows:
            part, rows = rows[:room], rows[room:]
            batch.append((query, part))
            room -= len(part)
            if not room:
                yield batch
                batch, room = [], size
    if batch:
        yield batch


def apply_schema(driver: neo4j.Driver) -> None:
    """Create the constraints and indexes of cypher/schema.cypher (idempotent)."""
    for statement in statements(read("schema")):
        driver.execute_query(statement)


def delete_all(driver: neo4j.Driver) -> None:
    """Delete every node and relationship in the database. The one write outside a
    managed transaction: CALL … IN TRANSACTIONS runs only as an auto-commit query, so a
    leader change during it is not retried (the load stops; running it again wipes)."""
    with driver.session() as session:
        session.run(read("load/wipe")).consume()


def write_batch(tx: neo4j.ManagedTransaction, batch: Work) -> tuple[int, int]:
    """Run each (query, rows) of `batch`; out: (nodes created, relationships created)."""
    nodes_created = relationships_created = 0
    for query, rows in batch:
        counters = tx.run(query, rows=rows).consume().counters
        nodes_created += counters.nodes_created
        relationships_created += counters.relationships_created
    return nodes_created, relationships_created


def write_batches(driver: neo4j.Driver, work: Work, batch_size: int,
                  on_progress: Callable[[int], None] | None) -> tuple[int, int]:
    """Run `work` in transactions of `batch_size` rows.

    Out: (nodes created, relationships created) over all of them.
    """
    nodes_created = relationships_created = 0
    with driver.session() as session:
        for batch in transactions(work, batch_size):
            nodes, relationships = session.execute_write(write_batch, batch)
            nodes_created += nodes
            relationships_created += relationships
            if on_progress:
                on_progress(sum(len(rows) for _, rows in batch))
    return nodes_created, relationships_created


def load(graph: nx.MultiDiGraph, driver: neo4j.Driver, wipe: bool = False,
         batch_size: int = BATCH_SIZE,
         on_progress: Callable[[int], None] | None = None) -> LoadSummary:
    """Load `graph` into the database behind `driver`: schema first, then nodes, then
    relationships, `batch_size` rows per transaction; nothing is deleted unless `wipe`.
    `on_progress(n)` hears of every n nodes or relationships written.

    Out: a LoadSummary. Raises ValueError for a label or type outside kg.model.
    """
    nodes = [(fill(read("load/nodes"), Label=label), rows)
             for label, rows in node_rows(graph).items()]
    relationships = [(fill(read("load/relationships"), TYPE=relation, From=source, To=target),
                      rows)
                     for (relation, source, target), rows in relationship_rows(graph).items()]
    apply_schema(driver)
    if wipe:
        delete_all(driver)
    summary = LoadSummary(graph.number_of_nodes(), graph.number_of_edges())
    start = time.perf_counter()
    summary.nodes_created, _ = write_batches(driver, nodes, batch_size, on_progress)
    middle = time.perf_counter()
    _, summary.relationships_created = write_batches(driver, relationships, batch_size,
                                                     on_progress)
    summary.node_seconds = middle - start
    summary.relationship_seconds = time.perf_counter() - middle
    return summary
