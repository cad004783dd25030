"""PageRank over a graph's edges, computed once when a generation is written.

Both stores then read the same stored `pagerank` property, so they rank alike.
Cost: one pass over the edges per round (numpy), at most ROUNDS rounds; about
40 rounds reach the tolerance on kg's graphs.
"""

from __future__ import annotations

import numpy as np

DAMPING = 0.85
TOLERANCE = 1e-10
ROUNDS = 200


def pagerank(count: int, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """PageRank by power iteration of `count` nodes and the edges starts[i] -> ends[i]
    (node numbers; repeated edges count). A node without out-edges shares its rank
    with all. Out: the ranks, summing to 1."""
    if not count:
        return np.zeros(0)
    out = np.bincount(starts, minlength=count).astype(float)
    stranded_nodes = out == 0
    rank = np.full(count, 1 / count)
    for _ in range(ROUNDS):
        stranded = rank[stranded_nodes].sum()
        share = np.divide(rank, out, out=np.zeros(count), where=~stranded_nodes)
        new = (1 - DAMPING) / count + DAMPING * stranded / count + DAMPING * np.bincount(
            ends, weights=share[starts], minlength=count)
        change = np.abs(new - rank).sum()
        rank = new
        if change < TOLERANCE:
            break
    return rank
