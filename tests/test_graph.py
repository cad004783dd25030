"""Building the graph: one node per entity across papers, and no more than one."""

from __future__ import annotations

import json

from kg.build import build
from tests.conftest import derived_graph


def graph_of(tmp_path, abstracts: dict[str, str]):
    path = tmp_path / "papers.jsonl"
    path.write_text("".join(json.dumps({"title": title, "abstract": abstract}) + "\n"
                            for title, abstract in abstracts.items()))
    build([path], tmp_path / "store")
    return derived_graph(tmp_path / "store")


def methods_named(graph, name: str) -> list[dict]:
    return [data for _, data in graph.nodes(data=True) if data["label"] == "Method"
            and name in [data["name"], *data["aliases"]]]


def test_one_acronym_spelled_out_two_ways_stays_two_entities(tmp_path):
    graph = graph_of(tmp_path, {
        "Attention for Vision": "We propose the Deep Attention Network (DAN) for images.",
        "Adapting Across Domains": "We propose the Domain Adversarial Network (DAN) for "
                                   "domain adaptation.",
    })
    spelled = {data["name"] for data in methods_named(graph, "DAN")} | {
        alias for data in methods_named(graph, "DAN") for alias in data["aliases"]}
    assert {"Deep Attention Network", "Domain Adversarial Network"} <= spelled
    assert len(methods_named(graph, "DAN")) == 2


def test_an_acronym_spelled_out_once_merges_across_papers(tmp_path):
    graph = graph_of(tmp_path, {
        "Lagrangian Duals": "This paper presents Dual Lagrangian Learning (DLL), a method.",
        "Conic Proxies Compared": "Our proxies outperform DLL on conic problems.",
    })
    [dll] = methods_named(graph, "DLL")
    papers = {graph.nodes[paper]["name"] for paper in graph.predecessors(
        next(node for node, data in graph.nodes(data=True) if data is dll))}
    assert papers == {"Lagrangian Duals", "Conic Proxies Compared"}


def test_evidence_gives_the_abstracts_sentence_before_the_title(tmp_path):
    title = "Dual Lagrangian Learning for Conic Optimization"
    graph = graph_of(tmp_path, {title: "This paper presents Dual Lagrangian Learning (DLL), "
                                       "a principled learning methodology for conic proxies."})
    [dll] = methods_named(graph, "DLL")
    node = next(node for node, data in graph.nodes(data=True) if data is dll)
    [(_, _, edge)] = [e for e in graph.in_edges(node, data=True) if e[2]["count"]]
    assert edge["evidence"][0].startswith("This paper presents Dual Lagrangian Learning")
    assert title in edge["evidence"]
    # a title the sentencizer cuts in two is still the title
    (tmp_path / "two").mkdir()
    graph = graph_of(tmp_path / "two", {"Is Zorblax All You Need? A Study of Zorblax":
                                        "This paper presents Zorblax, a sparse mixer."})
    [(_, _, edge)] = list(graph.in_edges("method:zorblax", data=True))
    assert edge["evidence"][0] == "This paper presents Zorblax, a sparse mixer."
