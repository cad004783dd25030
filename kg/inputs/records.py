"""Records users bring: JSON Lines and CSV with `title`, `abstract` and optional
`id`, `authors`, `year`, `url`."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from kg.inputs.text import new_paper
from kg.model import Paper, Problem


def looks_like_jsonl(path: str, head: str) -> bool:
    return path.lower().endswith((".jsonl", ".ndjson")) or head.lstrip().startswith("{")


def looks_like_csv(path: str, head: str) -> bool:
    return path.lower().endswith(".csv")


def parse_authors(value) -> list[str]:
    """Authors as a list, from a list or a ';'- or ','-separated string."""
    if isinstance(value, list):
        return [str(name).strip() for name in value if str(name).strip()]
    if not value:
        return []
    separator = ";" if ";" in str(value) else ","
    return [name.strip() for name in str(value).split(separator) if name.strip()]


def parse_year(value) -> int | None:
    try:
        return int(str(value)[:4]) if value not in (None, "") else None
    except ValueError:
        return None


def paper_from_record(path: str, line: int, record) -> Iterator[Paper | Problem]:
    """A paper from one record (a dict), or the problem with it."""
    if not isinstance(record, dict):
        yield Problem(path, line, "expected an object with a 'title', skipped")
        return
    title = record.get("title")
    if not isinstance(title, str) or not title.strip():
        yield Problem(path, line, "missing 'title', skipped")
        return
    abstract = record.get("abstract") or ""
    yield from new_paper(
        path, line, title, abstract if isinstance(abstract, str) else "",
        id=str(record["id"]) if record.get("id") else None,
        authors=parse_authors(record.get("authors")),
        year=parse_year(record.get("year")), url=record.get("url") or None)


def read_jsonl(path: str, lines: list[tuple[int, str]]) -> Iterator[Paper | Problem]:
    """One JSON object per line; a malformed line is reported and skipped."""
    for number, text in lines:
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            yield Problem(path, number, f"invalid JSON ({error.msg} at column {error.colno}), skipped")
            continue
        yield from paper_from_record(path, number, record)


def read_csv(path: str, lines: list[tuple[int, str]]) -> Iterator[Paper | Problem]:
    """A header row naming the columns, then one paper per row."""
    reader = csv.DictReader(text for _, text in lines)
    if not reader.fieldnames or "title" not in reader.fieldnames:
        yield Problem(path, 1, "CSV header has no 'title' column, file skipped")
        return
    for record in reader:
        yield from paper_from_record(path, reader.line_num, record)
