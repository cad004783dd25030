"""What an API knows about one work, in one shape for every source, and the title
test a found work must pass before it is taken for a paper."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from kg.model import normalize_title

# Titles this similar (normalized, 0..1) are one title spelled slightly differently:
# a typo, a dropped article, 'Pre-Conditioning' against 'Preconditioning'. A different
# subtitle, or a shorter or longer title, falls well below.
SAME_TITLE = 0.95

ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)


@dataclass
class Work:
    """A work as a bibliographic API describes it.

    `id` is namespaced ('openalex:W2741809807', 's2:649def34…'); `references` are
    the works it cites, each {"id", "title", ...} ("title" None when the API gave
    only the id); `link` is where the record can be read (the API's URL of it).
    """

    id: str
    title: str
    year: int | None = None
    authors: list[str] = field(default_factory=list)
    venue: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    link: str | None = None
    references: list[dict] = field(default_factory=list)


def titles_match(wanted: str, found: str) -> bool:
    """Is `found` the title `wanted`, up to case, punctuation, spacing and a typo?"""
    a, b = normalize_title(wanted), normalize_title(found)
    if not a or not b:
        return False
    return a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= SAME_TITLE


def bare_doi(doi: str | None) -> str | None:
    """'https://doi.org/10.48550/arXiv.2502.16982' -> '10.48550/arxiv.2502.16982'
    (DOIs compare case-insensitively)."""
    if not doi:
        return None
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", doi.strip(), flags=re.IGNORECASE)
    return doi.lower() or None


def arxiv_from_doi(doi: str | None) -> str | None:
    """The arXiv id inside an arXiv DOI ('10.48550/arxiv.2502.16982' -> '2502.16982')."""
    match = ARXIV_DOI.match(bare_doi(doi) or "")
    return match[1] if match else None


def search_words(title: str) -> str:
    """A title as a search query: its words, lowercase, no punctuation. Search syntax
    ('AND', quotes, ':') stays out, and hyphenated words (which Semantic Scholar's
    search never matches) are split; letters of every script stay ('μP')."""
    return " ".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", title).lower()))
