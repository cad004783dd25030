"""Extraction on a Dask cluster: `kg build --dask ADDRESS [--spill DIR]`.

The papers go to the cluster's workers in partitions; each worker runs kg's own
extraction on its partitions, loading the spaCy pipeline once per worker process
(`pipeline`, a per-process cache keyed by the extraction's options), and sends the
records back, or with --spill writes them as one Parquet file per partition into a
folder the client reads them back from. The client hands the records to the build in
the papers' order, so the store is written exactly as by a plain build. ADDRESS is a
running scheduler (`tcp://host:8786`) or `local:N`, a LocalCluster of N
single-threaded worker processes on this machine. A worker that dies has its
partitions run again elsewhere (Dask's own retries); a paper whose extraction fails
is reported as a Problem and skipped, the rest go on. Workers need kg installed, with
the same spaCy model as the client.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.model import Paper, Problem

PARTITION_SIZE = 100  # papers per task: big enough that scheduling costs little
RETRIES = 2  # a task that raises (not a paper: a whole partition) runs this many more times

Extractor = Callable[[list[Paper]], Iterator[dict | Problem]]
Load = Callable[[str], object]  # kg.extract.pipeline.load_pipeline: model name -> pipeline
Run = Callable[[object, list[Paper]], Iterable[dict]]  # kg.extract.extract_with


class DaskProblem(Exception):
    """The cluster cannot be reached or used; the message says what to do."""


@dataclass(frozen=True)
class Extraction:
    """What a worker runs on a partition: `run(pipeline, papers)`, with the pipeline that
    `load(model)` gives, loaded once per worker process (see `pipeline`).

    The CLI builds it from kg.extract (only build and the CLI import kg.extract);
    workers import both functions by name, so they need kg installed.
    """

    load: Load
    run: Run
    model: str

    def __call__(self, papers: list[Paper]) -> Iterable[dict]:
        return self.run(pipeline(self.load, self.model), papers)


@cache
def pipeline(load: Load, model: str) -> object:
    """This process's pipeline for `model`: loaded by `load` for the first partition that
    needs it, then kept for every later one (`pipeline.cache_info().misses` = loads)."""
    return load(model)


def warm_up(extraction: Extraction) -> None:
    """Run on each worker (client.run): load its pipeline now rather than in its first task."""
    pipeline(extraction.load, extraction.model)


def extract_partition(extraction: Extraction, papers: list[Paper]) -> list[dict | Problem]:
    """Run on a worker: one record per paper, or a Problem for a paper that fails.

    The partition is extracted in one pass; if that raises, each paper again alone,
    so that one bad paper costs only itself.
    """
    try:
        return list(extraction(papers))
    except Exception:  # noqa: BLE001 - find the paper to blame below
        return [extract_one(extraction, paper) for paper in papers]


def extract_one(extraction: Extraction, paper: Paper) -> dict | Problem:
    try:
        return next(iter(extraction([paper])))
    except Exception as error:  # noqa: BLE001 - any failure skips this paper only
        return failed(paper, error)


def failed(paper: Paper, error: BaseException) -> Problem:
    """The Problem for a paper whose extraction raised `error`, at the paper's first source."""
    path, _, line = (paper.sources[0] if paper.sources else "").rpartition(":")
    text = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
    return Problem(path if line.isdigit() else paper.key, int(line) if line.isdigit() else None,
                   f"extraction failed ({type(error).__name__}: {text}), skipped")


def spill_partition(extraction: Extraction, papers: list[Paper], path: str) -> str:
    """Run on a worker: extract `papers` (as extract_partition) into the Parquet file
    `path`, one row per paper in order; out: `path`. The file appears whole or not at
    all (written aside, then renamed), so a retried task never leaves half of one."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    items = extract_partition(extraction, papers)
    problems = [item if isinstance(item, Problem) else None for item in items]
    table = pa.table({
        "record": pa.array([None if problem else json.dumps(item, ensure_ascii=False)
                            for item, problem in zip(items, problems, strict=True)],
                           pa.large_string()),
        "problem_path": pa.array([problem and problem.path for problem in problems], pa.string()),
        "problem_line": pa.array([problem and problem.line for problem in problems], pa.int64()),
        "problem_message": pa.array([problem and problem.message for problem in problems],
                                    pa.string()),
    })
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    aside = f"{path}.{os.getpid()}.tmp"
    pq.write_table(table, aside)
    os.replace(aside, path)
    return path


def read_spilled(path: str) -> list[dict | Problem]:
    """The records (and Problems) of a Parquet file spill_partition wrote, in order.

    Raises DaskProblem when this machine cannot read it (the folder is not shared).
    """
    import pyarrow.parquet as pq

    try:
        rows = pq.read_table(path).to_pylist()
    except OSError as error:
        raise DaskProblem(f"cannot read {path}, written by a worker: --spill needs a folder "
                          f"this machine and every worker share ({type(error).__name__})"
                          ) from None
    return [json.loads(row["record"]) if row["record"] is not None else
            Problem(row["problem_path"], row["problem_line"], row["problem_message"])
            for row in rows]


@dataclass
class DaskExtractor:
    """A connected Dask client that extracts lists of papers, for kg.build's `extractor`.

    With `spill` (a folder every worker and the client share), workers write each
    partition's records to `spill`/<run>-<call>-<partition>.parquet and the client
    reads them from there; the files are kept.
    """

    client: object
    extraction: Extraction
    partition_size: int = PARTITION_SIZE
    on_progress: Callable[[int], None] | None = None
    spill: Path | None = None

    def __post_init__(self) -> None:
        self.run_name = uuid.uuid4().hex[:12]
        self.calls = 0

    @property
    def dashboard(self) -> str | None:
        """The cluster's dashboard address, when it serves one (it needs bokeh)."""
        services = self.client.scheduler_info().get("services", {})
        return self.client.dashboard_link if "dashboard" in services else None

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {}))

    @property
    def chunk_size(self) -> int:
        """Papers kg.build should hand over at a time: four partitions per worker, so
        that no worker waits for the last partitions of a chunk for long."""
        return self.partition_size * 4 * max(1, self.workers)

    def submit(self, number: int, papers: list[Paper]) -> object:
        """The future of one partition's task: its items, or (spilling) its file's path."""
        if self.spill is None:
            return self.client.submit(extract_partition, self.extraction, papers,
                                      retries=RETRIES, pure=False)
        path = self.spill / f"{self.run_name}-{self.calls:05d}-{number:05d}.parquet"
        return self.client.submit(spill_partition, self.extraction, papers, str(path),
                                  retries=RETRIES, pure=False)

    def __call__(self, papers: list[Paper]) -> Iterator[dict | Problem]:
        """One record (or Problem) per paper, in the papers' order, as partitions finish."""
        from distributed import as_completed

        self.calls += 1
        parts = [papers[start:start + self.partition_size]
                 for start in range(0, len(papers), self.partition_size)]
        futures = [self.submit(number, part) for number, part in enumerate(parts)]
        index = {future.key: number for number, future in enumerate(futures)}
        done: dict[int, list] = {}
        following = 0
        for future in as_completed(futures):
            number = index[future.key]
            try:
                done[number] = future.result()
            except Exception as error:  # noqa: BLE001 - e.g. KilledWorker after the retries
                done[number] = [failed(paper, error) for paper in parts[number]]
            if self.on_progress:
                self.on_progress(len(parts[number]))
            while following in done:  # a spilled partition is read only when its turn comes
                result = done.pop(following)
                yield from read_spilled(result) if isinstance(result, str) else result
                following += 1


@contextmanager
def dask_extractor(address: str, extraction: Extraction, partition_size: int = PARTITION_SIZE,
                   on_progress: Callable[[int], None] | None = None,
                   spill: Path | None = None) -> Iterator[DaskExtractor]:
    """A DaskExtractor on the cluster at `address` (`tcp://…` or `local:N`), closed after.

    `spill`: a folder (shared by the workers and this machine) for the workers' Parquet
    files; None sends the records back through Dask.

    Raises DaskProblem (one line) for a bad address, a scheduler that does not answer,
    or a spill folder that cannot be made.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskProblem("--dask needs Dask: pip install 'kg[dask]'") from None
    if spill is not None:
        try:
            import pyarrow  # noqa: F401 - only to say what is missing, before any work
            spill.mkdir(parents=True, exist_ok=True)
        except ImportError:
            raise DaskProblem("--spill needs pyarrow: pip install 'kg[dask]'") from None
        except OSError as error:
            raise DaskProblem(f"cannot use --spill folder {spill}: "
                              f"{error.strerror or type(error).__name__}") from None
    # Dask logs each worker start, restart and shutdown; what matters reaches the user
    # as a Problem or a DaskProblem instead.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    cluster = None
    try:
        if address.startswith("local:"):
            workers = address.removeprefix("local:")
            if not workers.isdigit() or int(workers) < 1:
                raise DaskProblem(f"bad --dask address {address!r}: local:N needs N ≥ 1 workers")
            cluster = LocalCluster(n_workers=int(workers), threads_per_worker=1,
                                   processes=True, dashboard_address=":0")
            client = Client(cluster)
        else:
            client = Client(address, timeout="10s")
    except DaskProblem:
        raise
    except (OSError, TimeoutError, ValueError) as error:
        raise DaskProblem(f"cannot reach the Dask scheduler at {address}: "
                          f"{str(error).splitlines()[0] if str(error) else type(error).__name__}"
                          ) from None
    try:
        yield DaskExtractor(client, extraction, partition_size, on_progress, spill)
    finally:
        client.close()
        if cluster:
            cluster.close()
