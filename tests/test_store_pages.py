"""kg load and kg export read the store a page at a time (EmbeddedBackend.nodes and
edges, through kg.neo4j.load.store_rows): every node and relationship exactly once,
in pages no larger than asked (a start node with more relationships than a page is a
page of its own), and `kg load` in pages of 7 rows fills a real Neo4j server exactly
as the store holds it (and the server streams the same rows back). On the bundled
corpus: most labels and types span many pages of the sizes asked here."""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise

import pytest
from click.testing import CliRunner

import kg.graphdb.embedded
from kg.api import open as open_graph
from kg.cli import main
from kg.graphdb import EmbeddedBackend
from kg.model import EDGE_TYPES, NODE_LABELS
from kg.neo4j.connect import connected
from kg.neo4j.cypher import fill, read
from kg.neo4j.load import edge_properties, node_properties, store_rows
from kg.query import Graph
from tests.neo4j_server import database_rows


@pytest.fixture(scope="module")
def embedded(store) -> EmbeddedBackend:
    with open_graph(store) as graph:
        yield graph.backend


def whole_nodes(backend: EmbeddedBackend, label: str) -> list[dict]:
    """Every node of `label` read in one query, as before paging."""
    return [row["n"] for row in backend.run(fill(read("lookup/all_nodes"), Label=label))[1]]


def whole_edges(backend: EmbeddedBackend, type_: str) -> list[dict]:
    """Every relationship of `type_` read in one query, as before paging."""
    return [{"start": row["start"], "end": row["end"], **row["r"]}
            for row in backend.run(fill(read("lookup/all_edges"), TYPE=type_))[1]]


def canon(rows) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


def pages_of(backend: EmbeddedBackend, monkeypatch, query: str) -> list[list[dict]]:
    """The rows of each run of `query` from now on (backend.run spied on)."""
    pages, run = [], backend.run

    def spy(text: str, params: dict | None = None, *args, **kwargs):
        columns, rows = run(text, params, *args, **kwargs)
        if text == query:
            pages.append(rows)
        return columns, rows
    monkeypatch.setattr(backend, "run", spy)
    return pages


@pytest.mark.parametrize("page", [3, 40])
def test_nodes_come_once_each_in_pages_of_at_most_the_page_size(embedded, monkeypatch, page):
    for label in NODE_LABELS:
        whole = whole_nodes(embedded, label)
        with monkeypatch.context() as patch:
            pages = pages_of(embedded, patch,
                             fill(read("lookup/nodes_page_embedded"), Label=label))
            paged = list(embedded.nodes(label, page))
        sizes = [len(rows) for rows in pages]
        assert canon(paged) == canon(whole), label
        assert sum(sizes) == len(whole) and max(sizes, default=0) <= page, (label, sizes)
        assert len(sizes) >= -(-len(whole) // page)


@pytest.mark.parametrize("page", [3, 40])
def test_relationships_come_once_each_in_pages_of_at_most_the_page_size(embedded, monkeypatch,
                                                                        page):
    """A page holds at most `page` relationships, or those of one start node that has
    more (a paper using more than three methods, with page 3)."""
    heavy = 0
    for type_ in EDGE_TYPES:
        whole = whole_edges(embedded, type_)
        with monkeypatch.context() as patch:
            pages = pages_of(embedded, patch,
                             fill(read("lookup/edges_page_embedded"), TYPE=type_))
            paged = list(embedded.edges(type_, page))
        assert canon(paged) == canon(whole), type_
        assert sum(map(len, pages)) == len(whole)
        assert len(pages) >= -(-len(whole) // page) - sum(len(rows) > page for rows in pages)
        for rows in pages:
            assert len(rows) <= page or len({row["start"] for row in rows}) == 1, \
                (type_, page, len(rows))
            heavy += len(rows) > page
    assert heavy or page > 3  # with page 3: papers using more methods than that


@pytest.mark.parametrize("page", [1, 2, 5])
def test_the_spans_of_a_type_follow_each_other_without_overlap(embedded, page):
    """Buckets split because they hold more than a page (a deep split with page 1)
    end where their span does, never inside the next bucket."""
    for type_ in EDGE_TYPES:
        last = embedded.run(fill(read("lookup/last_start_embedded"), TYPE=type_))[1][0]["last"]
        if last is None:
            continue
        spans = list(embedded.spans(type_, 0, last + 1, page))
        assert all(low < high for low, high in spans), type_
        assert all(one[1] <= other[0] for one, other in pairwise(spans)), (type_, spans)
        assert spans[-1][1] <= last + 1


def test_store_rows_reads_every_label_and_type_in_pages_of_page_rows(embedded, monkeypatch):
    """What kg load and kg export read: kg.graphdb.embedded.PAGE rows a query."""
    monkeypatch.setattr(kg.graphdb.embedded, "PAGE", 5)
    papers = pages_of(embedded, monkeypatch, fill(read("lookup/nodes_page_embedded"),
                                                  Label="Paper"))
    nodes, edges = store_rows(Graph(embedded))
    assert Counter(node["label"] for node in nodes) == Counter(
        {label: len(whole_nodes(embedded, label)) for label in NODE_LABELS
         if whole_nodes(embedded, label)})
    assert len(papers) > 1 and max(map(len, papers)) <= 5
    assert Counter(edge["type"] for edge in edges) == Counter(
        {type_: len(whole_edges(embedded, type_)) for type_ in EDGE_TYPES
         if whole_edges(embedded, type_)})


def test_kg_load_in_pages_of_seven_fills_neo4j_exactly_as_the_store_holds_it(
        store, server, embedded, monkeypatch):
    monkeypatch.setattr(kg.graphdb.embedded, "PAGE", 7)
    result = CliRunner().invoke(main, ["load", "--store", str(store), "--wipe", "--json"],
                                env=server)
    assert result.exit_code == 0, result.output
    loaded = json.loads(result.output)
    nodes = [node for label in NODE_LABELS for node in whole_nodes(embedded, label)]
    edges = [{**edge, "type": type_} for type_ in EDGE_TYPES
             for edge in whole_edges(embedded, type_)]
    assert (loaded["nodes_created"], loaded["relationships_created"]) == (len(nodes),
                                                                          len(edges))
    stats = CliRunner().invoke(main, ["stats", "--store", str(store), "--json"])
    assert loaded["database"] == json.loads(stats.output)
    with connected(server["NEO4J_URI"], server["NEO4J_USER"], server["NEO4J_PASSWORD"]) as d:
        in_neo4j = database_rows(d)
    assert in_neo4j == (
        sorted(json.dumps([[node["label"]], {"id": node["id"], **node_properties(node)}],
                          sort_keys=True)
               for node in nodes),
        sorted(json.dumps([edge["type"], edge["start"], edge["end"], edge_properties(edge)],
                          sort_keys=True) for edge in edges))
    with open_graph(uri=server["NEO4J_URI"], user=server["NEO4J_USER"],
                    password=server["NEO4J_PASSWORD"]) as remote:  # streamed back from Neo4j
        assert canon(node_properties(node) for label in NODE_LABELS
                     for node in remote.nodes(label)) == canon(map(node_properties, nodes))
        assert canon([edge["start"], edge["end"], edge["type"], edge_properties(edge)]
                     for type_ in EDGE_TYPES for edge in remote.edges(type_)) == \
            canon([edge["start"], edge["end"], edge["type"], edge_properties(edge)]
                  for edge in edges)
