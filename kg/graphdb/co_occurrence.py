"""How many entities of each type are named beside a node, computed once when a
generation is written.

`kg neighbors` of an entity lists the entities named in its papers (CO_OCCURS) and,
when its limit cuts the list, how many there are of each type. Counted at query time
that is a join over every paper naming the node: a third of a second for a method named
in 16,000 papers. Stored per node, it is a read, and both stores read the same numbers.
Cost: one pass over the paper -> node edges, numpy, one step per node a paper names.
"""

from __future__ import annotations

import numpy as np

from kg.model import ENTITY_LABELS, PAPER


def co_occurrence(labels: list[str], starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Per node n and entity label: how many entities of that label are the end of an
    edge from a paper that also has an edge to n, leaving out n and every node joined
    to n by an edge either way (what cypher/queries/co_occurring.cypher lists).

    In: each node number's label, and the edges starts[i] -> ends[i] (node numbers).
    Out: an int array of shape (nodes, len(ENTITY_LABELS)), columns in ENTITY_LABELS
    order (kg.model.CO_OCCURRING names their properties); zero for papers and for
    nodes no paper points at.
    """
    count = len(labels)
    totals = np.zeros((count, len(ENTITY_LABELS)), dtype=np.int64)
    code = np.array([ENTITY_LABELS.index(label) if label in ENTITY_LABELS else -1
                     for label in labels], dtype=np.int64)
    is_paper = np.array([label == PAPER for label in labels], dtype=bool)
    named_by_paper = is_paper[starts] & ~is_paper[ends]
    pairs = np.unique(starts[named_by_paper] * count + ends[named_by_paper])
    papers, named = pairs // count, pairs % count  # sorted by paper
    paper_start = np.searchsorted(papers, np.arange(count + 1))
    by_named = np.argsort(named, kind="stable")
    papers_of = papers[by_named]
    papers_start = np.searchsorted(named[by_named], np.arange(count + 1))
    joined, joined_start = adjacency(count, starts, ends)
    for node in np.unique(named):
        its_papers = papers_of[papers_start[node]:papers_start[node + 1]]
        others = np.unique(named[ranges(paper_start[its_papers], paper_start[its_papers + 1])])
        others = others[(code[others] >= 0) & (others != node)]
        others = others[~np.isin(others, joined[joined_start[node]:joined_start[node + 1]])]
        totals[node] = np.bincount(code[others], minlength=len(ENTITY_LABELS))
    return totals


def adjacency(count: int, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The nodes joined to each node by an edge either way: (neighbours, offsets), node
    n's neighbours being neighbours[offsets[n]:offsets[n + 1]]."""
    here = np.concatenate([starts, ends])
    there = np.concatenate([ends, starts])
    order = np.argsort(here, kind="stable")
    return there[order], np.searchsorted(here[order], np.arange(count + 1))


def ranges(begins: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """The positions begins[0]..stops[0]-1, begins[1]..stops[1]-1, ... as one array."""
    lengths = stops - begins
    before = np.cumsum(lengths) - lengths
    return np.repeat(begins - before, lengths) + np.arange(lengths.sum())
