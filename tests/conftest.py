"""Shared fixtures: the bundled corpus, read once, and its graph, built once per run; a
Neo4j server of the tests' own (tests/neo4j_server.py), never the user's."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

from kg.build import build
from kg.graph import Derivation, networkx_graph
from kg.inputs import read_papers
from kg.store import PAPERS_DB, PaperStore
from tests.neo4j_server import (
    data_folder,
    forget_user_server,
    named_test_server,
    own_server_env,
    start_local,
    stop_local,
)


def pytest_configure(config):
    """The user's NEO4J_* never reach a test, in process or in a subprocess."""
    forget_user_server()


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


def derived_graph(store: Path) -> nx.MultiDiGraph:
    """The graph of a store's papers as kg build derives it (the rows it writes into the
    generation), held in memory as networkx: what the store's answers are checked against."""
    with PaperStore(Path(store) / PAPERS_DB) as papers:
        derivation = Derivation(papers.papers_with_records)
        return networkx_graph(derivation.nodes(), derivation.edges())


@pytest.fixture(scope="session")
def graph(store):
    return derived_graph(store)


def papers_naming(papers, word: str) -> set[str]:
    """Titles of the papers whose title or abstract has `word` as a whole word."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    return {p.title for p in papers if pattern.search(p.text)}


@pytest.fixture(scope="session")
def server():
    """NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (and KG_NEO4J_HTTP_PORT for Browser) of the
    tests' server: KG_TEST_NEO4J_URI's if set, else one started here on free ports with
    its own data folder, stopped at the end."""
    named = named_test_server()
    if named is not None:
        yield named
        return
    with data_folder() as folder:
        env = own_server_env(folder)
        yield {**start_local(env), "KG_NEO4J_HTTP_PORT": env["KG_NEO4J_HTTP_PORT"]}
        stop_local(env)
