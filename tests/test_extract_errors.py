"""The corpus graph has none of the extraction errors issue 11 names, one test per kind.

Each kind is checked over the whole graph of the bundled corpus (the `graph` fixture),
so a rule that fixes one example but not its kind fails here.
"""

from __future__ import annotations

import re

from kg.extract.names import (
    is_generic_head,
    name_parts,
    names_a_thing,
    shorter_runs,
)
from kg.extract.spans import (
    ACTIVITY_HEADS,
    DESCRIPTION_HEADS,
    FILLER_MODIFIERS,
    PROPERTY_HEADS,
    VAGUE_HEADS,
)
from kg.extract.tags import singular

from kg.model import CONCEPT, DATASET, ENTITY_LABELS, METHOD, VARIANT_OF, name_key


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


def test_entity_names_are_no_clauses(graph):
    """No entity name holds a verb after its subject: 'DLL leverages conic duality',
    'MaMs support scalable training', 'Mixtral-8x22B delivers' are not names."""
    verbs = re.compile(r"\b(delivers|teaches|defines|forces|outperforms?|achieves?|shows|"
                       r"is|are|was|were|can|may|will)\b")
    clauses = [n for data in entities(graph) for n in names(data)
               if len(n.split()) >= 2 and verbs.search(n)]
    assert not clauses
    for clause in ("DLL leverages conic duality", "MaMs support scalable training",
                   "Mixtral-8x22B delivers", "Singular learning theory teaches"):
        assert node_named(graph, clause) is None, clause


def test_no_entity_is_a_lone_adjective_or_starts_with_a_determiner(graph):
    """Not even as an alias: 'generative model' is not 'generative'."""
    lone = {"generative", "euclidean", "riemannian", "convolutional", "bayesian", "stochastic",
            "orthogonal", "spectral", "linear", "method", "model"}
    assert not [n for data in entities(graph) for n in names(data) if n.lower() in lone]
    starts = re.compile(r"(this|these|those|our|their|its|each|every|any|some|such|which|"
                        r"that|the|a|an) ", re.IGNORECASE)
    assert not [n for data in entities(graph) for n in names(data) if starts.match(n)]
    # A model described by adjectives alone names no family (docs/annotation.md).
    described = node_named(graph, "generative model")
    assert described is None or described["label"] != METHOD


def test_a_name_without_its_head_is_a_name(graph):
    """A name and the same name with a generic head ('Muon', 'Muon optimizer') are one
    entity only when the words before the head are a name by themselves: never
    'FDR-controlling' for 'FDR-controlling procedures', 'minimal ReLU' for 'minimal ReLU
    networks', 'Riemannian batch' for 'Riemannian batch normalization' or 'Pareto' for
    'Pareto parameterization' (cut by strip_name or by spans.leading_name)."""
    pairs = [(name, head) for data in entities(graph) for name in names(data)
             for longer in names(data) if longer.startswith(name + " ")
             for head in [longer[len(name) + 1:]]
             if " " not in head and head[:1].islower() and is_generic_head(head)]
    assert pairs, "the corpus graph has names with and without a head"
    wrong = [(name, head) for name, head in pairs if not names_a_thing(name.split(), head)]
    assert not wrong


def test_concepts_are_terms_not_quantities_activities_or_described_methods(graph):
    """A Concept's head is no vague word, property, quantity or method word; a lowercase
    term's head is no activity either (a defined abbreviation's long form keeps its own:
    'Topological data analysis (TDA)')."""
    concepts = entities(graph, (CONCEPT,))
    assert len(concepts) > 50
    heads = {singular(data["name"].split()[-1].lower()) for data in concepts}
    assert not heads & (DESCRIPTION_HEADS | VAGUE_HEADS | PROPERTY_HEADS)
    terms = {singular(data["name"].split()[-1]) for data in concepts
             if data["name"] == data["name"].lower()}
    assert not terms & ACTIVITY_HEADS
    for name in ("hyperparameter tuning", "training time", "inference time", "memory footprint",
                 "NFE", "primal-dual", "implicit-explicit", "offline optimizer",
                 "optimal batch size"):
        data = node_named(graph, name)
        assert data is None or data["label"] != CONCEPT, name
    assert node_named(graph, "boundary condition")["label"] == CONCEPT


def test_no_entity_has_an_empty_name(graph):
    """A blank gazetteer line once matched every lone 's' as its plural: a Method ''."""
    assert not [data for data in entities(graph) if not name_key(data["name"])]
    assert "method:" not in graph
