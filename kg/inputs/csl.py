"""CSL-JSON (Zotero, pandoc, citeproc: https://citeproc-js.readthedocs.io/en/latest/csl-json/
markup.html) and Crossref /works responses (https://api.crossref.org/swagger-ui: one work
under "message", or a page under "message.items"), which use the same field names.

A record has `title` (a list in Crossref), `author` ([{given, family} or {literal}]),
`issued` ({date-parts: [[year, month, day]]}, else `published`/`created`), `abstract`
(JATS markup in Crossref), `DOI`, `URL`, `container-title` (the venue), and in Crossref
`reference` ([{DOI, article-title, unstructured, year, author}]): the works it cites."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from kg.inputs.identity import doi_of
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
from kg.inputs.text import new_paper, squash
from kg.model import Paper, Problem

DATE_FIELDS = ("issued", "published", "published-print", "published-online", "created")
MARKUP = re.compile(r"<[^<>]{0,200}>")  # JATS/HTML tags in Crossref abstracts and titles


def looks_like_csl(path: str, head: str) -> bool:
    return is_json(head) and has_key(head, "message-type", "date-parts", "container-title",
                                     "DOI", "citation-key")


def plain_text(value: str) -> str:
    """'<jats:p>We <jats:italic>propose</jats:italic> &amp; test</jats:p>'
    -> 'We propose & test'."""
    return squash(html.unescape(MARKUP.sub(" ", value)))


def first_text(record: dict, key: str) -> str:
    """A text field that CSL writes as text and Crossref as a list of texts."""
    value = record.get(key)
    if isinstance(value, list):
        return next((item for item in value if isinstance(item, str)), "")
    return text_field(record, key)


def author_names(record: dict) -> list[str]:
    names = []
    for author in as_list(record, "author"):
        author = as_dict(author, "an author")
        name = text_field(author, "literal") or text_field(author, "name") or " ".join(
            part for part in (text_field(author, "given"), text_field(author, "family")) if part)
        if name.strip():
            names.append(squash(name))
    return names


def year_of(record: dict) -> int | None:
    """The first year in issued/published/created: date-parts [[2015, 5, 7]] or raw '2015'."""
    for key in DATE_FIELDS:
        date = record.get(key)
        if date is None:
            continue
        date = as_dict(date, f"'{key}'")
        parts = date.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return parse_year(parts[0][0])
        if text_field(date, "raw") or text_field(date, "literal"):
            return parse_year(text_field(date, "raw") or text_field(date, "literal"))
    return parse_year(record.get("year"))


def cited(reference) -> dict | None:
    """A Crossref reference as {"id", "title", ...}: by DOI when it has one, else by its
    title (or its unstructured text); None when it has neither."""
    reference = as_dict(reference, "a reference")
    doi = doi_of(text_field(reference, "DOI"))
    title = plain_text(text_field(reference, "article-title")
                       or text_field(reference, "unstructured"))
    if not doi and not title:
        return None
    author = text_field(reference, "author")  # Crossref gives the first author's surname
    found = {"id": f"doi:{doi}" if doi else None, "title": title or None, "doi": doi,
             "year": parse_year(reference.get("year")), "authors": [author] if author else []}
    return {key: value for key, value in found.items() if value or key in ("id", "title")}


def paper_from_item(path: str, line: int, record: dict) -> Iterator[Paper | Problem]:
    """The paper of one CSL item or Crossref work, citing its references."""
    doi = doi_of(text_field(record, "DOI"))
    references = [found for found in map(cited, as_list(record, "reference")) if found]
    if record.get("title") is not None and not isinstance(record["title"], str | list):
        raise RecordError(f"'title' is {json_type(record['title'])}, not text")
    yield from new_paper(
        path, line, plain_text(first_text(record, "title")),
        plain_text(text_field(record, "abstract")),
        id=f"doi:{doi}" if doi else None, authors=author_names(record), year=year_of(record),
        url=text_field(record, "URL") or (f"https://doi.org/{doi}" if doi else None), doi=doi,
        venue=plain_text(first_text(record, "container-title")) or None, references=references)


read_csl = json_reader(paper_from_item)
