"""`kg bench ...`: speed measured as ratios within one run (never timed tests)."""

from __future__ import annotations

import click

from kg.cli.options import (
    JSON_OPTION,
    MODEL_OPTION,
    STORE_OPTION,
    friendly_errors,
    neo4j_options,
    open_graph,
)
from kg.cli.render import echo, emit


@click.group()
def bench() -> None:
    """Benchmarks: speed measured as ratios within one run (never timed tests)."""


@bench.command(name="extract")
@click.argument("paths", nargs=-1, type=click.Path())
@MODEL_OPTION
@click.option("--processes", "-j", type=click.IntRange(1), default=None,
              help="Processes for kg's side (default: every core).")
@click.option("--repeat", type=click.IntRange(1), default=3, show_default=True,
              help="Runs of each side; the best time counts.")
@JSON_OPTION
@friendly_errors
def bench_extract(paths: tuple[str, ...], model: str, processes: int | None,
                  repeat: int, as_json: bool) -> None:
    """Words per second of kg's extraction and of plain `nlp.pipe` over the full
    default pipeline, on the same texts (default: the bundled corpus)."""
    from kg.extract.bench import bench_extract as run_bench
    from kg.inputs import read_papers

    papers, _ = read_papers(paths)
    result = run_bench([paper.text for paper in papers], model, processes, repeat)

    def text(data: dict) -> None:
        echo(f"{data['texts']} texts, {data['words']:,} words, best of {repeat} runs")
        echo(f"kg extraction ({data['processes']} processes): "
             f"{data['kg_words_per_second']:>8,} words/s")
        echo(f"plain nlp.pipe, full pipeline:  {data['plain_words_per_second']:>8,} words/s")
        echo(f"speed-up: {data['speedup']}x")
    emit(result, as_json, text)


@bench.command(name="build")
@click.argument("paths", nargs=-1, type=click.Path())
@JSON_OPTION
@friendly_errors
def bench_build(paths: tuple[str, ...], as_json: bool) -> None:
    """Time `kg build` into an empty store, then again unchanged (from the cache)."""
    from kg.build import bench_build as run_bench

    def text(data: dict) -> None:
        echo(f"{data['papers']} papers: first build {data['first_seconds']} s, "
             f"second {data['second_seconds']} s "
             f"({data['second_over_first']:.1%} of the first)")
    emit(run_bench(paths), as_json, text)


@bench.command(name="load")
@STORE_OPTION
@neo4j_options
@click.option("--batch-size", type=click.IntRange(2), default=1000, show_default=True,
              help="Rows per transaction of the batched loader.")
@click.option("--rounds", type=click.IntRange(1), default=3, show_default=True,
              help="Loads of each kind; the median counts.")
@click.option("--yes", is_flag=True, help="Do not ask before emptying the database.")
@JSON_OPTION
@friendly_errors
def bench_load(store: str, uri: str, user: str, password: str | None, batch_size: int,
               rounds: int, yes: bool, as_json: bool) -> None:
    """Relationships per second loading the store into Neo4j with batched UNWIND … MERGE
    and with one MERGE per transaction, in one run. Empties the database first; it
    ends holding the graph."""
    from kg.neo4j.bench import bench_load as run_bench
    from kg.neo4j.connect import connected
    from kg.neo4j.load import store_rows

    if not yes:
        click.confirm(f"This deletes everything in the Neo4j database at {uri}. Go on?",
                      abort=True)
    with open_graph("embedded", store, uri, user, password) as stored:
        nodes, edges = (list(rows) for rows in store_rows(stored))
    with connected(uri, user, password) as driver:
        result = run_bench(nodes, edges, driver, batch_size, rounds)

    def text(data: dict) -> None:
        echo(f"{data['relationships']} relationships, {data['nodes']} nodes; "
             f"median of {rounds} loads each")
        echo(f"batched ({batch_size} per transaction): "
             f"{data['batched_per_second']:>10,.0f} relationships/s")
        echo("one MERGE per transaction:      "
             f"{data['single_per_second']:>10,.0f} relationships/s")
        echo(f"speed-up: {data['speedup']:.1f}x")
    emit(result, as_json, text)


COMMANDS = [bench]
