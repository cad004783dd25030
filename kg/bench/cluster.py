"""`kg bench dask`: extraction on local Dask clusters of different sizes, in one run.

Each cluster is started, every worker extracts one partition to warm up (spaCy
loaded, Python code paged in), and only then is the extraction of all papers timed,
so the figure is throughput, not start-up. Out: papers/s per cluster size and the
speed-up of each over the first.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable

from kg.dask import Extraction, dask_extractor, warm_up
from kg.model import Paper, Problem


def bench_dask(papers: list[Paper], extraction: Extraction,
               workers: Iterable[int] = (1, 2), partition_size: int = 50) -> dict:
    """Time `extraction` of `papers` on `local:N` for each N of `workers`.

    Out: {"papers", "words", "partition_size", "runs": [{"workers", "seconds",
    "load_average" (the machine's, 1 min, at the end), "papers_per_second", "problems"}],
    "speedup": last run's papers/s over the first's}.
    """
    runs = []
    for count in workers:
        with dask_extractor(f"local:{count}", extraction, partition_size) as extractor:
            extractor.client.run(warm_up, extraction)  # every worker loads its pipeline
            list(extractor(papers[:partition_size * count]))  # and runs some code paths
            start = time.perf_counter()
            items = list(extractor(papers))
            seconds = time.perf_counter() - start
        runs.append({"workers": count, "seconds": round(seconds, 2),
                     "load_average": round(os.getloadavg()[0], 1),
                     "papers_per_second": round(len(papers) / seconds, 1),
                     "problems": sum(isinstance(item, Problem) for item in items)})
    return {"papers": len(papers), "words": sum(len(paper.text.split()) for paper in papers),
            "partition_size": partition_size, "runs": runs,
            "speedup": round(runs[-1]["papers_per_second"] / runs[0]["papers_per_second"], 2)}
