"""BibTeX files: one paper per entry (@article, @inproceedings, @misc, ...), parsed by
bibtexparser v2 (@string macros and '#' joins resolved) with LaTeX turned into Unicode
by pylatexenc (kg.inputs.text.unlatex).

An entry with `crossref` inherits the fields it lacks from the entry it names (whose
title is its venue), and that entry, a proceedings volume, is no paper of its own;
@set, @comment, @preamble and @string are no papers. 'and others' / 'et al.' is
nobody. Citations are the `\\cite{key}` commands (natbib/biblatex variants too) in an
entry's abstract: a key of another entry of the file cites that entry's paper, an
unknown key becomes an external work named by the key."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import bibtexparser
from bibtexparser.middlewares.names import split_multiple_persons_names

from kg.authors import display_name
from kg.inputs.identity import arxiv_of, doi_of, paper_id
from kg.inputs.records import isolated, parse_year
from kg.inputs.text import new_paper, squash, unlatex
from kg.model import Paper, Problem

# A broken block is reported as a Problem; bibtexparser's own warning would repeat it.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)

ENTRY = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(]", re.MULTILINE)
NOT_PAPERS = {"set", "xdata", "comment", "preamble", "string"}
CITE = re.compile(r"\s*\\(?:no)?(?:cite|parencite|textcite|autocite)[a-z]*\*?(?:\[[^\]]*+\])*+"
                  r"\{([^}]*+)\}")
NOBODY = {"others", "et al", "et al.", "etal"}
INHERITED_TITLE = {"booktitle": "title"}  # a crossref'd volume's title is its papers' venue


def looks_like_bibtex(path: str, head: str) -> bool:
    return path.lower().endswith(".bib") or bool(ENTRY.search(head))


MONTHS = {month: str(number) for number, month in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
PART = re.compile(r'\s*+(?:"([^"]*+)"|\{((?:[^{}]|\{[^{}]*+\})*+)\}|([^\s#"{}]++))\s*+(?:#|$)')


def joined(raw: str, strings: dict[str, str]) -> str:
    """A value bibtexparser left as written because it joins parts with '#':
    'neurips # " 32"' -> 'Advances in ... Systems 32' (@string macros and months)."""
    parts, position = [], 0
    while position < len(raw) and (part := PART.match(raw, position)) and part.end() > position:
        quoted, braced, name = part.groups()
        parts.append(quoted if quoted is not None else braced if braced is not None
                     else strings.get(name.lower(), MONTHS.get(name.lower(), name)))
        position = part.end()
    return "".join(parts) if position >= len(raw) else raw


def field_text(field, strings: dict[str, str]) -> str:
    value = field.value if isinstance(field.value, str) else str(field.value)
    return joined(value, strings) if field.enclosing == "no-enclosing" and "#" in value \
        else value


def author_names(value: str) -> list[str]:
    """'Kingma, Diederik P. and Ba, Jimmy and others' -> ['Diederik P. Kingma', 'Jimmy Ba'].

    Only an 'and' outside braces separates names: '{Barnes and Noble}' is one.
    """
    names = split_multiple_persons_names(value) if value.strip() else []
    shown = [squash(display_name(unlatex(name))) for name in names]
    return [name for name in shown if name and name.lower() not in NOBODY]


def arxiv_id(fields: dict[str, str]) -> str | None:
    """From eprint (when the archive is arXiv) or an 'arXiv:2502.16982' in the journal."""
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").lower()
    if fields.get("eprint") and archive == "arxiv":
        return arxiv_of(fields["eprint"])
    found = re.search(r"arxiv:\s*(\S+)", fields.get("journal", ""), re.IGNORECASE)
    return arxiv_of(found[1]) if found else None


def link(fields: dict[str, str], doi: str | None, arxiv: str | None) -> str | None:
    if fields.get("url"):
        return fields["url"].strip()
    if doi:
        return f"https://doi.org/{doi}"
    return f"https://arxiv.org/abs/{arxiv}" if arxiv else None


def entries(path: str, text: str) -> Iterator[tuple[int, str, dict[str, str]] | Problem]:
    """(line, key, lowercase field name -> value) of every paper entry, crossref fields
    inherited; a block bibtexparser cannot read is one problem."""
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        error = block.error
        reason = getattr(error, "abort_reason", None) or getattr(error, "message", None) \
            or str(error) or type(error).__name__
        yield Problem(path, (block.start_line or 0) + 1,
                      f"BibTeX entry: {squash(reason).rstrip('.')}, skipped")
    strings = {string.key.lower(): string.value for string in library.strings}
    found = {entry.key.lower(): (entry, {name.lower(): field_text(field, strings)
                                         for name, field in entry.fields_dict.items()})
             for entry in library.entries}
    volumes = {fields["crossref"].strip().lower() for _, fields in found.values()
               if fields.get("crossref")}
    for key, (entry, fields) in found.items():
        if entry.entry_type.lower() in NOT_PAPERS or key in volumes:
            continue
        parent = found.get(fields.get("crossref", "").strip().lower())
        if parent:
            for name, value in parent[1].items():
                fields.setdefault(name, value)
            for name, source in INHERITED_TITLE.items():
                fields.setdefault(name, parent[1].get(source, ""))
        yield (entry.start_line or 0) + 1, entry.key, fields


def paper_of(path: str, line: int, fields: dict[str, str]) -> Iterator[Paper | Problem]:
    """The paper of one entry's fields (its \\cite commands dropped from the abstract)."""
    doi, arxiv = doi_of(fields.get("doi", "")), arxiv_id(fields)
    venue = unlatex(fields.get("journal") or fields.get("booktitle") or "")
    yield from new_paper(path, line, unlatex(fields.get("title", "")),
                         unlatex(CITE.sub("", fields.get("abstract", ""))),
                         id=paper_id(f"doi:{doi}" if doi else arxiv and f"arXiv:{arxiv}"),
                         authors=author_names(fields.get("author", "")),
                         year=parse_year(fields.get("year") or fields.get("date")),
                         url=link(fields, doi, arxiv), doi=doi, arxiv_id=arxiv,
                         venue=squash(venue) or None)


def read_bibtex(path: str, lines: list[tuple[int, str]]) -> Iterator[Paper | Problem]:
    """A paper per entry, citing the entries its abstract \\cites."""
    papers: dict[str, Paper] = {}
    cited: dict[str, list[str]] = {}
    for item in entries(path, "\n".join(text for _, text in lines)):
        if isinstance(item, Problem):
            yield item
            continue
        line, key, fields = item
        for paper in isolated(path, line, None, lambda n=line, f=fields: paper_of(path, n, f)):
            if isinstance(paper, Paper):
                papers[key] = paper
                cited[key] = [k.strip() for keys in CITE.findall(fields.get("abstract", ""))
                              for k in keys.split(",") if k.strip()]
            else:
                yield paper
    # References are known once every entry is read: a \cite may name a later entry.
    for key, paper in papers.items():
        paper.references = [{"id": papers[k].key, "title": papers[k].title} if k in papers
                            else {"id": f"bibtex:{k}", "title": None} for k in cited[key]]
        yield paper
