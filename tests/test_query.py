"""kg's questions on the embedded store (LadybugDB), over the graph of the bundled corpus:
each answer checked against the corpus graph it was written from."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter

import pytest

from kg.graphdb import EmbeddedBackend, networkx_rows, write_graph
from kg.model import ENTITY_LABELS, PAPER
from kg.query import CO_OCCURS, Graph, NotFound, NoWork
from tests.conftest import papers_naming
from tests.test_graphdb import plain_pagerank

MUON_SCALABLE = "Muon is Scalable for LLM Training"



@pytest.fixture(scope="module")
def generation(graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("query") / "graph-1"
    write_graph(folder, *networkx_rows(graph))
    return folder


@pytest.fixture(scope="module")
def kg_graph(generation):
    with Graph(EmbeddedBackend(generation)) as opened:
        yield opened


def rows_named(rows: list[dict]) -> dict[str, dict]:
    return {row["name"]: row for row in rows}


def test_neighbors_of_muon_lists_every_paper_naming_it(kg_graph, corpus):
    answer = kg_graph.neighbors("Muon").to_dict()
    # 'the Muon optimizer' is also written: a name's surface with one generic head.
    assert answer["match"] == {"id": "method:muon", "name": "Muon", "type": "Method",
                               "aliases": ["Muon optimizer"]}
    papers = {row["name"] for row in answer["neighbors"] if row["type"] == PAPER}
    assert papers == papers_naming(corpus, "Muon") and len(papers) == 8
    together = rows_named(row for row in answer["neighbors"] if row["relation"] == CO_OCCURS)
    assert together["AdamW"]["count"] == 4  # the README's "AdamW (in 4 papers)"
    assert answer["neighbors"][:8] == sorted(answer["neighbors"][:8],
                                             key=lambda row: (-row["count"],
                                                              row["name"].lower()))


def test_co_occurrence_counts_are_papers_shared(kg_graph, graph):
    answer = kg_graph.neighbors("AdamW").to_dict()
    papers = {node for node, _ in graph.in_edges("method:adamw") if
              graph.nodes[node]["label"] == PAPER}
    for row in answer["neighbors"]:
        if row["relation"] == CO_OCCURS:
            shared = {node for node, _ in graph.in_edges(row["id"])} & papers
            assert row["count"] == len(shared), row["name"]
            assert graph.nodes[min(shared)]["name"] == row["via"]


def test_limit_types_and_depth(kg_graph):
    full = kg_graph.neighbors("Muon").neighbors
    assert kg_graph.neighbors("Muon", limit=0).neighbors == full
    for limit in (3, 10, len(full) - 1):  # cut among the papers, the methods, the concepts
        cut = kg_graph.neighbors("Muon", limit=limit)
        assert cut.neighbors == full[:limit]
        assert cut.totals == Counter(row["type"] for row in full), "totals ignore the limit"
    methods = kg_graph.neighbors("Muon", types=["method"])
    assert methods.neighbors == [row for row in full if row["type"] == "Method"]
    assert methods.totals == {"Method": len(methods.neighbors)}
    deeper = kg_graph.neighbors("Muon", depth=2, limit=5)
    assert {row["depth"] for row in kg_graph.neighbors("Muon", depth=2).neighbors} == {1, 2}
    assert sum(deeper.totals.values()) > 5 == len(deeper.neighbors)
    assert not any(row["relation"] == CO_OCCURS for row in deeper.neighbors)
    paper = kg_graph.neighbors("NorMuon: Making Muon more efficient and scalable")
    assert paper.totals == Counter(row["type"] for row in paper.neighbors)


def test_totals_under_a_limit_count_every_row(kg_graph):
    """The busiest nodes of each label: totals stored at write time (co-occurrence) and
    counted by the store agree with the rows of the uncut answer."""
    for label in (*ENTITY_LABELS, "Author", "Reference"):
        for row in kg_graph.top(label=label, limit=5).top:
            full = kg_graph.neighbors(row["id"], label).neighbors
            cut = kg_graph.neighbors(row["id"], label, limit=5)
            assert cut.totals == Counter(found["type"] for found in full), row["id"]


def test_names_resolve_by_case_alias_title_id_prefix_and_search(kg_graph):
    assert kg_graph.neighbors("muon").to_dict() == kg_graph.neighbors("MUON").to_dict()
    dll = kg_graph.neighbors("dual lagrangian learning").match
    assert {dll["name"], *dll["aliases"]} == {"DLL", "Dual Lagrangian Learning"}
    paper = kg_graph.neighbors("muon is scalable for llm training!").match
    assert paper["type"] == PAPER and paper["name"] == "Muon is Scalable for LLM Training"
    assert kg_graph.neighbors("method:muon").match["name"] == "Muon"
    prefixed = kg_graph.neighbors("Muon is scalable").match
    assert (prefixed["name"], prefixed["matched_by"]) == (MUON_SCALABLE, "prefix")
    searched = kg_graph.neighbors("turbo-mu").match  # the method and its paper's title
    assert (searched["name"], searched["matched_by"]) == ("Turbo-Muon", "search")
    assert kg_graph.neighbors("NorMuon").match["aliases"] == ["Neuron-wise Normalized Muon"]
    assert kg_graph.neighbors("orthogonalization").match["matched_by"] == "search"
    assert kg_graph.neighbors("diffusion").match  # a name, an alias or a search hit, never NotFound


def test_unknown_and_empty_names(kg_graph):
    with pytest.raises(NotFound) as unknown:
        kg_graph.neighbors("Muonn")
    assert "Muon" in unknown.value.suggestions
    for empty in ("", "  ", "?!", "--"):
        with pytest.raises(NotFound):
            kg_graph.neighbors(empty)
    with pytest.raises(ValueError, match="unknown type"):
        kg_graph.neighbors("Muon", label="Planet")


def test_show_has_every_edge_with_evidence(kg_graph, graph):
    shown = kg_graph.show("DLL").to_dict()
    assert shown["type"] == "Method"
    assert {shown["name"], *shown["aliases"]} == {"DLL", "Dual Lagrangian Learning"}
    assert shown["degree"] == graph.degree(shown["id"]) == len(shown["edges"])
    (edge,) = [edge for edge in shown["edges"] if edge["relation"] == "PROPOSES"]
    assert edge["direction"] == "in"
    assert edge["evidence"][0].startswith("This paper presents Dual Lagrangian Learning")


def test_stats_count_the_graph(kg_graph, graph):
    stats = kg_graph.stats().to_dict()
    assert sum(stats["nodes"].values()) == graph.number_of_nodes()
    assert sum(stats["edges"].values()) == graph.number_of_edges()
    assert stats["nodes"]["Paper"] == 337


def test_top_by_degree_and_pagerank(kg_graph, graph):
    top = kg_graph.top("Method", "degree", 5).to_dict()
    degrees = sorted((graph.degree(n) for n, d in graph.nodes(data=True)
                      if d["label"] == "Method"), reverse=True)
    assert [row["score"] for row in top["top"]] == degrees[:5]
    ranked = kg_graph.top("method", "pagerank", 3).to_dict()
    ranks = plain_pagerank({node: [end for _, end in graph.out_edges(node)] for node in graph})
    best = sorted((node for node, d in graph.nodes(data=True) if d["label"] == "Method"),
                  key=lambda node: -ranks[node])[:3]
    assert [row["id"] for row in ranked["top"]] == best
    assert [row["score"] for row in ranked["top"]] == [round(ranks[node], 6) for node in best]
    assert len(kg_graph.top(limit=7).top) == 7


def test_cites_and_cited_by_follow_citation_edges(kg_graph, graph):
    for citing, cited, data in graph.edges(data=True):
        if data["type"] != "CITES":
            continue
        cites = kg_graph.cites(citing).to_dict()
        assert cited in {row["id"] for row in cites["cites"]}
        cited_by = kg_graph.cited_by(cited).to_dict()
        row = next(row for row in cited_by["cited_by"] if row["id"] == citing)
        assert row["source"] == data["found_in"] and row["evidence"] == data["evidence"][0]
    with pytest.raises(NoWork):
        kg_graph.cites("no paper has a title like this at all")


def test_reference_markers_resolve_to_the_reference(kg_graph):
    answer = kg_graph.cited_by("He et al., 2015a").to_dict()
    assert answer["paper"]["type"] == "Reference"
    assert [row["name"] for row in answer["cited_by"]] == ["Convolution Aware Initialization"]


def test_path_hops_are_edges_of_the_graph(kg_graph, graph):
    path = kg_graph.path("NorMuon", "ImageNet").to_dict()
    assert path["hops"] and path["hops"][-1]["to"]["name"] == "ImageNet"
    for hop in path["hops"]:
        start, end = ((hop["from"]["id"], hop["to"]["id"]) if hop["direction"] == "out"
                      else (hop["to"]["id"], hop["from"]["id"]))
        assert graph.has_edge(start, end, hop["relation"])
    assert kg_graph.path("Muon", "muon").hops == []


def test_search_lists_the_diffusion_papers(kg_graph, corpus, graph):
    hits = kg_graph.search("diffusion", "Paper", limit=100).to_dict()["hits"]
    stemmed = {paper.title for paper in corpus if re.search(r"\bdiffus", paper.text, re.I)}
    assert {hit["name"] for hit in hits} == stemmed
    mixed = kg_graph.search("diffusion", limit=3).to_dict()["hits"]
    assert [hit["type"] for hit in mixed][:3] == [PAPER] * 3
    # an entity is found by its name or an alias ('DPM': 'diffusion probabilistic models')
    entities = [" ".join([graph.nodes[hit["id"]]["name"], *graph.nodes[hit["id"]]["aliases"]])
                for hit in mixed if hit["type"] != PAPER]
    assert entities and all(re.search(r"\bdiffus", names, re.I) for names in entities)
    assert kg_graph.search("!!").hits == []


def test_subgraph_whole_and_around_a_node(kg_graph, graph):
    whole = kg_graph.subgraph()
    assert set(whole.nodes) == set(graph.nodes)
    assert set(whole.edges(keys=True)) == set(graph.edges(keys=True))
    dll = kg_graph.show("DLL").node["id"]
    assert whole.nodes[dll]["aliases"] == graph.nodes[dll]["aliases"]
    around = kg_graph.subgraph("Muon")
    assert around.graph["center"] == "method:muon"
    assert set(around.nodes) == {"method:muon"} | {row["id"] for row in
                                                   kg_graph.neighbors("Muon").neighbors}
    assert set(around.edges(keys=True)) == set(graph.subgraph(around.nodes).edges(keys=True))


def test_nodes_and_edges_stream_every_record(kg_graph, graph):
    methods = list(kg_graph.nodes("Method"))
    assert len(methods) == sum(1 for _, d in graph.nodes(data=True) if d["label"] == "Method")
    uses = list(kg_graph.edges("USES"))
    assert {(e["start"], e["end"]) for e in uses} == {(a, b) for a, b, k in graph.edges(keys=True)
                                                      if k == "USES"}


def test_cypher_reads_and_refuses_writes(kg_graph):
    columns, rows = kg_graph.cypher("MATCH (p:Paper) RETURN count(p) AS papers")
    assert columns == ["papers"] and rows == [{"papers": 337}]
    from kg.graphdb.embedded import EmbeddedProblem

    with pytest.raises(EmbeddedProblem):
        kg_graph.cypher("CREATE (n:Method {id: 'method:x'})")
    with pytest.raises(EmbeddedProblem):
        kg_graph.cypher("MATCH (n RETURN n")


def test_results_are_json_as_they_are(kg_graph):
    for result in (kg_graph.neighbors("Muon"), kg_graph.show("Muon"), kg_graph.stats(),
                   kg_graph.top(), kg_graph.search("muon")):
        assert json.loads(json.dumps(result.to_dict())) == result.to_dict()
        assert "<table>" in result._repr_html_()


def test_questions_never_import_spacy(generation):
    code = ("import sys; from kg.graphdb import EmbeddedBackend; from kg.query import Graph; "
            f"g = Graph(EmbeddedBackend({str(generation)!r})); g.neighbors('Muon'); "
            "g.search('diffusion'); g.path('Muon', 'AdamW'); "
            "assert 'spacy' not in sys.modules, 'spaCy was imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
