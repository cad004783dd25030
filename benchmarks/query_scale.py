"""Query latency and memory at 1k / 8k / 50k papers, without waiting for extraction.

A synthetic GRAPH (not a corpus) of N papers is written straight into a store's
graph generation with kg.graphdb.write_graph, then every query command runs as a
child process on it, as a user runs it (kg.bench.scale.measure_paired: median wall
time, peak RSS), in turn with a bare `python -c "import click"` start.

The graph is shaped like kg's on real text, with names reused Zipf-like: each paper
proposes one new method and uses four earlier ones (the earliest methods are the
most used: rank r drawn as N_methods * u^2.5), is evaluated on one or two datasets,
addresses a task, measures a metric, mentions three concepts, cites two earlier
papers and builds on the origin of one method it uses; 5% of methods are variants
of an earlier one. Abstracts are 120 words over a 5,000-word vocabulary; every
twentieth paper is about diffusion. Deterministic for a seed.

    python benchmarks/query_scale.py 1000,8000,50000 /tmp/qbench [OUT.json]

With KG_BENCH_NEO4J_URI (and NEO4J_PASSWORD) set, the same queries also run with
`--backend neo4j` against that server, once it holds the largest size's graph
(`kg export neo4j-admin DIR --store /tmp/qbench/store-50000`, then
`scripts/neo4j-local import DIR`).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from kg.bench.scale import (
    BASELINE,
    Targets,
    child_env,
    folder_mb,
    measure,
    measure_paired,
    query_commands,
)
from kg.graphdb import write_graph

WORDS = 5000
SENTENCE = "We evaluate {a} against {b} on the benchmark and report consistent gains."


def word(rng: random.Random) -> str:
    return f"w{int(WORDS * rng.random() ** 2):04d}"


def skewed(rng: random.Random, count: int) -> int:
    """An index below `count`, small ones far more often (power law)."""
    return int(count * rng.random() ** 2.5)


def pools(papers: int) -> dict[str, int]:
    return {"Dataset": max(20, papers // 25), "Task": 200, "Metric": 50,
            "Concept": max(50, papers // 5)}


def paper_nodes(papers: int, seed: int) -> Iterator[dict]:
    rng = random.Random(seed)
    for number in range(papers):
        words = [word(rng) for _ in range(120)]
        if number % 20 == 0:
            words[5] = "diffusion"
        title = f"Paper {number}: " + " ".join(words[:8])
        yield {"id": f"paper:{number}", "label": "Paper", "name": title, "title": title,
               "abstract": " ".join(words), "aliases": [], "year": 2000 + number * 25 // papers,
               "sources": [f"synthetic.jsonl:{number + 1}"], "authors": [], "external": False}


def nodes(papers: int, seed: int) -> Iterator[dict]:
    yield from paper_nodes(papers, seed)
    for number in range(papers):
        yield {"id": f"method:m{number}", "label": "Method", "name": f"Method-{number}",
               "aliases": [f"M{number}"] if number % 3 == 0 else []}
    for label, count in pools(papers).items():
        for number in range(count):
            yield {"id": f"{label.lower()}:{number}", "label": label,
                   "name": f"{label} {number}", "aliases": []}


def edge(start: str, end: str, type_: str, **more) -> dict:
    text = SENTENCE.format(a=start, b=end)
    return {"start": start, "end": end, "type": type_, "count": 1, "evidence": [text], **more}


def edges(papers: int, seed: int) -> Iterator[dict]:
    rng = random.Random(seed + 1)
    sizes = pools(papers)
    for number in range(papers):
        paper = f"paper:{number}"
        yield edge(paper, f"method:m{number}", "PROPOSES")
        used = {skewed(rng, number) for _ in range(4)} if number else set()
        for method in sorted(used):
            yield edge(paper, f"method:m{method}", "USES")
        if used:
            origin = min(used)
            yield edge(paper, f"paper:{origin}", "BUILDS_ON", inferred=True,
                       via=[f"Method-{origin}"])
        if number and rng.random() < 0.05:
            yield edge(f"method:m{number}", f"method:m{skewed(rng, number)}", "VARIANT_OF")
        for dataset in {skewed(rng, sizes["Dataset"]) for _ in range(rng.choice((1, 2)))}:
            yield edge(paper, f"dataset:{dataset}", "EVALUATED_ON")
        yield edge(paper, f"task:{skewed(rng, sizes['Task'])}", "ADDRESSES")
        yield edge(paper, f"metric:{skewed(rng, sizes['Metric'])}", "MEASURES")
        for concept in {skewed(rng, sizes["Concept"]) for _ in range(3)}:
            yield edge(paper, f"concept:{concept}", "MENTIONS")
        for cited in {rng.randrange(number) for _ in range(2)} if number else set():
            yield edge(paper, f"paper:{cited}", "CITES", inferred=False, found_in="input")


def write_store(store: Path, papers: int, seed: int = 0) -> float:
    """A store folder holding one generation of the synthetic graph. Out: seconds."""
    start = time.perf_counter()
    write_graph(store / "graph-1", nodes(papers, seed), edges(papers, seed))
    (store / "CURRENT").write_text("graph-1", encoding="utf-8")
    return time.perf_counter() - start


def neo4j_env() -> dict[str, str] | None:
    """The environment for `--backend neo4j` runs: KG_BENCH_NEO4J_URI as NEO4J_URI and
    the password, or None when no server is named."""
    uri = os.environ.get("KG_BENCH_NEO4J_URI")
    if not uri:
        return None
    return {**child_env(), "NEO4J_URI": uri,
            "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "")}


def time_queries(kg: list[str], commands: dict[str, list[str]], where: list[str],
                 env: dict[str, str], heading: object) -> dict[str, dict]:
    """Each query of `commands` run with the options `where` (the store or the server),
    5 times in turn with the bare start; out: name -> its summary, each printed after
    `heading` as it is measured."""
    found = {}
    for name, arguments in commands.items():
        runs, start = measure_paired([*kg, *arguments, *where], 5, 300, env)
        found[name] = runs.summary(start)
        print(heading, name, found[name], flush=True)
    return found


def main(argv: list[str]) -> None:
    sizes = [int(size) for size in argv[0].split(",")]
    workdir = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else None
    kg = [str(Path(sys.executable).with_name("kg"))]
    env = child_env()
    baseline = measure(BASELINE, 5, 60)
    results = {"baseline": baseline.summary(), "sizes": []}
    print(f"bare start: {results['baseline']}", flush=True)
    for papers in sizes:
        store = workdir / f"store-{papers}"
        if not (store / "CURRENT").exists():
            seconds = write_store(store, papers)
            print(f"{papers} papers: generation written in {seconds:.1f} s", flush=True)
        targets = Targets("Method-0", f"Method-{papers // 2}", "Paper 0", f"Paper {papers - 1}")
        size = {"papers": papers, "store_mb": folder_mb(store)}
        commands = query_commands(targets)
        commands["neighbors-limit"] = ["neighbors", targets.method, "--limit", "20"]
        commands["top-degree"] = ["top", "--type", "Method"]
        size["queries"] = time_queries(kg, commands, ["--store", str(store)], env, papers)
        server = neo4j_env()
        if server and papers == max(sizes):
            size["neo4j"] = time_queries(kg, commands, ["--backend", "neo4j"], server,
                                         f"{papers} neo4j")
        results["sizes"].append(size)
        if out:
            out.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
