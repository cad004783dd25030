"""The embedded graph database: a generation written from the corpus graph holds
exactly that graph, with degrees, PageRank, co-occurrence counts, lookup keys and a
full-text index."""

from __future__ import annotations

import re

import pytest

from kg.graph import count_by_label, count_by_type
from kg.graphdb import EmbeddedBackend, networkx_rows, write_graph
from kg.graphdb import index as graph_index
from kg.graphdb.embedded import EmbeddedProblem
from kg.model import CO_OCCURRING, ENTITY_LABELS, PAPER


@pytest.fixture(scope="module")
def generation(graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen") / "graph-1"
    write_graph(folder, *networkx_rows(graph))
    return folder


@pytest.fixture(scope="module")
def db(generation):
    with EmbeddedBackend(generation) as backend:
        yield backend


def test_counts_equal_the_graph(db, graph):
    _, rows = db.run("MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n")
    assert {row["label"]: row["n"] for row in rows} == count_by_label(graph)
    _, rows = db.run("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    assert {row["type"]: row["n"] for row in rows} == count_by_type(graph)


def test_properties_round_trip(db, graph):
    paper, cited, data = next((a, b, d) for a, b, d in graph.edges(data=True)
                              if d["type"] == "CITES")
    _, rows = db.run("MATCH (a:Paper {id: $a})-[r:CITES]->(b {id: $b}) RETURN a, r, b",
                     {"a": paper, "b": cited})
    (row,) = rows
    for key, value in graph.nodes[paper].items():
        if value not in (None, "", []):
            assert row["a"][key] == value, key
    for key, value in data.items():
        if value not in (None, "", []):
            assert row["r"][key] == value, key


def test_degree_and_pagerank_are_stored(db, graph):
    _, rows = db.run("MATCH (n) RETURN n.id AS id, n.name AS name, n.degree AS degree, "
                     "n.pagerank AS rank, labels(n)[0] AS label")
    assert {row["id"]: row["degree"] for row in rows} == dict(graph.degree())
    assert sum(row["rank"] for row in rows) == pytest.approx(1)
    expected = plain_pagerank({node: [end for _, end in graph.out_edges(node)]
                               for node in graph})
    assert all(row["rank"] == pytest.approx(expected[row["id"]], abs=1e-9) for row in rows)


def test_co_occurrence_counts_are_stored(db, graph):
    """Each node's co_<label> counts are the entities of that label that a paper naming
    the node also names, the node and whatever is joined to it left out."""
    columns = ", ".join(f"n.{column} AS {label}" for label, column in CO_OCCURRING.items())
    _, rows = db.run(f"MATCH (n) RETURN n.id AS id, {columns}")
    stored = {row["id"]: {label: row[label] or 0 for label in ENTITY_LABELS} for row in rows}
    label = {node: data["label"] for node, data in graph.nodes(data=True)}
    assert any(any(counts.values()) for counts in stored.values())
    for node in graph:
        papers = {paper for paper in graph.predecessors(node) if label[paper] == PAPER}
        joined = {*graph.predecessors(node), *graph.successors(node), node}
        others = {other for paper in papers if label[node] != PAPER
                  for other in graph.successors(paper)
                  if label[other] in ENTITY_LABELS and other not in joined}
        expected = {name: sum(label[other] == name for other in others) for name in ENTITY_LABELS}
        assert stored[node] == expected, node


def plain_pagerank(links: dict[str, list[str]], damping: float = 0.85) -> dict[str, float]:
    """PageRank by power iteration in plain Python (as kg ranked before the database):
    a node without links shares its rank with all."""
    count = len(links)
    rank = dict.fromkeys(links, 1 / count)
    for _ in range(200):
        stranded = sum(rank[node] for node in links if not links[node])
        new = dict.fromkeys(links, (1 - damping) / count + damping * stranded / count)
        for node, targets in links.items():
            for target in targets:
                new[target] += damping * rank[node] / len(targets)
        rank, change = new, sum(abs(new[node] - rank[node]) for node in links)
        if change < 1e-12:
            break
    return rank


def test_keys_find_a_node_by_any_spelling(db):
    found = graph_index.with_key(db.index, "no such id", ["muon"])
    assert [node["id"] for node in found] == ["method:muon"]
    assert graph_index.with_key(db.index, "method:muon", []) == found
    assert any(node["id"] == "method:muon"
               for node in graph_index.with_prefix(db.index, "muo", ["Method"], 10))
    assert graph_index.with_prefix(db.index, "muo", ["Dataset"], 10) == []


def test_full_text_search_ranks_papers_on_a_word(db, corpus):
    hits = graph_index.search(db.index, "diffusion", ["Paper"], 500)
    stemmed = {paper.key for paper in corpus if re.search(r"\bdiffus", paper.text, re.I)}
    assert {hit["id"] for hit in hits} == stemmed  # porter stems: diffused, diffusion
    in_title = {paper.key for paper in corpus if "diffusion" in paper.title.lower()}
    assert {hit["id"] for hit in hits[:len(in_title)]} == in_title  # titles weigh more
    assert graph_index.search(db.index, "?!", None, 5) == []


def test_readers_share_a_generation_and_cannot_write(db, generation):
    with EmbeddedBackend(generation) as other:
        assert other.run("MATCH (n:Paper) RETURN count(n) AS n")[1] == \
            db.run("MATCH (n:Paper) RETURN count(n) AS n")[1]
        with pytest.raises(EmbeddedProblem):
            other.run("CREATE (n:Method {id: 'method:x', name: 'X'})")


def test_odd_values_and_dangling_edges(tmp_path):
    nodes = [{"id": "paper:a", "label": "Paper", "name": "A", "extra": {"k": [1, "x"]},
              "bad-name": 1, "score": 1},
             {"id": "paper:b", "label": "Paper", "name": "B", "score": 2.5},
             {"id": "paper:a", "label": "Paper", "name": "again"}]
    edges = [{"start": "paper:a", "end": "paper:b", "type": "CITES", "count": 1},
             {"start": "paper:a", "end": "paper:gone", "type": "CITES"}]
    write_graph(tmp_path / "g", nodes, edges)
    with EmbeddedBackend(tmp_path / "g") as db:
        _, rows = db.run("MATCH (a:Paper)-[r]->(b) RETURN a, b, type(r) AS type")
    (row,) = rows
    assert row["a"]["name"] == "A" and row["a"]["extra"] == {"k": [1, "x"]}
    assert row["a"]["score"] == 1.0 and row["b"]["score"] == 2.5
    assert "bad-name" not in row["a"] and row["type"] == "CITES"
    with pytest.raises(FileExistsError):
        write_graph(tmp_path / "g", [], [])
    with pytest.raises(ValueError, match="Planet"):
        write_graph(tmp_path / "h", [{"id": "x", "label": "Planet", "name": "X"}], [])


HOSTILE_LABEL = "Paper(id STRING PRIMARY KEY); MATCH (n) DETACH DELETE n; //"
HOSTILE_TYPE = "CITES`]->() DETACH DELETE a //"


def test_labels_and_types_in_ddl_come_only_from_kg_model(tmp_path):
    """Node labels, edge types and property names become DDL text; none but kg.model's
    labels and types (and plain property names) get in."""
    paper = {"id": "paper:a", "label": "Paper", "name": "A"}
    with pytest.raises(ValueError, match="not a node label"):
        write_graph(tmp_path / "g1", [paper, {"id": "x", "label": HOSTILE_LABEL}], [])
    with pytest.raises(ValueError, match="not an edge type"):
        write_graph(tmp_path / "g2", [paper], [{"start": "paper:a", "end": "paper:a",
                                                "type": HOSTILE_TYPE}])
    assert not any(tmp_path.glob("*/graph.lbug"))
    write_graph(tmp_path / "g3", [{**paper, "x`) RETURN 1; //": "odd", "ok_name": "kept"}], [])
    with EmbeddedBackend(tmp_path / "g3") as db:
        (row,) = db.run("MATCH (n:Paper) RETURN n")[1]
    assert row["n"]["ok_name"] == "kept" and not any("`" in key for key in row["n"])
    # The DDL site checks again, whatever reached it.
    from kg.graphdb.schema import EDGE_BASE, EDGE_RESERVED, NODE_BASE, NODE_RESERVED, Columns
    from kg.graphdb.writer import load

    class Connection:
        def __init__(self):
            self.statements = []

        def execute(self, statement):
            self.statements.append(statement)

    columns = Columns(NODE_BASE, NODE_RESERVED), Columns(EDGE_BASE, EDGE_RESERVED)
    for nodes, edges in (({HOSTILE_LABEL: tmp_path / "n.csv"}, {}),
                         ({}, {(HOSTILE_TYPE, "Paper", "Paper"): tmp_path / "e.csv"}),
                         ({}, {("CITES", "Paper", HOSTILE_LABEL): tmp_path / "e.csv"})):
        connection = Connection()
        with pytest.raises(ValueError, match="not a node label|not an edge type"):
            load(connection, *columns, nodes, edges)
        assert not any(HOSTILE_LABEL in s or HOSTILE_TYPE in s for s in connection.statements)


def test_a_damaged_generation_is_one_line(generation, tmp_path):
    damaged = tmp_path / "graph-2"
    damaged.mkdir()
    (damaged / "graph.lbug").write_bytes(b"not a database")
    with pytest.raises(EmbeddedProblem, match="damaged graph generation.*no index.sqlite"):
        EmbeddedBackend(damaged)
    (damaged / "index.sqlite").write_bytes((generation / "index.sqlite").read_bytes())
    with pytest.raises(EmbeddedProblem, match="damaged graph generation.*kg rebuild"):
        EmbeddedBackend(damaged)
    no_index = tmp_path / "graph-3"
    no_index.mkdir()
    (no_index / "graph.lbug").write_bytes((generation / "graph.lbug").read_bytes())
    with pytest.raises(EmbeddedProblem, match="no index.sqlite"):
        EmbeddedBackend(no_index)
    with pytest.raises(EmbeddedProblem, match="no graph.lbug and no index.sqlite"):
        EmbeddedBackend(tmp_path)
