"""Extraction on a Dask cluster: `kg build --dask ADDRESS`.

The papers go to the cluster's workers in partitions; each worker runs kg's own
extraction (kg.extract.extract_papers) on its partition and sends the records back,
and the client hands them to the build in the papers' order, so the store is written
exactly as by a plain build. ADDRESS is a running scheduler (`tcp://host:8786`) or
`local:N`, a LocalCluster of N single-threaded worker processes on this machine.
A worker that dies has its partitions run again elsewhere (Dask's own retries); a
paper whose extraction fails is reported as a Problem and skipped, the rest go on.
Workers need kg installed, with the same spaCy model as the client.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from kg.model import Paper, Problem

PARTITION_SIZE = 100  # papers per task: big enough that scheduling costs little
RETRIES = 2  # a task that raises (not a paper: a whole partition) runs this many more times

Extractor = Callable[[list[Paper]], Iterator[dict | Problem]]


class DaskProblem(Exception):
    """The cluster cannot be reached or used; the message says what to do."""


Extract = Callable[[list[Paper], str], Iterable[dict]]  # kg.extract.extract_papers


def extract_partition(extract: Extract, papers: list[Paper], model: str) -> list[dict | Problem]:
    """Run on a worker: one record per paper, or a Problem for a paper that fails.

    The partition is extracted in one pass; if that raises, each paper again alone,
    so that one bad paper costs only itself.
    """
    try:
        return list(extract(papers, model))
    except Exception:  # noqa: BLE001 - find the paper to blame below
        return [extract_one(extract, paper, model) for paper in papers]


def extract_one(extract: Extract, paper: Paper, model: str) -> dict | Problem:
    try:
        return next(iter(extract([paper], model)))
    except Exception as error:  # noqa: BLE001 - any failure skips this paper only
        return failed(paper, error)


def failed(paper: Paper, error: BaseException) -> Problem:
    """The Problem for a paper whose extraction raised `error`, at the paper's first source."""
    path, _, line = (paper.sources[0] if paper.sources else "").rpartition(":")
    text = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
    return Problem(path if line.isdigit() else paper.key, int(line) if line.isdigit() else None,
                   f"extraction failed ({type(error).__name__}: {text}), skipped")


@dataclass
class DaskExtractor:
    """A connected Dask client that extracts lists of papers, for kg.build's `extractor`."""

    client: object
    extract: Extract
    model: str
    partition_size: int = PARTITION_SIZE
    on_progress: Callable[[int], None] | None = None

    @property
    def dashboard(self) -> str | None:
        """The cluster's dashboard address, when it serves one (it needs bokeh)."""
        services = self.client.scheduler_info().get("services", {})
        return self.client.dashboard_link if "dashboard" in services else None

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {}))

    def __call__(self, papers: list[Paper]) -> Iterator[dict | Problem]:
        """One record (or Problem) per paper, in the papers' order, as partitions finish."""
        from distributed import as_completed

        parts = [papers[start:start + self.partition_size]
                 for start in range(0, len(papers), self.partition_size)]
        futures = [self.client.submit(extract_partition, self.extract, part, self.model,
                                      retries=RETRIES, pure=False) for part in parts]
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
                self.on_progress(len(done[number]))
            while following in done:
                yield from done.pop(following)
                following += 1


@contextmanager
def dask_extractor(address: str, extract: Extract, model: str, partition_size: int = PARTITION_SIZE,
                   on_progress: Callable[[int], None] | None = None) -> Iterator[DaskExtractor]:
    """A DaskExtractor on the cluster at `address` (`tcp://…` or `local:N`), closed after.

    `extract` is kg.extract.extract_papers (passed in: only build and the CLI import
    kg.extract); workers import it by name, so they need kg installed.

    Raises DaskProblem (one line) for a bad address or a scheduler that does not answer.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskProblem("--dask needs Dask: pip install 'kg[dask]'") from None
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
        yield DaskExtractor(client, extract, model, partition_size, on_progress)
    finally:
        client.close()
        if cluster:
            cluster.close()
