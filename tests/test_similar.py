"""`kg similar`: related papers with their reasons, on the corpus graph in the embedded
store (LadybugDB), by shared methods where there are no citations and by coupling and
co-citation once `kg enrich` gave the corpus its citations."""

from __future__ import annotations

import copy
import json
from collections import defaultdict

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.enrich.lookup import enrich_papers, open_source
from kg.graphdb import EmbeddedBackend, networkx_rows, write_graph
from kg.model import PAPER
from kg.similar import similar
from tests.conftest import papers_naming
from tests.replay import FANTASTIC, MUON, NORMUON, PRACTICAL, recorded, without_extraction


def embedded(graph, folder) -> EmbeddedBackend:
    write_graph(folder, *networkx_rows(graph))
    return EmbeddedBackend(folder)


def paper(graph, title: str) -> dict:
    node = next(node for node, data in graph.nodes(data=True)
                if data["label"] == PAPER and data["name"] == title)
    return {"id": node, "title": title}


@pytest.fixture(scope="module")
def corpus_db(graph, tmp_path_factory):
    return embedded(graph, tmp_path_factory.mktemp("similar") / "graph-1")


def test_normuon_lists_the_muon_papers_first(corpus, graph, corpus_db):
    result = similar(corpus_db.run, paper(graph, NORMUON), limit=10)
    muon_papers = papers_naming(corpus, "Muon") - {NORMUON}
    first = result.related[:len(muon_papers)]
    assert len(muon_papers) == 7
    assert {item.title for item in first} == muon_papers
    assert all(item.reasons["shares"][0] == "Muon" for item in first)
    assert all(item.reason.startswith("shares Muon") for item in first)
    assert len(result.related) == 10 and all(
        "Muon" not in item.reasons["shares"] for item in result.related[len(muon_papers):])
    assert [item.score for item in result.related] == sorted(
        (item.score for item in result.related), reverse=True)


def test_a_paper_is_never_its_own_relative_and_external_works_are_not_listed(graph, corpus_db):
    asked = paper(graph, MUON)
    result = similar(corpus_db.run, asked, limit=50)
    assert asked["id"] not in {item.id for item in result.related}
    assert all(not graph.nodes[item.id]["external"] for item in result.related)


def test_json_shape(graph, corpus_db):
    data = similar(corpus_db.run, paper(graph, NORMUON), limit=2).to_dict()
    assert data["paper"]["title"] == NORMUON
    assert set(data["related"][0]) == {"id", "title", "score", "reason", "reasons"}
    assert data["related"][0]["reasons"]["shares"][0] == "Muon"


def test_citations_lead_once_enrichment_gave_them(corpus, monkeypatch, tmp_path):
    papers = copy.deepcopy(corpus)
    with recorded("openalex", monkeypatch):
        enrich_papers(papers, open_source("openalex", tmp_path, sleep=lambda _: None))
    graph = without_extraction(papers)
    result = similar(embedded(graph, tmp_path / "graph-1").run, paper(graph, NORMUON), limit=20)
    found = {item.title: item for item in result.related}

    # Counted independently from the enriched papers' reference lists.
    titles = {p.key: p.title for p in papers}
    cites = {p.key: {ref["id"] for ref in p.references} for p in papers}
    normuon = next(p for p in papers if p.title == NORMUON)
    coupled = {titles[key]: cites[key] & cites[normuon.key]
               for key in cites if key != normuon.key and cites[key] & cites[normuon.key]}
    cocited = defaultdict(set)
    for citing, cited in cites.items():
        if normuon.key in cited:
            for other in cited - {normuon.key}:
                cocited[titles.get(other)].add(citing)
    assert {title for title, item in found.items() if "both_cite" in item.reasons} == set(coupled)
    assert found[MUON].reasons["cited_by_paper"] == []
    assert "cited by the paper" in found[MUON].reason
    assert "cited by the paper" in found[PRACTICAL].reason
    fantastic = FANTASTIC
    names = {ref["id"]: ref["title"] for p in papers for ref in p.references}
    assert set(found[fantastic].reasons["both_cite"]) == {names.get(key) or titles[key]
                                                          for key in coupled[fantastic]}
    # Only NorMuon's enriched neighbours are related by citations; no entity was extracted.
    assert set(found) == set(coupled) | set(cocited) | {MUON, PRACTICAL}
    assert result.related[0].title in (MUON, PRACTICAL, fantastic)


def test_kg_similar_through_the_api_and_the_command(corpus, store):
    import kg

    muon_papers = papers_naming(corpus, "Muon") - {NORMUON}
    with kg.open(store) as graph:
        first = graph.similar("normuon: making muon more efficient and scalable", limit=7)
    assert {item.title for item in first.related} == muon_papers
    result = CliRunner().invoke(main, ["similar", NORMUON, "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == similar_of(store, NORMUON, 10)
    text = CliRunner().invoke(main, ["similar", NORMUON, "--store", str(store), "--limit", "3"])
    lines = text.stdout.splitlines()
    assert lines[0] == f"Related to {NORMUON}" and "shares Muon" in lines[2]
    missing = CliRunner().invoke(main, ["similar", "no such paper at all", "--store", str(store)])
    assert missing.exit_code == 1 and "Traceback" not in missing.output


def similar_of(store, title: str, limit: int) -> dict:
    import kg

    with kg.open(store) as graph:
        return graph.similar(title, limit).to_dict()
