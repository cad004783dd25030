"""Neo4j servers for the tests, never a user's: one started here with
scripts/neo4j-local on free ports with its own data folder, or the one KG_TEST_NEO4J_URI
names (KG_TEST_NEO4J_USER, KG_TEST_NEO4J_PASSWORD, KG_TEST_NEO4J_HTTP_PORT for Neo4j
Browser) — the tests empty that database, so name only a throwaway one.

The user's NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD are removed from the test process's
environment (conftest's pytest_configure), so neither kg in-process nor a kg subprocess
can reach the user's server by default.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "neo4j-local"
ENV_NAMES = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD")
TEST_PASSWORD = "kg-test-password"


def forget_user_server() -> None:
    """Drop the user's NEO4J_* (and KG_NEO4J_* server settings) from this process's environment."""
    for name in (*ENV_NAMES, "KG_NEO4J_DATA", "KG_NEO4J_BOLT_PORT", "KG_NEO4J_HTTP_PORT"):
        os.environ.pop(name, None)


def unavailable(reason: str):
    """Skip outside CI; under CI a missing server is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"Neo4j tests cannot run under CI: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    """A local port nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def neo4j_local(command: str, env: dict) -> subprocess.CompletedProcess:
    """Run `scripts/neo4j-local COMMAND` with `env` (KG_NEO4J_* say which server)."""
    return subprocess.run([str(SCRIPT), command], capture_output=True, text=True, timeout=600,
                          env=env, check=False)


def own_server_env(data: Path) -> dict:
    """The environment for scripts/neo4j-local to run a server of the tests' own: data in
    `data`, Bolt and HTTP on free ports, a test password, and time to start on a busy
    machine (KG_NEO4J_START_TIMEOUT, default here 600 s)."""
    return {**os.environ, "KG_NEO4J_DATA": str(data), "KG_NEO4J_BOLT_PORT": str(free_port()),
            "KG_NEO4J_HTTP_PORT": str(free_port()), "KG_NEO4J_HEAP": "512m",
            "KG_NEO4J_START_TIMEOUT": os.environ.get("KG_NEO4J_START_TIMEOUT", "600"),
            "NEO4J_PASSWORD": TEST_PASSWORD}


@contextmanager
def data_folder() -> Iterator[Path]:
    """A fresh folder for a server's data, removed afterwards. Not under pytest's
    tmp_path: pytest may prune old tmp folders while the server still runs."""
    folder = Path(tempfile.mkdtemp(prefix="kg-test-neo4j-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def start_local(env: dict) -> dict:
    """Start a server with scripts/neo4j-local and `env`; its NEO4J_* lines as a dict."""
    if not shutil.which("java"):
        unavailable("no java to run scripts/neo4j-local")
    run = neo4j_local("start", env)
    if run.returncode != 0:
        neo4j_local("stop", env)  # a server that did not come up in time still runs
        unavailable(f"scripts/neo4j-local start failed: {run.stderr.strip().splitlines()[-1:]}")
    return dict(line.split("=", 1) for line in shlex.split(run.stdout) if "=" in line)


def stop_local(env: dict) -> None:
    stop = neo4j_local("stop", env)
    assert stop.returncode == 0, f"scripts/neo4j-local stop: {stop.stderr}"


def named_test_server() -> dict | None:
    """The server KG_TEST_NEO4J_URI names, as NEO4J_* (and KG_NEO4J_HTTP_PORT), or None."""
    uri = os.environ.get("KG_TEST_NEO4J_URI")
    if not uri:
        return None
    env = {"NEO4J_URI": uri, "NEO4J_USER": os.environ.get("KG_TEST_NEO4J_USER", "neo4j"),
           "NEO4J_PASSWORD": os.environ.get("KG_TEST_NEO4J_PASSWORD", "")}
    if os.environ.get("KG_TEST_NEO4J_HTTP_PORT"):
        env["KG_NEO4J_HTTP_PORT"] = os.environ["KG_TEST_NEO4J_HTTP_PORT"]
    return env


def database_rows(driver) -> tuple[list[str], list[str]]:
    """Every node (labels, properties) and relationship (type, ends, properties) of the
    database the driver reaches, each as sorted JSON: two databases compare as equal lists."""
    nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    edges = driver.execute_query("MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, "
                                 "b.id AS b, properties(r) AS p")
    return (sorted(json.dumps([row["l"], row["p"]], sort_keys=True) for row in nodes.records),
            sorted(json.dumps([row["t"], row["a"], row["b"], row["p"]], sort_keys=True)
                   for row in edges.records))
