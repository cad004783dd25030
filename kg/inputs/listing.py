"""Plain-text listing pages: a title line, then its abstract, repeated.

Both layouts of the bundled corpus read the same way once blank lines and page
furniture are dropped: what remains alternates title, abstract, title, ...
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.inputs.text import new_paper
from kg.model import Paper, Problem

FURNITURE = re.compile(
    r"new|subscribe|by\s*ak and the research community|get trending papers in your email inbox.*"
    r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(, \d{4})?",
    re.IGNORECASE)
GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=[A-Z0-9])")
MAX_TITLE_CHARS = 300  # a longer line in a title's place is an abstract whose title is missing


MIN_ABSTRACT_WORDS = 12
MARKUP_START = ("<", "{", "[", "@", "#", "%", "//", "\\")


def looks_like_listing(path: str, head: str) -> bool:
    """Text laid out as a listing: among its first lines, a title (a short line that is
    no markup, code or table row) followed by an abstract (a line of prose)."""
    rest = content_lines(list(enumerate(head.splitlines(), start=1)))
    for index in range(min(len(rest) - 1, 6)):
        title, abstract = rest[index][1], rest[index + 1][1]
        if (len(title) <= MAX_TITLE_CHARS and not title.startswith(MARKUP_START)
                and "\t" not in title + abstract
                and len(abstract.split()) >= MIN_ABSTRACT_WORDS
                and sum(ch.isalpha() or ch.isspace() for ch in abstract) > 0.8 * len(abstract)):
            return True
    return False


def content_lines(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines that carry titles or abstracts, with furniture and blanks dropped."""
    kept = []
    for number, text in lines:
        text = GLUED_SUBSCRIBE.sub("", text.strip())
        if text and not FURNITURE.fullmatch(text):
            kept.append((number, text))
    return kept


def is_title(rest: list[tuple[int, str]], index: int) -> bool:
    return index < len(rest) and len(rest[index][1]) <= MAX_TITLE_CHARS


def read_listing(path: str, lines: list[tuple[int, str]]) -> Iterator[Paper | Problem]:
    """Papers from title/abstract line pairs; an unpaired line is reported."""
    rest = content_lines(lines)
    index = 0
    while index < len(rest):
        number, title = rest[index]
        if not is_title(rest, index):
            yield Problem(path, number, "abstract without a title before it, skipped")
            index += 1
            continue
        # The next line is this title's abstract unless it is the next title.
        next_is_title = is_title(rest, index + 1) and not is_title(rest, index + 2)
        if index + 1 == len(rest) or next_is_title:
            yield Problem(path, number, "title without an abstract, kept without one")
            yield from new_paper(path, number, title)
            index += 1
            continue
        yield from new_paper(path, number, title, rest[index + 1][1])
        index += 2
