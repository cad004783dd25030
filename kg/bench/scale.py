"""`kg bench scale`: how build and queries grow with the corpus, measured in one run.

For each size it writes a synthetic corpus (kg.bench.corpus), builds it into a fresh
store with `kg build`, and runs each query command several times, every one a child
process: wall time and peak resident memory (`ru_maxrss` of the largest process of
its tree, through GNU time) come from the kernel. Latency and memory are also given as
ratios to a bare `python -c "import click"` start run in turn with each command (the
two see the same load, so the ratio holds on a shared machine where times do not). A
command that outlasts its timeout is killed and reported as such; one that fails is
reported with its last line of stderr.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import median

from kg.bench.corpus import proposed_name, write_corpus
from kg.store import StoreError

BASELINE = [sys.executable, "-c", "import click"]
GNU_TIME = Path("/usr/bin/time")
SLOW_SECONDS = 10.0  # a run this slow is not repeated: one sample says enough
SEARCH_TEXT = "diffusion"


@dataclass
class Run:
    """One child process: wall seconds, peak RSS in MB, exit code (None: killed at timeout),
    the last line of its stderr when it failed, and its stdout when asked for."""

    seconds: float
    peak_mb: float
    code: int | None
    error: str = ""
    output: str = ""


@dataclass
class Measure:
    """Repeated runs of one command: the median wall time, the highest peak memory."""

    command: list[str]
    runs: list[Run] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(run.code == 0 for run in self.runs)

    def summary(self, baseline: Measure | None = None) -> dict:
        """{seconds, peak_mb, runs, ok[, error][, start_seconds, x_start, x_memory]}: the
        ratios are to `baseline`'s time and memory."""
        seconds = round(median(run.seconds for run in self.runs), 3)
        peak = round(max(run.peak_mb for run in self.runs), 1)
        out = {"seconds": seconds, "peak_mb": peak, "runs": len(self.runs), "ok": self.ok}
        failed = next((run for run in self.runs if run.code != 0), None)
        if failed:
            out["error"] = "timeout" if failed.code is None else failed.error
        if baseline:
            base = baseline.summary()
            out["start_seconds"] = base["seconds"]
            out["x_start"] = round(seconds / base["seconds"], 2)
            out["x_memory"] = round(peak / base["peak_mb"], 2)
        return out


def run_child(command: list[str], timeout: float, env: dict[str, str] | None = None,
              keep_output: bool = False) -> Run:
    """Run `command` to its end (or kill its process group after `timeout` seconds).

    Out: its wall time, peak RSS, exit code, last stderr line if it failed, and with
    `keep_output` its stdout (else stdout is thrown away). The peak
    comes from GNU time when /usr/bin/time exists: a child forked from this (larger)
    process inherits its memory high-water mark, which wait4 would report as the
    child's; GNU time's own child starts from a small process.
    """
    with tempfile.TemporaryDirectory() as folder:
        peak_file, output_file = Path(folder) / "peak", Path(folder) / "output"
        wrapped = ([str(GNU_TIME), "-f", "%M", "-o", str(peak_file), *command]
                   if GNU_TIME.exists() else command)
        start = time.perf_counter()
        with open(output_file if keep_output else os.devnull, "wb") as stdout:
            process = subprocess.Popen(wrapped, stdout=stdout, stderr=subprocess.PIPE,
                                       start_new_session=True, env=env)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        stderr = process.stderr.read().decode(errors="replace")  # until the child closes it
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped: tell Popen
        process.stderr.close()
        seconds = time.perf_counter() - start
        peak_text = peak_file.read_text().split() if peak_file.exists() else []
        output = output_file.read_text(errors="replace") if keep_output else ""
    peak_kb = int(peak_text[-1]) if peak_text and peak_text[-1].isdigit() else usage.ru_maxrss
    code = None if timed_out.is_set() else process.returncode
    lines = stderr.strip().splitlines()
    return Run(round(seconds, 3), round(peak_kb / 1024, 1), code,
               lines[-1][:300] if code != 0 and lines else "", output)


def measure(command: list[str], repeat: int, timeout: float,
            env: dict[str, str] | None = None) -> Measure:
    """`command` run `repeat` times, stopping early after a failure or a slow run."""
    result = Measure(command)
    for _ in range(repeat):
        run = run_child(command, timeout, env)
        result.runs.append(run)
        if run.code != 0 or run.seconds > SLOW_SECONDS:
            break
    return result


def measure_paired(command: list[str], repeat: int, timeout: float,
                   env: dict[str, str] | None = None) -> tuple[Measure, Measure]:
    """`command` and the bare start (BASELINE), run in turn `repeat` times each, stopping
    early after a failure or a slow run. Out: (command's runs, the bare start's runs)."""
    result, baseline = Measure(command), Measure(BASELINE)
    for _ in range(repeat):
        baseline.runs.append(run_child(BASELINE, 60, env))
        run = run_child(command, timeout, env)
        result.runs.append(run)
        if run.code != 0 or run.seconds > SLOW_SECONDS:
            break
    return result, baseline


def folder_mb(folder: Path) -> float:
    """Total size of the files under `folder`, in MB."""
    return round(sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
                 / 2**20, 1)


@dataclass
class Targets:
    """What the queries ask about: the most connected method (and the next), the first
    proposed method, the first paper to propose one, and the last paper."""

    method: str
    first_proposed: str
    first_proposer: str
    last_paper: str


def corpus_targets(corpus: Path) -> tuple[str, str, str]:
    """(first proposed method, title of its paper, title of the last paper) of a corpus."""
    first = last = None
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if first is None and proposed_name(record):
                first = record
            last = record
    return proposed_name(first), first["title"], last["title"]


def top_method(kg: list[str], store: Path, env: dict[str, str]) -> str:
    """The most connected method, by `kg top --type Method --json`."""
    done = subprocess.run([*kg, "top", "--type", "Method", "--limit", "1", "--json",
                           "--store", str(store)], capture_output=True, text=True, env=env,
                          check=True)
    return json.loads(done.stdout)["top"][0]["name"]


def query_commands(targets: Targets) -> dict[str, list[str]]:
    """Query name -> its kg arguments (without --store)."""
    return {
        "neighbors": ["neighbors", targets.method],
        "show": ["show", targets.method],
        "stats": ["stats"],
        "cites": ["cites", targets.last_paper],
        "cited-by": ["cited-by", targets.first_proposer],
        "path": ["path", targets.method, targets.first_proposed],
        "top-pagerank": ["top", "--by", "pagerank"],
        "search": ["search", SEARCH_TEXT],
    }


def child_env() -> dict[str, str]:
    """This environment without a store or Neo4j server of the user's."""
    return {key: value for key, value in os.environ.items()
            if not key.startswith(("NEO4J_", "KG_STORE"))}


def bench_size(size: int, kg: list[str], workdir: Path, repeat: int, timeout: float,
               build_timeout: float, baseline: Measure,
               report: Callable[[dict], None], build: bool = True) -> dict:
    """Build a synthetic corpus of `size` papers and measure its queries; out: the results.

    `report` is handed the results so far after each step (so a long run can be watched
    and a killed one keeps what it measured). With build=False the store already in
    `workdir` is queried (StoreError if there is none).
    """
    env = child_env()
    corpus, store = workdir / f"corpus-{size}.jsonl", workdir / f"store-{size}"
    if not corpus.exists():
        write_corpus(size, corpus)
    result: dict = {"papers": size, "corpus_mb": round(corpus.stat().st_size / 2**20, 1)}
    if build:
        built = measure([*kg, "build", str(corpus), "--store", str(store)], 1, build_timeout,
                        env)
        result["build"] = built.summary(baseline)
    elif not (store / "CURRENT").is_file():
        raise StoreError(f"no store in {store}/ to query: build it first (without --no-build)")
    result["store_mb"] = folder_mb(store) if store.exists() else None
    report(result)
    if build and not built.ok:
        return result
    first_proposed, first_proposer, last_paper = corpus_targets(corpus)
    targets = Targets(top_method(kg, store, env), first_proposed, first_proposer, last_paper)
    result["targets"] = asdict(targets)
    result["queries"] = {}
    for name, arguments in query_commands(targets).items():
        query, start = measure_paired([*kg, *arguments, "--store", str(store)], repeat,
                                      timeout, env)
        result["queries"][name] = query.summary(start)
        report(result)
    return result


def bench_scale(sizes: list[int], workdir: Path, kg: list[str] | None = None, repeat: int = 3,
                timeout: float = 600, build_timeout: float = 4 * 3600,
                on_result: Callable[[dict], None] | None = None, build: bool = True) -> dict:
    """The scale benchmark: per size, build and query figures, with the bare start.

    In: corpus sizes, a working folder (corpora and stores are kept there), the kg
    command to measure (default: the one beside this Python); build=False queries the
    stores already there. Out: {"baseline": {seconds, peak_mb}, "sizes": [per-size
    results]}; `on_result` hears it after each step.
    """
    kg = kg or [str(Path(sys.executable).with_name("kg"))]
    workdir.mkdir(parents=True, exist_ok=True)
    baseline = measure(BASELINE, 5, 60)
    results: dict = {"kg": kg, "baseline": baseline.summary(), "sizes": []}

    for size in sizes:
        results["sizes"].append({"papers": size})

        def report(partial: dict) -> None:
            results["sizes"][-1] = partial
            if on_result:
                on_result(results)

        report(bench_size(size, kg, workdir, repeat, timeout, build_timeout, baseline, report,
                          build))
    return results


def table(results: dict) -> list[str]:
    """The results as lines of text: one row per size and command."""
    base = results["baseline"]
    lines = [f"bare start: {base['seconds']} s, {base['peak_mb']} MB",
             f"{'papers':>7}  {'command':<13}{'seconds':>9}{'x start':>9}{'MB':>8}{'x mem':>7}"]
    for size in results["sizes"]:
        rows = [("build", size.get("build")), *size.get("queries", {}).items()]
        for name, row in rows:
            if not row:
                continue
            note = "" if row["ok"] else f"  FAILED: {row.get('error', '')[:60]}"
            lines.append(f"{size['papers']:>7}  {name:<13}{row['seconds']:>9}"
                         f"{row.get('x_start', ''):>9}{row['peak_mb']:>8}"
                         f"{row.get('x_memory', ''):>7}{note}")
        if size.get("store_mb") is not None:
            lines.append(f"{size['papers']:>7}  store: {size['store_mb']} MB "
                         f"(corpus {size['corpus_mb']} MB)")
    return lines
