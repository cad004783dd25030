"""Extraction on a real Dask cluster: a `dask scheduler` and a `dask worker` process
started here on 127.0.0.1, driven through kg.dask as `kg build --dask` drives it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from kg.extract import DEFAULT_MODEL, extract_papers

from kg.bench.corpus import write_corpus
from kg.dask import DaskProblem, dask_extractor
from kg.model import Paper, Problem

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
    with dask_extractor(scheduler, extract_papers, DEFAULT_MODEL, partition_size=10,
                        on_progress=progress.append) as extract:
        assert extract.workers == 2
        records = list(extract(papers))
    assert records == list(extract_papers(papers))
    assert sorted(progress) == [8, 10, 10, 10, 10]


def test_a_paper_that_fails_is_reported_and_skipped_and_the_rest_extracted(scheduler, papers):
    """Text past spaCy's max_length makes extraction raise, on the worker."""
    huge = Paper("Huge", "word " * 210_000, sources=["big.jsonl:7"])
    with dask_extractor(scheduler, extract_papers, DEFAULT_MODEL, partition_size=4) as extract:
        items = list(extract([*papers[:5], huge, *papers[5:8]]))
    problem = items[5]
    assert isinstance(problem, Problem) and (problem.path, problem.line) == ("big.jsonl", 7)
    assert "extraction failed (ValueError" in problem.message
    assert [item for item in items if not isinstance(item, Problem)] == \
        list(extract_papers(papers[:8]))


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9", "local:0", "local:x"])
def test_a_bad_address_is_one_line(address):
    with pytest.raises(DaskProblem) as error, dask_extractor(address, extract_papers,
                                                             DEFAULT_MODEL):
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
