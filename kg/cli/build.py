"""Extracting commands: `kg build` (papers -> graph in the store), `kg rebuild` (the
graph again from the stored papers) and `kg extract` (what extraction finds, as JSON
Lines)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.options import JSON_OPTION, MODEL_OPTION, STORE_OPTION, fail, friendly_errors
from kg.cli.render import Progress, counts_line, dumps, echo, emit

if TYPE_CHECKING:
    from kg.build import BuildSummary


# Shared by build and rebuild.
NO_WAIT_OPTION = click.option(
    "--no-wait", is_flag=True,
    help="Stop if another build is writing the store (default: wait for it).")
PROCESSES_OPTION = click.option(
    "--processes", "-j", type=click.IntRange(1), default=None,
    help="Extraction processes (default: by corpus size and cores).")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@STORE_OPTION
@MODEL_OPTION
@click.option("--replace", is_flag=True,
              help="Make a store of just these inputs (default: add them to the store).")
@NO_WAIT_OPTION
@PROCESSES_OPTION
@click.option("--dask", "dask_address", metavar="ADDRESS", default=None,
              help="Extract on a Dask cluster: tcp://HOST:PORT of a running scheduler, or "
                   "local:N for N worker processes here (pip install 'kg[dask]').")
@click.option("--spill", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="With --dask: workers write their records as Parquet files into DIR "
                   "(a folder they and this machine share) and the build reads them there.")
@JSON_OPTION
@friendly_errors
def build(paths: tuple[str, ...], store: str, model: str, replace: bool, no_wait: bool,
          processes: int | None, dask_address: str | None, spill: str | None,
          as_json: bool) -> None:
    """Read papers from PATHS (files or folders; default: the bundled corpus),
    add them to the store (a paper already there is updated), extract entities
    and derive the graph. --replace makes a store of just these papers. With
    --dask the extraction runs on a Dask cluster (--spill DIR: its workers hand
    the records over as Parquet files in DIR); the store is the same.

    Inputs: listing pages (.txt), JSON Lines, JSON or CSV with title and abstract,
    OpenAlex works, Semantic Scholar papers, arXiv metadata and BibTeX; the format
    is told from the content. Bad input is reported one line each and skipped; exit
    status 1 says so. A build that reads no paper changes nothing and exits 1.
    """
    from kg.build import build as build_graph

    if spill and not dask_address:
        fail("--spill works with --dask: give the cluster's address too")
    shown = None if as_json else Progress(0, "Extracting", "papers")
    update = shown.update if shown else None
    with cluster(dask_address, model, spill, update) as extractor:
        # On a cluster the bar moves as its tasks finish, in any order.
        summary = build_graph(paths, store, model, replace, processes, extractor,
                              on_progress=None if extractor else update,
                              on_papers=shown.set_total if shown else None,
                              wait=not no_wait, on_wait=lambda line: echo(line, err=True))
    finish(summary, shown, as_json)


@contextmanager
def cluster(address: str | None, model: str, spill: str | None,
            on_progress: Callable[[int], None] | None) -> Iterator:
    """The Dask extractor for --dask ADDRESS [--spill DIR] (its dashboard link told),
    telling `on_progress` of each finished task's papers; None without --dask."""
    if address is None:
        yield None
        return
    from kg.dask import DaskProblem, Extraction, dask_extractor
    from kg.extract import extract_with
    from kg.extract.pipeline import load_pipeline

    try:
        with dask_extractor(address, Extraction(load_pipeline, extract_with, model),
                            on_progress=on_progress,
                            spill=Path(spill).absolute() if spill else None
                            ) as extractor:
            workers = extractor.workers
            echo(f"Dask: {workers} worker{'' if workers == 1 else 's'} at {address}"
                 + (f", dashboard {extractor.dashboard}" if extractor.dashboard else ""),
                 err=True)
            yield extractor
    except DaskProblem as error:
        fail(str(error))


def finish(summary: BuildSummary, shown: Progress | None, as_json: bool) -> None:
    """End a build's progress line, report its skipped inputs one line each, print its
    summary and exit (1 if anything was skipped)."""
    if shown:
        shown.finish()
    for problem in summary.problems:
        echo(f"skipped: {problem}", err=True, fg="yellow")
    emit(summary.as_json(), as_json, build_text)
    sys.exit(1 if summary.problems else 0)


def build_text(data: dict) -> None:
    echo(f"Built {data['graph_path']}: {data['papers']} papers ({data['read']} read, "
         f"{data['extracted']} extracted, {data['cached']} from cache)")
    echo(counts_line("Nodes", data["nodes"]))
    echo(counts_line("Edges", data["edges"]))
    echo(f"Graph derived from all {data['papers']} papers and written in "
         f"{data['derive_seconds']} s (every build: co-occurrence, lineage, PageRank)")
    if data["problems"]:
        echo(f"{len(data['problems'])} input problem(s) reported above.")


@click.command()
@STORE_OPTION
@MODEL_OPTION
@NO_WAIT_OPTION
@PROCESSES_OPTION
@JSON_OPTION
@friendly_errors
def rebuild(store: str, model: str, no_wait: bool, processes: int | None,
            as_json: bool) -> None:
    """Derive the graph again from the papers already in the store, without reading
    any input: for a graph that is damaged or was written by an older kg. Papers
    whose extraction is not cached (another extractor or model) are extracted again;
    the others come from the cache.
    """
    from kg.build import rebuild as rebuild_graph

    shown = None if as_json else Progress(0, "Extracting", "papers")
    summary = rebuild_graph(store, model, processes,
                            on_progress=shown.update if shown else None,
                            on_papers=shown.set_total if shown else None,
                            wait=not no_wait, on_wait=lambda line: echo(line, err=True))
    finish(summary, shown, as_json)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True, help="Output format: one JSON object per paper.")
@MODEL_OPTION
@friendly_errors
def extract(paths: tuple[str, ...], output_format: str, model: str) -> None:
    """Print what extraction finds in each paper of PATHS, one JSON object per line.

    The format is documented in docs/extract-format.md.
    """
    from kg.extract import extract_papers
    from kg.inputs import read_papers

    papers, problems = read_papers(paths)
    for problem in problems:
        echo(f"skipped: {problem}", err=True, fg="yellow")
    for record in extract_papers(papers, model):
        echo(dumps(record))
    sys.exit(1 if problems else 0)


COMMANDS = [build, rebuild, extract]
