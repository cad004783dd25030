"""OpenAlex (https://docs.openalex.org): find a paper's work, and name the works it cites.

A work is looked up by DOI (`/works/doi:…`; an arXiv id is looked up by its arXiv
DOI, 10.48550/arXiv.<id>), else by a title search (`/works?search=…`) whose hits
are checked one by one against the title. Cited works come as bare ids
(`referenced_works`); their titles, years and authors are fetched in batches
(`/works?filter=openalex:W1|W2|…`).
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.enrich.http import Client
from kg.enrich.works import Work, arxiv_from_doi, bare_doi, search_words
from kg.model import Paper

DEFAULT_URL = "https://api.openalex.org"
SEARCH_HITS = 5  # title-search hits checked against the title
BATCH = 100  # ids per filter=openalex:W1|W2|… request: OpenAlex ORs at most 100 values
FIELDS = ("id,doi,title,display_name,publication_year,authorships,primary_location,"
          "referenced_works")
CITED_FIELDS = "id,doi,title,display_name,publication_year,authorships"


def short_id(url: str) -> str:
    """'https://openalex.org/W2741809807' -> 'W2741809807'."""
    return url.rstrip("/").rsplit("/", 1)[-1]


def authors(record: dict) -> list[str]:
    names = [(entry.get("author") or {}).get("display_name") or entry.get("raw_author_name")
             for entry in record.get("authorships") or [] if isinstance(entry, dict)]
    return [name for name in names if isinstance(name, str) and name.strip()]


def venue(record: dict) -> str | None:
    source = (record.get("primary_location") or {}).get("source") or {}
    return source.get("display_name") or None


def to_work(record: dict, base: str) -> Work | None:
    """A Work from an OpenAlex work record; None if it has no id or title."""
    title = record.get("title") or record.get("display_name")
    if not isinstance(record.get("id"), str) or not isinstance(title, str):
        return None
    key = short_id(record["id"])
    year = record.get("publication_year")
    cited = [f"openalex:{short_id(url)}" for url in record.get("referenced_works") or []
             if isinstance(url, str)]
    return Work(id=f"openalex:{key}", title=title, year=year if isinstance(year, int) else None,
                authors=authors(record), venue=venue(record), doi=bare_doi(record.get("doi")),
                arxiv_id=arxiv_from_doi(record.get("doi")), link=f"{base}/works/{key}",
                references=[{"id": ref, "title": None} for ref in cited])


class OpenAlex:
    """Lookups in OpenAlex through `client` (base URL without a trailing slash)."""

    name = "OpenAlex"

    def __init__(self, client: Client, base: str = DEFAULT_URL) -> None:
        self.client, self.base = client, base.rstrip("/")

    def by_doi(self, doi: str) -> Work | None:
        record = self.client.get(f"{self.base}/works/doi:{doi}", {"select": FIELDS})
        return to_work(record, self.base) if isinstance(record, dict) else None

    def by_title(self, title: str) -> list[Work]:
        """The first hits of a search for the title's words."""
        page = self.client.get(f"{self.base}/works", {
            "search": search_words(title), "per-page": str(SEARCH_HITS), "select": FIELDS})
        results = page.get("results") if isinstance(page, dict) else None
        return [work for work in (to_work(r, self.base) for r in results or []
                                  if isinstance(r, dict)) if work]

    def candidates(self, paper: Paper) -> Iterable[Work]:
        """Works that may be `paper`, best lookups first: its DOI, its arXiv DOI, its title."""
        dois = [bare_doi(paper.doi)]
        if paper.arxiv_id:
            dois.append(f"10.48550/arxiv.{paper.arxiv_id}")
        for doi in filter(None, dois):
            work = self.by_doi(doi)
            if work:
                yield work
        yield from self.by_title(paper.title)

    def describe(self, ids: list[str]) -> dict[str, Work]:
        """Title, year and authors of cited works by id ('openalex:W…'), in batches."""
        found: dict[str, Work] = {}
        keys = [key.split(":", 1)[1] for key in ids if key.startswith("openalex:")]
        for start in range(0, len(keys), BATCH):
            batch = keys[start:start + BATCH]
            page = self.client.get(f"{self.base}/works", {
                "filter": "openalex:" + "|".join(batch), "per-page": str(len(batch)),
                "select": CITED_FIELDS})
            results = page.get("results") if isinstance(page, dict) else None
            for record in results or []:
                work = to_work(record, self.base) if isinstance(record, dict) else None
                if work:
                    found[work.id] = work
        return found
