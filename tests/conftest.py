"""Shared fixtures: the bundled corpus, read once, and its graph, built once per run."""

from __future__ import annotations

import re

import pytest

from kg.build import build
from kg.inputs import read_papers
from kg.store import load_graph


@pytest.fixture(scope="session")
def corpus():
    papers, problems = read_papers()
    assert not problems
    return papers


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    """A store holding the graph of the bundled corpus."""
    path = tmp_path_factory.mktemp("store")
    build(store=path)
    return path


@pytest.fixture(scope="session")
def graph(store):
    return load_graph(store)


def papers_naming(papers, word: str) -> set[str]:
    """Titles of the papers whose title or abstract has `word` as a whole word."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    return {p.title for p in papers if pattern.search(p.text)}
