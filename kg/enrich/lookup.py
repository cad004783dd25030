"""Asking a bibliographic API about the store's papers: `enrich_papers(papers, source)`
(see the package docstring), `open_source(name, store)` and the run's `Enrichment`."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kg.enrich import SOURCES, openalex, semantic_scholar
from kg.enrich.http import Client
from kg.enrich.openalex import OpenAlex
from kg.enrich.semantic_scholar import SemanticScholar
from kg.enrich.works import Work, bare_doi, titles_match
from kg.inputs.identity import match_keys, same_work
from kg.model import Paper, normalize_title

CACHE_FILE = "enrich-cache.sqlite"


class Source(Protocol):
    name: str
    base: str
    client: Client

    def candidates(self, paper: Paper) -> Iterable[Work]: ...

    def describe(self, ids: list[str]) -> dict[str, Work]: ...


@dataclass
class Enrichment:
    """What one run did: the papers it changed, and counts for the summary."""

    source: str
    changed: list[Paper] = field(default_factory=list)
    looked_up: int = 0
    matched: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (paper title, found title)
    citations: int = 0  # references added
    inside: int = 0  # of which to papers of the store
    untitled: int = 0  # cited works left out: the source gave no title
    requests: int = 0  # HTTP requests sent (cached answers not counted)

    def to_dict(self) -> dict:
        return {"source": self.source, "looked_up": self.looked_up, "matched": self.matched,
                "changed": len(self.changed), "citations": self.citations,
                "citations_inside": self.inside, "untitled_left_out": self.untitled,
                "rejected": [{"paper": a, "found": b} for a, b in self.rejected],
                "requests": self.requests}


def open_source(name: str, store: Path | None, sleep: Callable[[float], None] | None = None
                ) -> Source:
    """The source called `name` (one of SOURCES), configured from the environment:
    KG_OPENALEX_URL, KG_CONTACT_EMAIL (OpenAlex's polite pool) and KG_OPENALEX_API_KEY,
    KG_S2_URL and KG_S2_API_KEY (keys are sent, never in a message or the cache).
    Answers are cached in the store folder (`store`; None: no cache)."""
    cache = store / CACHE_FILE if store else None
    timing = {"sleep": sleep} if sleep else {}
    if name == "openalex":
        params = {"mailto": os.environ.get("KG_CONTACT_EMAIL"),
                  "api_key": os.environ.get("KG_OPENALEX_API_KEY")}
        client = Client("OpenAlex", cache, params={k: v for k, v in params.items() if v},
                        **timing)
        return OpenAlex(client, os.environ.get("KG_OPENALEX_URL") or openalex.DEFAULT_URL)
    if name == "semantic-scholar":
        key = os.environ.get("KG_S2_API_KEY")
        client = Client("Semantic Scholar", cache, headers={"x-api-key": key} if key else {},
                        interval=semantic_scholar.INTERVAL, **timing)
        return SemanticScholar(client, os.environ.get("KG_S2_URL") or semantic_scholar.DEFAULT_URL)
    raise ValueError(f"unknown source {name!r}: one of {', '.join(SOURCES)}")


def find(source: Source, paper: Paper) -> tuple[Work | None, list[str]]:
    """The work that is `paper` (its title matches), and the titles found but rejected."""
    rejected = []
    for work in source.candidates(paper):
        if titles_match(paper.title, work.title):
            return work, rejected
        rejected.append(work.title)
    return None, rejected


def enriched_from(paper: Paper, source: Source) -> bool:
    """Was `paper` matched in an earlier run? (Its sources then list the work's record.)"""
    return any(place.startswith(source.base) for place in paper.sources)


class StorePapers:
    """The store's papers, found by a cited work's id, DOI, or title when the merge
    rule (kg.inputs.identity.same_work) agrees: 'Deep learning' (LeCun, 2015) is not
    'Deep learning' (Goodfellow, 2016)."""

    def __init__(self, papers: list[Paper]) -> None:
        self.by_key: dict[str, list[Paper]] = defaultdict(list)
        for paper in papers:
            for key in {paper.key, *match_keys(paper)}:
                self.by_key[key].append(paper)

    def add(self, work: Work, paper: Paper) -> None:
        """`work` is `paper`: a citation of it is one of `paper`."""
        self.by_key[work.id].insert(0, paper)

    def get(self, work: dict) -> Paper | None:
        """The store paper a cited work ({"id", "title", "doi", "year", "authors"}) is."""
        doi = bare_doi(work.get("doi"))
        for key in (work.get("id"), doi and f"doi:{doi}"):
            if key and self.by_key.get(key):
                return self.by_key[key][0]
        cited = Paper(title=work.get("title") or "", authors=work.get("authors") or [],
                      year=work.get("year"), doi=doi)
        title = normalize_title(cited.title)
        return next((paper for paper in self.by_key.get(f"title:{title}", [])
                     if same_work(paper, cited)), None) if title else None


def cited(reference: dict, described: dict[str, Work]) -> dict:
    """A reference with what a batch lookup told about it."""
    work = described.get(reference["id"] or "")
    if work is None:
        return reference
    return {**reference, "title": work.title, "year": work.year, "authors": work.authors,
            "doi": work.doi}


def apply(paper: Paper, work: Work, references: list[dict]) -> None:
    """Give `paper` what `work` knows and it lacks, and the references it does not list yet."""
    paper.authors = paper.authors or work.authors
    paper.year = paper.year or work.year
    paper.venue = paper.venue or work.venue
    paper.doi = paper.doi or work.doi
    paper.arxiv_id = paper.arxiv_id or work.arxiv_id
    if work.link not in paper.sources:
        paper.sources.append(work.link)
    listed = {(ref.get("id"), normalize_title(ref.get("title") or "")) for ref in paper.references}
    paper.references += [ref for ref in references
                         if (ref["id"], normalize_title(ref["title"])) not in listed]


def enrich_papers(papers: list[Paper], source: Source, limit: int | None = None,
                  on_papers: Callable[[int], None] | None = None,
                  on_progress: Callable[[int], None] | None = None) -> Enrichment:
    """Look up the papers read in full that `source` has not matched before (at most
    `limit` of them) and change them in place (see the module docstring).
    `on_papers(n)` is told how many papers will be looked up, `on_progress(1)` after each.

    Returns what was done; raises EnrichError, having changed nothing, when the
    source cannot be used.
    """
    read = [paper for paper in papers if not paper.external]
    todo = [paper for paper in read if not enriched_from(paper, source)][:limit]
    if on_papers:
        on_papers(len(todo))
    result = Enrichment(source.name)
    store = StorePapers(read)
    matched: list[tuple[Paper, Work]] = []
    for paper in todo:
        work, rejected = find(source, paper)
        result.rejected += [(paper.title, title) for title in rejected]
        if work:
            matched.append((paper, work))
            store.add(work, paper)
        if on_progress:
            on_progress(1)
    untitled = [ref["id"] for _, work in matched for ref in work.references
                if ref["id"] and not ref["title"] and not store.get(ref)]
    described = source.describe(list(dict.fromkeys(untitled)))
    for paper, work in matched:
        references = []
        for reference in (cited(ref, described) for ref in work.references):
            target = store.get(reference)
            if target is paper:
                continue
            if target:
                reference = {"id": target.key, "title": target.title}
            elif not reference["title"]:
                result.untitled += 1
                continue
            references.append({**reference, "source": work.link})
        before = len(paper.references)
        apply(paper, work, references)
        added = paper.references[before:]
        result.citations += len(added)
        result.inside += sum(store.get(ref) is not None for ref in added)
        result.changed.append(paper)
    result.looked_up, result.matched = len(todo), len(matched)
    result.requests = source.client.requests
    return result
