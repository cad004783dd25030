"""OpenAlex work records (https://docs.openalex.org/api-entities/works), as JSON Lines
(a snapshot) or JSON (one work, or an API page with "results").

A work gives its title, `publication_year`, `authorships`, its abstract as an
`abstract_inverted_index` (word -> positions) and the works it cites as
`referenced_works` (OpenAlex ids only)."""

from __future__ import annotations

from collections.abc import Iterator

from kg.inputs.identity import doi_of, paper_id
from kg.inputs.records import (
    RecordError,
    as_dict,
    as_list,
    has_key,
    is_json,
    json_reader,
    json_type,
    parse_year,
    text_field,
)
from kg.inputs.text import new_paper
from kg.model import Paper, Problem


def looks_like_openalex(path: str, head: str) -> bool:
    return is_json(head) and ("openalex.org/W" in head or has_key(
        head, "abstract_inverted_index", "referenced_works"))


def abstract_text(index) -> str:
    """The abstract put back in order from its inverted index; '' if it is not one."""
    if not isinstance(index, dict):
        return ""
    placed = [(position, word) for word, positions in index.items()
              if isinstance(positions, list) for position in positions if isinstance(position, int)]
    return " ".join(word for _, word in sorted(placed))


def author_names(work: dict) -> list[str]:
    """Names in `authorships` order: each author's display_name, else the name as printed."""
    names = []
    for entry in as_list(work, "authorships"):
        entry = as_dict(entry, "an authorship")
        author = as_dict(entry.get("author") or {}, "an authorship's author")
        names.append(text_field(author, "display_name") or text_field(entry, "raw_author_name"))
    return [" ".join(name.split()) for name in names if name.strip()]


def venue(work: dict) -> str | None:
    """The journal or conference: primary_location.source.display_name (or host_venue's)."""
    location = as_dict(work.get("primary_location") or work.get("host_venue") or {},
                       "primary_location")
    source = as_dict(location.get("source") or location, "primary_location.source")
    return text_field(source, "display_name") or None


def papers_from_work(path: str, line: int, work: dict) -> Iterator[Paper | Problem]:
    """The paper one work record describes, citing its referenced works."""
    key = paper_id(text_field(work, "id"))
    cited = []
    for url in as_list(work, "referenced_works"):
        if not isinstance(url, str):
            raise RecordError(f"a referenced work is {json_type(url)}, not an id")
        cited.append(paper_id(url))
    doi = doi_of(text_field(work, "doi"))
    yield from new_paper(
        path, line, text_field(work, "title", "display_name"),
        abstract_text(work.get("abstract_inverted_index")),
        id=key, authors=author_names(work), year=parse_year(work.get("publication_year")),
        url=text_field(work, "doi") or text_field(work, "id") or None, doi=doi,
        venue=venue(work),
        references=[{"id": cited_key, "title": None} for cited_key in cited if cited_key])


read_openalex = json_reader(papers_from_work)
