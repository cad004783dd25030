"""In-text citations in abstracts: find the markers, and match them to papers.

Two kinds of marker are found:
- author-year, in parentheses or in the running text: "(Jordan et al., 2024; Liu
  et al., 2025)", "(Mishkin & Matas, 2015)", "Zola et al. (2010)";
- alphabetic bracket keys: "[BFN19]", "[Knu84]", "[AG06, BFN19]".
Numeric brackets ("[12]") and yearless names ("He et al.") are not citations one
can match outside their paper, so they are left alone. Pure functions, no spaCy.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from kg.authors import surname_key
from kg.model import Paper

# A surname has a lowercase letter ('ICLR 2024' is not a citation), may carry a
# particle ('van der Maaten') and may be hyphenated or have an apostrophe.
# Every pattern matches in linear time, whatever the text (a crafted 16 KB abstract
# costs what an ordinary one does): the letters before the first lowercase one and
# those after it are told apart by their class, repeats are possessive (*+, ++) so
# nothing is tried twice, and a name starts only where a word starts.
PARTICLES = r"(?:(?:van|von|der|den|de|da|di|du|del|la|le)\s++){0,3}"
SURNAME = PARTICLES + r"[A-Z](?:[^\W\d_a-z]|['’-])*+[a-z](?:[^\W\d_]|['’-])*+"
AUTHORS = (rf"(?P<first>{SURNAME})(?:\s++(?P<et_al>et\s++al\.?)"
           rf"|\s++(?:and|&)\s++(?P<second>{SURNAME}))?")
YEAR = r"(?P<year>(?:19|20)\d{2})(?P<suffix>[a-z]?)"
# One work inside parentheses; a lone surname needs its comma: '(Smith, 2020)'.
PART = re.compile(rf"(?:(?:e\.g\.|i\.e\.|see|cf\.),?\s++)?{AUTHORS}(?P<comma>,?)\s++{YEAR}")
PARENTHESES = re.compile(r"\(([^()]*+)\)")
# In the running text only 'et al.' or two names are safe: 'Nature (2020)' is no citation.
NARRATIVE = re.compile(rf"(?<![\w'’-]){AUTHORS}\s++\({YEAR}\)")
BRACKETS = re.compile(r"\[((?:[A-Z]{2,8}\+?|[A-Z][a-z]{2})\d{2}"
                      r"(?:\s*+[,;]\s*+(?:[A-Z]{2,8}\+?|[A-Z][a-z]{2})\d{2})*+)\]")
BRACKET_KEY = re.compile(r"(?P<letters>[A-Za-z]+\+?)(?P<year>\d{2})")
# A sentence ends at . ! ? before a capital, but not after 'et al.', 'e.g.' or 'i.e.';
# or at a period glued to the next word by the corpus's extraction ('padding.We').
SENTENCE_END = re.compile(r"[.!?](?<!\bal.)(?<!\be\.g.)(?<!\bi\.e.)(?=\s+[A-Z(\[])"
                          r"|\.(?<=[\w)]{2}\.)(?=[A-Z][a-z])")


@dataclass(frozen=True)
class Citation:
    """One cited work as the text names it.

    `marker` is the raw marker it stands in (a group may cite several works),
    `start`/`end` its span in the text. Author-year citations have `surnames`
    and a four-digit `year`; bracket keys have `letters` ('BFN') and a two-digit year.
    """

    marker: str
    start: int
    end: int
    year: int
    surnames: tuple[str, ...] = ()
    et_al: bool = False
    suffix: str = ""
    letters: str = ""

    @property
    def name(self) -> str:
        """How the work is written, uniformly: 'Jordan et al., 2024', '[BFN19]'."""
        if self.letters:
            return f"[{self.letters}{self.year:02d}]"
        names = f"{self.surnames[0]} et al." if self.et_al else " and ".join(self.surnames)
        return f"{names}, {self.year}{self.suffix}"

    @property
    def id(self) -> str:
        """The graph id of the Reference node: the same work cited twice shares it."""
        if self.letters:
            return f"reference:[{self.letters.lower()}{self.year:02d}]"
        names = [surname_key(name) for name in self.surnames] + (["etal"] if self.et_al else [])
        return f"reference:{'-'.join(names)}-{self.year}{self.suffix}"


def author_year(match: re.Match, marker: str, start: int, end: int) -> Citation:
    names = tuple(name for name in (match["first"], match["second"]) if name)
    return Citation(marker, start, end, int(match["year"]), names, bool(match["et_al"]),
                    match["suffix"])


def find_citations(text: str) -> list[Citation]:
    """Every cited work in `text`, in the order the text names them."""
    found = []
    for group in PARENTHESES.finditer(text):
        for part in group[1].split(";"):
            match = PART.fullmatch(part.strip())
            # A lone surname without a comma is too often something else: '(Table 2020)'.
            if match and (match["et_al"] or match["second"] or match["comma"]):
                found.append(author_year(match, group[0], group.start(), group.end()))
    for match in NARRATIVE.finditer(text):
        if match["et_al"] or match["second"]:
            found.append(author_year(match, match[0], match.start(), match.end()))
    for group in BRACKETS.finditer(text):
        for key in BRACKET_KEY.finditer(group[1]):
            found.append(Citation(group[0], group.start(), group.end(), int(key["year"]),
                                  letters=key["letters"]))
    return sorted(found, key=lambda citation: citation.start)


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of `text` ends (one pass over the text)."""
    return [match.end() for match in SENTENCE_END.finditer(text)]


def sentence_around(text: str, ends: list[int], start: int, end: int) -> str:
    """The sentence of `text` (whose `sentence_ends` are `ends`) that holds start..end."""
    left = ends[bisect_right(ends, start) - 1] if bisect_right(ends, start) else 0
    following = bisect_left(ends, end + 1)
    right = ends[following] if following < len(ends) else len(text)
    return text[left:right].strip()


def bracket_key_fits(letters: str, surnames: list[str]) -> bool:
    """Alphabetic keys: 'Knu' for one author, initials for several, 'ABC+' for many."""
    letters = letters.lower()
    initials = "".join(name[0] for name in surnames)
    if letters.endswith("+"):
        return len(surnames) > 3 and initials.startswith(letters[:-1])
    if len(surnames) == 1:
        return surnames[0].startswith(letters)
    return initials == letters


def authors_fit(citation: Citation, surnames: list[str]) -> bool:
    """Do a paper's authors (as surname keys) fit the names the citation gives?"""
    if citation.letters:
        return bool(surnames) and bracket_key_fits(citation.letters, surnames)
    cited = [surname_key(name) for name in citation.surnames]
    enough = len(surnames) > len(cited) if citation.et_al else len(surnames) == len(cited)
    return enough and surnames[:len(cited)] == cited


def year_gap(citation: Citation, year: int) -> int:
    """Years between the cited year and a paper's; bracket keys give only two digits."""
    return abs(year % 100 - citation.year) if citation.letters else abs(year - citation.year)


class Resolver:
    """Matches citations to papers by authors and year; built once over the corpus."""

    def __init__(self, papers: list[Paper]) -> None:
        self.by_initial: dict[str, list[tuple[Paper, list[str]]]] = defaultdict(list)
        for paper in papers:
            surnames = [surname_key(name) for name in paper.authors]
            if paper.year and surnames and surnames[0]:
                self.by_initial[surnames[0][0]].append((paper, surnames))

    def resolve(self, citation: Citation, citing: Paper) -> Paper | None:
        """The one paper other than `citing` that the citation names, or None when
        none or several fit.

        The year must match; a year off by one (preprint versus venue) is accepted
        when no paper matches exactly.
        """
        first = citation.letters or surname_key(citation.surnames[0])
        candidates = [paper for paper, surnames in self.by_initial.get(first[0].lower(), [])
                      if paper is not citing and authors_fit(citation, surnames)]
        for slack in (0, 1):
            near = [paper for paper in candidates if year_gap(citation, paper.year) <= slack]
            if near:
                return near[0] if len(near) == 1 else None
        return None


def cited_works(text: str) -> Iterator[tuple[Citation, str]]:
    """Each citation in `text` with the sentence it stands in (its evidence)."""
    ends = sentence_ends(text)
    for citation in find_citations(text):
        yield citation, sentence_around(text, ends, citation.start, citation.end)
