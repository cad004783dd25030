"""Query commands: neighbors, show, stats, cites, cited-by, path, top. Each asks the
embedded store (or Neo4j with --backend neo4j) and prints the answer with kg.cli.render.
They never import spaCy."""

from __future__ import annotations

import click

from kg.cli import render
from kg.cli.options import (
    JSON_OPTION,
    STORE_OPTION,
    TYPE_CHOICE,
    ask,
    fail,
    friendly_errors,
    load_store,
    query_options,
)


@click.command()
@click.argument("name")
@click.option("--type", "label", type=TYPE_CHOICE, help="Only match a node of this type.")
@click.option("--depth", type=click.IntRange(1, 4), default=1, show_default=True,
              help="Hops from the node.")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many rows.")
@query_options
def neighbors(name: str, label: str | None, depth: int, limit: int | None, store: str,
              backend: str, uri: str, user: str, password: str | None, as_json: bool) -> None:
    """The papers, methods, datasets and concepts around NAME.

    NAME is matched ignoring case, against names, aliases (DLL finds Dual
    Lagrangian Learning) and paper titles. An unknown name lists the closest
    names and exits 1. `--backend neo4j` asks the server `kg load` filled:
    the same answer.
    """
    result = ask("neighbors", backend, store, uri, user, password, name, label, depth, limit)
    render.emit(result, as_json, render.neighbors_text)


@click.command()
@click.argument("name")
@click.option("--type", "label", type=TYPE_CHOICE, help="Only match a node of this type.")
@STORE_OPTION
@JSON_OPTION
@friendly_errors
def show(name: str, label: str | None, store: str, as_json: bool) -> None:
    """One node: its type, aliases, degree, and every edge with its evidence."""
    from kg.query import show as show_node

    render.emit(show_node(load_store(store), name, label), as_json, render.show_text)


@click.command()
@query_options
def stats(store: str, backend: str, uri: str, user: str, password: str | None,
          as_json: bool) -> None:
    """Counts of nodes per type and edges per relation."""
    render.emit(ask("stats", backend, store, uri, user, password), as_json, render.stats_text)


@click.command()
@click.argument("paper")
@query_options
def cites(paper: str, store: str, backend: str, uri: str, user: str, password: str | None,
          as_json: bool) -> None:
    """The papers PAPER cites (CITES, read from its input or its in-text markers)
    and builds on (BUILDS_ON, inferred from the methods it uses), each marked.

    PAPER is a title (any case) or a paper id. `--backend neo4j` asks the server
    `kg load` filled: the same answer.
    """
    render.emit(ask("cites", backend, store, uri, user, password, paper), as_json,
                render.citations_text("cites"))


@click.command(name="cited-by")
@click.argument("paper")
@query_options
def cited_by(paper: str, store: str, backend: str, uri: str, user: str, password: str | None,
             as_json: bool) -> None:
    """The papers that cite PAPER or build on it, explicit and inferred, each marked.

    PAPER is a title, a paper id, or a reference such as "Jordan et al., 2024".
    `--backend neo4j` asks the server `kg load` filled: the same answer.
    """
    render.emit(ask("cited_by", backend, store, uri, user, password, paper), as_json,
                render.citations_text("cited_by"))


@click.command()
@click.argument("source")
@click.argument("target")
@query_options
def path(source: str, target: str, store: str, backend: str, uri: str, user: str,
         password: str | None, as_json: bool) -> None:
    """The shortest chain of typed edges between SOURCE and TARGET (any two nodes),
    each hop with its relation and evidence. Exits 1 if nothing joins them.

    `--backend neo4j` asks the server `kg load` filled: a chain as long, though
    of several equally short chains it may show another.
    """
    result = ask("path", backend, store, uri, user, password, source, target)
    if result["hops"] is None:
        fail(f"no path joins {result['source']['name']!r} and {result['target']['name']!r}")
    render.emit(result, as_json, render.path_text)


@click.command()
@click.option("--type", "label", type=TYPE_CHOICE, help="Only nodes of this type.")
@click.option("--by", type=click.Choice(["degree", "pagerank"]), default="degree",
              show_default=True, help="Rank by edges at the node, or by PageRank.")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True)
@query_options
def top(label: str | None, by: str, limit: int, store: str, backend: str, uri: str, user: str,
        password: str | None, as_json: bool) -> None:
    """The most central nodes (of one type with --type), by degree or PageRank.

    `--backend neo4j` asks the server `kg load` filled: the same answer (PageRank
    computed here from the server's relationships).
    """
    result = ask("top", backend, store, uri, user, password, label, by, limit)
    render.emit(result, as_json, render.top_text(label, by))


COMMANDS = [neighbors, show, stats, cites, cited_by, path, top]
