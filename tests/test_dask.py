"""Extraction on a real Dask cluster: a `dask scheduler` and a `dask worker` process
started here on 127.0.0.1, driven through kg.dask as `kg build --dask` drives it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import cloudpickle
import pyarrow.parquet as pq
import pytest
from kg.extract import DEFAULT_MODEL, extract_papers, extract_with
from kg.extract.pipeline import load_pipeline

from kg import open as open_store
from kg.bench.corpus import write_corpus
from kg.dask import DaskProblem, Extraction, dask_extractor
from kg.model import EDGE_TYPES, NODE_LABELS, Paper, Problem

EXTRACTION = Extraction(load_pipeline, extract_with, DEFAULT_MODEL)
# The counters below run on the workers, which cannot import this file: send it by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

DASK = Path(sys.executable).with_name("dask")
KG = Path(sys.executable).with_name("kg")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """The address of a scheduler with two single-threaded worker processes."""
    folder = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{free_port()}"
    processes = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port",
                                   address.rsplit(":", 1)[1], "--no-dashboard"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    processes.append(subprocess.Popen(
        [DASK, "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard",
         "--local-directory", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    try:
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=300)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=60)


@pytest.fixture(scope="module")
def papers(corpus) -> list[Paper]:
    return corpus[:48]


def test_the_cluster_extracts_exactly_what_a_plain_extraction_does(scheduler, papers):
    progress = []
    with dask_extractor(scheduler, EXTRACTION, partition_size=10,
                        on_progress=progress.append) as extract:
        assert extract.workers == 2
        records = list(extract(papers))
    assert records == list(extract_papers(papers))
    assert sorted(progress) == [8, 10, 10, 10, 10]


@pytest.mark.parametrize("spilled", [False, True], ids=["returned", "spilled"])
def test_a_paper_that_fails_is_reported_and_skipped_and_the_rest_extracted(
        scheduler, papers, spilled, tmp_path):
    """Text past spaCy's max_length makes extraction raise, on the worker; spilled, the
    Problem travels through the Parquet file."""
    huge = Paper("Huge", "word " * 210_000, sources=["big.jsonl:7"])
    with dask_extractor(scheduler, EXTRACTION, partition_size=4,
                        spill=tmp_path / "spill" if spilled else None) as extract:
        items = list(extract([*papers[:5], huge, *papers[5:8]]))
    problem = items[5]
    assert isinstance(problem, Problem) and (problem.path, problem.line) == ("big.jsonl", 7)
    assert "extraction failed (ValueError" in problem.message
    assert [item for item in items if not isinstance(item, Problem)] == \
        list(extract_papers(papers[:8]))
    assert len(list((tmp_path / "spill").glob("*.parquet")) if spilled else []) == \
        (3 if spilled else 0)


def count_calls() -> None:
    """On a worker: count the calls of kg.extract's load_pipeline and extract_with made
    in this process from now on (the tasks find both by name, so they get the wrappers)."""
    import kg.extract
    import kg.extract.pipeline

    calls = {"loads": 0, "partitions": 0}
    load, run = kg.extract.pipeline.load_pipeline, kg.extract.extract_with

    def counted_load(*args, **options):
        calls["loads"] += 1
        return load(*args, **options)

    def counted_run(*args, **options):
        calls["partitions"] += 1
        return run(*args, **options)

    kg.extract.pipeline.load_pipeline, kg.extract.extract_with = counted_load, counted_run
    kg.extract.calls = calls


def calls_counted() -> dict:
    import kg.extract

    return dict(kg.extract.calls)


def test_each_worker_process_loads_the_pipeline_once_for_all_its_partitions(papers):
    with dask_extractor("local:2", EXTRACTION, partition_size=4) as extract:
        extract.client.run(count_calls)
        records = list(extract(papers[:40]))
        calls = extract.client.run(calls_counted)
    assert records == list(extract_papers(papers[:40]))
    assert len(calls) == 2 and sum(each["partitions"] for each in calls.values()) == 10
    assert sorted(each["loads"] for each in calls.values() if each["partitions"]) == \
        [1] * sum(1 for each in calls.values() if each["partitions"])
    assert all(each["loads"] == 0 for each in calls.values() if not each["partitions"])


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9", "local:0", "local:x"])
def test_a_bad_address_is_one_line(address):
    with pytest.raises(DaskProblem) as error, dask_extractor(address, EXTRACTION):
        pass
    assert address in str(error.value) and "\n" not in str(error.value)


def kg(*args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "KG_STORE"}
    return subprocess.run([str(KG), *args], capture_output=True, text=True, env=env,
                          timeout=1800, check=False)


def test_kg_build_on_the_cluster_gives_the_graph_of_a_plain_build(scheduler, tmp_path):
    corpus = tmp_path / "papers.jsonl"
    write_corpus(60, corpus, seed=5)
    on_cluster = kg("build", str(corpus), "--store", str(tmp_path / "dask"),
                    "--dask", scheduler)
    assert on_cluster.returncode == 0, on_cluster.stderr
    assert f"Dask: 2 workers at {scheduler}" in on_cluster.stderr
    plain = kg("build", str(corpus), "--store", str(tmp_path / "plain"), "-j", "1")
    assert plain.returncode == 0, plain.stderr
    stats = [kg("stats", "--json", "--store", str(tmp_path / name)) for name in ("dask", "plain")]
    assert stats[0].returncode == 0 and json.loads(stats[0].stdout)["nodes"]["Paper"] == 60
    assert stats[0].stdout == stats[1].stdout


def test_kg_build_with_an_unreachable_scheduler_is_one_line(tmp_path):
    result = kg("build", "--store", str(tmp_path / "s"), "--dask", "tcp://127.0.0.1:9")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "Dask scheduler" in result.stderr
    assert not (tmp_path / "s").exists() or not any((tmp_path / "s").iterdir())


def graph_of(store: Path) -> tuple[list, list]:
    """Every node and edge of the store's graph, as sorted JSON texts."""
    with open_store(store) as graph:
        nodes = [json.dumps(node, sort_keys=True) for label in NODE_LABELS
                 for node in graph.nodes(label)]
        edges = [json.dumps(edge, sort_keys=True) for type_ in EDGE_TYPES
                 for edge in graph.edges(type_)]
    return sorted(nodes), sorted(edges)


def test_kg_build_spilling_to_parquet_gives_the_graph_of_a_plain_build(scheduler, tmp_path):
    corpus = tmp_path / "papers.jsonl"
    write_corpus(120, corpus, seed=6)
    spilled = kg("build", str(corpus), "--store", str(tmp_path / "dask"), "--dask", scheduler,
                 "--spill", str(tmp_path / "spill"))
    assert spilled.returncode == 0, spilled.stderr
    files = sorted((tmp_path / "spill").glob("*.parquet"))
    assert [pq.read_table(file).num_rows for file in files] == [100, 20]
    plain = kg("build", str(corpus), "--store", str(tmp_path / "plain"), "-j", "1")
    assert plain.returncode == 0, plain.stderr
    stats = [kg("stats", "--json", "--store", str(tmp_path / name)) for name in ("dask", "plain")]
    assert json.loads(stats[0].stdout)["nodes"]["Paper"] == 120
    assert stats[0].stdout == stats[1].stdout
    nodes, edges = graph_of(tmp_path / "dask")
    assert (nodes, edges) == graph_of(tmp_path / "plain") and len(edges) > 700


def test_spill_without_dask_is_one_line(tmp_path):
    result = kg("build", "--store", str(tmp_path / "s"), "--spill", str(tmp_path / "spill"))
    assert result.returncode == 1 and "--spill works with --dask" in result.stderr
    assert result.stderr.strip().count("\n") == 0


def die_in_the_next_partition() -> None:
    """On one worker: its next extract_with call ends the process at once, as a machine
    lost mid-task would (the nanny starts a fresh process, without this wrapper)."""
    import kg.extract

    def die(*args, **options):
        os._exit(1)

    kg.extract.extract_with = die


def test_a_worker_lost_mid_partition_has_its_partition_run_again(scheduler, papers):
    with dask_extractor(scheduler, EXTRACTION, partition_size=4) as extract:
        pids = extract.client.run(os.getpid)
        doomed = sorted(pids)[0]
        extract.client.run(die_in_the_next_partition, workers=[doomed])
        records = list(extract(papers[:24]))
        extract.client.wait_for_workers(2, timeout=300)
        after = set(extract.client.run(os.getpid).values())
    assert records == list(extract_papers(papers[:24]))
    assert pids[doomed] not in after and len(after) == 2
