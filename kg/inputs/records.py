"""Records users bring: JSON Lines or JSON, and CSV/TSV tables (Scopus, Web of Science,
OpenReview exports...), with `title`, `abstract` and optional `id`, `authors`, `year`,
`url`, `doi`, `venue` under their usual names; and the JSON handling the other record
formats share."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator

from kg.authors import display_name
from kg.inputs.identity import arxiv_of, doi_of, paper_id
from kg.inputs.text import new_paper
from kg.model import Paper, Problem

# The lists API pages hold their records under: OpenAlex "results", Semantic Scholar "data",
# Crossref "items" (inside its "message" envelope).
PAGE_KEYS = ("results", "data", "items")

# Each field of a record -> the column names (lowercase) tables give it under, preferred
# first: kg's own, Scopus ('Source title', 'Link', 'EID'), Web of Science ('Article Title',
# 'Author Full Names', 'Publication Year', 'UT (Unique WOS ID)', or the tags TI, AF, PY,
# AB, DI, SO, UT of its tab-delimited export), IEEE ('Document Title'), OpenReview
# ('paper_id', 'link').
COLUMNS = {
    "title": ("title", "document title", "article title", "paper title", "ti", "t1"),
    "abstract": ("abstract", "ab", "summary"),
    "authors": ("author full names", "af", "authors", "author", "au"),
    "year": ("year", "publication year", "py", "date", "publication date"),
    "doi": ("doi", "di"),
    "url": ("url", "link", "pdf link", "ur"),
    "id": ("id", "paper_id", "paperid", "eid", "ut (unique wos id)", "ut", "forum"),
    "venue": ("venue", "source title", "journal", "publication title", "so", "conference"),
}
TITLE_COLUMNS = set(COLUMNS["title"])

RecordReader = Callable[[str, int, dict], Iterator[Paper | Problem]]


def is_json(head: str) -> bool:
    return head.lstrip().startswith(("{", "["))


def has_key(head: str, *keys: str) -> bool:
    """Does the JSON text `head` have one of these keys?"""
    return any(re.search(rf'"{re.escape(key)}"\s*:', head) for key in keys)


class RecordError(ValueError):
    """A record whose fields cannot be read; the message says which and why."""


JSON_TYPES = {dict: "an object", list: "a list", str: "text", bool: "true/false",
              int: "a number", float: "a number", type(None): "null"}


def json_type(value) -> str:
    return JSON_TYPES.get(type(value), type(value).__name__)


def as_list(record: dict, key: str) -> list:
    """The list under `key` ([] when missing or null); anything else is a RecordError,
    never iterated (a string is not a list of its characters)."""
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(f"'{key}' is {json_type(value)}, not a list")
    return value


def as_dict(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise RecordError(f"{what} is {json_type(value)}, not an object")
    return value


def looks_like_jsonl(path: str, head: str) -> bool:
    return path.lower().endswith((".jsonl", ".ndjson", ".json")) or is_json(head)


def looks_like_csv(path: str, head: str) -> bool:
    """A .csv/.tsv file, or text whose first line is a header with a title column."""
    if path.lower().endswith((".csv", ".tsv")):
        return True
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    return any(TITLE_COLUMNS & {cell.strip().strip('"').lower() for cell in first.split(sep)}
               for sep in ("\t", ",", ";"))


def split_names(text: str) -> list[str]:
    """Names from one string: 'A; B', 'A, B and C', 'A and B'."""
    separator = ";" if ";" in text else ","
    names = [part.strip() for part in text.split(separator)]
    names = [re.sub(r"^and\s+", "", name) for name in names]
    return [part.strip() for name in names for part in re.split(r"\s+and\s+", name)
            if part.strip() and part.strip().lower() not in ("others", "et al.", "et al")]


def parse_authors(value) -> list[str]:
    """Authors from a list (of names, or objects with a 'name') or from one string
    separated by ';', ',' or 'and'; any other value is a RecordError."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return split_names(value)
    if not isinstance(value, list):
        raise RecordError(f"'authors' is {json_type(value)}, not a list or text")
    names = []
    for entry in value:
        name = entry.get("name") if isinstance(entry, dict) else entry
        if not isinstance(name, str):
            raise RecordError(f"an author is {json_type(name)}, not a name")
        names.append(" ".join(name.split()))
    return [name for name in names if name]


def parse_year(value) -> int | None:
    """A year from 2024, '2024' or '2024-05-01'; None when there is none."""
    found = re.match(r"\s*(\d{4})\b", str(value)) if isinstance(value, str | int) else None
    return int(found[1]) if found and not isinstance(value, bool) else None


def text_field(record: dict, *keys: str) -> str:
    """The first of these fields that is there, as text ('' if none); a field that is
    there but is not text (a list, an object, a number) is a RecordError."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, str):
            return value
        if value is not None:
            raise RecordError(f"'{key}' is {json_type(value)}, not text")
    return ""


def page_records(value) -> list:
    """The records a JSON value holds: itself, the items of an array, or an API page's list
    (a Crossref response's "message" is unwrapped first)."""
    if isinstance(value, dict) and isinstance(value.get("message"), dict):
        value = value["message"]
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and "title" not in value:
        for key in PAGE_KEYS:
            if isinstance(value.get(key), list):
                return value[key]
    return [value]


def parse_json(text: str) -> object:
    """json.loads, with too deep nesting a JSONDecodeError like any other broken JSON."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def invalid_json(path: str, error: json.JSONDecodeError, line: int, what: str) -> Problem:
    where = f" at column {error.colno}" if error.msg != "nested too deeply" else ""
    return Problem(path, line, f"invalid JSON ({error.msg.removesuffix(' at')}{where}), {what}")


JsonRecord = tuple[int, int | None, object]  # (line, index inside a page or None, record)


def numbered(line: int, value) -> Iterator[JsonRecord]:
    records = page_records(value)
    single = len(records) == 1 and records[0] is value
    yield from ((line, None if single else index, record)
                for index, record in enumerate(records, start=1))


def json_records(path: str, lines: list[tuple[int, str]]) -> Iterator[JsonRecord | Problem]:
    """(line, index, record) for every record of a JSON Lines file or of one JSON document.

    A file whose first line parses is JSON Lines: a line that does not parse is
    reported and skipped. Otherwise the file is read as one document (its records
    carry the line it starts on and their index); if that fails too, it is read as
    JSON Lines whose first lines are broken, unless no line is a JSON object, when
    the one problem says where the document breaks.
    """
    filled = [(number, text) for number, text in lines if text.strip()]
    if not filled:
        return
    try:
        parse_json(filled[0][1])
    except json.JSONDecodeError:
        try:
            value = parse_json("\n".join(text for _, text in lines))
        except json.JSONDecodeError as error:
            found = list(json_lines(path, filled))
            if any(not isinstance(item, Problem) and isinstance(item[2], dict) for item in found):
                yield from found
            else:
                yield invalid_json(path, error, error.lineno, "file skipped")
            return
        yield from numbered(filled[0][0], value)
        return
    yield from json_lines(path, filled)


def json_lines(path: str, filled: list[tuple[int, str]]) -> Iterator[JsonRecord | Problem]:
    for number, text in filled:
        try:
            value = parse_json(text)
        except json.JSONDecodeError as error:
            yield invalid_json(path, error, number, "skipped")
            continue
        yield from numbered(number, value)


def isolated(path: str, line: int, index: int | None, read: Callable[[], Iterator]) -> list:
    """Everything `read()` yields for one record, or the one problem that stops it."""
    where = f"record {index}: " if index else ""
    try:
        return [item if not isinstance(item, Problem) or not index
                else Problem(item.path, item.line, where + item.message) for item in read()]
    except RecordError as error:
        return [Problem(path, line, f"{where}{error}, skipped")]
    except RecursionError:
        return [Problem(path, line, f"{where}nested too deeply, skipped")]
    except Exception as error:  # noqa: BLE001 - one bad record must never cost the file
        return [Problem(path, line, f"{where}cannot read this record "
                                    f"({type(error).__name__}: {error}), skipped")]


def json_reader(read_record: RecordReader) -> Callable[[str, list[tuple[int, str]]],
                                                       Iterator[Paper | Problem]]:
    """A file reader that hands every JSON object of the file to `read_record`, one at
    a time: a record that fails is one problem and the next one is read."""
    def read(path: str, lines: list[tuple[int, str]]) -> Iterator[Paper | Problem]:
        for item in json_records(path, lines):
            if isinstance(item, Problem):
                yield item
                continue
            line, index, record = item
            where = f"record {index}: " if index else ""
            if not isinstance(record, dict):
                yield Problem(path, line, f"{where}expected a JSON object, "
                                          f"found {json_type(record)}, skipped")
                continue
            yield from isolated(path, line, index, lambda r=record, n=line: read_record(path, n, r))
    return read


def paper_from_record(path: str, line: int, record: dict) -> Iterator[Paper | Problem]:
    """A paper from one record of title, abstract and optional fields, or the problem with it."""
    title = text_field(record, "title")
    if not title.strip():
        yield Problem(path, line, "missing 'title', skipped")
        return
    raw_id = record.get("id")
    if raw_id is not None and not isinstance(raw_id, str | int):
        raise RecordError(f"'id' is {json_type(raw_id)}, not an id")
    doi = doi_of(text_field(record, "doi"))
    arxiv = arxiv_of(text_field(record, "arxiv_id"))
    key = paper_id(raw_id)
    if doi and (key is None or key.startswith("id:")):  # a DOI says more than a row's id
        key = f"doi:{doi}"
    yield from new_paper(
        path, line, title, text_field(record, "abstract"), id=key,
        authors=parse_authors(record.get("authors")), year=parse_year(record.get("year")),
        url=text_field(record, "url") or None, doi=doi, arxiv_id=arxiv,
        venue=text_field(record, "venue") or None)


def table_record(header: list[str], row: list[str]) -> dict[str, str]:
    """A table row as a record of kg's field names, from whichever alias the header uses."""
    cells = {name: value.strip() for name, value in zip(header, row, strict=False)}
    record = {}
    for field_name, aliases in COLUMNS.items():
        value = next((cells[alias] for alias in aliases if cells.get(alias)), "")
        if value:
            record[field_name] = value
    if "authors" in record:  # Scopus 'Author full names': 'Kingma, Diederik P. (57203)'
        record["authors"] = re.sub(r"\s*\(\d+\)", "", record["authors"])
        if ";" in record["authors"]:
            record["authors"] = "; ".join(display_name(name) for name in
                                          record["authors"].split(";"))
    return record


read_jsonl = json_reader(paper_from_record)


def read_csv(path: str, lines: list[tuple[int, str]]) -> Iterator[Paper | Problem]:
    """A header row naming the columns (any case, any alias of COLUMNS; comma, tab or
    semicolon separated), then one paper per row; a row the csv module cannot read (a
    field over its size limit, say) is one problem."""
    first = lines[0][1] if lines else ""
    delimiter = max("\t,;", key=first.count)
    rows = csv.reader((text for _, text in lines), delimiter=delimiter)
    try:
        header = [name.strip().strip("\ufeff").lower() for name in next(rows)]
    except (csv.Error, StopIteration) as error:
        yield Problem(path, 1, f"cannot read the CSV header ({error}), file skipped")
        return
    if not TITLE_COLUMNS & set(header):
        yield Problem(path, 1, "CSV header has no 'title' column, file skipped")
        return
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            yield Problem(path, rows.line_num, f"{error}, row skipped")
            continue
        if any(cell.strip() for cell in row):
            record, line = table_record(header, row), rows.line_num
            yield from isolated(path, line, None,
                                lambda r=record, n=line: paper_from_record(path, n, r))
