"""Semantic Scholar paper records (Graph API, https://api.semanticscholar.org/api-docs/graph),
as JSON Lines or JSON (one paper, an array from /paper/batch, or a page with "data").

A record has `paperId`, `title`, `abstract`, `year`, `authors` ({authorId, name}),
`externalIds` ({DOI, ArXiv, ...}), `venue`, and may list `references` (works it
cites) and `citations` (works citing it), each a record of the same shape (often
just {paperId, title}; paperId is null for works Semantic Scholar could not match).
What a listed work's record gives (authors, year, abstract) is kept on it.

The bulk datasets' paper records (https://api.semanticscholar.org/api-docs/datasets)
have the same fields in lowercase, with `corpusid` in place of paperId."""

from __future__ import annotations

from collections.abc import Iterator

from kg.inputs.identity import arxiv_of, doi_of
from kg.inputs.records import (
    RecordError,
    as_dict,
    as_list,
    has_key,
    is_json,
    json_reader,
    json_type,
    parse_authors,
    parse_year,
    text_field,
)
from kg.inputs.text import new_paper
from kg.model import Paper, Problem


def looks_like_semantic_scholar(path: str, head: str) -> bool:
    return is_json(head) and has_key(head, "paperId", "corpusid")


def record_id(record: dict) -> str | None:
    """'s2:<paperId>', else 's2corpus:<corpusid>' (bulk datasets), else None."""
    paper_id = text_field(record, "paperId")
    corpus_id = record.get("corpusid")
    if corpus_id is not None and not isinstance(corpus_id, int | str):
        raise RecordError(f"'corpusid' is {json_type(corpus_id)}, not an id")
    return f"s2:{paper_id}" if paper_id else f"s2corpus:{corpus_id}" if corpus_id else None


def details(record: dict) -> dict:
    """The Paper fields a record gives besides title and abstract."""
    external = as_dict(record.get("externalIds") or record.get("externalids") or {},
                       "'externalIds'")
    return {"id": record_id(record),
            "authors": parse_authors(as_list(record, "authors")),  # a list, never a string
            "year": parse_year(record.get("year")), "url": text_field(record, "url") or None,
            "doi": doi_of(text_field(external, "DOI")),
            "arxiv_id": arxiv_of(text_field(external, "ArXiv")),
            "venue": text_field(record, "venue") or journal_name(record) or None}


def journal_name(record: dict) -> str:
    journal = record.get("journal")
    return text_field(journal, "name") if isinstance(journal, dict) else ""


def link(work) -> dict | None:
    """A listed work as a reference ({"id", "title", and what else it gives}), or None
    if it has neither an id nor a title."""
    work = as_dict(work, "a listed work")
    found = {"title": text_field(work, "title") or None, "abstract": text_field(work, "abstract"),
             **details(work)}
    if not found["id"] and not found["title"]:
        return None
    return {key: value for key, value in found.items() if value or key in ("id", "title")}


def links(record: dict, key: str, inner: str) -> list[dict]:
    """The works listed under `key`; in /references and /citations pages each is
    wrapped as {"citedPaper": work} or {"citingPaper": work}."""
    works = [work[inner] if isinstance(work, dict) and inner in work else work
             for work in as_list(record, key)]
    return [found for found in map(link, works) if found]


def papers_from_record(path: str, line: int, record: dict) -> Iterator[Paper | Problem]:
    """The paper of one record, citing its references; and each citing work as an
    external paper that cites it. A /references or /citations page entry
    ({"citedPaper": ...} or {"citingPaper": ...}) is the listed work, read as a record."""
    for inner in ("citedPaper", "citingPaper"):
        if inner in record:
            record = as_dict(record[inner], f"'{inner}'")
    citing = links(record, "citations", "citingPaper")
    paper = None
    for item in new_paper(path, line, text_field(record, "title"),
                          text_field(record, "abstract"), **details(record),
                          references=links(record, "references", "citedPaper")):
        paper = item if isinstance(item, Paper) else paper
        yield item
    if paper is None:
        return
    for work in citing:
        fields = {key: value for key, value in work.items() if key not in ("title", "abstract")}
        yield from new_paper(path, line, work["title"] or work["id"], work.get("abstract", ""),
                             **fields, external=True,
                             references=[{"id": paper.key, "title": paper.title}])


read_semantic_scholar = json_reader(papers_from_record)
