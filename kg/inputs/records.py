"""Records users bring: JSON Lines or JSON and CSV with `title`, `abstract` and optional
`id`, `authors`, `year`, `url`; and the JSON handling the other record formats share."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator

from kg.inputs.text import new_paper
from kg.model import Paper, Problem

# The lists API pages hold their records under: OpenAlex "results", Semantic Scholar "data".
PAGE_KEYS = ("results", "data")

RecordReader = Callable[[str, int, dict], Iterator[Paper | Problem]]


def is_json(head: str) -> bool:
    return head.lstrip().startswith(("{", "["))


def has_key(head: str, *keys: str) -> bool:
    """Does the JSON text `head` have one of these keys?"""
    return any(re.search(rf'"{re.escape(key)}"\s*:', head) for key in keys)


def looks_like_jsonl(path: str, head: str) -> bool:
    return path.lower().endswith((".jsonl", ".ndjson", ".json")) or is_json(head)


def looks_like_csv(path: str, head: str) -> bool:
    return path.lower().endswith(".csv")


def parse_authors(value) -> list[str]:
    """Authors as a list, from a list or a string separated by ';', ',' or 'and'."""
    if isinstance(value, list):
        return [str(name).strip() for name in value if str(name).strip()]
    if not value:
        return []
    separator = ";" if ";" in str(value) else ","
    names = re.split(rf"\s*{separator}\s*(?:and\s+)?|\s+and\s+", str(value))
    return [name.strip() for name in names if name.strip()]


def parse_year(value) -> int | None:
    try:
        return int(str(value)[:4]) if value not in (None, "") else None
    except ValueError:
        return None


def text_field(record: dict, *keys: str) -> str:
    """The first of these fields that holds text, or ''."""
    return next((record[key] for key in keys if isinstance(record.get(key), str)), "")


def page_records(value) -> list:
    """The records a JSON value holds: itself, the items of an array, or an API page's list."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and "title" not in value:
        for key in PAGE_KEYS:
            if isinstance(value.get(key), list):
                return value[key]
    return [value]


def parses(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def invalid_json(path: str, error: json.JSONDecodeError, line: int, what: str) -> Problem:
    return Problem(path, line, f"invalid JSON ({error.msg} at column {error.colno}), {what}")


def json_records(path: str, lines: list[tuple[int, str]]) -> Iterator[tuple[int, object] | Problem]:
    """(line, record) for every record of a JSON Lines file or of one JSON document.

    A JSON Lines line that does not parse is reported and skipped. A document
    spread over many lines (it opens with a line '{' or '[' or with an array
    that goes on) is read whole: its records all carry the line it starts on,
    and if it does not parse the one problem says where it breaks.
    """
    filled = [(number, text) for number, text in lines if text.strip()]
    first = filled[0][1].strip() if filled else ""
    if (first in ("{", "[") or first.startswith("[")) and not parses(first):
        try:
            value = json.loads("\n".join(text for _, text in lines))
        except json.JSONDecodeError as error:
            yield invalid_json(path, error, error.lineno, "file skipped")
            return
        yield from ((filled[0][0], record) for record in page_records(value))
        return
    for number, text in filled:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            yield invalid_json(path, error, number, "skipped")
            continue
        yield from ((number, record) for record in page_records(value))


def json_reader(read_record: RecordReader) -> Callable[[str, list[tuple[int, str]]],
                                                       Iterator[Paper | Problem]]:
    """A file reader that hands every JSON object of the file to `read_record`."""
    def read(path: str, lines: list[tuple[int, str]]) -> Iterator[Paper | Problem]:
        for item in json_records(path, lines):
            if isinstance(item, Problem):
                yield item
            elif not isinstance(item[1], dict):
                yield Problem(path, item[0], "expected a JSON object, skipped")
            else:
                yield from read_record(path, *item)
    return read


def paper_from_record(path: str, line: int, record: dict) -> Iterator[Paper | Problem]:
    """A paper from one record of title, abstract and optional fields, or the problem with it."""
    title = record.get("title")
    if not isinstance(title, str) or not title.strip():
        yield Problem(path, line, "missing 'title', skipped")
        return
    yield from new_paper(
        path, line, title, text_field(record, "abstract"),
        id=str(record["id"]) if record.get("id") else None,
        authors=parse_authors(record.get("authors")),
        year=parse_year(record.get("year")), url=record.get("url") or None)


read_jsonl = json_reader(paper_from_record)


def read_csv(path: str, lines: list[tuple[int, str]]) -> Iterator[Paper | Problem]:
    """A header row naming the columns, then one paper per row."""
    reader = csv.DictReader(text for _, text in lines)
    if not reader.fieldnames or "title" not in reader.fieldnames:
        yield Problem(path, 1, "CSV header has no 'title' column, file skipped")
        return
    for record in reader:
        yield from paper_from_record(path, reader.line_num, record)
