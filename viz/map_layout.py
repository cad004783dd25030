"""Where the corpus map puts its nodes: each community in a disc of its own, laid out
inside by a seeded spring layout; the discs packed around the largest one.
Deterministic: the same graph and communities give the same places."""

from __future__ import annotations

import math

import networkx as nx
from kg.viz.layout import spiral

SEED = 7
SPACING = 60  # canvas units per node: a community of n nodes gets radius SPACING * sqrt(n)
GAP = 40  # canvas units between discs
PACK_STEP = 12  # distance between the places tried when packing a disc


def inside(graph: nx.MultiDiGraph, members: list[str], radius: float) -> dict[str, tuple]:
    """Places of `members` in a disc of `radius` around (0, 0): a spring layout of the
    links among them when they have any, else a sunflower spiral."""
    sub = nx.Graph()  # in members' order, edges sorted: the same whatever the build order
    sub.add_nodes_from(members)
    sub.add_edges_from(sorted((a, b) for a, b in graph.subgraph(members).edges() if a != b))
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    if sub.number_of_edges() == 0:
        places = spiral(len(members), radius / math.sqrt(len(members)))
        return dict(zip(members, places, strict=True))
    raw = nx.spring_layout(sub, seed=SEED, k=1.5 / math.sqrt(len(members)), iterations=80)
    far = max(math.hypot(x, y) for x, y in raw.values()) or 1.0
    return {node: (x * radius / far, y * radius / far) for node, (x, y) in raw.items()}


def pack(radii: list[float]) -> list[tuple[float, float]]:
    """Centres for discs of `radii` (largest first): each goes to the first place, on
    an outward spiral, where it overlaps no disc placed before it."""
    centres: list[tuple[float, float]] = []
    for radius in radii:
        step = 0
        while True:
            x, y = (PACK_STEP * math.sqrt(step) * math.cos(step * 2.4),
                    PACK_STEP * math.sqrt(step) * math.sin(step * 2.4))
            if all(math.hypot(x - cx, y - cy) >= radius + other + GAP
                   for (cx, cy), other in zip(centres, radii, strict=False)):
                break
            step += 1
        centres.append((x, y))
    return centres


def place(graph: nx.MultiDiGraph, members: dict[int, list[str]]) -> dict[str, tuple]:
    """Node id -> (x, y) for every member of every community (`members`: rank -> ids,
    placed in order of size, largest at the centre)."""
    groups = sorted(members.values(), key=len, reverse=True)
    radii = [SPACING * math.sqrt(len(group)) / 2 for group in groups]
    places: dict[str, tuple] = {}
    for group, radius, (cx, cy) in zip(groups, radii, pack(radii), strict=True):
        for node, (x, y) in inside(graph, group, radius).items():
            places[node] = (round(cx + x, 1), round(cy + y, 1))
    return places


def near(graph: nx.MultiDiGraph, node: str, places: dict[str, tuple]) -> tuple[float, float]:
    """A place for `node`, not on the map by default: beside the mean of its placed
    neighbours (offset by a hash-free, repeatable angle), else outside the map."""
    around = [places[n] for n in nx.all_neighbors(graph, node) if n in places]
    angle = (sum(map(ord, node)) % 360) * math.pi / 180
    if not around:
        far = max((math.hypot(x, y) for x, y in places.values()), default=0) + 4 * GAP
        return round(far * math.cos(angle), 1), round(far * math.sin(angle), 1)
    x = sum(p[0] for p in around) / len(around) + GAP * math.cos(angle)
    y = sum(p[1] for p in around) / len(around) + GAP * math.sin(angle)
    return round(x, 1), round(y, 1)
