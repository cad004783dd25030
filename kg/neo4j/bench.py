"""`kg bench load`: batched UNWIND … MERGE against one MERGE per transaction, in one run."""

from __future__ import annotations

from statistics import median

from kg.neo4j.driver import neo4j
from kg.neo4j.load import load


def bench_load(nodes: list[dict], edges: list[dict], driver: neo4j.Driver,
               batch_size: int = 1000, rounds: int = 3) -> dict:
    """Time loading a graph (kg.neo4j.load.load's nodes and edges, held in lists so that
    only the writing is timed) into an emptied database in batches of `batch_size`, then
    one row per transaction, `rounds` times each, after one load that warms the server
    up (query plans, caches) and is not counted. The batched loads go first: thousands
    of one-row commits leave the server busy for a while (index merges), which would
    slow whatever is timed right after them.

    Out: {"nodes", "relationships", "batch_size", "rounds", "single_seconds",
    "batched_seconds", "single_per_second", "batched_per_second", "speedup"}:
    medians over the rounds, of the relationship phase. The database ends holding
    the graph.
    """
    load(nodes, edges, driver, wipe=True, batch_size=batch_size)
    batched = [load(nodes, edges, driver, wipe=True, batch_size=batch_size).relationship_seconds
               for _ in range(rounds)]
    single = [load(nodes, edges, driver, wipe=True, batch_size=1).relationship_seconds
              for _ in range(rounds)]
    relationships = len(edges)
    single_seconds, batched_seconds = median(single), median(batched)
    return {"nodes": len(nodes), "relationships": relationships,
            "batch_size": batch_size, "rounds": rounds,
            "single_seconds": round(single_seconds, 3),
            "batched_seconds": round(batched_seconds, 3),
            "single_per_second": round(relationships / single_seconds),
            "batched_per_second": round(relationships / batched_seconds),
            "speedup": round(single_seconds / batched_seconds, 1)}
