"""How a page lays its graph out: small graphs settle under physics in the browser,
which then stops; large ones start still, on a spiral placed here, nearest first."""

from __future__ import annotations

import math

LARGE = 400  # nodes: above this, physics is off until the reader ticks it
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
SPACING = 28  # pixels between neighbouring spiral places
STEPS = 100_000  # physics budget: layout steps times nodes, so time stays bounded
MIN_STEPS, MAX_STEPS = 150, 1000


def spiral(count: int, spacing: float = SPACING) -> list[tuple[float, float]]:
    """`count` evenly spread places on a sunflower spiral, the first at the centre."""
    return [(round(spacing * math.sqrt(k) * math.cos(k * GOLDEN_ANGLE), 1),
             round(spacing * math.sqrt(k) * math.sin(k * GOLDEN_ANGLE), 1)) for k in range(count)]


def place(nodes: list[dict]) -> tuple[list[dict], dict]:
    """The page's nodes and layout options for `nodes` (page items, most central first).

    Out: (nodes, {"physics", "iterations", "large"}): nodes that come with x, y
    keep them, with physics off; a large graph's nodes get fixed x, y on the
    spiral and physics off; a small one gets a budget of layout steps before
    physics stops.
    """
    large = len(nodes) > LARGE
    if nodes and all("x" in node for node in nodes):
        return nodes, {"physics": False, "large": large, "iterations": 0}
    options = {"physics": not large, "large": large,
               "iterations": max(MIN_STEPS, min(MAX_STEPS, STEPS // max(len(nodes), 1)))}
    if not large:
        return nodes, options
    places = spiral(len(nodes))
    return [node | {"x": x, "y": y} for node, (x, y) in zip(nodes, places, strict=True)], options
