"""The corpus graph has none of the extraction errors issue 11 names, one test per kind.

Each kind is checked over the whole graph of the bundled corpus (the `graph` fixture),
so a rule that fixes one example but not its kind fails here.
"""

from __future__ import annotations

import re

from kg.extract.mentions import FILLER_MODIFIERS, PROPERTY_HEADS
from kg.extract.names import name_parts, shorter_runs
from kg.extract.tags import singular

from kg.model import CONCEPT, DATASET, ENTITY_LABELS, METHOD, VARIANT_OF


def entities(graph, labels=ENTITY_LABELS):
    return [data for _, data in graph.nodes(data=True) if data["label"] in labels]


def names(data: dict) -> list[str]:
    return [data["name"], *data["aliases"]]


def node_named(graph, name: str) -> dict | None:
    return next((data for data in entities(graph) if name in names(data)), None)


def glued_inside(base: str, variant: str) -> bool:
    """Is `base` found in `variant` only inside a word: an acronym glued to lowercase
    letters ('PPO' in 'HiPPO'), not after a one-letter prefix ('LSTM' in 'xLSTM')?"""
    hits = [m.start() for m in re.finditer(re.escape(base), variant)]
    return bool(hits) and all(
        i >= 2 and variant[i - 1].islower() and variant[i - 2].isalpha() for i in hits)


def test_lineage_needs_a_token_boundary(graph):
    assert name_parts("HiPPO") == ["hippo"] and name_parts("NorMuon") == ["nor", "muon"]
    assert name_parts("LoRA") == ["lora"] and name_parts("AdamW") == ["adam", "w"]
    assert shorter_runs("projected gradient descent") == []  # lineage is between names
    edges = [(graph.nodes[u], graph.nodes[v]) for u, v, key in graph.edges(keys=True)
             if key == VARIANT_OF]
    assert edges, "the corpus graph has VARIANT_OF edges"
    wrong = [(variant["name"], base["name"]) for variant, base in edges
             if base["name"][:2].isupper() and glued_inside(base["name"], variant["name"])]
    assert not wrong
    assert ("HiPPO", "PPO") not in {(variant["name"], base["name"]) for variant, base in edges}


def test_entity_names_never_cross_a_sentence_end(graph):
    crossing = [n for data in entities(graph) for n in names(data)
                if re.search(r"\w{2,}[.!?]\s+[A-Z]", n)]
    assert not crossing
    assert node_named(graph, "muP") is not None


def test_et_al_never_ends_an_evidence_sentence(graph):
    endings = [sentence for _, _, data in graph.edges(data=True)
               for sentence in data.get("evidence", [])
               if re.search(r"\b(et al|e\.g|i\.e|cf|Fig)\.,?$", sentence)]
    assert not endings
    evidence = [s for _, _, data in graph.edges(data=True) for s in data.get("evidence", [])]
    assert any("et al.," in sentence for sentence in evidence), "the corpus has 'et al.,'"


def test_plural_stripping_keeps_real_words(graph):
    assert [singular(w) for w in "matrices vertices indices caches sizes biases".split()] == \
        "matrix vertex index cache size bias".split()
    assert [singular(w) for w in "networks studies losses approaches".split()] == \
        "network study loss approach".split()
    words = {w.lower() for data in entities(graph) for n in names(data) for w in n.split()}
    assert not words & {"matrice", "vertice", "indice", "cach", "siz", "biase"}
    assert "matrix" in words


def test_organizations_and_data_sources_are_not_methods(graph):
    assert node_named(graph, "NVIDIA") is None
    assert all(data["label"] != METHOD for data in entities(graph)
               if {"NVIDIA", "Google", "OpenAI"} & set(names(data)))
    merra = node_named(graph, "MERRA-2")
    assert merra is not None and merra["label"] == DATASET


def test_filler_phrases_are_not_entities(graph):
    filler = {"computational cost", "future research", "faster convergence",
              "training efficiency", "wide range", "promising result"}
    found = [n for data in entities(graph) for n in names(data) if singular(n.lower()) in filler
             or n.lower() in filler]
    assert not found
    vague = [data["name"] for data in entities(graph, (CONCEPT,))
             if data["name"].split()[0].lower() in FILLER_MODIFIERS
             or singular(data["name"].split()[-1].lower()) in PROPERTY_HEADS]
    assert not vague
