"""`kg bench corpus` (a synthetic corpus of any size), `kg bench scale` (build and
query figures per corpus size) and `kg bench dask` (extraction on local clusters),
added to the `kg bench` group."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.bench import bench
from kg.cli.options import JSON_OPTION, MODEL_OPTION, friendly_errors
from kg.cli.render import echo, emit


@bench.command(name="corpus")
@click.argument("papers", type=click.IntRange(1))
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="JSON Lines file to write.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed: the same seed gives the same file.")
@friendly_errors
def corpus(papers: int, output: str, seed: int) -> None:
    """Write PAPERS synthetic papers as JSON Lines: sentences of the bundled abstracts,
    invented method and dataset names proposed once and reused Zipf-like, years and
    authors. `kg build FILE` reads it."""
    from kg.bench.corpus import write_corpus

    echo(f"Wrote {write_corpus(papers, output, seed)} papers to {output}")


def sizes_list(_ctx, _param, value: str) -> list[int]:
    try:
        sizes = [int(size) for size in value.split(",")]
    except ValueError:
        raise click.BadParameter(f"{value!r}: give sizes like 1000,10000") from None
    if any(size < 1 for size in sizes):
        raise click.BadParameter("sizes are numbers of papers, at least 1")
    return sizes


@bench.command(name="scale")
@click.option("--sizes", default="1000,10000,50000", show_default=True, callback=sizes_list,
              help="Corpus sizes, in papers, comma-separated.")
@click.option("--workdir", type=click.Path(file_okay=False), default="kg-bench",
              show_default=True, help="Folder for the corpora and stores (kept).")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="JSON file rewritten after every step (for long runs).")
@click.option("--kg", "kg_command", default=None,
              help="The kg executable to measure (default: the one of this Python).")
@click.option("--repeat", type=click.IntRange(1), default=3, show_default=True,
              help="Runs of each query; the median counts (a run over 10 s is not repeated).")
@click.option("--timeout", type=click.FloatRange(1), default=600, show_default=True,
              help="Seconds after which a query is killed and reported.")
@click.option("--build-timeout", type=click.FloatRange(1), default=4 * 3600, show_default=True,
              help="Seconds after which a build is killed and reported.")
@click.option("--no-build", is_flag=True,
              help="Query the stores WORKDIR/store-N already built (by an earlier run or by "
                   "`kg bench scale-out`) instead of building them.")
@JSON_OPTION
@friendly_errors
def scale(sizes: list[int], workdir: str, output: str | None, kg_command: str | None,
          repeat: int, timeout: float, build_timeout: float, no_build: bool,
          as_json: bool) -> None:
    """Per corpus size: `kg build` time and peak memory, store size, and each query
    command's median time and peak memory (neighbors, show, stats, cites, cited-by,
    path, top --by pagerank, search), also as ratios to a bare `python -c "import
    click"` start measured in the same run. Every command runs as a child process."""
    from kg.bench.scale import bench_scale, table

    def save(results: dict) -> None:
        if output:
            Path(output).write_text(json.dumps(results, indent=1), encoding="utf-8")

    results = bench_scale(sizes, Path(workdir), [kg_command] if kg_command else None, repeat,
                          timeout, build_timeout, on_result=save, build=not no_build)
    save(results)
    emit(results, as_json, lambda data: echo("\n".join(table(data))))


def workers_list(ctx, param, value: str) -> list[int]:
    """--dask: cluster sizes like 1,2, or "none" for no Dask builds."""
    return [] if value.strip().lower() == "none" else sizes_list(ctx, param, value)


@bench.command(name="scale-out")
@click.option("--sizes", default="1000,10000,50000", show_default=True, callback=sizes_list,
              help="Corpus sizes, in papers, comma-separated.")
@click.option("--workdir", type=click.Path(file_okay=False), default="kg-bench",
              show_default=True,
              help="Folder for the corpora (kept), stores and the server's data.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="JSON file rewritten after every step (for long runs).")
@click.option("--kg", "kg_command", default=None,
              help="The kg executable to measure (default: the one of this Python).")
@click.option("--dask", "dask_workers", default="1,2", show_default=True,
              callback=workers_list,
              help="Dask cluster sizes: one `kg build --dask local:N` per N (none: no Dask).")
@click.option("--dask-sizes", default=None, callback=lambda ctx, param, value: None
              if value is None else sizes_list(ctx, param, value),
              help="Corpus sizes that get the Dask builds, comma-separated (default: every one).")
@click.option("--bolt-port", type=click.IntRange(1, 65535), default=None,
              help="With --http-port: start a Neo4j server of the benchmark's own "
                   "(scripts/neo4j-local, data in WORKDIR/neo4j) on these ports and measure "
                   "kg load and the bulk import into it. Without: no Neo4j steps.")
@click.option("--http-port", type=click.IntRange(1, 65535), default=None,
              help="The HTTP port of that server.")
@click.option("--timeout", type=click.FloatRange(1), default=6 * 3600, show_default=True,
              help="Seconds after which a command is killed and reported.")
@JSON_OPTION
@friendly_errors
def scale_out(sizes: list[int], workdir: str, output: str | None, kg_command: str | None,
              dask_workers: list[int], dask_sizes: list[int] | None, bolt_port: int | None,
              http_port: int | None, timeout: float, as_json: bool) -> None:
    """Per corpus size, side by side in one run: `kg build` (seconds, peak MB), `kg build
    --dask local:N` for each N (seconds; same `kg stats` as the plain build?), store MB,
    `kg load --wipe` relationships/s and `kg export neo4j-admin` + `scripts/neo4j-local
    import` relationships/s (same counts as the store?). Prints a markdown table. Every
    build extracts every paper (fresh stores); every command runs as a child process."""
    from kg.bench.scaleout import NEO4J_LOCAL, Server, bench_scale_out, markdown

    if (bolt_port is None) != (http_port is None):
        raise click.UsageError("give both --bolt-port and --http-port, or neither")
    server = None
    if bolt_port is not None:
        if not NEO4J_LOCAL.exists():
            raise click.UsageError(f"{NEO4J_LOCAL} not found: the Neo4j steps need a source "
                                   "checkout of kg")
        server = Server(NEO4J_LOCAL, Path(workdir).resolve() / "neo4j", bolt_port, http_port)

    def save(results: dict) -> None:
        if output:
            Path(output).write_text(json.dumps(results, indent=1), encoding="utf-8")

    kg = [kg_command] if kg_command else [str(Path(sys.executable).with_name("kg"))]
    results = bench_scale_out(sizes, Path(workdir), kg, dask_workers, server, timeout,
                              on_result=save, dask_sizes=dask_sizes)
    save(results)
    emit(results, as_json, lambda data: echo("\n".join(markdown(data))))


@bench.command(name="dask")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--workers", default="1,2", show_default=True, callback=sizes_list,
              help="Cluster sizes (local:N), comma-separated.")
@click.option("--partition-size", type=click.IntRange(1), default=50, show_default=True,
              help="Papers per Dask task.")
@click.option("--rounds", type=click.IntRange(1), default=10, show_default=True,
              help="Slices of the papers, each extracted by every cluster in turn.")
@MODEL_OPTION
@JSON_OPTION
@friendly_errors
def dask(paths: tuple[str, ...], workers: list[int], partition_size: int, rounds: int,
         model: str, as_json: bool) -> None:
    """Papers per second of extraction on local Dask clusters of each size, warmed up,
    interleaved in one run (default: the bundled corpus; `kg bench corpus 2000 -o F`
    makes more)."""
    from kg.bench.cluster import bench_dask
    from kg.dask import Extraction
    from kg.extract import extract_with
    from kg.extract.pipeline import load_pipeline
    from kg.inputs import read_papers

    papers, _ = read_papers(paths)
    result = bench_dask(papers, Extraction(load_pipeline, extract_with, model), workers,
                        partition_size, rounds)

    def text(data: dict) -> None:
        echo(f"{data['papers']} papers, {data['words']:,} words, "
             f"{data['partition_size']} per task, {data['rounds']} interleaved rounds, "
             f"load average {data['load_average']['start']} -> {data['load_average']['end']}")
        for run in data["runs"]:
            echo(f"local:{run['workers']}: {run['seconds']:>8} s  "
                 f"{run['papers_per_second']:>7} papers/s  "
                 f"workers' CPU {run['worker_cpu_seconds']} s")
        echo(f"speed-up: {data['speedup']}x")
    emit(result, as_json, text)


COMMANDS: list = []  # the commands above join the `kg bench` group
