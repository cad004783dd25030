"""`kg bench scale-out`: per corpus size, in one run, the figures of docs/scale.md's
side-by-side table — a plain build, builds extracting on `local:1` and `local:2` Dask
clusters, the store's size, and loading Neo4j with `kg load --wipe` and with
`kg export neo4j-admin` + `scripts/neo4j-local import`.

Every step is the real command run as a child process (kg.bench.scale.run_child: wall
time, and peak RSS of the largest process through GNU time). Each build goes into a
fresh store, so each extracts every paper (no cache shared between them). The Dask
builds' `kg stats --json` must equal the plain build's, and the server's counts after
each load must equal the store's (`kg stats --backend neo4j --json`); a mismatch is
reported in the results, not raised. The Neo4j steps run on a server of the
benchmark's own (scripts/neo4j-local, data in WORKDIR/neo4j, the given ports), started
once and stopped at the end; its database is replaced at every step.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.bench.corpus import write_corpus
from kg.bench.scale import child_env, folder_mb, run_child
from kg.neo4j import Neo4jProblem

NEO4J_LOCAL = Path(__file__).resolve().parents[2] / "scripts" / "neo4j-local"
SERVER_PASSWORD = "kg-bench-password"
IMPORT_DONE = re.compile(r"^IMPORT DONE in (.+?)\.?$", re.MULTILINE)


@dataclass
class Server:
    """A Neo4j server run by scripts/neo4j-local: `script`, its data folder and ports."""

    script: Path
    data: Path
    bolt_port: int
    http_port: int

    def env(self) -> dict[str, str]:
        """The environment that names this server to scripts/neo4j-local and to kg."""
        return {**child_env(), "KG_NEO4J_DATA": str(self.data),
                "KG_NEO4J_BOLT_PORT": str(self.bolt_port),
                "KG_NEO4J_HTTP_PORT": str(self.http_port),
                "KG_NEO4J_START_TIMEOUT": os.environ.get("KG_NEO4J_START_TIMEOUT", "600"),
                "NEO4J_URI": f"bolt://127.0.0.1:{self.bolt_port}", "NEO4J_USER": "neo4j",
                "NEO4J_PASSWORD": SERVER_PASSWORD}

    def run(self, *arguments: str, timeout: float = 3600) -> dict:
        """`scripts/neo4j-local ARGUMENTS`: {seconds, ok[, error]}."""
        run = run_child([str(self.script), *arguments], timeout, self.env())
        return {"seconds": run.seconds, "ok": run.code == 0,
                **({"error": run.error or "timeout"} if run.code != 0 else {})}

    def import_seconds(self) -> float | None:
        """neo4j-admin's own time of the last import ("IMPORT DONE in 1m 2s 97ms.")."""
        log = self.data / "logs" / "import.log"
        found = IMPORT_DONE.search(log.read_text(errors="replace")) if log.exists() else None
        if not found:
            return None
        units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
        return round(sum(float(number) * units[unit] for number, unit
                         in re.findall(r"(\d+)(ms|h|m|s)\b", found.group(1))), 3)


@contextmanager
def started(server: Server | None) -> Iterator[Server | None]:
    """`server` started (and stopped afterwards); None passes through."""
    if server is None:
        yield None
        return
    for port in (server.bolt_port, server.http_port):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                raise Neo4jProblem(f"port {port} is in use: the benchmark starts a Neo4j "
                                   "server of its own (its database is emptied), give free ports")
    start = server.run("start", timeout=900)
    if not start["ok"]:
        server.run("stop")
        raise Neo4jProblem(f"scripts/neo4j-local start failed: {start.get('error')}")
    try:
        yield server
    finally:
        server.run("stop")


def kg_json(kg: list[str], arguments: list[str], env: dict[str, str],
            timeout: float) -> tuple[dict, dict | None]:
    """Run `kg ARGUMENTS` (which prints JSON) as a measured child: ({seconds, peak_mb, ok[,
    error]}, its JSON or None when it failed)."""
    run = run_child([*kg, *arguments], timeout, env, keep_output=True)
    figures = {"seconds": run.seconds, "peak_mb": run.peak_mb, "ok": run.code == 0}
    if run.code != 0:
        figures["error"] = run.error or "timeout"
        return figures, None
    return figures, json.loads(run.output)


def fresh(folder: Path) -> Path:
    """`folder`, removed first if it exists (the benchmark's own stores and exports)."""
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def bench_build(size: int, corpus: Path, kg: list[str], workdir: Path, timeout: float,
                result: dict) -> Path | None:
    """The plain build into a fresh store: fills `result` (build, store_mb, stats); out:
    the store, or None when its build failed."""
    env = child_env()
    store = fresh(workdir / f"store-{size}")
    result["build"], _ = kg_json(kg, ["build", str(corpus), "--store", str(store), "--json"],
                                 env, timeout)
    if not result["build"]["ok"]:
        return None
    result["store_mb"] = folder_mb(store)
    result["stats"] = kg_json(kg, ["stats", "--json", "--store", str(store)], env, 600)[1]
    return store


def bench_dask(size: int, corpus: Path, kg: list[str], workdir: Path, dask: list[int],
               stats: dict | None, timeout: float, result: dict,
               report: Callable[[], None]) -> None:
    """One `kg build --dask local:N` per N into a fresh store (removed afterwards), its
    `kg stats --json` compared with the plain build's `stats`: fills `result["dask"]`."""
    env = child_env()
    result["dask"] = {}
    for workers in dask:
        store = fresh(workdir / f"store-{size}-local{workers}")
        figures, _ = kg_json(kg, ["build", str(corpus), "--store", str(store), "--json",
                                  "--dask", f"local:{workers}"], env, timeout)
        if figures["ok"]:
            figures["same_stats"] = kg_json(kg, ["stats", "--json", "--store", str(store)],
                                            env, 600)[1] == stats
        shutil.rmtree(store, ignore_errors=True)  # the plain store is kept
        result["dask"][f"local:{workers}"] = figures
        report()


def bench_neo4j(size: int, store: Path, kg: list[str], workdir: Path, server: Server,
                stats: dict, timeout: float, result: dict, report: Callable[[], None]) -> None:
    """`kg load --wipe` of `store` into `server`, then `kg export neo4j-admin` and
    `scripts/neo4j-local import` of it; after each, the server's `kg stats` compared with
    the store's `stats`. Fills `result["load"]` and `result["import"]`."""
    env = server.env()
    counted = ["stats", "--backend", "neo4j", "--json"]
    figures, loaded = kg_json(kg, ["load", "--wipe", "--no-progress", "--json", "--store",
                                   str(store)], env, timeout)
    if loaded:
        figures["relationships"] = loaded["relationships"]
        figures["relationship_seconds"] = round(loaded["relationship_seconds"], 3)
        figures["relationships_per_second"] = round(
            loaded["relationships"] / loaded["relationship_seconds"])
        figures["same_counts"] = kg_json(kg, counted, env, 600)[1] == stats
    result["load"] = figures
    report()

    folder = fresh(workdir / f"export-{size}")
    exported_figures, exported = kg_json(kg, ["export", "neo4j-admin", str(folder), "--json",
                                              "--store", str(store)], env, timeout)
    result["import"] = {"export": exported_figures}
    if exported:
        imported = server.run("import", str(folder), timeout=timeout)
        relationships = sum(exported["relationships"].values())
        seconds = server.import_seconds() if imported["ok"] else None
        result["import"].update(
            {"import": imported, "relationships": relationships, "import_seconds": seconds,
             "relationships_per_second": round(relationships / seconds) if seconds else None,
             "same_counts": imported["ok"] and kg_json(kg, counted, env, 600)[1] == stats})
    shutil.rmtree(folder, ignore_errors=True)
    report()


def bench_scale_out(sizes: list[int], workdir: Path, kg: list[str], dask: list[int] = (1, 2),
                    server: Server | None = None, timeout: float = 6 * 3600,
                    on_result: Callable[[dict], None] | None = None,
                    dask_sizes: list[int] | None = None) -> dict:
    """The side-by-side benchmark: per size, the plain build and store size, with a
    `server` the two ways of loading Neo4j, then the builds on each `local:N` (last, as
    the slowest: a run cut short keeps the rest).

    In: corpus sizes (corpora `WORKDIR/corpus-N.jsonl` are written once and kept), the kg
    command, the Dask cluster sizes, the server (None: no Neo4j steps), a timeout per
    command, the corpus sizes that get the Dask builds (None: all). Out: {"kg", "dask",
    "sizes": [{"papers", "corpus_mb", "build", "store_mb", "stats", "dask": {"local:N":
    {..., "same_stats"}}, "load": {..., "relationships_per_second", "same_counts"},
    "import": {...}}]}; `on_result` hears it after every step (so a killed run keeps what
    it measured).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict = {"kg": kg, "dask": list(dask), "sizes": []}

    def report() -> None:
        if on_result:
            on_result(results)

    with started(server):
        for size in sizes:
            corpus = workdir / f"corpus-{size}.jsonl"
            if not corpus.exists():
                write_corpus(size, corpus)
            result = {"papers": size, "corpus_mb": round(corpus.stat().st_size / 2**20, 1)}
            results["sizes"].append(result)
            store = bench_build(size, corpus, kg, workdir, timeout, result)
            report()
            if store is not None and server is not None:
                bench_neo4j(size, store, kg, workdir, server, result["stats"], timeout, result,
                            report)
            if dask_sizes is None or size in dask_sizes:
                bench_dask(size, corpus, kg, workdir, list(dask), result.get("stats"), timeout,
                           result, report)
    return results


def figure(value: float | None) -> str:
    """A table cell: thousands separated, "–" for a figure not measured."""
    return "–" if value is None else f"{value:,}"


def same(flags: list[bool | None]) -> str:
    """A table cell for checks (None: not made): "yes" when all made passed, "NO" when one
    did not, "–" if none was made."""
    made = [flag for flag in flags if flag is not None]
    return "–" if not made else "yes" if all(made) else "NO"


def markdown(results: dict) -> list[str]:
    """The results as a markdown table, one row per size; a failed step shows FAILED."""
    dask = [f"local:{workers}" for workers in results["dask"]]
    head = ["papers", "build s", "build peak MB", *(f"{name} s" for name in dask),
            "same stats", "store MB", "kg load rel/s", "import rel/s", "import/load",
            "same counts"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for size in results["sizes"]:
        build = size.get("build", {})
        runs = [size.get("dask", {}).get(name, {}) for name in dask]
        load, imported = size.get("load", {}), size.get("import", {})
        load_rate, import_rate = (load.get("relationships_per_second"),
                                  imported.get("relationships_per_second"))
        checks = [run.get("same_stats") for run in runs]
        counts = [part.get("same_counts") for part in (load, imported) if part]
        cells = [f"{size['papers']:,}",
                 figure(build.get("seconds")) if build.get("ok", True) else "FAILED",
                 figure(build.get("peak_mb")),
                 *(figure(run.get("seconds")) if run.get("ok", True) else "FAILED"
                   for run in runs),
                 same(checks), figure(size.get("store_mb")),
                 figure(load_rate), figure(import_rate),
                 f"{import_rate / load_rate:.1f}×" if load_rate and import_rate else "–",
                 same(counts)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines
