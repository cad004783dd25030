"""`kg cypher` on the embedded store of the bundled corpus: a relationship keeps its
direction (its `start` and `end` as kg ids, whether or not the query returned its
nodes), cells print values, never Python reprs. (The same query printing the same on
Neo4j is in tests/test_neo4j.py.)"""

from __future__ import annotations

import csv
import io
import json
import re
from itertools import pairwise

import pytest
from click.testing import CliRunner

import kg
import kg.graphdb.embedded
from kg.cli import main
from kg.model import EDGE_TYPES

ARROW = re.compile(r"^\(([^()]+)\)-\[(\w+)\]->\(([^()]+)\)(?:  |$)")


def run(store, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return result.output


def stored_edges(store, types=EDGE_TYPES) -> list[tuple[str, str, str]]:
    """(start, type, end) of every edge of `types`, as the library lists them."""
    with kg.open(store) as graph:
        return sorted((edge["start"], edge["type"], edge["end"])
                      for type_ in types for edge in graph.edges(type_))


def arrows(output: str) -> list[tuple[str, str, str]]:
    """The (start, type, end) of each `(start)-[TYPE]->(end)` cell in a table's first column."""
    found = [ARROW.match(line) for line in output.splitlines()[2:-1]]
    assert all(found), output
    return sorted(match.groups() for match in found)


@pytest.mark.parametrize("query", [
    "MATCH (p)-[r:USES]->(m:Method {name: 'Muon'}) RETURN r",
    "MATCH (m:Method {name: 'Muon'})<-[r:USES]-(p) RETURN r",  # written the other way
    "MATCH (p)-[r:USES]-(m:Method {name: 'Muon'}) RETURN r",   # no direction asked
    "MATCH (p)-[r:USES]->(m:Method {name: 'Muon'}) RETURN r, p, m",  # ends in the row
])
def test_a_relationship_prints_with_its_direction(store, query):
    muon = [edge for edge in stored_edges(store, ["USES"]) if edge[2] == "method:muon"]
    assert len(muon) >= 5
    assert arrows(run(store, "cypher", query)) == muon
    rows = json.loads(run(store, "cypher", query, "--json"))
    assert sorted((row["r"]["start"], row["r"]["type"], row["r"]["end"])
                  for row in rows) == muon


@pytest.mark.parametrize("few", [kg.graphdb.embedded.FEW_ENDS, 0])
def test_every_relationship_of_the_store_keeps_its_ends(store, monkeypatch, few):
    """All 2,700 relationships without their nodes: their ends read from each node
    table by the offsets asked for, or (more than FEW_ENDS of a label) by one pass."""
    monkeypatch.setattr(kg.graphdb.embedded, "FEW_ENDS", few)
    rows = json.loads(run(store, "cypher", "MATCH ()-[r]->() RETURN r", "--format", "json"))
    assert sorted((row["r"]["start"], row["r"]["type"], row["r"]["end"])
                  for row in rows) == stored_edges(store)


def muon_to_adamw(store, match: str, value: str) -> tuple[list[dict], set]:
    """The rows (at least one) of `kg cypher --json` for MATCH `match` (a pattern from
    Muon as a, 1 to 2 hops, to AdamW as b) RETURN `value`, and the store's edges."""
    query = "MATCH " + match.format(a="(a:Method {name: 'Muon'})",
                                    b="(b:Method {name: 'AdamW'})")
    rows = json.loads(run(store, "cypher", f"{query} RETURN {value}", "--json"))
    assert rows
    return rows, set(stored_edges(store))


def test_a_path_keeps_the_direction_of_each_relationship(store):
    rows, edges = muon_to_adamw(store, "p = {a}-[*1..2]-{b}", "p")
    for row in rows:
        ids = [node["id"] for node in row["p"]["nodes"]]
        for (a, b), rel in zip(pairwise(ids), row["p"]["relationships"], strict=True):
            assert {rel["start"], rel["end"]} == {a, b}
            assert (rel["start"], rel["type"], rel["end"]) in edges
    for query, line in [
            ("MATCH p = (a:Method {name: 'Muon'})-[:VARIANT_OF]-(b:Method {name: 'NorMuon'})",
             "(Method Muon)<-[VARIANT_OF]-(Method NorMuon)"),
            ("MATCH p = (b:Method {name: 'NorMuon'})-[:VARIANT_OF]-(a:Method {name: 'Muon'})",
             "(Method NorMuon)-[VARIANT_OF]->(Method Muon)")]:
        assert run(store, "cypher", f"{query} RETURN p").splitlines()[2] == line


def test_a_variable_length_relationship_is_its_list_of_relationships(store):
    """As Neo4j gives it: r of (a)-[r*1..2]-(b) is a list, each with its ends."""
    rows, edges = muon_to_adamw(store, "{a}-[r*1..2]-{b}", "r")
    for row in rows:
        assert isinstance(row["r"], list)
        assert all((rel["start"], rel["type"], rel["end"]) in edges for rel in row["r"])
        ends = [{rel["start"], rel["end"]} for rel in row["r"]]
        assert "method:muon" in ends[0] and "method:adamw" in ends[-1]
        assert all(a & b for a, b in pairwise(ends)), "each one starts where the last ended"


def test_cells_print_values_not_python_reprs(store):
    query = ("RETURN true AS yes, false AS no, null AS nothing, [true, false] AS flags, "
             "{a: 1, b: 'x'} AS map, 1.5 AS x, 'Muon' AS name")
    tab = csv.reader(io.StringIO(run(store, "cypher", query, "--format", "tsv")),
                     delimiter="\t")
    assert list(tab) == [
        ["yes", "no", "nothing", "flags", "map", "x", "name"],
        ["true", "false", "", "true; false", '{"a": 1, "b": "x"}', "1.5", "Muon"]]
    table = run(store, "cypher", query)
    assert re.search(r"^true +false +true, false +\{\"a\": 1, \"b\": \"x\"\} +1\.5 +Muon$",
                     table, re.MULTILINE), table
    assert not re.search(r"\b(True|False|None)\b|\{'", table)
