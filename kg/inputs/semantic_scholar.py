"""Semantic Scholar paper records (Graph API, https://api.semanticscholar.org/api-docs/graph),
as JSON Lines or JSON (one paper, an array from /paper/batch, or a page with "data").

A record has `paperId`, `title`, `abstract`, `year`, `authors` ({authorId, name}),
and may list `references` (works it cites) and `citations` (works citing it),
each as {paperId, title}; either may be missing (paperId is null for works
Semantic Scholar could not match)."""

from __future__ import annotations

from collections.abc import Iterator

from kg.inputs.records import has_key, is_json, json_reader, parse_year, text_field
from kg.inputs.text import new_paper
from kg.model import Paper, Problem


def looks_like_semantic_scholar(path: str, head: str) -> bool:
    return is_json(head) and has_key(head, "paperId")


def link(work) -> dict | None:
    """{"id", "title"} of a listed work, or None if it has neither."""
    if not isinstance(work, dict):
        return None
    paper_id, title = work.get("paperId"), text_field(work, "title") or None
    if not paper_id and not title:
        return None
    return {"id": f"s2:{paper_id}" if paper_id else None, "title": title}


def links(works) -> list[dict]:
    return [found for found in map(link, works if isinstance(works, list) else []) if found]


def papers_from_record(path: str, line: int, record: dict) -> Iterator[Paper | Problem]:
    """The paper of one record, citing its references; and each citing work as an
    external paper that cites it."""
    paper = None
    for item in new_paper(
            path, line, text_field(record, "title"), text_field(record, "abstract"),
            id=f"s2:{record['paperId']}" if record.get("paperId") else None,
            authors=[author["name"] for author in record.get("authors") or []
                     if isinstance(author, dict) and isinstance(author.get("name"), str)],
            year=parse_year(record.get("year")), url=record.get("url") or None,
            references=links(record.get("references"))):
        paper = item if isinstance(item, Paper) else paper
        yield item
    if paper is None:
        return
    for citing in links(record.get("citations")):
        yield from new_paper(path, line, citing["title"] or citing["id"], id=citing["id"],
                             external=True, references=[{"id": paper.key, "title": paper.title}])


read_semantic_scholar = json_reader(papers_from_record)
