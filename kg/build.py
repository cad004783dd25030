"""`kg build`: inputs -> papers -> extraction (cached) -> graph -> store."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import DEFAULT_MODEL, extractor_version
from kg.graph import build_graph, count_by_label, count_by_type
from kg.inputs import read_papers
from kg.model import Paper, Problem
from kg.store import load_cache, save_cache, save_graph

PAPERS_PER_PROCESS = 100  # below this, starting another process costs more than it saves


@dataclass
class BuildSummary:
    papers: int
    nodes: dict[str, int]
    edges: dict[str, int]
    extracted: int
    cached: int
    graph_path: str
    problems: list[Problem] = field(default_factory=list)

    def as_json(self) -> dict:
        return {**self.__dict__, "problems": [str(p) for p in self.problems]}


def cache_key(paper: Paper, model: str) -> str:
    return hashlib.sha1(f"{extractor_version(model)}\0{paper.text}".encode()).hexdigest()


def default_processes(papers: int) -> int:
    return max(1, min(os.cpu_count() or 1, papers // PAPERS_PER_PROCESS))


def extract_with_cache(papers: list[Paper], store: str | Path | None, model: str,
                       n_process: int | None,
                       on_progress: Callable[[int], None] | None) -> tuple[list[dict], int]:
    """Extraction records for all papers, reusing cached ones.

    Returns (records in the papers' order, how many were newly extracted).
    """
    cache = load_cache(store)
    keys = [cache_key(paper, model) for paper in papers]
    missing = [paper for paper, key in zip(papers, keys, strict=True) if key not in cache]
    if on_progress:
        on_progress(len(papers) - len(missing))
    if missing:
        from kg.extract import extract_papers

        processes = n_process or default_processes(len(missing))
        for paper, record in zip(missing, extract_papers(missing, model, n_process=processes),
                                 strict=True):
            cache[cache_key(paper, model)] = record
            if on_progress:
                on_progress(1)
        save_cache({key: cache[key] for key in keys}, store)
    records = [{**cache[key], "id": paper.key, "title": paper.title}
               for paper, key in zip(papers, keys, strict=True)]
    return records, len(missing)


def build(paths: Iterable[str | Path] = (), store: str | Path | None = None,
          model: str = DEFAULT_MODEL, n_process: int | None = None,
          on_progress: Callable[[int], None] | None = None,
          on_papers: Callable[[int], None] | None = None) -> BuildSummary:
    """Build the graph of the inputs (the bundled corpus if none) into the store.

    `on_papers(n)` is told how many papers there are, `on_progress(k)` each time k
    more are extracted. Returns the summary, problems with the inputs included.
    """
    papers, problems = read_papers(paths)
    if on_papers:
        on_papers(len(papers))
    records, extracted = extract_with_cache(papers, store, model, n_process, on_progress)
    graph = build_graph(papers, records)
    path = save_graph(graph, store)
    return BuildSummary(papers=len(papers), nodes=count_by_label(graph),
                        edges=count_by_type(graph), extracted=extracted,
                        cached=len(papers) - extracted, graph_path=str(path), problems=problems)


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
