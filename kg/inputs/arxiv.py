"""arXiv metadata records, as in the arXiv dataset dump (one JSON object per line):
`id`, `title`, `abstract`, `authors`, `categories`, `update_date`, and usually
`versions` (dated) and `authors_parsed` ([last, first, suffix] per author).

Titles, abstracts and names carry LaTeX ("Bal\\'azs"); it is turned into text.
arXiv lists no references: citations come from the abstracts' in-text markers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.inputs.identity import arxiv_of, doi_of
from kg.inputs.records import (
    as_list,
    has_key,
    is_json,
    json_reader,
    parse_authors,
    parse_year,
    text_field,
)
from kg.inputs.text import new_paper, unlatex
from kg.model import Paper, Problem


def looks_like_arxiv(path: str, head: str) -> bool:
    return is_json(head) and has_key(head, "update_date", "authors_parsed")


def parsed_name(parts: list) -> str:
    """['Balázs', 'C.', ''] (last, first, suffix) -> 'C. Balázs'."""
    last, first, suffix = (list(map(str, parts)) + ["", ""])[:3]
    return unlatex(" ".join(part for part in (first, last, suffix) if part))


def author_names(record: dict) -> list[str]:
    """'First Last' per author, from `authors_parsed` when there, else the `authors` text."""
    parsed = as_list(record, "authors_parsed")
    if parsed and all(isinstance(parts, list) and parts for parts in parsed):
        return [parsed_name(parts) for parts in parsed]
    return parse_authors(unlatex(text_field(record, "authors")))


def first_year(record: dict) -> int | None:
    """The year of the first version (when the paper appeared), else of the last update."""
    versions = record.get("versions")
    created = versions[0].get("created", "") if isinstance(versions, list) and versions and \
        isinstance(versions[0], dict) else ""
    found = re.search(r"\b(19|20)\d{2}\b", str(created))
    return int(found[0]) if found else parse_year(record.get("update_date"))


def paper_from_record(path: str, line: int, record: dict) -> Iterator[Paper | Problem]:
    """The paper of one arXiv record, with its arXiv id, DOI and journal when given."""
    raw_id = str(record["id"]).strip() if isinstance(record.get("id"), str | int | float) else ""
    arxiv_id = arxiv_of(raw_id) or raw_id or None
    yield from new_paper(
        path, line, unlatex(text_field(record, "title")), unlatex(text_field(record, "abstract")),
        id=f"arXiv:{arxiv_id}" if arxiv_id else None, arxiv_id=arxiv_id,
        authors=author_names(record), year=first_year(record),
        url=f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else None,
        doi=doi_of(text_field(record, "doi")),
        venue=unlatex(text_field(record, "journal-ref")) or None)


read_arxiv = json_reader(paper_from_record)
