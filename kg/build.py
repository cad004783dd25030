"""`kg build`: inputs -> stored papers -> extraction (cached) -> a new graph generation.

A build, under the store's lock:
1. checks the store can be written (one line naming the path if not), before reading;
2. reads the inputs and upserts their papers into papers.sqlite in one transaction
   (`replace`: the store then holds just these); a build that reads no paper stops
   here with NothingRead and changes nothing;
3. extracts every stored paper whose record is not cached, committing the cache every
   CHECKPOINT papers, so a killed build keeps what it had extracted;
4. derives the graph from all stored papers and records (kg.graph, streamed) into a
   new generation folder and makes it the live one (kg.store.folder).
Killed at any moment, the store holds the last complete generation or the new one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from kg.extract import DEFAULT_MODEL, extractor_version
from kg.graph import Derivation, order_labels
from kg.inputs import iter_papers
from kg.model import Paper, Problem
from kg.store import PAPERS_DB, PaperStore, StoreError, write_generation
from kg.store.folder import build_lock, check_writable, store_path

PAPERS_PER_PROCESS = 100  # below this, starting another process costs more than it saves
EXTRACT_CHUNK = 1000  # papers handed to the extractor at a time (or its own chunk_size)
CHECKPOINT = 100  # extracted records committed at a time

Extractor = Callable[[list[Paper]], Iterator[dict | Problem]]


class NothingRead(StoreError):
    """The inputs gave no paper: nothing was changed. `problems` says why."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass
class BuildSummary:
    papers: int  # in the store after the build
    nodes: dict[str, int]
    edges: dict[str, int]
    extracted: int
    cached: int
    graph_path: str
    read: int = 0  # papers read from the inputs
    derive_seconds: float = 0.0  # the final pass: graph derived and written
    problems: list[Problem] = field(default_factory=list)

    def as_json(self) -> dict:
        return {**self.__dict__, "problems": [str(p) for p in self.problems]}


def cache_key(paper: Paper, version: str) -> str:
    """The extraction cache key: the extractor's version and the paper's text."""
    return hashlib.sha1(f"{version}\0{paper.text}".encode()).hexdigest()


def default_processes(papers: int) -> int:
    return max(1, min(os.cpu_count() or 1, papers // PAPERS_PER_PROCESS))


def build(paths: Iterable[str | Path] = (), store: str | Path | None = None,
          model: str = DEFAULT_MODEL, replace: bool = False, n_process: int | None = None,
          extractor: Extractor | None = None,
          on_progress: Callable[[int], None] | None = None,
          on_papers: Callable[[int], None] | None = None,
          wait: bool = True, on_wait: Callable[[str], None] | None = None) -> BuildSummary:
    """Add the papers of the inputs (the bundled corpus if none) to the store, or with
    `replace` make a store of just them, and derive its graph.

    `extractor(papers)` gives one record (or Problem) per paper, in order (default:
    spaCy in this machine's processes). `on_papers(n)` is told how many papers are to
    be extracted, `on_progress(k)` each time k more are. A second build of the same
    store waits (`on_wait` told one line) or with wait=False raises StoreError.
    Raises StoreError if the store cannot be written, NothingRead if no paper was read.
    """
    paths = list(paths)
    return add_papers(iter_papers(paths), store, model, replace, n_process, extractor,
                      on_progress, on_papers, wait, on_wait,
                      inputs=", ".join(map(str, paths)) or "the bundled corpus")


def add_papers(items: Iterable[Paper | Problem], store: str | Path | None = None,
               model: str = DEFAULT_MODEL, replace: bool = False, n_process: int | None = None,
               extractor: Extractor | None = None,
               on_progress: Callable[[int], None] | None = None,
               on_papers: Callable[[int], None] | None = None,
               wait: bool = True, on_wait: Callable[[str], None] | None = None,
               inputs: str = "the inputs") -> BuildSummary:
    """`build` of papers already read (e.g. enriched ones): Problems among them are
    reported in the summary. See `build`."""
    folder = store_path(store)
    check_writable(folder, replace)
    problems: list[Problem] = []
    items = iter(items)
    first = next((item for item in items if not skipped(item, problems)), None)
    if first is None:
        reason = f" ({problems[0]}{' …' if len(problems) > 1 else ''})" if problems else ""
        raise NothingRead(f"no paper read from {inputs}{reason}; {folder} is unchanged",
                          problems)
    with build_lock(folder, wait, on_wait):
        check_writable(folder, replace)
        with PaperStore(folder / PAPERS_DB) as papers:
            with papers.transaction():
                if replace:
                    papers.clear()
                read = 0
                for paper in chain([first], items):
                    if not skipped(paper, problems):
                        if problem := papers.upsert(paper):
                            problems.append(problem)
                        read += 1
            extracted = extract_missing(papers, model, n_process, extractor, on_progress,
                                        on_papers, problems)
            summary = derive(folder, papers)
    summary.read, summary.extracted, summary.problems = read, extracted, problems
    summary.cached = summary.papers - extracted
    return summary


def rebuild(store: str | Path | None = None, model: str = DEFAULT_MODEL,
            n_process: int | None = None, extractor: Extractor | None = None,
            on_progress: Callable[[int], None] | None = None,
            on_papers: Callable[[int], None] | None = None,
            wait: bool = True, on_wait: Callable[[str], None] | None = None) -> BuildSummary:
    """Derive the graph again from the papers already in the store, no inputs read: after
    papers were upserted with PaperStore, or when the graph generation is damaged or of
    an older kg. Papers whose extraction is not in the cache (another extractor) are
    extracted; `on_papers`, `on_progress`, `wait` and `on_wait` work as in build.
    Raises StoreError if the store has no papers or cannot be written."""
    folder = store_path(store)
    check_writable(folder)
    if not (folder / PAPERS_DB).exists():
        raise StoreError(f"no papers in {folder}/ — run `kg build` first")
    problems: list[Problem] = []
    with build_lock(folder, wait, on_wait), PaperStore(folder / PAPERS_DB) as papers:
        extracted = extract_missing(papers, model, n_process, extractor, on_progress,
                                    on_papers, problems)
        summary = derive(folder, papers)
    summary.extracted, summary.problems = extracted, problems
    summary.cached = summary.papers - extracted
    return summary


def skipped(item: Paper | Problem, problems: list[Problem]) -> bool:
    """Is the item a Problem (then noted in `problems`)?"""
    if isinstance(item, Problem):
        problems.append(item)
        return True
    return False


def extract_missing(papers: PaperStore, model: str, n_process: int | None,
                    extractor: Extractor | None, on_progress: Callable[[int], None] | None,
                    on_papers: Callable[[int], None] | None, problems: list[Problem]) -> int:
    """Extract every stored paper whose record is not cached, committing the cache every
    CHECKPOINT records. Returns how many were extracted."""
    version = extractor_version(model)
    papers.set_extraction_keys(lambda paper: cache_key(paper, version))
    missing = papers.count_missing()
    if on_papers:
        on_papers(missing)
    if extractor is None and missing:
        from kg.extract import extract_papers

        processes = n_process or default_processes(missing)

        def extractor(chunk: list[Paper]) -> Iterator[dict | Problem]:
            return extract_papers(chunk, model, n_process=processes)

    extracted = 0
    rows: list[tuple[str, dict]] = []
    pending = papers.missing()
    # An extractor may ask for bigger chunks (a Dask cluster: enough to keep every worker busy).
    size = max(EXTRACT_CHUNK, getattr(extractor, "chunk_size", EXTRACT_CHUNK))
    while chunk := list(islice(pending, size)):
        for (key, _), item in zip(chunk, extractor([paper for _, paper in chunk]), strict=True):
            if skipped(item, problems):
                continue
            rows.append((key, {k: v for k, v in item.items() if k not in ("id", "title")}))
            extracted += 1
            if on_progress:
                on_progress(1)
            if len(rows) >= CHECKPOINT:
                papers.save_records(rows)
                rows = []
        papers.save_records(rows)
        rows = []
    papers.prune_records()
    return extracted


def derive(folder: Path, papers: PaperStore) -> BuildSummary:
    """Derive the graph of every stored paper into a new generation and make it live.
    Returns the summary's counts, path and the time this final pass took."""
    start = time.perf_counter()
    derivation = Derivation(papers.papers_with_records)
    labels, types = Counter(), Counter()
    generation = write_generation(folder,
                                  (count(node, labels, "label") for node in derivation.nodes()),
                                  (count(edge, types, "type") for edge in derivation.edges()))
    return BuildSummary(papers=papers.count(), nodes=order_labels(labels),
                        edges=dict(sorted(types.items())), extracted=0, cached=0,
                        graph_path=str(generation),
                        derive_seconds=round(time.perf_counter() - start, 2))


def count(item: dict, counter: Counter, key: str) -> dict:
    counter[item[key]] += 1
    return item


def bench_build(paths: Iterable[str | Path] = (), model: str = DEFAULT_MODEL) -> dict:
    """Time a first build into an empty store and a second, unchanged one, in one run.

    Returns both times in seconds and the second as a fraction of the first.
    """
    with tempfile.TemporaryDirectory() as store:
        times = []
        for _ in range(2):
            start = time.perf_counter()
            summary = build(paths, store, model)
            times.append(time.perf_counter() - start)
    return {"papers": summary.papers, "first_seconds": round(times[0], 2),
            "second_seconds": round(times[1], 2),
            "second_over_first": round(times[1] / times[0], 3)}
