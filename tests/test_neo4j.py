"""kg against a real Neo4j 5 server: load, same answers as the embedded store, the
query library, read-only `kg cypher`, failures in one line, a server killed mid-load,
and Neo4j Browser showing the styled graph.

The server is the tests' own (the `server` fixture of tests/conftest.py: started on
free ports with its own data folder, or the one KG_TEST_NEO4J_URI names), never the
user's NEO4J_URI; the test that kills a server mid-load starts one more of its own.
Without a server these tests skip with the reason; under CI (env CI set) they fail instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.api import open as open_graph
from kg.cli import main
from kg.graph import count_by_label, count_by_type
from kg.graphdb import EmbeddedBackend, networkx_rows, write_graph
from kg.model import NODE_LABELS
from kg.neo4j.connect import connected
from kg.neo4j.cypher import QUERIES_DIR, read, statements
from kg.neo4j.load import load, store_rows
from kg.query import Graph, NotFound
from tests.neo4j_server import (
    ENV_NAMES,
    ROOT,
    data_folder,
    free_port,
    neo4j_local,
    own_server_env,
    start_local,
    stop_local,
    unavailable,
)
from tests.test_citations import ADAM, FORMATS, MUON_SCALABLE, graph_of


@pytest.fixture(scope="module")
def driver(server):
    """A driver to the server, its database emptied for this module."""
    with connected(server["NEO4J_URI"], server["NEO4J_USER"], server["NEO4J_PASSWORD"]) as d:
        d.execute_query("MATCH (n) DETACH DELETE n")
        yield d


@pytest.fixture(scope="module")
def loaded(driver, graph, store, server):
    """The database after `kg load` of the corpus store: the command's JSON summary."""
    result = kg(server, "load", "--store", str(store), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def kg(server: dict, *args: str):
    """Run a kg command in-process with the server's NEO4J_* in the environment."""
    return CliRunner().invoke(main, list(args), env=server)


def kg_process(server: dict, *args: str) -> subprocess.Popen:
    """A kg command in its own process, the way a user runs it."""
    return subprocess.Popen([str(Path(sys.executable).with_name("kg")), *args],
                            env={**os.environ, **server}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


PROGRESS = re.compile(r"^Loading: ([\d,]+) of ([\d,]+) rows \((\d+)%\)$")


def one_error_line(stderr: str) -> str:
    """The single line a failed command printed; fails on tracebacks and extra lines."""
    lines = [line for line in stderr.splitlines() if line.strip() and not PROGRESS.match(line)]
    assert "Traceback" not in stderr, stderr
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def duplicates(driver) -> tuple[int, int]:
    """(ids held by more than one node of a label, node pairs joined twice by one type)."""
    nodes = driver.execute_query(
        "MATCH (n) WITH labels(n) AS labels, n.id AS id, count(*) AS copies WHERE copies > 1 "
        "RETURN count(*) AS n").records[0]["n"]
    relationships = driver.execute_query(
        "MATCH (a)-[r]->(b) WITH a, b, type(r) AS type, count(*) AS copies WHERE copies > 1 "
        "RETURN count(*) AS n").records[0]["n"]
    return nodes, relationships


# Schema and style: plain files.

def test_schema_has_a_constraint_and_name_index_per_label_and_a_fulltext_index():
    schema = statements(read("schema"))
    for label in NODE_LABELS:
        assert any(f"(n:{label}) REQUIRE n.id IS UNIQUE" in s for s in schema), label
        assert any(f"(n:{label}) ON (n.name)" in s for s in schema), label
    fulltext = next(s for s in schema if s.startswith("CREATE FULLTEXT INDEX"))
    assert all(label in fulltext for label in NODE_LABELS)
    assert "n.name" in fulltext and "n.aliases" in fulltext and "n.title" in fulltext


GRASS_RULE = re.compile(r'(node|relationship)(\.\w+)?\s*\{((?:[^{}"]|"[^"]*")*)\}')
GRASS_PROPERTY = re.compile(r'([\w-]+)\s*:\s*("[^"]*"|[^;"]+?)\s*;')


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Grass rules as {selector: {property: value}}; fails on anything else."""
    assert not GRASS_RULE.sub("", text).strip(), "not grass"
    rules = {m[1] + (m[2] or ""): dict(GRASS_PROPERTY.findall(m[3]))
             for m in GRASS_RULE.finditer(text)}
    for selector, body in ((m[1] + (m[2] or ""), m[3]) for m in GRASS_RULE.finditer(text)):
        assert not GRASS_PROPERTY.sub("", body).strip(), f"bad property in {selector}"
    return rules


def test_style_sheet_parses_and_styles_every_label():
    rules = parse_grass((ROOT / "cypher" / "style.grass").read_text())
    colours = {rules[f"node.{label}"]["color"] for label in NODE_LABELS}
    assert len(colours) == len(NODE_LABELS), "one colour per label"
    assert all(rules[f"node.{label}"]["caption"] == '"{name}"' for label in NODE_LABELS)


# Loading.

def test_load_applies_the_schema(loaded, driver):
    constraints = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS").records}
    indexes = {r["name"] for r in driver.execute_query("SHOW INDEXES").records}
    assert {f"{label.lower()}_id" for label in NODE_LABELS} <= constraints
    assert {f"{label.lower()}_name" for label in NODE_LABELS} | {"kg_names", "kg_keys"} <= indexes
    found = driver.execute_query(
        'CALL db.index.fulltext.queryNodes("kg_names", "muon") YIELD node '
        "RETURN collect(node.name) AS names").records[0]["names"]
    assert "Muon" in found
    keyed = driver.execute_query(  # whole values only: "muon" is not a key of NorMuon
        'CALL db.index.fulltext.queryNodes("kg_keys", \'"muon"\') YIELD node '
        "RETURN collect(node.name) AS names").records[0]["names"]
    assert keyed == ["Muon"]


def test_load_counts_equal_kg_stats_and_a_second_load_changes_nothing(loaded, driver, graph,
                                                                       store, server):
    assert loaded["database"] == stats(graph)
    assert loaded["nodes_created"] == graph.number_of_nodes()
    assert loaded["relationships_created"] == graph.number_of_edges()
    again = kg(server, "load", "--store", str(store), "--json")
    assert again.exit_code == 0, again.output
    again = json.loads(again.output)
    assert (again["nodes_created"], again["relationships_created"]) == (0, 0)
    assert again["database"] == stats(graph)
    result = kg(server, "stats", "--backend", "neo4j", "--json")
    assert json.loads(result.output) == stats(graph)
    assert duplicates(driver) == (0, 0)


def test_load_shows_progress_on_stderr_and_its_summary_on_stdout(loaded, server, store):
    """Not on a terminal (here, a log), a line each time another percent is loaded."""
    result = kg(server, "load", "--store", str(store), "--batch-size", "500")
    assert result.exit_code == 0, result.output
    total = loaded["nodes"] + loaded["relationships"]
    steps = [PROGRESS.match(line) for line in result.stderr.splitlines()]
    assert all(steps), result.stderr
    done = [int(step[1].replace(",", "")) for step in steps]
    assert {int(step[2].replace(",", "")) for step in steps} == {total}
    assert done == sorted(set(done)) and done[-1] == total and steps[-1][3] == "100"
    assert len(done) >= total // 500  # every batch of 500 rows is one percent or more
    assert [int(step[3]) for step in steps] == [n * 100 // total for n in done]
    assert result.stdout.startswith(f"Loaded {loaded['nodes']} nodes and "
                                    f"{loaded['relationships']} relationships into ")
    quiet = kg(server, "load", "--store", str(store), "--no-progress")
    assert quiet.exit_code == 0 and quiet.stderr == "", quiet.stderr


def test_load_keeps_properties_as_neo4j_values(loaded, driver, graph):
    paper = next(n for n, d in graph.nodes(data=True) if d["label"] == "Paper" and
                 len(d["sources"]) > 1)
    record = driver.execute_query("MATCH (p:Paper {id: $id}) RETURN p", id=paper).records[0]
    node = record["p"]
    assert node["title"] == graph.nodes[paper]["title"]
    assert node["sources"] == graph.nodes[paper]["sources"]
    assert "year" not in node  # None: no property
    edge = next((u, v, d) for u, v, k, d in graph.edges(keys=True, data=True)
                if k == "BUILDS_ON")
    record = driver.execute_query("MATCH (:Paper {id: $a})-[r:BUILDS_ON]->(:Paper {id: $b}) "
                                  "RETURN r", a=edge[0], b=edge[1]).records[0]
    assert record["r"]["via"] == edge[2]["via"] and record["r"]["inferred"] is True
    assert record["r"]["evidence"] == edge[2]["evidence"]


def test_load_is_incremental_and_wipes_only_when_asked(driver, graph, store, server):
    papers = sorted(n for n, d in graph.nodes(data=True) if d["label"] == "Paper")
    half = graph.subgraph(set(papers[len(papers) // 2:]) | {
        other for paper in papers[len(papers) // 2:] for other in graph.successors(paper)})
    half = nx.MultiDiGraph(half)
    summary = load(*networkx_rows(half), driver, wipe=True)
    assert neo4j_stats(driver) == stats(half)
    summary = load(*networkx_rows(graph), driver)
    assert summary.nodes_created == graph.number_of_nodes() - half.number_of_nodes()
    assert summary.relationships_created == graph.number_of_edges() - half.number_of_edges()
    load(*networkx_rows(half), driver)
    assert neo4j_stats(driver) == stats(graph), "a smaller load deletes nothing"
    result = kg(server, "load", "--store", str(store), "--wipe", "--json")
    assert json.loads(result.output)["nodes_created"] == graph.number_of_nodes()
    assert neo4j_stats(driver) == stats(graph)


# Same answers from both stores.

def stats(graph: nx.MultiDiGraph) -> dict:
    """What `kg stats` answers for a networkx graph."""
    return {"nodes": count_by_label(graph), "edges": count_by_type(graph)}


def neo4j_stats(driver) -> dict:
    """Nodes per label and relationships per type in the database."""
    records = driver.execute_query("MATCH (n) RETURN labels(n)[0] AS name, count(*) AS count "
                                   "UNION ALL MATCH ()-[r]->() RETURN type(r) AS name, "
                                   "count(*) AS count").records
    return {"nodes": {r["name"]: r["count"] for r in records if r["name"] in NODE_LABELS},
            "edges": {r["name"]: r["count"] for r in records if r["name"] not in NODE_LABELS}}


@pytest.fixture(scope="module")
def embedded(store):
    """kg's questions asked of the store's graph database."""
    with open_graph(store) as graph:
        yield graph


@pytest.fixture(scope="module")
def remote(loaded, server):
    """kg's questions asked of the server `kg load` filled from the same store."""
    with open_graph(uri=server["NEO4J_URI"], user=server["NEO4J_USER"],
                 password=server["NEO4J_PASSWORD"]) as graph:
        yield graph


def names_to_ask(graph: nx.MultiDiGraph) -> list[str]:
    """Names of every label: the busiest nodes and a spread of the rest, some written
    in lower case or by an alias, a paper by its id, and a prefix."""
    names = []
    for label in sorted({d["label"] for _, d in graph.nodes(data=True)}):
        nodes = sorted((n for n, d in graph.nodes(data=True) if d["label"] == label),
                       key=lambda n: (-graph.degree(n), n))
        chosen = nodes[:6] + nodes[6::max(1, len(nodes) // 6)][:6]
        names += [graph.nodes[n]["name"] for n in chosen]
    aliased = [d for _, d in graph.nodes(data=True) if d["aliases"]][:5]
    return names + [n.lower() for n in names[::7]] + [d["aliases"][0] for d in aliased] + [
        next(n for n, d in graph.nodes(data=True) if d["label"] == "Paper"),
        "Muon is scalable"]


def answer(question: Callable, *args, **kwargs):
    """question(*args).to_dict(), or the NotFound it raises as (kind, name, whether it
    suggests names): which names depends on each store's full-text ranking."""
    try:
        return question(*args, **kwargs).to_dict()
    except NotFound as error:
        return type(error).__name__, error.name, bool(error.suggestions)


def test_neighbors_and_show_from_neo4j_equal_the_embedded_store(embedded, remote, graph):
    names = names_to_ask(graph)
    assert len(names) >= 50
    for name in names:
        for depth in (1, 2):
            assert answer(remote.neighbors, name, depth=depth) == \
                answer(embedded.neighbors, name, depth=depth), name
        assert answer(remote.show, name) == answer(embedded.show, name), name
    for options in ({"limit": 5, "types": ["Paper", "Method"]}, {"limit": 12},
                    {"types": ["concept"]}, {"label": "method", "limit": 3}):
        assert answer(remote.neighbors, "Muon", **options) == \
            answer(embedded.neighbors, "Muon", **options), options
    assert answer(remote.neighbors, "Muonn") == answer(embedded.neighbors, "Muonn")


def test_kg_open_takes_credentials_from_the_environment(loaded, server, embedded,
                                                     monkeypatch):
    monkeypatch.setenv("NEO4J_USER", server["NEO4J_USER"])
    monkeypatch.setenv("NEO4J_PASSWORD", server["NEO4J_PASSWORD"])
    with open_graph(uri=server["NEO4J_URI"]) as graph:
        assert graph.stats().to_dict() == embedded.stats().to_dict()


def test_neighbors_command_with_the_neo4j_backend(loaded, store, server):
    embedded_run = kg(server, "neighbors", "Muon", "--store", str(store), "--json")
    remote_run = kg(server, "neighbors", "Muon", "--backend", "neo4j", "--json")
    assert remote_run.exit_code == 0, remote_run.output
    assert json.loads(remote_run.output) == json.loads(embedded_run.output)
    text = kg(server, "neighbors", "Muon", "--backend", "neo4j")
    assert "NorMuon" in text.output and "Papers (" in text.output
    unknown = kg(server, "neighbors", "Muonn", "--backend", "neo4j")
    assert unknown.exit_code == 1 and "Did you mean: Muon" in unknown.stderr


def works(graph: nx.MultiDiGraph) -> list[str]:
    """Papers and References (what `kg cites` and `kg cited-by` take): every one with a
    CITES or BUILDS_ON edge and a spread of the others."""
    found = sorted(n for n, d in graph.nodes(data=True) if d["label"] in ("Paper", "Reference"))
    linked = {n for edge in graph.edges(keys=True) if edge[2] in ("CITES", "BUILDS_ON")
              for n in edge[:2]}
    return [n for n in found if n in linked] + [n for n in found if n not in linked][::6]


def assert_same_citations(embedded: Graph, remote: Graph, graph: nx.MultiDiGraph) -> None:
    """cites and cited_by of `works`, by id and by name in lower case, are the same
    answers from Neo4j as from the embedded store (or the same NotFound)."""
    for work in works(graph):
        for name in (work, graph.nodes[work]["name"].lower()):
            assert answer(remote.cites, name) == answer(embedded.cites, name), name
            assert answer(remote.cited_by, name) == answer(embedded.cited_by, name), name


def assert_path_as_long(embedded: Graph, remote: Graph, source: str, target: str) -> None:
    """Neo4j's path between two names has the same ends and length as the embedded one
    (None when nothing joins them), and its hops chain from source to target."""
    here, there = remote.path(source, target).to_dict(), embedded.path(source, target).to_dict()
    assert (here["source"], here["target"]) == (there["source"], there["target"])
    if there["hops"] is None:
        assert here["hops"] is None, (source, target)
        return
    assert len(here["hops"]) == len(there["hops"]), (source, target)
    chain = [here["source"], *(step["to"] for step in here["hops"])]
    assert chain[-1] == here["target"]
    for step, (before, after) in zip(here["hops"], pairwise(chain), strict=True):
        assert (step["from"], step["to"]) == (before, after)


def test_cites_and_cited_by_from_neo4j_equal_the_embedded_store(embedded, remote, graph):
    assert len(works(graph)) > 80
    assert_same_citations(embedded, remote, graph)
    builds_on = next(paper for paper, _, key in graph.edges(keys=True) if key == "BUILDS_ON")
    assert any(row["inferred"] for row in remote.cites(builds_on).rows)
    unknown = answer(remote.cites, "no such paper at all anywhere")
    assert unknown == answer(embedded.cites, "no such paper at all anywhere")


def test_path_from_neo4j_is_as_long_as_the_embedded_one(embedded, remote, graph):
    names = names_to_ask(graph)
    apart = [min(component) for component in nx.weakly_connected_components(graph)][:2]
    pairs = [*zip(names, reversed(names), strict=True),
             *zip(names[::3], names[1::3], strict=False),
             ("Muon", "Adam"), ("Muon", "muon"), (names[0], names[0]), tuple(apart)]
    assert len(pairs) > 60
    for source, target in pairs:
        assert_path_as_long(embedded, remote, source, target)
    assert remote.path("Muon", "MUON").to_dict() == embedded.path("Muon", "MUON").to_dict()
    assert remote.path(*apart).hops is None


def test_top_and_stats_from_neo4j_equal_the_embedded_store(embedded, remote, graph):
    labels = [None, *sorted({d["label"] for _, d in graph.nodes(data=True)}), "method"]
    for label in labels:
        for by in ("degree", "pagerank"):
            for limit in (1, 10, graph.number_of_nodes()):
                assert remote.top(label, by, limit).to_dict() == \
                    embedded.top(label, by, limit).to_dict(), (label, by, limit)
    everything = remote.top(None, "pagerank", graph.number_of_nodes()).top
    assert len(everything) == graph.number_of_nodes()
    assert sum(row["score"] for row in everything) == pytest.approx(1, abs=1e-3)
    assert remote.stats().to_dict() == embedded.stats().to_dict() == stats(graph)


def test_similar_from_neo4j_equals_the_embedded_store(embedded, remote, graph, loaded, store,
                                                      server):
    papers = [n for n, d in graph.nodes(data=True) if d["label"] == "Paper" and not d["external"]]
    assert len(papers) == 337
    for paper in papers:
        assert answer(remote.similar, paper, 10) == answer(embedded.similar, paper, 10), paper
    title = "NorMuon: Making Muon more efficient and scalable"
    embedded_run = kg(server, "similar", title, "--store", str(store), "--json")
    remote_run = kg(server, "similar", title, "--backend", "neo4j", "--json")
    assert remote_run.exit_code == 0, remote_run.output
    assert json.loads(remote_run.output) == json.loads(embedded_run.output)


def test_search_on_neo4j_finds_the_diffusion_papers(embedded, remote):
    mine = {hit["id"] for hit in embedded.search("diffusion", "Paper", 100).hits}
    theirs = {hit["id"] for hit in remote.search("diffusion", "Paper", 100).hits}
    titled = {row["id"] for row in embedded.cypher(
        "MATCH (p:Paper) WHERE toLower(p.name) CONTAINS 'diffusion' RETURN p.id AS id")[1]}
    assert titled and titled <= mine and titled <= theirs


def test_citation_commands_with_the_neo4j_backend(loaded, store, server, graph):
    citing = next(p for p, _, key in graph.edges(keys=True) if key == "CITES")
    reference = next(n for n, d in graph.nodes(data=True) if d["label"] == "Reference")
    for command in (["cites", citing], ["cited-by", reference], ["path", "Muon", "Muon"],
                    ["top", "--by", "pagerank", "--limit", "20"],
                    ["top", "--type", "Method", "--limit", "15"], ["show", "DLL"]):
        embedded_run = kg(server, *command, "--store", str(store), "--json")
        remote_run = kg(server, *command, "--backend", "neo4j", "--json")
        assert remote_run.exit_code == 0, remote_run.output
        assert json.loads(remote_run.output) == json.loads(embedded_run.output), command
    text = kg(server, "cites", citing, "--backend", "neo4j")
    assert text.exit_code == 0 and "Cites (" in text.output and "[in-text: " in text.output


@pytest.fixture
def formats_loaded(loaded, driver, store, tmp_path):
    """The graph of the four sample citation files (explicit CITES between papers,
    external works, References resolved to papers) in the database and in a graph
    generation of its own; the corpus is loaded back afterwards."""
    formats = graph_of(FORMATS)
    write_graph(tmp_path / "formats", *networkx_rows(formats))
    with Graph(EmbeddedBackend(tmp_path / "formats")) as written:
        load(*store_rows(written), driver, wipe=True)
        yield formats, written
    with open_graph(store) as corpus:
        load(*store_rows(corpus), driver, wipe=True)


def test_sample_citations_from_neo4j_equal_the_embedded_store(formats_loaded, remote, server):
    formats, written = formats_loaded
    assert any(d.get("resolves_to") for _, d in formats.nodes(data=True))
    assert_same_citations(written, remote, formats)
    for source in works(formats):
        for target in (ADAM, MUON_SCALABLE, "Long Short-Term Memory"):
            assert_path_as_long(written, remote, source, target)
    for by in ("degree", "pagerank"):
        assert remote.top("Paper", by, 10).to_dict() == written.top("Paper", by, 10).to_dict()
    result = kg(server, "cited-by", ADAM, "--backend", "neo4j", "--json")
    assert json.loads(result.output) == written.cited_by(ADAM).to_dict()
    alone = kg(server, "path", "Long Short-Term Memory", ADAM, "--backend", "neo4j")
    assert alone.exit_code == 1 and "no path joins" in alone.stderr


# The query library, on both stores.

def example_params(text: str) -> dict:
    """The `// :param name => value` lines of a query file (Neo4j Browser's syntax)."""
    return {name: json.loads(value)
            for name, value in re.findall(r"^// :param (\w+) => (.+)$", text, re.MULTILINE)}


def comparable(value):
    """A value as both stores give it: lists of names sorted (collect() keeps no order),
    and no empty-list properties in nodes and relationships (`kg load` leaves them out,
    as neo4j-admin import cannot write an empty array), nor the lookup-only `keys`
    (the embedded store hides it). A relationship's `start` and `end` are compared."""
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()
                if item != [] and key != "keys"}
    if isinstance(value, list):
        items = [comparable(item) for item in value]
        return sorted(items) if all(isinstance(item, str) for item in items) else items
    return value


def canonical(rows: list[dict]) -> list[str]:
    """Rows as sorted JSON lines of comparable values."""
    return sorted(json.dumps({key: comparable(value) for key, value in row.items()},
                             sort_keys=True) for row in rows)


def ready_query(name: str) -> tuple[str, dict]:
    """The text of cypher/queries/<name>.cypher and its example parameters."""
    text = (QUERIES_DIR / f"{name}.cypher").read_text()
    return text, example_params(text)


def library(name: str, embedded: Graph, remote: Graph,
            same: Callable[[list[dict]], object] = canonical) -> list[dict]:
    """Rows of cypher/queries/<name>.cypher run with its example parameters (which must
    be all the parameters it uses) on the embedded store; Neo4j's rows are the same
    (in any order), as `same` sees them."""
    text, params = ready_query(name)
    code = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    assert set(re.findall(r"\$(\w+)", code)) == set(params), name
    rows = embedded.cypher(text, params)[1]
    assert same(rows) == same(remote.cypher(text, params)[1]), name
    upper = {key: value.upper() if isinstance(value, str) else value
             for key, value in params.items()}
    assert len(embedded.cypher(text, upper)[1]) == len(rows), "names match in any case"
    return rows


def papers_at(graph: nx.MultiDiGraph, node: str, relations: tuple[str, ...]) -> set[str]:
    """The papers with an edge of one of `relations` to `node`."""
    return {paper for paper, _, key in graph.in_edges(node, keys=True) if key in relations}


def ranked(counts: dict[str, int], limit: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def node_id(embedded: Graph, name: str) -> str:
    return embedded.neighbors(name, limit=1).match["id"]


def test_method_neighbourhood(embedded, remote, graph):
    rows = library("method_neighbourhood", embedded, remote)
    muon = node_id(embedded, "Muon")
    assert {row["method"]["id"] for row in rows} == {muon}
    assert {row["other"]["id"] for row in rows} <= set(nx.all_neighbors(graph, muon))
    assert len(rows) == min(25, graph.degree(muon))
    assert graph.nodes[rows[0]["other"]["id"]]["label"] == "Paper", "papers first"


def test_papers_on_dataset(embedded, remote, graph):
    rows = library("papers_on_dataset", embedded, remote)
    expected = papers_at(graph, node_id(embedded, "CIFAR-10"), ("EVALUATED_ON",))
    assert {row["paper"] for row in rows} == {graph.nodes[p]["title"] for p in expected}
    assert len(rows) >= 5 and all(row["evidence"] for row in rows)


def test_methods_used_together(embedded, remote, graph):
    rows = library("methods_used_together", embedded, remote)
    muon = node_id(embedded, "Muon")
    together: dict[str, int] = {}
    for paper in papers_at(graph, muon, ("PROPOSES", "USES")):
        for _, other, key in graph.out_edges(paper, keys=True):
            if key in ("PROPOSES", "USES") and other != muon:
                together[graph.nodes[other]["name"]] = together.get(
                    graph.nodes[other]["name"], 0) + 1
    assert [(row["method"], row["papers"]) for row in rows] == ranked(together, 10)
    assert "AdamW" in {row["method"] for row in rows}


def test_method_path(embedded, remote, graph):
    """Shortest paths tie, and each store may pick another of the tied ones: both give
    one path of the shortest length, through edges of the graph."""
    rows = library("method_path", embedded, remote,
                   same=lambda rows: [row["hops"] for row in rows])
    undirected = nx.Graph(graph)
    for row in rows + remote.cypher(*ready_query("method_path"))[1]:
        ids = [node["id"] for node in row["nodes"]]
        assert [row["nodes"][0]["name"], row["nodes"][-1]["name"]] == ["NorMuon", "AdamW"]
        assert all(undirected.has_edge(a, b) for a, b in pairwise(ids))
        assert row["hops"] == len(row["relationships"]) == nx.shortest_path_length(
            undirected, ids[0], ids[-1])


def test_most_used(embedded, remote, graph):
    """Each branch of the UNION ALL ranks its own label; the branches come in no fixed
    order (both stores run them in parallel), so rows are compared per label."""
    rows = library("most_used", embedded, remote)
    for label, relations in (("Method", ("PROPOSES", "USES")), ("Dataset", ("EVALUATED_ON",))):
        counts = {d["name"]: len(papers_at(graph, n, relations))
                  for n, d in graph.nodes(data=True) if d["label"] == label}
        expected = [item for item in ranked(counts, 10) if item[1]]
        assert [(row["name"], row["papers"]) for row in rows if row["type"] == label] == expected
    assert {row["type"] for row in rows} == {"Method", "Dataset"}


def test_papers_building_on(embedded, remote, graph):
    rows = library("papers_building_on", embedded, remote)
    adam = node_id(embedded, "Adam")
    variants = {v for v, _, key in graph.in_edges(adam, keys=True)
                if key in ("VARIANT_OF", "EXTENDS")}
    expected = papers_at(graph, adam, ("USES",)) | {
        paper for variant in variants for paper in papers_at(graph, variant, ("PROPOSES",))}
    assert {row["paper"] for row in rows} == {graph.nodes[p]["title"] for p in expected}
    assert any(row["how"].startswith("proposes ") for row in rows)


def test_method_graph(embedded, remote, graph):
    rows = library("method_graph", embedded, remote)
    muon = node_id(embedded, "Muon")
    assert {row["method"]["id"] for row in rows} == {muon}
    assert {row["paper"]["id"] for row in rows} == papers_at(graph, muon, ("PROPOSES", "USES"))


def test_kg_cypher_prints_a_table_and_json_from_either_store(loaded, server, store):
    query = str(QUERIES_DIR / "papers_on_dataset.cypher")
    for where in (["--backend", "neo4j"], ["--store", str(store)]):
        table = kg(server, "cypher", query, "--param", "dataset=CIFAR-10", *where)
        assert table.exit_code == 0, table.output
        assert table.output.splitlines()[0].split() == ["paper", "mentions", "evidence"]
        assert re.search(r"^\(\d+ rows\)$", table.output, re.MULTILINE)
        rows = json.loads(kg(server, "cypher", "MATCH (m:Method {name: $name}) RETURN m, $n AS n",
                             "-p", "name=Muon", "-p", "n=3", "--json", *where).output)
        assert rows == [{"m": rows[0]["m"], "n": 3}]
        assert rows[0]["m"]["label"] == "Method" and rows[0]["m"]["name"] == "Muon"


@pytest.mark.parametrize("query", [
    "MATCH (a)-[r]->(b) RETURN r ORDER BY a.id, b.id, type(r) LIMIT 3",
    "MATCH (m:Method {name: 'Muon'})<-[r]-(p) RETURN p.id AS paper, r ORDER BY paper, type(r)",
    "MATCH p = (a:Method {name: 'NorMuon'})-[:VARIANT_OF]-(b) RETURN p ORDER BY b.id",
    "MATCH (a:Method {name: 'Muon'})-[r*1..2]-(b:Method {name: 'AdamW'}) RETURN r"])
def test_kg_cypher_prints_relationships_the_same_from_either_store(loaded, server, store,
                                                                     query):
    """Each relationship with its direction, (start)-[TYPE]->(end) by kg ids, whether the
    query returned its nodes or not; a variable-length relationship as a list of them.
    The same text where the query orders its rows, the same rows in any case."""
    text, rows = {}, {}
    for backend, where in (("neo4j", ["--backend", "neo4j"]),
                           ("embedded", ["--store", str(store)])):
        result = kg(server, "cypher", query, *where)
        assert result.exit_code == 0, result.output
        text[backend] = result.output
        rows[backend] = canonical(json.loads(kg(server, "cypher", query, "--json",
                                                *where).output))
    if "ORDER BY" in query:
        assert text["neo4j"] == text["embedded"]
    assert rows["neo4j"] == rows["embedded"]
    assert re.search(r"\((paper|method):[^()]+\)-\[[A-Z_]+\]->|<-\[VARIANT_OF\]-|"
                     r"-\[VARIANT_OF\]->", text["embedded"]), text["embedded"]
    assert "4:" not in text["embedded"]  # no Neo4j element id


def test_kg_cypher_refuses_to_write(loaded, driver, server, store):
    before = neo4j_stats(driver)
    for query in ("CREATE (:Method {id: 'method:new', name: 'New'})",
                  "MATCH (n:Method {name: 'Muon'}) DETACH DELETE n"):
        result = kg(server, "cypher", query, "--backend", "neo4j")
        assert result.exit_code == 1
        assert "read-only" in one_error_line(result.stderr)
        embedded = kg(server, "cypher", query, "--store", str(store))
        assert embedded.exit_code == 1 and "read-only" in one_error_line(embedded.stderr)
    assert neo4j_stats(driver) == before


# Failures: one clear line, non-zero exit.

def test_unreachable_server_is_one_line(store, server):
    process = kg_process(server, "load", "--store", str(store), "--uri",
                         f"bolt://127.0.0.1:{free_port()}")
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "cannot reach Neo4j" in one_error_line(stderr)


def test_bad_password_is_one_line(store, server):
    process = kg_process(server, "neighbors", "Muon", "--backend", "neo4j",
                         "--password", "not-the-password")
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "rejected user" in one_error_line(stderr)


# Neo4j Browser, as a person sees it.

def test_browser_shows_the_styled_graph(loaded, server, tmp_path):
    if "KG_NEO4J_HTTP_PORT" not in server:
        unavailable("KG_TEST_NEO4J_HTTP_PORT does not say where the test server's Browser is")
    browser = f"http://127.0.0.1:{server['KG_NEO4J_HTTP_PORT']}/browser/"
    with urllib.request.urlopen(browser, timeout=30) as page:
        assert page.status == 200 and "Neo4j Browser" in page.read().decode()
    if not shutil.which("chromium"):
        unavailable("no chromium to open Neo4j Browser")
    spec = importlib.util.spec_from_file_location(
        "neo4j_browser_screenshot", ROOT / "scripts" / "neo4j_browser_screenshot.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shown = script.screenshot(tmp_path / "browser.png", server["NEO4J_USER"],
                              server["NEO4J_PASSWORD"], url=browser)
    rules = parse_grass((ROOT / "cypher" / "style.grass").read_text())
    colours = {rules[f"node.{label}"]["color"] for label in NODE_LABELS}
    fills = {fill.upper() for fill in shown["fills"]}
    assert shown["nodes"] > 9 and fills <= colours
    assert {rules["node.Method"]["color"], rules["node.Paper"]["color"]} <= fills
    assert (tmp_path / "browser.png").stat().st_size > 20_000


# The benchmark, on a small graph (it leaves that graph in the database).

def test_bench_load_reports_both_rates(driver, graph, server, store):
    from kg.neo4j.bench import bench_load

    papers = sorted(n for n, d in graph.nodes(data=True) if d["label"] == "Paper")[:10]
    small = nx.MultiDiGraph(graph.subgraph(set(papers) | {o for p in papers
                                                           for o in graph.successors(p)}))
    result = bench_load(*map(list, networkx_rows(small)), driver, batch_size=100, rounds=1)
    assert result["relationships"] == small.number_of_edges()
    assert result["single_per_second"] > 0 and result["batched_per_second"] > 0
    assert neo4j_stats(driver) == stats(small)


# A server of its own dies in the middle of a load.

@pytest.fixture
def own_server():
    """A server for one test alone (its own data dir and ports), safe to kill; its env
    for scripts/neo4j-local and kg. Stopped afterwards."""
    with data_folder() as folder:
        env = own_server_env(folder)
        env |= start_local(env)
        yield env
        stop_local(env)


def test_server_killed_mid_load_then_load_again_gives_exact_counts(own_server, graph, store):
    pidfile = Path(own_server["KG_NEO4J_DATA"]) / "run" / "neo4j-local.pid"
    loading = kg_process(own_server, "load", "--store", str(store), "--batch-size", "5")
    with connected(*(own_server[name] for name in ENV_NAMES)) as driver:
        count = "MATCH ()-[r]->() RETURN count(r) AS n"
        deadline = time.monotonic() + 600  # a safety stop, not a speed check: CI machines are busy
        while driver.execute_query(count).records[0]["n"] < 200:
            assert loading.poll() is None, "the load ended before it could be cut off"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.kill(int(pidfile.read_text()), signal.SIGKILL)
        _, stderr = loading.communicate(timeout=180)
        assert loading.returncode == 1
        assert "run `kg load` again to finish" in one_error_line(stderr)

        stopped = kg_process(own_server, "load", "--store", str(store))
        _, stderr = stopped.communicate(timeout=120)
        assert stopped.returncode == 1 and "cannot reach Neo4j" in one_error_line(stderr)

        restart = neo4j_local("start", own_server)
        assert restart.returncode == 0, restart.stderr
        assert sum(neo4j_stats(driver)["edges"].values()) < graph.number_of_edges()
        again = kg_process(own_server, "load", "--store", str(store), "--json")
        stdout, stderr = again.communicate(timeout=300)
        assert again.returncode == 0, stderr
        assert json.loads(stdout)["database"] == stats(graph)
        assert duplicates(driver) == (0, 0)
