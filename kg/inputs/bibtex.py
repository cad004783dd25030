"""BibTeX files: one paper per entry (@article, @inproceedings, @misc, ...).

A small parser of our own: it reads the fields kg needs (title, author, year or
date, abstract, url, doi, eprint), keeps line numbers for problems, and goes on
after a broken entry. Citations are the `\\cite{key}` commands (and natbib/biblatex
variants) in an entry's abstract; a key of another entry of the file cites that
entry's paper, an unknown key becomes an external work named by the key."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.authors import display_name
from kg.inputs.records import parse_year
from kg.inputs.text import new_paper, unlatex
from kg.model import Paper, Problem

ENTRY = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(]", re.MULTILINE)
NOT_PAPERS = {"comment", "preamble", "string"}
FIELD_NAME = re.compile(r"\s*([\w:.-]+)\s*=\s*")
BARE_VALUE = re.compile(r"[^\s,#{}()\"]+")  # a number or a macro name: year = 2020, month = jan
CITE = re.compile(r"\s*\\(?:no)?(?:cite|parencite|textcite|autocite)[a-z]*\*?(?:\[[^\]]*\])*"
                  r"\{([^}]*)\}")
NAME_SEPARATOR = re.compile(r"\s+and\s+")


class BibError(ValueError):
    """An entry that cannot be read; the message says why."""


def looks_like_bibtex(path: str, head: str) -> bool:
    return path.lower().endswith(".bib") or bool(ENTRY.search(head))


def closing(text: str, start: int) -> int:
    """The index of the '}' or '"' that closes the group opening at `start`."""
    depth, closer = 0, "}" if text[start] == "{" else '"'
    for index in range(start + 1, len(text)):
        char = text[index]
        if text[index - 1] == "\\":
            continue
        if char == closer and depth == 0:
            return index
        depth += {"{": 1, "}": -1}.get(char, 0)
    raise BibError("unbalanced braces or quotes")


def read_value(text: str, start: int) -> tuple[str, int]:
    """The field value at `start` ({...}, "..." or bare; parts joined by '#'), and its end."""
    parts, index = [], start
    while True:
        index = len(text) - len(text[index:].lstrip())
        if text[index:index + 1] in ("{", '"'):
            end = closing(text, index)
            parts.append(text[index + 1:end])
            index = end + 1
        elif bare := BARE_VALUE.match(text, index):
            parts.append(bare[0])
            index = bare.end()
        else:
            raise BibError("a field has no value")
        index = len(text) - len(text[index:].lstrip())
        if text[index:index + 1] != "#":
            return "".join(parts), index
        index += 1


def parse_entry(body: str) -> tuple[str, dict[str, str]]:
    """'key, name = value, ... }' -> (key, {lowercase name: raw value})."""
    key, _, rest = body.partition(",")
    key = key.strip().rstrip("})").strip()
    if not key or any(char in key for char in "{}= \n"):
        raise BibError("entry has no key")
    fields, index = {}, 0
    while name := FIELD_NAME.match(rest, index):
        fields[name[1].lower()], index = read_value(rest, name.end())
        index = re.compile(r"\s*,?").match(rest, index).end()
    if not re.match(r"\s*[})]", rest[index:]):
        raise BibError(f"cannot read the field after {list(fields)[-1]!r}" if fields
                       else "cannot read its fields")
    return key, fields


def entries(path: str, lines: list[tuple[int, str]]) -> Iterator[tuple[int, str, dict] | Problem]:
    """(line, key, fields) of every paper entry; a broken entry is reported and skipped."""
    text = "\n".join(line for _, line in lines)
    starts = list(ENTRY.finditer(text))
    line, position = 1, 0
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        line += text.count("\n", position, match.start())
        position = match.start()
        if match[1].lower() in NOT_PAPERS:
            continue
        try:
            key, fields = parse_entry(text[match.end():following.start() if following else None])
        except BibError as error:
            yield Problem(path, line, f"BibTeX @{match[1]} entry: {error}, skipped")
            continue
        yield line, key, fields


def author_names(value: str) -> list[str]:
    """'Kingma, Diederik P. and Ba, Jimmy and others' -> ['Diederik P. Kingma', 'Jimmy Ba'].

    Only an 'and' outside braces separates names: '{Barnes and Noble}' is one.
    """
    names, start = [], 0
    for separator in NAME_SEPARATOR.finditer(value):
        if value.count("{", 0, separator.start()) == value.count("}", 0, separator.start()):
            names.append(value[start:separator.start()])
            start = separator.end()
    names.append(value[start:])
    return [display_name(unlatex(name)) for name in names
            if name.strip() and name.strip() != "others"]


def link(fields: dict[str, str]) -> str | None:
    if fields.get("url"):
        return unlatex(fields["url"])
    if fields.get("doi"):
        return f"https://doi.org/{fields['doi']}"
    if fields.get("eprint") and fields.get("archiveprefix", "arXiv").lower() == "arxiv":
        return f"https://arxiv.org/abs/{fields['eprint']}"
    return None


def read_bibtex(path: str, lines: list[tuple[int, str]]) -> Iterator[Paper | Problem]:
    """A paper per entry, citing the entries its abstract \\cites."""
    papers: dict[str, Paper] = {}
    cited: dict[str, list[str]] = {}
    for item in entries(path, lines):
        if isinstance(item, Problem):
            yield item
            continue
        line, key, fields = item
        abstract = fields.get("abstract", "")
        for paper in new_paper(path, line, unlatex(fields.get("title", "")),
                               unlatex(CITE.sub("", abstract)),
                               authors=author_names(fields.get("author", "")),
                               year=parse_year(fields.get("year") or fields.get("date")),
                               url=link(fields)):
            if isinstance(paper, Paper):
                papers[key] = paper
                cited[key] = [k.strip() for keys in CITE.findall(abstract)
                              for k in keys.split(",") if k.strip()]
            else:
                yield paper
    # References are known once every entry is read: a \cite may name a later entry.
    for key, paper in papers.items():
        paper.references = [{"id": papers[k].key, "title": papers[k].title} if k in papers
                            else {"id": f"bibtex:{k}", "title": None} for k in cited[key]]
        yield paper
