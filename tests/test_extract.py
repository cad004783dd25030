"""Extraction on real abstracts of the corpus."""

from __future__ import annotations

import pytest
from kg.extract import extract_papers

from kg.model import Paper


@pytest.fixture(scope="module")
def records(corpus):
    return {record["title"]: record for record in extract_papers(corpus)}


def entity(record: dict, name: str) -> dict:
    return next(e for e in record["entities"]
                if name.lower() in [n.lower() for n in [e["name"], *e["aliases"]]])


def test_normuon_proposes_normuon_and_uses_muon_and_adam(records):
    record = records["NorMuon: Making Muon more efficient and scalable"]
    assert entity(record, "NorMuon")["role"] == "PROPOSES"
    assert entity(record, "Muon")["role"] == "USES"
    assert entity(record, "Adam")["role"] == "USES"
    assert all(entity(record, name)["type"] == "Method" for name in ["NorMuon", "Muon", "Adam"])


def test_abbreviation_is_one_entity_with_both_names(records):
    record = records["Dual Lagrangian Learning for Conic Optimization"]
    dll = entity(record, "DLL")
    assert {dll["name"], *dll["aliases"]} >= {"DLL", "Dual Lagrangian Learning"}
    assert dll["role"] == "PROPOSES"


def test_latex_debris_is_never_an_entity(records):
    for record in records.values():
        for item in record["entities"]:
            names = [item["name"], *item["aliases"]]
            assert not any(debris in name.lower() for name in names
                           for debris in ("sigmaleft", "mathcal", "ell_")), item


def test_the_muon_optimizer_is_muon():
    paper = Paper("A Study", "We train with the Muon optimizer and compare Muon to AdamW.")
    record = next(extract_papers([paper]))
    assert "Muon" in [e["name"] for e in record["entities"]]
    assert sum(1 for e in record["entities"] if "muon" in e["name"].lower()) == 1


def test_mentions_point_into_title_and_abstract(records, corpus):
    texts = {paper.title: paper.text for paper in corpus}
    for title, record in list(records.items())[:50]:
        for row in record["mentions"]:
            assert texts[title][row["start"]:row["end"]] == row["text"]
            assert row["text"] in row["sentence"] or len(row["sentence"]) > 590
