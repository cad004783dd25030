"""`kg bench dask`: extraction on local Dask clusters of different sizes, in one run.

All the clusters are started together and warmed up (every worker loads its spaCy
pipeline and extracts a partition). Then the papers are cut into `rounds` slices and
each slice is extracted by every cluster in turn, the order reversed every other
round (A B, B A, …), so a change in the machine's load during the run falls on every
cluster alike instead of on whichever ran last. Out: wall seconds and papers/s per
cluster, summed over the rounds, the CPU seconds its worker processes spent, and the
speed-up of each over the first.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from contextlib import ExitStack

from kg.dask import DaskExtractor, Extraction, dask_extractor, warm_up
from kg.model import Paper, Problem


def worker_cpu_seconds(extractor: DaskExtractor) -> float:
    """CPU seconds the cluster's worker processes have used so far, summed."""
    return sum(extractor.client.run(time.process_time).values())


def bench_dask(papers: list[Paper], extraction: Extraction, workers: Iterable[int] = (1, 2),
               partition_size: int = 50, rounds: int = 10) -> dict:
    """Time `extraction` of `papers` on `local:N` for each N of `workers`, interleaved.

    Out: {"papers", "words", "partition_size", "rounds", "load_average": {"start", "end"}
    (the machine's, 1 min), "runs": [{"workers", "seconds", "papers_per_second",
    "worker_cpu_seconds", "problems"}], "speedup": last run's papers/s over the first's}.
    """
    counts = list(workers)
    size = -(-len(papers) // rounds)
    slices = [papers[start:start + size] for start in range(0, len(papers), size)]
    runs = [{"workers": count, "seconds": 0.0, "worker_cpu_seconds": 0.0, "problems": 0}
            for count in counts]
    with ExitStack() as stack:
        clusters = [stack.enter_context(dask_extractor(f"local:{count}", extraction,
                                                       partition_size)) for count in counts]
        for count, extractor in zip(counts, clusters, strict=True):
            extractor.client.run(warm_up, extraction)  # every worker loads its pipeline
            list(extractor(papers[:partition_size * count]))  # and runs the code once
        load_start = os.getloadavg()[0]
        for number, part in enumerate(slices):
            order = list(zip(runs, clusters, strict=True))
            for run, extractor in order if number % 2 == 0 else reversed(order):
                cpu = worker_cpu_seconds(extractor)
                start = time.perf_counter()
                items = list(extractor(part))
                run["seconds"] += time.perf_counter() - start
                run["worker_cpu_seconds"] += worker_cpu_seconds(extractor) - cpu
                run["problems"] += sum(isinstance(item, Problem) for item in items)
        load_end = os.getloadavg()[0]
    for run in runs:
        run["papers_per_second"] = round(len(papers) / run["seconds"], 2)
        run["seconds"] = round(run["seconds"], 1)
        run["worker_cpu_seconds"] = round(run["worker_cpu_seconds"], 1)
    return {"papers": len(papers), "words": sum(len(paper.text.split()) for paper in papers),
            "partition_size": partition_size, "rounds": len(slices),
            "load_average": {"start": round(load_start, 1), "end": round(load_end, 1)},
            "runs": runs,
            "speedup": round(runs[-1]["papers_per_second"] / runs[0]["papers_per_second"], 2)}
