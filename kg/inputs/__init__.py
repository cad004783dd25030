"""Read papers from input files, whatever their format.

`read_papers(paths)` reads every file (folders walked), merges the records of one
work (kg.inputs.identity) and returns the papers with the problems met on the way.
`iter_papers(paths)` streams the same papers and problems without merging, for
builds too big to hold. Readers never raise for bad input: each record is read on
its own, and a bad one is a `Problem` naming file and line.
"""

from __future__ import annotations

import gzip
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from importlib.resources import files
from pathlib import Path

from kg.inputs import (
    arxiv,
    bibtex,
    csl,
    listing,
    openalex,
    pubmed,
    records,
    ris,
    semantic_scholar,
)
from kg.inputs.identity import PaperIndex, merge, same_work
from kg.inputs.text import decode_lines, decode_utf16, is_binary
from kg.model import Paper, Problem, title_id

# Format name -> (does this file look like it, read it). Checked in order: the
# JSON formats by keys only they have, before plain JSON records; the plain-text
# listing last, and only for text laid out as titles and abstracts. A file no
# format claims is one problem, never junk papers.
Reader = Callable[[str, list[tuple[int, str]]], Iterator[Paper | Problem]]
FORMATS: dict[str, tuple[Callable[[str, str], bool], Reader]] = {
    "openalex": (openalex.looks_like_openalex, openalex.read_openalex),
    "semantic-scholar": (semantic_scholar.looks_like_semantic_scholar,
                         semantic_scholar.read_semantic_scholar),
    "arxiv": (arxiv.looks_like_arxiv, arxiv.read_arxiv),
    "csl-json": (csl.looks_like_csl, csl.read_csl),
    "pubmed": (pubmed.looks_like_pubmed, pubmed.read_pubmed),
    "ris": (ris.looks_like_ris, ris.read_ris),
    "bibtex": (bibtex.looks_like_bibtex, bibtex.read_bibtex),
    "jsonl": (records.looks_like_jsonl, records.read_jsonl),
    "csv": (records.looks_like_csv, records.read_csv),
    "listing": (listing.looks_like_listing, listing.read_listing),
}

BUNDLED_CORPUS = Path(str(files("kg.data") / "hf-trending"))
MAX_UNPACKED_BYTES = 2 << 30  # a .gz is read whole: a bomb of zeros must not fill the memory
INPUT_SUFFIXES = {".txt", ".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".bib", ".ris", ".xml"}


def is_input(path: Path) -> bool:
    """Is this file in a folder one kg reads ('x.jsonl', 'part_000.gz', not README)?"""
    name = path.name.lower()
    inner = Path(name[:-3]) if name.endswith(".gz") else Path(name)
    return path.stem.upper() != "README" and (
        inner.suffix in INPUT_SUFFIXES or name.endswith(".gz") and not inner.suffix)


def walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path | Problem]:
    """The input files under `folder`, sorted, sub-folders walked (depth first, without
    recursion); a folder reached again through a symbolic link is a problem, not a loop."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            info = current.stat()
            entries = sorted(current.iterdir())
        except OSError as error:
            yield Problem(str(current), None, f"cannot read folder: {error.strerror or error}")
            continue
        if (info.st_dev, info.st_ino) in seen:
            yield Problem(str(current), None,
                          "folder already read (a symbolic link loop?), skipped")
            continue
        seen.add((info.st_dev, info.st_ino))
        folders = [entry for entry in entries if entry.is_dir()]
        yield from (entry for entry in entries if entry not in folders and is_input(entry))
        stack += reversed(folders)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Files named, plus the input files inside folders named (walked, sorted, README
    skipped); what cannot be walked is a Problem."""
    seen: set[tuple[int, int]] = set()
    for path in map(Path, paths):
        if path.is_dir():
            yield from walk(path, seen)
        else:
            yield path


def read_bytes(path: Path) -> bytes | Problem:
    """The bytes of a regular file (.gz decompressed); FIFOs, devices and sockets are
    never opened (reading one could wait forever)."""
    name = str(path)
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            return Problem(name, None, "not a regular file (a FIFO, device or socket?), skipped")
        if name.lower().endswith(".gz"):
            with gzip.open(path) as unpacked:
                data = unpacked.read(MAX_UNPACKED_BYTES + 1)
            if len(data) > MAX_UNPACKED_BYTES:
                return Problem(name, None, f"unpacks to more than {MAX_UNPACKED_BYTES:,} bytes "
                                           "(split it into smaller parts), skipped")
        else:
            data = path.read_bytes()
    except OSError as error:
        if isinstance(error, gzip.BadGzipFile):
            return Problem(name, None, f"not a readable .gz file ({error}), skipped")
        return Problem(name, None, f"cannot read: {error.strerror or error}")
    except (EOFError, zlib.error) as error:
        return Problem(name, None, f"not a readable .gz file ({error}), skipped")
    return data


def read_file(path: Path) -> Iterator[Paper | Problem]:
    """Papers and problems from one file."""
    name = str(path)
    data = read_bytes(path)
    if isinstance(data, Problem):
        yield data
        return
    data = decode_utf16(data)
    if not data.strip():
        yield Problem(name, None, "empty file, skipped")
        return
    if is_binary(data):
        yield Problem(name, None, "binary file (not text), skipped")
        return
    lines, problems = decode_lines(name, data)
    yield from problems
    head = "\n".join(text for _, text in lines[:20])
    format_name = detect_format(name[:-3] if name.lower().endswith(".gz") else name, head)
    if format_name is None:
        yield Problem(name, None, "not a format kg reads: no titles with abstracts, JSON, "
                                  "CSV/TSV, BibTeX, RIS or PubMed XML found, skipped")
        return
    found = False
    try:
        for item in FORMATS[format_name][1](name, lines):
            if isinstance(item, Paper):
                found = True
                for reference in item.references:  # where it is listed: the citation's evidence
                    reference.setdefault("source", item.sources[0])
            yield item
    except Exception as error:  # noqa: BLE001 - a reader's bug must not cost the other files
        yield Problem(name, None, f"reading stopped ({type(error).__name__}: {error})")
    if not found:
        yield Problem(name, None, "no papers found in this file")


def detect_format(path: str, head: str) -> str | None:
    """The name of the format of a file, from its name and its first characters;
    None when it is in none kg reads."""
    for name, (looks_like, _) in FORMATS.items():
        if looks_like(path, head):
            return name
    return None


def iter_papers(paths: Iterable[str | Path] = ()) -> Iterator[Paper | Problem]:
    """Every paper and problem of the inputs (the bundled corpus when none), file by
    file, as read: nothing merged, nothing held."""
    for path in expand_paths(list(paths) or [BUNDLED_CORPUS]):
        yield from [path] if isinstance(path, Problem) else read_file(path)


def file_of(paper: Paper) -> str:
    return paper.sources[0].rsplit(":", 1)[0] if paper.sources else ""


def reference_paper(reference: dict) -> Paper:
    """The cited work a reference describes, as an external paper."""
    fields = {name: reference.get(name) for name in ("id", "year", "url", "doi", "arxiv_id",
                                                     "venue")}
    return Paper(title=reference.get("title") or reference.get("id") or "",
                 abstract=reference.get("abstract") or "",
                 authors=list(reference.get("authors") or []), external=True, **fields)


class Merger:
    """Papers in, one paper per work out: see kg.inputs.identity for the rule."""

    def __init__(self) -> None:
        self.index = PaperIndex()
        self.papers: list[Paper] = []
        self.keys: dict[str, Paper] = {}  # graph id -> the paper that has it
        self.renamed: dict[str, str] = {}  # id of a merged paper -> the kept paper's key
        self.numbers: dict[str, int] = {}  # title id -> the last n of its 'paper:<hash>-n' ids
        self.problems: list[Problem] = []

    def add(self, paper: Paper) -> Paper:
        """The paper kept for `paper`'s work: an earlier one it merged into, or itself."""
        holder = self.keys.get(paper.id) if paper.id else None
        if holder is not None and not same_work(holder, paper):
            self.report_clash(paper, holder)
            paper.id = None
        kept = self.index.find(paper)
        if kept is not None:
            if paper.id and paper.id != kept.key:
                self.renamed[paper.id] = kept.key
            merge(kept, paper)
            self.index.add(paper, under=kept)
            return kept
        if paper.key in self.keys:  # the same title, yet another work: "Online reference"
            base = title_id(paper.title)
            number = self.numbers.get(base, 1)
            while f"{base}-{number}" in self.keys or number == 1:
                number += 1
            self.numbers[base] = number
            paper.id = f"{base}-{number}"
        self.keys[paper.key] = paper
        self.index.add(paper)
        self.papers.append(paper)
        return paper

    def report_clash(self, paper: Paper, holder: Paper) -> None:
        """Two records with one id that are not one work: said, and kept apart."""
        if paper.external or holder.external:
            return
        where = holder.sources[0] if holder.sources else "another record"
        line = paper.sources[0].rsplit(":", 1)[-1] if paper.sources else ""
        self.problems.append(Problem(
            file_of(paper), int(line) if line.isdigit() else None,
            f"id {paper.key!r} is also the id of {holder.title!r} ({where}), a different "
            f"title: kept as two papers"))

    def resolve_references(self) -> None:
        """Point every reference at the kept paper of its work, adding each cited work
        no input read in full as an external paper (its details kept)."""
        for paper in list(self.papers):
            resolved: list[dict] = []
            for reference in paper.references:
                key = self.renamed.get(reference.get("id"), reference.get("id"))
                if key not in self.keys:
                    stub = reference_paper({**reference, "id": key})
                    key = self.add(stub).key if stub.title else None
                found = {**reference, "id": key}
                if key and key != paper.key and found not in resolved:
                    resolved.append(found)
            paper.references = resolved


def read_papers(paths: Iterable[str | Path] = ()) -> tuple[list[Paper], list[Problem]]:
    """Read every input (the bundled corpus when none is given).

    Returns one paper per work (see kg.inputs.identity), in first-seen order, each
    reference pointing at a paper of the list, and every problem found.
    """
    merger = Merger()
    problems: list[Problem] = []
    for item in iter_papers(paths):
        if isinstance(item, Paper):
            merger.add(item)
        else:
            problems.append(item)
    merger.resolve_references()
    return merger.papers, problems + merger.problems
