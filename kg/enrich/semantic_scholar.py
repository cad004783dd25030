"""Semantic Scholar's Graph API (https://api.semanticscholar.org/api-docs/graph): find
a paper's record, with the works it cites.

A paper is looked up by DOI (`/paper/DOI:…`) or arXiv id (`/paper/ARXIV:…`), else
by its title (`/paper/search/match`, whose one hit is checked against the title).
The record lists its references with their titles, years and authors, so cited
works need no second request.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.enrich.http import Client
from kg.enrich.works import Work, bare_doi, search_words
from kg.model import Paper

DEFAULT_URL = "https://api.semanticscholar.org/graph/v1"
INTERVAL = 1.0  # seconds between requests: an API key's documented rate is one a second
FIELDS = ("paperId,externalIds,title,year,venue,authors,url,"
          "references.paperId,references.title,references.year,references.authors")


def names(authors) -> list[str]:
    found = [author.get("name") for author in authors or [] if isinstance(author, dict)]
    return [name for name in found if isinstance(name, str) and name.strip()]


def reference(record) -> dict | None:
    """{"id", "title", "year", "authors"} of a cited work (Semantic Scholar lists works it
    could not match with a null paperId, and some with no title either)."""
    if not isinstance(record, dict):
        return None
    title = record.get("title") if isinstance(record.get("title"), str) else None
    return {"id": f"s2:{record['paperId']}" if record.get("paperId") else None,
            "title": title, "year": record.get("year"), "authors": names(record.get("authors"))}


def to_work(record: dict, base: str) -> Work | None:
    """A Work from a Semantic Scholar paper record; None if it has no id or title."""
    if not isinstance(record.get("paperId"), str) or not isinstance(record.get("title"), str):
        return None
    ids = record.get("externalIds") if isinstance(record.get("externalIds"), dict) else {}
    year = record.get("year")
    return Work(id=f"s2:{record['paperId']}", title=record["title"],
                year=year if isinstance(year, int) else None, authors=names(record.get("authors")),
                venue=record.get("venue") or None, doi=bare_doi(ids.get("DOI")),
                arxiv_id=ids.get("ArXiv") or None,
                link=record.get("url") or f"{base}/paper/{record['paperId']}",
                references=[ref for ref in map(reference, record.get("references") or []) if ref])


class SemanticScholar:
    """Lookups in Semantic Scholar through `client` (base URL without a trailing slash)."""

    name = "Semantic Scholar"

    def __init__(self, client: Client, base: str = DEFAULT_URL) -> None:
        self.client, self.base = client, base.rstrip("/")

    def record(self, url: str, params: dict[str, str]) -> Work | None:
        found = self.client.get(url, {**params, "fields": FIELDS})
        if isinstance(found, dict) and isinstance(found.get("data"), list):  # search/match
            found = found["data"][0] if found["data"] else None
        return to_work(found, self.base) if isinstance(found, dict) else None

    def candidates(self, paper: Paper) -> Iterable[Work]:
        """Works that may be `paper`, best lookups first: its DOI, its arXiv id, its title."""
        lookups = [f"DOI:{bare_doi(paper.doi)}" if paper.doi else None,
                   f"ARXIV:{paper.arxiv_id}" if paper.arxiv_id else None]
        for lookup in filter(None, lookups):
            work = self.record(f"{self.base}/paper/{lookup}", {})
            if work:
                yield work
        work = self.record(f"{self.base}/paper/search/match", {"query": search_words(paper.title)})
        if work:
            yield work

    def describe(self, ids: list[str]) -> dict[str, Work]:
        """Nothing to fetch: Semantic Scholar lists cited works with their titles."""
        return {}
