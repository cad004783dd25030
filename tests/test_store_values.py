"""Strings reach the store and Neo4j exactly as kg derived them: quotes at either end or
in the middle, backslashes, commas, line breaks, tabs, Unicode, and the characters the
embedded store's writer joins and escapes list items with (kg.graphdb.schema SEP, ESC).
Each goes through kg build -> kg.open(store) and through kg load into the tests' Neo4j."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.graphdb.schema import ESC, SEP
from kg.neo4j.connect import connected
from kg.neo4j.cypher import fill
from kg.neo4j.load import node_properties
from kg.store import save_graph
from tests.conftest import derived_graph

HOSTILE = [
    'stacked tensorial neural network"', '"quoted at the start', 'a " in the middle', '""',
    '"', "it's", 'back\\slash', 'ends with a backslash\\', '\\"', 'comma, separated',
    'new\nline', 'carriage\r\nreturn', 'tab\tseparated', 'ünïcödé 漢字 🙂',
    f"unit{SEP}separator", f"record{ESC}separator", f"{ESC}1", f"{ESC}0{SEP}", SEP,
    '{"json": [1, "x"]}', "' OR 1=1 --", "\\N", "NULL", " padded ", '"a","b"',
]

PLAIN_ROWS = 400  # LadybugDB guessed the dialect from the first ~256 rows


def papers() -> list[dict]:
    """One paper per hostile string: in its title, an author's name and its abstract."""
    return [{"id": f"hostile:{number}", "title": f"FooNet {number} {text}",
             "authors": [f"Ann {text}", "Bob Smith"], "year": 2024,
             "abstract": f"We propose FooNet-{number} and train it with Adam. {text}"}
            for number, text in enumerate(HOSTILE)]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A store built by `kg build` from the hostile papers, and the graph build derived."""
    folder = tmp_path_factory.mktemp("values")
    source = folder / "papers.jsonl"
    source.write_text("".join(json.dumps(paper) + "\n" for paper in papers()))
    result = CliRunner().invoke(main, ["build", str(source), "--store", str(folder / "store")])
    assert result.exit_code == 0, result.output
    return folder / "store", derived_graph(folder / "store")


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def test_the_derived_graph_carries_every_hostile_string_inputs_keep(built):
    """kg.inputs makes controls and runs of white space one space (so line breaks, tabs,
    SEP, ESC and padding reach the writer only directly: direct_store)."""
    _, graph = built
    held = {text for _, data in graph.nodes(data=True) for value in data.values()
            for text in strings(value)}
    held |= {text for _, _, data in graph.edges(data=True) for value in data.values()
             for text in strings(value)}
    for text in HOSTILE:
        if text == " ".join(text.split()) and text.isprintable():
            assert any(text in value for value in held), repr(text)


def test_kg_build_keeps_every_string_as_derived(built):
    store, graph = built
    with kg.open(store) as opened:
        for label in {data["label"] for _, data in graph.nodes(data=True)}:
            for node in opened.nodes(label):
                expected = graph.nodes[node["id"]]
                for key, value in expected.items():
                    if value not in (None, [], ""):
                        assert node[key] == value, (key, node[key], value)
        for node, data in graph.nodes(data=True):
            if data["label"] == "Paper":
                shown = opened.show(node).to_dict()
                assert shown["name"] == data["name"] and shown["abstract"] == data["abstract"]
                assert shown["authors"] == data["authors"]
                evidence = {(edge["id"], edge["relation"]): edge["evidence"]
                            for edge in shown["edges"]}
                for _, other, relation, edge in graph.out_edges(node, keys=True, data=True):
                    assert evidence[other, relation] == edge["evidence"]


def direct_graph() -> nx.MultiDiGraph:
    """Each hostile string as a name, among aliases, and as an evidence sentence, after
    plain rows enough to fill the sample a CSV reader would guess the dialect from."""
    graph = nx.MultiDiGraph()
    graph.add_node("paper:p", label="Paper", name="P", title="P", abstract=HOSTILE[0])
    for number in range(PLAIN_ROWS):
        graph.add_node(f"method:plain{number}", label="Method", name=f"Plain {number}",
                       aliases=[f"P{number}"])
        graph.add_edge("paper:p", f"method:plain{number}", key="USES", type="USES", count=1,
                       evidence=[f"We use Plain {number}."], inferred=False)
    for number, text in enumerate(HOSTILE):
        graph.add_node(f"method:{number}", label="Method", name=text,
                       aliases=[text, f"x{text}", f"{text}y", SEP + text])
        graph.add_edge("paper:p", f"method:{number}", key="USES", type="USES", count=1,
                       evidence=[text, text + text], inferred=False)
    return graph


@pytest.fixture(scope="module")
def direct_store(tmp_path_factory):
    """A store whose generation was written from direct_graph (the writer's own escapes,
    straight), and that graph."""
    store = tmp_path_factory.mktemp("direct") / "store"
    graph = direct_graph()
    save_graph(graph, store)
    return store, graph


def test_every_string_survives_as_a_list_item_and_a_property(direct_store):
    store, graph = direct_store
    with kg.open(store) as opened:
        nodes = {node["id"]: node for node in opened.nodes("Method")}
        edges = {edge["end"]: edge for edge in opened.edges("USES")}
        for node, data in graph.nodes(data=True):
            if data["label"] == "Method":
                assert nodes[node]["name"] == data["name"]
                assert nodes[node]["aliases"] == data["aliases"]
                assert edges[node]["evidence"] == graph.edges["paper:p", node, "USES"]["evidence"]
                assert opened.show(node).to_dict()["aliases"] == data["aliases"]


@pytest.mark.parametrize("which", ["built", "direct_store"])
def test_kg_load_writes_every_string_into_neo4j_as_derived(which, request, server):
    store, graph = request.getfixturevalue(which)
    result = CliRunner().invoke(main, ["load", "--store", str(store), "--wipe", "--json"],
                                env=server)
    assert result.exit_code == 0, result.output
    with connected(server["NEO4J_URI"], server["NEO4J_USER"], server["NEO4J_PASSWORD"]) as driver, \
            kg.open(store) as opened:
        for label in {data["label"] for _, data in graph.nodes(data=True)}:
            found = {record["n"]["id"]: dict(record["n"]) for record in driver.execute_query(
                fill("MATCH (n:_Label_) RETURN n", Label=label)).records}
            for node in opened.nodes(label):
                assert found[node["id"]] == {"id": node["id"], **node_properties(node)}
                for key in ("name", "aliases", "title", "abstract", "authors"):
                    if graph.nodes[node["id"]].get(key):
                        assert found[node["id"]][key] == graph.nodes[node["id"]][key]
        evidence = {(record["a"], record["b"]): record["evidence"]
                    for record in driver.execute_query(
                        "MATCH (a:Paper)-[r:USES]->(b) RETURN a.id AS a, b.id AS b, "
                        "r.evidence AS evidence").records}
        for start, end, relation, data in graph.edges(keys=True, data=True):
            if relation == "USES":
                assert evidence[start, end] == data["evidence"]
