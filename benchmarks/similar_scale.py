"""`kg similar` on the synthetic graph of benchmarks/query_scale.py (N papers, names
reused Zipf-like, two citations a paper): seconds per paper asked and the process's
peak memory, on the embedded store, through kg.open like the command.

    python benchmarks/similar_scale.py 50000 /tmp/qbench     # reuses store-50000 if there
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

import kg

sys.path.insert(0, str(Path(__file__).parent))
from query_scale import write_store  # noqa: E402 (benchmarks/ is not a package)


def main(argv: list[str]) -> None:
    papers, workdir = int(argv[0]), Path(argv[1])
    store = workdir / f"store-{papers}"
    if not (store / "CURRENT").exists():
        print(f"generation written in {write_store(store, papers):.1f} s", flush=True)
    asked = [f"paper:{number}" for number in (0, 10, papers // 2, papers - 1)]
    seconds = []
    with kg.open(store) as graph:
        for paper in asked:
            start = time.perf_counter()
            related = graph.similar(paper, limit=10).related
            seconds.append(time.perf_counter() - start)
            print(f"{paper}: {seconds[-1]:.2f} s, first: {related[0].reason[:70]}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{papers} papers: median {statistics.median(seconds):.2f} s, "
          f"max {max(seconds):.2f} s a paper; peak RSS {peak} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
