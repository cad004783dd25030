"""Text for the readers: raw bytes into numbered lines (reporting what is broken),
and fields cleaned (white space, length, LaTeX markup)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text

from kg.model import Paper, Problem

MAX_FIELD_CHARS = 20_000  # far above any real abstract; longer text is cut


def is_binary(data: bytes) -> bool:
    """A NUL byte near the start means this is not a text file."""
    return b"\x00" in data[:8192]


def decode_utf16(data: bytes) -> bytes:
    """UTF-16 text (it starts with a byte order mark) as UTF-8 bytes; other bytes as they are."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace").encode("utf-8")
    return data


def decode_lines(path: str, data: bytes) -> tuple[list[tuple[int, str]], list[Problem]]:
    """(line number, text) for every line, decoded as UTF-8.

    A line with invalid UTF-8 is kept with U+FFFD in place of the bad bytes and
    reported, so one damaged byte does not cost the whole file.
    """
    lines: list[tuple[int, str]] = []
    problems: list[Problem] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            text = raw.decode("utf-8", errors="replace")
            problems.append(Problem(path, number, f"invalid UTF-8 byte 0x{raw[error.start]:02x} "
                                                  f"at column {error.start + 1}, replaced"))
        lines.append((number, text))
    return lines, problems


def clip(path: str, line: int | None, field: str, text: str) -> tuple[str, Problem | None]:
    """Cut a field that is longer than any real one, and say so."""
    if len(text) <= MAX_FIELD_CHARS:
        return text, None
    return text[:MAX_FIELD_CHARS], Problem(
        path, line, f"{field} of {len(text):,} characters cut to {MAX_FIELD_CHARS:,}")


def squash(text: str) -> str:
    """Collapse runs of white space (tabs, newlines) into single spaces."""
    return " ".join(text.split())


# A punctuation mark's HTML entity whose '&#' and ';' an export dropped, left between two
# words: 'done rightx2014by which we mean' is 'done right—by which we mean'.
# Two lowercase letters on each side, or an apostrophe's contraction ('modelx2019s',
# 'donx2019t'): a name holding such digits stays ('Phoenix2014T').
STRIPPED_ENTITY = re.compile(r"(?<=[a-z]{2})x(?:(201[3489cd]|2026)(?=[a-z]{2})"
                             r"|(2019)(?=(?:s|t|d|ll|re|ve|m)\b))")


def mend_entities(text: str) -> str:
    """'rightx2014by' -> 'right—by', 'modelx2019s' -> 'model’s': dashes, curly quotes and
    the ellipsis only."""
    return STRIPPED_ENTITY.sub(lambda entity: chr(int(entity[1] or entity[2], 16)), text)


def new_paper(path: str, line: int | None, title: str, abstract: str = "",
              **details) -> Iterator[Paper | Problem]:
    """A Paper from raw fields, cleaned and clipped, or the problem that stops it."""
    title, title_cut = clip(path, line, "title", mend_entities(squash(title)))
    abstract, abstract_cut = clip(path, line, "abstract", mend_entities(squash(abstract)))
    if not title:
        yield Problem(path, line, "entry has no title, skipped")
        return
    yield from (problem for problem in (title_cut, abstract_cut) if problem)
    source = f"{path}:{line}" if line else path
    yield Paper(title=title, abstract=abstract, sources=[source], **details)


LATEX = LatexNodes2Text(math_mode="verbatim", keep_comments=False, strict_latex_spaces=False)
# The spans of markup in a text, each converted on its own (prose is left alone, so
# the work grows with the markup, never faster than the text): math, kept as written;
# a command with its arguments; an accent or escaped character; a brace group (one
# level of nesting); dashes and quotes.
LATEX_SPAN = re.compile(r"\$[^$]*+\$"
                        r"|\\[A-Za-z]++\*?(?:\s*+\{(?:[^{}]|\{[^{}]*+\})*+\})*+"
                        r"|\\[^A-Za-z\s](?:\{[^{}]*+\}|\\?[A-Za-z])?"
                        r"|\{(?:[^{}$]|\{[^{}$]*+\})*+\}"
                        r"|---?|``|''|~")
BARE_PERCENT = re.compile(r"(?<!\\)%")  # '5% better' in an export is a percent, not a comment


@lru_cache(maxsize=4096)
def latex_span(span: str) -> str:
    if span.startswith("$"):
        return span
    return LATEX.latex_to_text(BARE_PERCENT.sub(r"\\%", span))


def unlatex(text: str) -> str:
    """BibTeX/arXiv LaTeX markup to Unicode text with pylatexenc: "Bal\\'azs" -> 'Balázs',
    "{\\'\\i}" -> 'í', '{\\textbackslash}' -> '\\', '{BERT}' -> 'BERT', '--' -> '–';
    math ($...$) is left as written."""
    converted = LATEX_SPAN.sub(lambda span: latex_span(span[0]), text)
    return unicodedata.normalize("NFC", converted)
