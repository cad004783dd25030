"""Read papers from input files, whatever their format.

`read_papers(paths)` is the one entry point: it detects each file's format,
reads it with the matching reader, merges the same paper listed in several
places, and returns the papers together with the problems met on the way.
Readers never raise for bad input; they yield a `Problem` and go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from importlib.resources import files
from pathlib import Path

from kg.inputs import arxiv, bibtex, listing, openalex, records, semantic_scholar
from kg.inputs.text import decode_lines, is_binary
from kg.model import Paper, Problem, normalize_title

# Format name -> (does this file look like it, read it). Checked in order: the
# JSON formats by keys only they have, before plain JSON records; the plain-text
# listing reader comes last because it accepts any text.
Reader = Callable[[str, list[tuple[int, str]]], Iterator[Paper | Problem]]
FORMATS: dict[str, tuple[Callable[[str, str], bool], Reader]] = {
    "openalex": (openalex.looks_like_openalex, openalex.read_openalex),
    "semantic-scholar": (semantic_scholar.looks_like_semantic_scholar,
                         semantic_scholar.read_semantic_scholar),
    "arxiv": (arxiv.looks_like_arxiv, arxiv.read_arxiv),
    "bibtex": (bibtex.looks_like_bibtex, bibtex.read_bibtex),
    "jsonl": (records.looks_like_jsonl, records.read_jsonl),
    "csv": (records.looks_like_csv, records.read_csv),
    "listing": (listing.looks_like_listing, listing.read_listing),
}

BUNDLED_CORPUS = Path(str(files("kg.data") / "hf-trending"))
INPUT_SUFFIXES = {".txt", ".jsonl", ".json", ".csv", ".bib"}


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus the input files inside folders named (sorted, README skipped)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file()
                            and p.suffix.lower() in INPUT_SUFFIXES and p.stem != "README")
        else:
            files.append(path)
    return files


def detect_format(path: str, head: str) -> str:
    """The name of the format of a file, from its name and its first characters."""
    for name, (looks_like, _) in FORMATS.items():
        if looks_like(path, head):
            return name
    return "listing"


def read_file(path: Path) -> Iterator[Paper | Problem]:
    """Papers and problems from one file."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Problem(name, None, f"cannot read: {error.strerror or error}")
        return
    if not data.strip():
        yield Problem(name, None, "empty file, skipped")
        return
    if is_binary(data):
        yield Problem(name, None, "binary file (not text), skipped")
        return
    lines, problems = decode_lines(name, data)
    yield from problems
    head = "\n".join(text for _, text in lines[:20])
    _, reader = FORMATS[detect_format(name, head)]
    found = False
    for item in reader(name, lines):
        if isinstance(item, Paper):
            found = True
            for reference in item.references:  # where it is listed: the citation's evidence
                reference.setdefault("source", item.sources[0])
        yield item
    if not found:
        yield Problem(name, None, "no papers found in this file")


def merge_duplicates(papers: Iterable[Paper]) -> list[Paper]:
    """One paper per explicit id and per normalized title, its sources and details merged.

    The same paper from two sources (its arXiv and its OpenAlex record, say) keeps
    the first one's id; references to the other id are pointed at it.
    """
    merged: dict[str, Paper] = {}  # id or normalized title -> the paper kept
    kept_papers: list[Paper] = []
    renamed: dict[str, str] = {}
    for paper in papers:
        title = normalize_title(paper.title)
        kept = (paper.id and merged.get(paper.id)) or merged.get(title)
        if kept is None:
            kept_papers.append(paper)
            merged.update({key: paper for key in (paper.id, title) if key})
            continue
        if paper.id and paper.id != kept.key:
            renamed[paper.id] = kept.key
            merged[paper.id] = kept
        kept.sources += [s for s in paper.sources if s not in kept.sources]
        if len(paper.abstract) > len(kept.abstract):
            kept.abstract = paper.abstract
        kept.authors = kept.authors or paper.authors
        kept.year = kept.year or paper.year
        kept.url = kept.url or paper.url
        kept.references += [r for r in paper.references if r not in kept.references]
        if kept.external and not paper.external:  # known by a citation first, now read in full
            kept.title, kept.external = paper.title, False
    for paper in kept_papers:
        references = [{**ref, "id": renamed.get(ref["id"], ref["id"])} for ref in paper.references]
        paper.references = [ref for i, ref in enumerate(references) if ref not in references[:i]]
    return kept_papers


def read_papers(paths: Iterable[str | Path] = ()) -> tuple[list[Paper], list[Problem]]:
    """Read every input (the bundled corpus when none is given).

    Returns the distinct papers, in first-seen order, and every problem found.
    """
    files = expand_paths(list(paths) or [BUNDLED_CORPUS])
    papers: list[Paper] = []
    problems: list[Problem] = []
    for path in files:
        for item in read_file(path):
            (papers if isinstance(item, Paper) else problems).append(item)
    return merge_duplicates(papers), problems
