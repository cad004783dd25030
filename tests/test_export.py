"""`kg export neo4j-admin`: CSV files that neo4j-admin imports into exactly the
database `kg load` makes, checked by reading the files back and on a real server
(scripts/neo4j-local import, on free ports with a data folder of its own)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.graphdb import networkx_rows
from kg.neo4j.connect import connected
from kg.neo4j.export import ARRAY_DELIMITER, COMMAND_FILE, export_neo4j_admin
from kg.neo4j.load import edge_properties, load, node_properties
from tests.neo4j_server import database_rows

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "neo4j-local"
CASTS = {"string": str, "long": int, "double": float, "boolean": lambda text: text == "true"}


@pytest.fixture(scope="module")
def exported(graph, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    export_neo4j_admin(*networkx_rows(graph), folder)
    return folder


def read_back(path: Path, fixed: int) -> list[tuple[list[str], dict]]:
    """The rows of an exported file: (leading fields, properties typed by the header)."""
    with path.open(encoding="utf-8", newline="") as lines:
        rows = list(csv.reader(lines))
    header, out = rows[0], []
    for row in rows[1:]:
        properties = {}
        for column, text in zip(header[fixed:], row[fixed:], strict=True):
            if text == "":
                continue  # absent; csv reads a quoted "" the same (Neo4j does not)
            name, kind = column.split(":")
            cast = CASTS[kind.removesuffix("[]")]
            properties[name] = ([cast(item) for item in text.split(ARRAY_DELIMITER)]
                                if kind.endswith("[]") else cast(text))
        out.append((row[:fixed], properties))
    return out


def without_empty(properties: dict) -> dict:
    return {key: value for key, value in properties.items() if value != ""}


def test_files_hold_every_node_and_edge_with_the_properties_kg_load_writes(graph, exported):
    nodes = {leading[0]: (leading[1], properties)
             for path in exported.glob("nodes-*.csv") for leading, properties in read_back(path, 2)}
    assert nodes == {node["id"]: (node["label"], without_empty(node_properties(node)))
                     for node in networkx_rows(graph)[0]}
    edges = Counter((tuple(leading), json.dumps(properties, sort_keys=True))
                    for path in exported.glob("relationships-*.csv")
                    for leading, properties in read_back(path, 3))
    assert edges == Counter(((edge["start"], edge["end"], edge["type"]),
                             json.dumps(without_empty(edge_properties(edge)), sort_keys=True))
                            for edge in networkx_rows(graph)[1])


def test_the_command_names_every_file_and_the_options_the_files_need(exported):
    command = (exported / COMMAND_FILE).read_text().split()
    assert command[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    assert "--array-delimiter=U+001F" in command and "--multiline-fields=true" in command
    named = {option.split("=", 1)[1] for option in command
             if option.startswith(("--nodes=", "--relationships="))}
    assert named == {path.name for path in exported.glob("*.csv")}


def test_an_odd_label_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not a node label"):
        export_neo4j_admin([{"id": "x", "label": "Evil`) DETACH DELETE (n"}], [], tmp_path)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def imported(exported, tmp_path_factory):
    """A server of its own (free ports, fresh data folder) holding the import; its URI."""
    if not (shutil.which("java") and shutil.which("curl")):
        if os.environ.get("CI"):
            pytest.fail("the import test needs java and curl")
        pytest.skip("the import test needs java and curl")
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEO4J_")}
    bolt = free_port()
    env |= {"KG_NEO4J_DATA": str(tmp_path_factory.mktemp("neo4j")),
            "KG_NEO4J_BOLT_PORT": str(bolt), "KG_NEO4J_HTTP_PORT": str(free_port())}
    try:
        run = subprocess.run([SCRIPT, "import", exported], capture_output=True, text=True,
                             env=env, timeout=1800, check=False)
        assert run.returncode == 0, run.stderr[-2000:]
        yield f"bolt://127.0.0.1:{bolt}"
    finally:
        subprocess.run([SCRIPT, "stop"], capture_output=True, env=env, timeout=300, check=False)


def database(uri: str) -> tuple[list[str], list[str]]:
    """Every node and relationship of the server at uri (tests.neo4j_server.database_rows)."""
    with connected(uri, "neo4j", "kg-local-password") as driver:
        return database_rows(driver)


def test_the_imported_database_is_the_one_kg_load_makes(graph, imported):
    nodes, edges = database(imported)
    assert Counter(json.loads(row)[0][0] for row in nodes) == \
        Counter(label for _, label in graph.nodes(data="label"))
    assert Counter(json.loads(row)[0] for row in edges) == \
        Counter(relation for _, _, relation in graph.edges(keys=True))
    with connected(imported, "neo4j", "kg-local-password") as driver:
        indexes = {row["name"] for row in driver.execute_query("SHOW INDEXES YIELD name").records}
    assert {"kg_names", "method_id", "paper_name"} <= indexes  # the schema was applied
    # kg load through a routing URI, as against a cluster (a single server routes too)
    with connected(imported.replace("bolt://", "neo4j://"), "neo4j", "kg-local-password") as driver:
        load(*networkx_rows(graph), driver, wipe=True)
    assert database(imported) == (nodes, edges)


def test_kg_export_neo4j_admin_writes_the_files_and_prints_the_command(store, tmp_path):
    out = tmp_path / "bulk"
    result = CliRunner().invoke(main, ["export", "neo4j-admin", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "neo4j-admin database import full neo4j --overwrite-destination=true" in result.output
    assert (out / COMMAND_FILE).exists()
    header = (out / "nodes-Method.csv").read_text().splitlines()[0].split(",")
    assert {"pagerank:double", "degree:long", "keys:string[]"} <= set(header)  # as kg load
