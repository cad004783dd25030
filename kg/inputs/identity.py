"""Which records are the same work: paper ids, the keys a paper is found by, the merge rule.

A paper's id is namespaced, so it never collides with an entity id ('method:adam'):
  doi:10.1038/nature14539   arXiv:2401.12345   openalex:W2741809807   s2:<paperId>
  s2corpus:<corpusid>       pmid:<PubMed id>
  paper:<hash of the normalized title>      id:<any other input id>
The first six are *explicit* ids: the same one on two records means the same work.
An `id:` id (a row number, a key a user made up) only means something inside its file.

Two records are the same work (`same_work`) when they share an explicit id, or when
they have the same normalized title and nothing contradicts it: no two different
explicit ids of one kind, the same first author's surname when both name one, the
same year when both give one (a year apart when the first author agrees: a preprint
and its venue version). So LeCun et al. 2015 and Goodfellow et al. 2016 "Deep
learning" stay two works, and so do web references all titled "Online reference"
of different years.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left

from kg.authors import surname_key
from kg.model import Paper, normalize_title

EXPLICIT = ("doi", "arXiv", "openalex", "s2", "s2corpus", "pmid")
DOI = re.compile(r"(?:doi:\s*|(?:https?://)?(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)", re.IGNORECASE)
ARXIV = re.compile(r"(?:arxiv:\s*|(?:https?://)?(?:www\.)?arxiv\.org/(?:abs|pdf)/)?"
                   r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?",
                   re.IGNORECASE)
OPENALEX = re.compile(r"(?:openalex:|(?:https?://)?openalex\.org/)?(W\d+)", re.IGNORECASE)
NAMESPACED = re.compile(r"(s2|s2corpus|pmid|paper|id):(.+)", re.IGNORECASE)
YEAR_SLACK = 1  # a preprint and its venue version are often a year apart


def doi_of(text: str) -> str | None:
    """'https://doi.org/10.1038/NATURE14539' -> '10.1038/nature14539' (DOIs ignore case)."""
    found = DOI.fullmatch(text.strip())
    return found[1].lower().rstrip(".") if found else None


def arxiv_of(text: str) -> str | None:
    """'arXiv:2401.12345v2', 'https://arxiv.org/abs/2401.12345' -> '2401.12345'."""
    found = ARXIV.fullmatch(text.strip())
    return found[1] if found else None


def paper_id(raw: object) -> str | None:
    """The namespaced graph id of an id an input gives (None for none or '').

    Recognized ids are written one way ('https://doi.org/10.1/X' -> 'doi:10.1/x',
    'arxiv:2401.1v2' -> 'arXiv:2401.1'); anything else becomes 'id:<as given>'.
    """
    text = str(raw).strip() if raw is not None else ""
    if not text:
        return None
    if doi := doi_of(text):
        return f"doi:{doi}"
    if arxiv := arxiv_of(text):
        return f"arXiv:{arxiv}"
    if found := OPENALEX.fullmatch(text):
        return f"openalex:{found[1].upper()}"
    if text.lower().startswith("arxiv:") and text[6:].strip():  # an arXiv id of an odd shape
        return f"arXiv:{text[6:].strip()}"
    if found := NAMESPACED.fullmatch(text):
        return f"{found[1].lower()}:{found[2].strip()}"
    return f"id:{text}"


def explicit_ids(paper: Paper) -> dict[str, str]:
    """Namespace -> explicit id of a paper, from its id and its doi/arxiv_id fields."""
    found: dict[str, str] = {}
    if paper.doi:
        found["doi"] = f"doi:{paper.doi}"
    if paper.arxiv_id:
        found["arXiv"] = f"arXiv:{paper.arxiv_id}"
    namespace = paper.id.split(":", 1)[0] if paper.id else ""
    if namespace in EXPLICIT:
        found.setdefault(namespace, paper.id)
    return found


def match_keys(paper: Paper) -> list[str]:
    """Every key the paper can be found by: its explicit ids, then 'title:<normalized>'."""
    title = normalize_title(paper.title)
    return [*explicit_ids(paper).values(), *([f"title:{title}"] if title else [])]


def first_surname(paper: Paper) -> str:
    return surname_key(paper.authors[0]) if paper.authors else ""


def same_work(a: Paper, b: Paper) -> bool:
    """The merge rule: the same explicit id, or the same normalized title with nothing
    that contradicts it and something that supports it (see the module docstring)."""
    ids_a, ids_b = explicit_ids(a), explicit_ids(b)
    if set(ids_a.values()) & set(ids_b.values()):
        return True
    if any(ids_b.get(namespace, key) != key for namespace, key in ids_a.items()):
        return False  # two different DOIs (or arXiv ids, ...): two works
    title = normalize_title(a.title)
    if not title or title != normalize_title(b.title):
        return False
    author_a, author_b = first_surname(a), first_surname(b)
    if author_a and author_b and author_a != author_b:
        return False
    # A year apart is a preprint and its venue version only when the first author agrees.
    slack = YEAR_SLACK if author_a and author_b else 0
    return not (a.year and b.year and abs(a.year - b.year) > slack)


def merge(kept: Paper, other: Paper) -> None:
    """Fold `other` (the same work, read elsewhere) into `kept`: every source, the longer
    abstract, the details `kept` lacks, the references it does not have yet."""
    kept.sources += [source for source in other.sources if source not in kept.sources]
    if len(other.abstract) > len(kept.abstract):
        kept.abstract = other.abstract
    kept.authors = kept.authors or other.authors
    for name in ("year", "url", "doi", "arxiv_id", "venue"):
        if getattr(kept, name) is None:
            setattr(kept, name, getattr(other, name))
    kept.references += [ref for ref in other.references if ref not in kept.references]
    if kept.external and not other.external:  # known by a citation first, now read in full
        kept.title, kept.external = other.title, False


def title_buckets(namespaces: frozenset[str], surname: str, year: int | None) -> list[tuple]:
    """The buckets a paper is filed under among the papers of its title."""
    return [("any", namespaces), ("author", namespaces, surname), ("year", namespaces, year),
            ("both", namespaces, surname, year)]


def buckets_to_search(namespaces: frozenset[str], surname: str, year: int | None) -> list[tuple]:
    """The buckets (of papers filed with `namespaces`) that can hold a work same_work
    would merge with a paper of this first-author surname and year; see same_work."""
    if surname and year:
        return [("both", namespaces, surname, found) for found in
                (year, year - YEAR_SLACK, year + YEAR_SLACK, None)] + \
            [("both", namespaces, "", found) for found in (year, None)]
    if surname:
        return [("author", namespaces, found) for found in (surname, "")]
    if year:
        return [("year", namespaces, found) for found in (year, None)]
    return [("any", namespaces)]


class PaperIndex:
    """The distinct works seen so far, found by their explicit ids and by title, and told
    apart by `same_work`. Same-titled papers are filed by their kinds of explicit id,
    first author and year, so finding one looks only at those it could be: 10,000
    "Editorial"s or "Online reference"s cost no more than 10,000 distinct titles.
    Each list holds the papers' indexing order, sorted, so the first fit is found first."""

    def __init__(self) -> None:
        self.papers: list[Paper] = []  # in the order they were indexed
        self.orders: dict[int, int] = {}  # id(paper) -> its place in self.papers
        self.by_id: dict[str, list[int]] = {}
        self.by_title: dict[str, dict[tuple, list[int]]] = {}
        self.namespaces: dict[str, set[frozenset[str]]] = {}  # title -> kinds of ids filed

    def find(self, paper: Paper) -> Paper | None:
        """The work already indexed that `paper` is, or None: the first indexed that has
        one of its explicit ids, else the first indexed that has its title."""
        ids = explicit_ids(paper)
        for key in ids.values():
            found = self.first_of([self.by_id.get(key, [])], paper)
            if found:
                return found
        title = normalize_title(paper.title)
        buckets = self.by_title.get(title, {})
        searched = [bucket for namespaces in self.namespaces.get(title, ())
                    if not namespaces & ids.keys()
                    for bucket in buckets_to_search(namespaces, first_surname(paper), paper.year)]
        return self.first_of([buckets.get(bucket, []) for bucket in searched], paper)

    def first_of(self, lists: list[list[int]], paper: Paper) -> Paper | None:
        """The first paper of these sorted lists that is the same work as `paper`."""
        previous = -1
        for order in heapq.merge(*lists):
            if order != previous and same_work(self.papers[order], paper):
                return self.papers[order]
            previous = order
        return None

    def add(self, paper: Paper, under: Paper | None = None) -> None:
        """Index `paper`, or, when it was merged into `under`, file `under` by everything
        either now has (ids, titles, first authors, years), as the merge may have filled some."""
        target = under or paper
        if id(target) not in self.orders:
            self.orders[id(target)] = len(self.papers)
            self.papers.append(target)
        order = self.orders[id(target)]
        sources = (paper, under) if under else (paper,)
        for source in sources:
            for key in explicit_ids(source).values():
                file(self.by_id.setdefault(key, []), order)
        kinds = {(frozenset(explicit_ids(source)), first_surname(source), source.year)
                 for source in sources}
        for title in {normalize_title(source.title) for source in sources} - {""}:
            buckets = self.by_title.setdefault(title, {})
            for namespaces, surname, year in kinds:
                self.namespaces.setdefault(title, set()).add(namespaces)
                for bucket in title_buckets(namespaces, surname, year):
                    file(buckets.setdefault(bucket, []), order)


def file(orders: list[int], order: int) -> None:
    """Put `order` into the sorted list `orders` once."""
    place = bisect_left(orders, order)
    if place == len(orders) or orders[place] != order:
        orders.insert(place, order)
