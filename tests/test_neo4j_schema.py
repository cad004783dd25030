"""`kg load` brings a database's schema to cypher/schema.cypher: an index or constraint of
the same name defined otherwise (by an older kg) is replaced, on the tests' own server."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.neo4j.connect import connected
from kg.neo4j.cypher import read, statements
from kg.neo4j.load import existing, wanted
from kg.store import save_graph

OLDER = [  # as an older kg (or a hand) left them
    "CREATE FULLTEXT INDEX kg_names FOR (n:Paper|Method) ON EACH [n.name, n.aliases, n.title]",
    "CREATE FULLTEXT INDEX kg_keys FOR (n:Paper|Method|Dataset|Task|Metric|Concept|Author|"
    "Reference) ON EACH [n.id, n.keys]",  # the standard analyzer, not the keyword one
    "CREATE INDEX method_name FOR (n:Method) ON (n.title)",
    "CREATE CONSTRAINT author_id FOR (n:Author) REQUIRE (n.id, n.name) IS UNIQUE",
]


@pytest.fixture
def small_store(tmp_path):
    """A store of one paper whose abstract alone holds the word 'zanzibarization'."""
    graph = nx.MultiDiGraph()
    graph.add_node("paper:z", label="Paper", name="Orthogonal Updates",
                   title="Orthogonal Updates", abstract="We study zanzibarization of optimizers.")
    graph.add_node("method:muon", label="Method", name="Muon", aliases=["MuonOpt"])
    graph.add_node("author:ann", label="Author", name="Ann Lee")
    graph.add_edge("paper:z", "method:muon", key="USES", type="USES", count=1,
                   evidence=["We study zanzibarization of optimizers."], inferred=False)
    graph.add_edge("author:ann", "paper:z", key="AUTHORED", type="AUTHORED", count=1)
    save_graph(graph, tmp_path / "store")
    return tmp_path / "store"


def schema_definitions() -> dict[tuple[str, str], dict]:
    return {(what, name): definition for what, name, definition in
            filter(None, map(wanted, statements(read("schema"))))}


def test_kg_load_replaces_indexes_and_constraints_defined_otherwise(server, small_store):
    expected = schema_definitions()
    creates = [s for s in statements(read("schema")) if s.startswith("CREATE")]
    assert len(expected) == len(creates)  # every index and constraint is understood
    assert {("INDEX", "kg_names"), ("INDEX", "kg_keys"), ("CONSTRAINT", "author_id")} <= \
        set(expected)
    assert expected["INDEX", "kg_keys"]["analyzer"] == "keyword"
    first = CliRunner().invoke(main, ["load", "--store", str(small_store), "--wipe"], env=server)
    assert first.exit_code == 0, first.output  # today's schema, as other tests leave it
    with connected(server["NEO4J_URI"], server["NEO4J_USER"], server["NEO4J_PASSWORD"]) as driver:
        for name in ("kg_names", "kg_keys", "method_name"):
            driver.execute_query(f"DROP INDEX {name} IF EXISTS")
        driver.execute_query("DROP CONSTRAINT author_id IF EXISTS")
        for statement in OLDER:
            driver.execute_query(statement)
        before = existing(driver)
        for key in (("INDEX", "kg_names"), ("INDEX", "kg_keys"), ("INDEX", "method_name")):
            assert before[key] != expected[key]
        assert before["CONSTRAINT", "author_id"] != expected["CONSTRAINT", "author_id"]
        result = CliRunner().invoke(main, ["load", "--store", str(small_store), "--json"],
                                    env=server)
        assert result.exit_code == 0, result.output
        after = existing(driver)
        assert {key: after.get(key) for key in expected} == expected
        ids = {row["name"]: row["id"] for row in driver.execute_query(
            "SHOW INDEXES YIELD name, id").records}
        again = CliRunner().invoke(main, ["load", "--store", str(small_store), "--json"],
                                   env=server)
        assert again.exit_code == 0, again.output
        assert {row["name"]: row["id"] for row in driver.execute_query(
            "SHOW INDEXES YIELD name, id").records} == ids, "a matching schema is kept"
    found = CliRunner().invoke(main, ["search", "zanzibarization", "--backend", "neo4j",
                                      "--json"], env=server)
    assert found.exit_code == 0, found.output
    assert [hit["id"] for hit in json.loads(found.output)["hits"]] == ["paper:z"]
