"""RIS files (EndNote, Zotero, Mendeley, Scopus, Web of Science exports), read with rispy:
one paper per record (`TY  -` ... `ER  -`), each record parsed on its own so a broken
one is one problem and keeps its line number."""

from __future__ import annotations

import re
from collections.abc import Iterator

import rispy

from kg.authors import display_name
from kg.inputs.identity import doi_of
from kg.inputs.records import isolated, parse_year
from kg.inputs.text import new_paper, squash
from kg.model import Paper, Problem

START = re.compile(r"^\ufeff?TY  - ")
END = re.compile(r"^ER  -")


def looks_like_ris(path: str, head: str) -> bool:
    return any(START.match(line) for line in head.splitlines()[:5])


def records(lines: list[tuple[int, str]]) -> Iterator[tuple[int, list[str]]]:
    """(first line number, lines) of each TY ... ER record."""
    start, block = None, []
    for number, text in lines:
        if START.match(text):
            start, block = number, []
        if start is not None:
            block.append(text.lstrip("\ufeff"))
        if start is not None and END.match(text):
            yield start, block
            start = None
    if start is not None:
        yield start, [*block, "ER  - "]


def first(record: dict, *keys: str) -> str:
    """The first of these fields that has text (list fields give their first item)."""
    for key in keys:
        value = record.get(key)
        value = value[0] if isinstance(value, list) and value else value
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def read_ris(path: str, lines: list[tuple[int, str]]) -> Iterator[Paper | Problem]:
    """A paper per record: title (TI/T1), abstract (AB/N2), authors (AU/A1, 'Last, First'),
    year (PY/Y1/DA), DOI (DO), URL (UR), venue (T2/JO/JF)."""
    for line, block in records(lines):
        try:
            found = rispy.loads("\n".join(block))
        except Exception as error:  # noqa: BLE001 - rispy raises plain errors on bad records
            yield Problem(path, line, f"RIS record: {error}, skipped")
            continue
        for record in found:
            yield from isolated(path, line, None, lambda r=record, n=line: paper_of(path, n, r))


def paper_of(path: str, line: int, record: dict) -> Iterator[Paper | Problem]:
    """The paper of one record as rispy reads it."""
    names = record.get("authors") or record.get("first_authors") or []
    doi = doi_of(first(record, "doi"))
    yield from new_paper(
        path, line, first(record, "title", "primary_title", "translated_title"),
        first(record, "abstract", "notes_abstract"), id=f"doi:{doi}" if doi else None,
        authors=[squash(display_name(name)) for name in names if name.strip()],
        year=parse_year(first(record, "year", "publication_year", "date")),
        url=first(record, "urls") or (f"https://doi.org/{doi}" if doi else None), doi=doi,
        venue=first(record, "secondary_title", "journal_name", "alternate_title3",
                    "alternate_title2") or None)
