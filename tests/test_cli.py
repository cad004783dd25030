"""The query commands over the graph of the bundled corpus, through click's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from kg.api import open as open_graph
from kg.cli import main
from kg.graph import count_by_label, count_by_type
from tests.conftest import papers_naming


def run(store, *args: str):
    return CliRunner().invoke(main, [*args, "--store", str(store)])


def test_neighbors_of_muon_lists_every_paper_naming_it(store, corpus):
    result = run(store, "neighbors", "Muon", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["match"] == {"id": data["match"]["id"], "name": "Muon", "type": "Method",
                             "aliases": ["Muon optimizer"]}
    papers = {row["name"] for row in data["neighbors"] if row["type"] == "Paper"}
    expected = papers_naming(corpus, "Muon")
    assert len(expected) == 8
    assert papers == expected
    methods = {row["name"] for row in data["neighbors"] if row["type"] == "Method"}
    assert {"NorMuon", "AdamW"} <= methods
    assert all({"name", "type", "relation"} <= row.keys() for row in data["neighbors"])


def test_neighbors_is_case_insensitive_and_alias_aware(store):
    upper = json.loads(run(store, "neighbors", "Muon", "--json").output)
    lower = json.loads(run(store, "neighbors", "muon", "--json").output)
    assert upper == lower
    dll = json.loads(run(store, "neighbors", "dll", "--json").output)
    assert "Dual Lagrangian Learning" in {dll["match"]["name"]} | {
        row["name"] for row in dll["neighbors"]} or dll["match"]["name"] == "DLL"


def test_neighbors_text_output_groups_by_type(store):
    result = run(store, "neighbors", "Muon")
    assert result.exit_code == 0
    assert "Papers (8)" in result.output and "NorMuon" in result.output


def test_unknown_name_suggests_and_exits_1(store):
    result = run(store, "neighbors", "Muonn")
    assert result.exit_code == 1
    assert "Muon" in result.stderr


def test_stats_json_counts_the_graph(store, graph):
    data = json.loads(run(store, "stats", "--json").output)
    assert data == {"nodes": count_by_label(graph), "edges": count_by_type(graph)}
    assert data["nodes"]["Paper"] == 337
    assert sum(data["nodes"].values()) == graph.number_of_nodes()
    assert sum(data["edges"].values()) == graph.number_of_edges()


def test_show_has_aliases_evidence_and_degree(store, graph):
    data = json.loads(run(store, "show", "DLL", "--json").output)
    assert data["type"] == "Method" and data["degree"] >= 1
    assert any(edge["evidence"] for edge in data["edges"])


def test_library_function_and_command_agree(store):
    with open_graph(store) as graph:
        for command, answer in ((["neighbors", "AdamW", "--limit", "5"],
                                 graph.neighbors("AdamW", limit=5)),
                                (["show", "DLL"], graph.show("DLL")),
                                (["top", "--by", "pagerank"], graph.top(by="pagerank")),
                                (["search", "diffusion"], graph.search("diffusion")),
                                (["path", "Muon", "AdamW"], graph.path("Muon", "AdamW"))):
            printed = json.loads(run(store, *command, "--json").output)
            assert printed == answer.to_dict(), command
    assert len(printed["hops"]) >= 1


def test_search_lists_the_diffusion_papers_and_neighbors_finds_one(store, corpus):
    result = run(store, "search", "diffusion", "--type", "Paper", "--limit", "100", "--json")
    assert result.exit_code == 0, result.output
    found = {hit["name"] for hit in json.loads(result.output)["hits"]}
    assert {paper.title for paper in corpus if "diffusion" in paper.title.lower()} <= found
    text = run(store, "search", "diffusion").output
    assert text.startswith("Search 'diffusion'") and "Diffusion" in text
    # Words no node is named or starts with ("diffusion" is a Method since extraction v2).
    around = run(store, "neighbors", "find them")
    assert around.exit_code == 0, around.output
    assert "best search hit" in around.output
    for empty in ("", "?!"):
        nothing = run(store, "neighbors", empty)
        assert nothing.exit_code == 1 and "no node named" in nothing.stderr


def test_cypher_runs_on_the_embedded_store_without_a_server(store):
    result = run(store, "cypher", "MATCH (p:Paper) RETURN count(p) AS papers", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"papers": 337}]
    table = run(store, "cypher", "MATCH (m:Method) WHERE toLower($name) IN m.keys RETURN m",
                "-p", "name=MUON")
    assert "(Method Muon)" in table.output and "(1 row)" in table.output
    refused = run(store, "cypher", "CREATE (n:Method {id: 'x'})")
    assert refused.exit_code == 1 and "read-only" in refused.stderr


def test_query_path_never_imports_spacy(store):
    code = ("import sys; from kg.cli import main; "
            f"main(['neighbors', 'Muon', '--store', {str(store)!r}], standalone_mode=False); "
            "assert 'spacy' not in sys.modules, 'spaCy was imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "NorMuon" in result.stdout
