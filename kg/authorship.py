"""Authors in the graph: an Author node per normalized name, AUTHORED to each paper."""

from __future__ import annotations

from collections.abc import Iterator

from kg.authors import display_name, plain
from kg.edges import Edges
from kg.model import AUTHOR, AUTHORED, Paper, entity_id, name_key


def author_names(paper: Paper) -> Iterator[tuple[int, str, str]]:
    """(position, node id, shown name) of each author of the paper with a usable name;
    'Kingma, Diederik P.' is shown as 'Diederik P. Kingma'."""
    for position, name in enumerate(paper.authors, start=1):
        shown = display_name(name)
        if name_key(plain(shown)):
            yield position, entity_id(AUTHOR, plain(shown)), shown


class Authors:
    """The Author nodes of all papers, gathered one paper at a time."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict] = {}

    def add(self, paper: Paper) -> None:
        for _, node, shown in author_names(paper):
            if node not in self.nodes:
                self.nodes[node] = {"id": node, "label": AUTHOR, "name": shown, "aliases": []}
            elif shown not in (self.nodes[node]["name"], *self.nodes[node]["aliases"]):
                self.nodes[node]["aliases"].append(shown)


def add_authored(paper: Paper, edges: Edges) -> None:
    """AUTHORED from each author to the paper, with the author's `position` on it."""
    for position, node, _ in author_names(paper):
        edges.add(node, paper.key, AUTHORED, position=position)
