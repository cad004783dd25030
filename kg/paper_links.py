"""Paper-to-paper links in the graph, never confused:

- explicit CITES (`inferred=False`, `found_in` "input" for a reference list, "in-text"
  for a marker in the abstract, which also gets a Reference node); a cited work not
  among the stored papers becomes a Paper node with `external=True`;
- inferred BUILDS_ON (`inferred=True`, `via` the methods that justify it): a paper
  builds on the ORIGIN of each method it uses, the earliest paper proposing it (by
  year, ties by id), so BUILDS_ON grows with the papers, not with their square.

`PaperIndex` holds what linking needs of every paper (id, title, year, authors) and
nothing more; the rest is computed one paper at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.citations import Citation, Resolver, cited_works
from kg.edges import Edges
from kg.inputs.identity import explicit_ids
from kg.model import BUILDS_ON, CITES, PAPER, REFERENCE, Paper, normalize_title


def paper_node(paper: Paper) -> dict:
    """The graph node of a paper."""
    return {"id": paper.key, "label": PAPER, "name": paper.title, "title": paper.title,
            "abstract": paper.abstract, "sources": paper.sources, "authors": paper.authors,
            "year": paper.year, "url": paper.url, "external": paper.external, "aliases": [],
            "doi": paper.doi, "arxiv_id": paper.arxiv_id, "venue": paper.venue}


class PaperIndex:
    """Every stored paper's id and normalized title, and a slim copy (no abstract) of
    each paper read in full, for matching citations to papers."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.explicit: dict[str, str] = {}  # an explicit id (doi:…) -> the key of its paper
        self.read_titles: dict[str, str] = {}
        self.external_titles: dict[str, str] = {}
        self.slim: dict[str, Paper] = {}

    def add(self, paper: Paper) -> None:
        self.ids.add(paper.key)
        for key in explicit_ids(paper).values():
            self.explicit.setdefault(key, paper.key)
        titles = self.external_titles if paper.external else self.read_titles
        titles.setdefault(normalize_title(paper.title), paper.key)
        if not paper.external:
            self.slim[paper.key] = Paper(title=paper.title, id=paper.key, year=paper.year,
                                         authors=paper.authors)


class Citations:
    """CITES edges, the external papers and the Reference nodes they need.

    `add_nodes(paper)` for every paper first (creates the nodes), then `add_edges(paper,
    edges)` for each paper gives its CITES edges.
    """

    def __init__(self, index: PaperIndex) -> None:
        self.ids, self.explicit = index.ids, index.explicit
        self.titles = {**index.external_titles, **index.read_titles}  # read papers win
        self.slim = index.slim
        self.resolver = Resolver(list(index.slim.values()))
        self.externals: dict[str, dict] = {}
        self.references: dict[str, dict] = {}

    def cited_paper(self, reference: dict) -> str:
        """The node of a cited work ({"id", "title"}): the paper with that id (or that DOI,
        arXiv id, …) or title, else a new external Paper node."""
        key, title = reference.get("id"), reference.get("title")
        if key in self.ids or key in self.externals:
            return key
        if key in self.explicit:
            return self.explicit[key]
        if title and normalize_title(title) in self.titles:
            return self.titles[normalize_title(title)]
        paper = Paper(title=title or key, id=key, external=True)
        self.externals[paper.key] = paper_node(paper)
        self.titles[normalize_title(paper.title)] = paper.key
        return paper.key

    def add_nodes(self, paper: Paper) -> None:
        """The external papers and Reference nodes that the paper's citations need."""
        for reference in paper.references:
            self.cited_paper(reference)
        for citation, _, found in self.in_text(paper):
            node = self.references.setdefault(citation.id, {
                "id": citation.id, "label": REFERENCE, "name": citation.name, "aliases": [],
                "marker": citation.marker, "resolves_to": None})
            if found:
                node["resolves_to"] = found

    def add_edges(self, paper: Paper, edges: Edges) -> None:
        """The paper's CITES edges: to the works its input lists, then to those its
        abstract cites (a Reference node, and the paper it names when one fits)."""
        for reference in paper.references:
            listed = reference.get("source") or paper.sources[0]
            add_citation(edges, paper.key, self.cited_paper(reference), "input",
                         f"Listed as cited in {listed}.")
        for citation, sentence, found in self.in_text(paper):
            add_citation(edges, paper.key, citation.id, "in-text", sentence,
                         marker=citation.marker)
            if found:
                add_citation(edges, paper.key, found, "in-text", sentence,
                             marker=citation.marker, reference=citation.id)

    def in_text(self, paper: Paper) -> Iterator[tuple[Citation, str, str | None]]:
        """(citation, its sentence, the id of the one paper it names or None) for each
        marker in the abstract of a paper read in full."""
        if paper.external:
            return
        for citation, sentence in cited_works(paper.abstract):
            found = self.resolver.resolve(citation, self.slim[paper.key])
            yield citation, sentence, found.key if found else None

    def nodes(self) -> Iterator[dict]:
        """The external Paper nodes, then the Reference nodes."""
        yield from self.externals.values()
        yield from self.references.values()


def add_citation(edges: Edges, citing: str, cited: str, found_in: str, evidence: str,
                 **details) -> None:
    """An explicit CITES edge (`inferred=False`); `found_in` says where it was read:
    'input' (a reference list), 'in-text' (a marker in the abstract) or 'input+in-text'.
    (Not called `source`: node-link JSON uses that key for an edge's start.)"""
    if citing == cited:
        return
    data = edges.get(citing, cited, CITES)
    if data:
        if found_in not in data["found_in"].split("+"):
            data["found_in"] += f"+{found_in}"
        for name, value in details.items():
            data.setdefault(name, value)
    edges.add(citing, cited, CITES, [evidence], inferred=False, found_in=found_in, **details)


class Origins:
    """The origin of each proposed entity: its earliest proposer by year (a paper with no
    year after every dated one), ties broken by paper id."""

    def __init__(self) -> None:
        self.best: dict[str, tuple[bool, int, str, str]] = {}

    def add(self, node: str, paper: Paper) -> None:
        candidate = (paper.year is None, paper.year or 0, paper.key, paper.title)
        if node not in self.best or candidate < self.best[node]:
            self.best[node] = candidate

    def add_builds_on(self, paper: str, used: list[tuple[str, str]], edges: Edges) -> None:
        """BUILDS_ON from the paper to the origin of each method it uses.

        `used`: (method node id, method name) in the order the paper's USES edges came.
        """
        for method, name in used:
            if method not in self.best:
                continue
            *_, origin, title = self.best[method]
            if origin == paper:
                continue
            data = edges.get(paper, origin, BUILDS_ON)
            if data:
                data["via"].append(name)
            edges.add(paper, origin, BUILDS_ON, [f"Uses {name}, which “{title}” proposes."],
                      inferred=True, via=[name])
