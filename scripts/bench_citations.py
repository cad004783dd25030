"""How long kg's in-text citation finder (kg.citations.cited_works) takes on a 16 KB
abstract: ordinary text (the bundled corpus's abstracts joined) against texts crafted
to make backtracking regexes quadratic. CPU milliseconds, best of 5.

    .venv/bin/python scripts/bench_citations.py [CHARS]
"""

from __future__ import annotations

import sys
import time

from kg.citations import cited_works
from kg.inputs import read_papers


def cost(text: str) -> float:
    """The best of five CPU times of finding the citations of `text`, in ms."""
    times = []
    for _ in range(5):
        start = time.process_time()
        list(cited_works(text))
        times.append(time.process_time() - start)
    return min(times) * 1000


def main(size: int) -> None:
    corpus = " ".join(paper.abstract for paper in read_papers()[0])
    cases = {"ordinary (corpus abstracts)": corpus * (size // len(corpus) + 1),
             "apostrophes 'Aa'Aa...": "'Aa" * size, "one word Aaaa...": "A" + "a" * size,
             "hyphens Aa-Aa-...": "Aa-" * size, "particles van van ... Smith": "van " * size,
             "markers (Smith et al., 2020) ...": "(Smith et al., 2020) " * size,
             "narrative Smith and Jones (2020). ...": "Smith and Jones (2020). " * size,
             "an open parenthesis, then names": "(" + "Smith and Jones " * size,
             "white space": "Smith" + " " * size + "et al."}
    for name, text in cases.items():
        print(f"{cost(text[:size]):8.2f} ms  {name}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 16_000)
