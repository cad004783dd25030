"""OpenAlex work records (https://docs.openalex.org/api-entities/works), as JSON Lines
(a snapshot) or JSON (one work, or an API page with "results").

A work gives its title, `publication_year`, `authorships`, its abstract as an
`abstract_inverted_index` (word -> positions) and the works it cites as
`referenced_works` (OpenAlex ids only)."""

from __future__ import annotations

from collections.abc import Iterator

from kg.inputs.records import has_key, is_json, json_reader, parse_year, text_field
from kg.inputs.text import new_paper
from kg.model import Paper, Problem


def looks_like_openalex(path: str, head: str) -> bool:
    return is_json(head) and ("openalex.org/W" in head or has_key(
        head, "abstract_inverted_index", "referenced_works"))


def work_id(url: str) -> str:
    """'https://openalex.org/W2741809807' -> 'openalex:W2741809807'."""
    return f"openalex:{url.rstrip('/').rsplit('/', 1)[-1]}"


def abstract_text(index) -> str:
    """The abstract put back in order from its inverted index; '' if it is not one."""
    if not isinstance(index, dict):
        return ""
    placed = [(position, word) for word, positions in index.items()
              if isinstance(positions, list) for position in positions if isinstance(position, int)]
    return " ".join(word for _, word in sorted(placed))


def author_names(authorships) -> list[str]:
    names = [(entry.get("author") or {}).get("display_name") or entry.get("raw_author_name")
             for entry in authorships or [] if isinstance(entry, dict)]
    return [name for name in names if isinstance(name, str) and name.strip()]


def papers_from_work(path: str, line: int, work: dict) -> Iterator[Paper | Problem]:
    """The paper one work record describes, citing its referenced works."""
    url = work["id"] if isinstance(work.get("id"), str) else None
    cited = [work_id(url) for url in work.get("referenced_works") or [] if isinstance(url, str)]
    yield from new_paper(
        path, line, text_field(work, "title", "display_name"),
        abstract_text(work.get("abstract_inverted_index")),
        id=work_id(url) if url else None, authors=author_names(work.get("authorships")),
        year=parse_year(work.get("publication_year")), url=work.get("doi") or url,
        references=[{"id": key, "title": None} for key in cited])


read_openalex = json_reader(papers_from_work)
