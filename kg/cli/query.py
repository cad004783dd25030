"""Query commands: neighbors, show, stats, cites, cited-by, path, top, search. Each asks
kg.open's graph of the embedded store (or Neo4j with --backend neo4j) one question and
prints its answer with kg.cli.render (--json: the answer's to_dict()). They never
import spaCy."""

from __future__ import annotations

import click

from kg.cli import render
from kg.cli.options import TYPE_CHOICE, fail, open_graph, query_options


@click.command()
@click.argument("name")
@click.option("--type", "label", type=TYPE_CHOICE, help="Only match a node of this type.")
@click.option("--depth", type=click.IntRange(1, 4), default=1, show_default=True,
              help="Hops from the node.")
@click.option("--limit", type=click.IntRange(0), default=50, show_default=True,
              help="At most this many rows, the first in the order shown (0: all).")
@query_options
def neighbors(name: str, label: str | None, depth: int, limit: int | None, store: str,
              backend: str, uri: str, user: str, password: str | None, fmt: str) -> None:
    """The papers, methods, datasets and concepts around NAME.

    NAME is matched ignoring case, against ids, names, aliases (DLL finds Dual
    Lagrangian Learning) and paper titles; else a unique prefix of one, else the
    best full-text hit (`kg neighbors diffusion`). A name that finds nothing lists
    names to try and exits 1. `--backend neo4j` asks the server `kg load` filled:
    the same answer.
    """
    with open_graph(backend, store, uri, user, password) as graph:
        result = graph.neighbors(name, label, depth, limit or None)
    render.emit(result, fmt, render.neighbors_text(limit), render.neighbors_table)


@click.command()
@click.argument("name")
@click.option("--type", "label", type=TYPE_CHOICE, help="Only match a node of this type.")
@click.option("--limit", type=click.IntRange(0), default=50, show_default=True,
              help="At most this many edges, out before in (0: all; degree counts all).")
@query_options
def show(name: str, label: str | None, limit: int, store: str, backend: str, uri: str,
         user: str, password: str | None, fmt: str) -> None:
    """One node: its type, aliases, degree, and its edges with their evidence."""
    with open_graph(backend, store, uri, user, password) as graph:
        result = graph.show(name, label, limit or None)
    render.emit(result, fmt, render.show_text, render.show_table)


@click.command()
@query_options
def stats(store: str, backend: str, uri: str, user: str, password: str | None,
          fmt: str) -> None:
    """Counts of nodes per type and edges per relation."""
    with open_graph(backend, store, uri, user, password) as graph:
        result = graph.stats()
    render.emit(result, fmt, render.stats_text, render.stats_table)


@click.command()
@click.argument("paper")
@query_options
def cites(paper: str, store: str, backend: str, uri: str, user: str, password: str | None,
          fmt: str) -> None:
    """The papers PAPER cites (CITES, read from its input or its in-text markers)
    and builds on (BUILDS_ON, inferred from the methods it uses), each marked.

    PAPER is a title (any case) or a paper id. `--backend neo4j` asks the server
    `kg load` filled: the same answer.
    """
    with open_graph(backend, store, uri, user, password) as graph:
        result = graph.cites(paper)
    render.emit(result, fmt, render.citations_text("cites"),
                render.citations_table("cites"))


@click.command(name="cited-by")
@click.argument("paper")
@query_options
def cited_by(paper: str, store: str, backend: str, uri: str, user: str, password: str | None,
             fmt: str) -> None:
    """The papers that cite PAPER or build on it, explicit and inferred, each marked.

    PAPER is a title, a paper id, or a reference such as "Jordan et al., 2024".
    `--backend neo4j` asks the server `kg load` filled: the same answer.
    """
    with open_graph(backend, store, uri, user, password) as graph:
        result = graph.cited_by(paper)
    render.emit(result, fmt, render.citations_text("cited_by"),
                render.citations_table("cited_by"))


@click.command()
@click.argument("source")
@click.argument("target")
@query_options
def path(source: str, target: str, store: str, backend: str, uri: str, user: str,
         password: str | None, fmt: str) -> None:
    """The shortest chain of typed edges between SOURCE and TARGET (any two nodes),
    each hop with its relation and evidence. Exits 1 if nothing joins them.

    `--backend neo4j` asks the server `kg load` filled: a chain as long, though
    of several equally short chains it may show another.
    """
    with open_graph(backend, store, uri, user, password) as graph:
        result = graph.path(source, target)
    if result.hops is None:
        fail(f"no path joins {result.source['name']!r} and {result.target['name']!r}")
    render.emit(result, fmt, render.path_text, render.path_table)


@click.command()
@click.option("--type", "label", type=TYPE_CHOICE, help="Only nodes of this type.")
@click.option("--by", type=click.Choice(["degree", "pagerank"]), default="degree",
              show_default=True, help="Rank by edges at the node, or by PageRank.")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True)
@query_options
def top(label: str | None, by: str, limit: int, store: str, backend: str, uri: str, user: str,
        password: str | None, fmt: str) -> None:
    """The most central nodes (of one type with --type), by degree or PageRank.

    `--backend neo4j` asks the server `kg load` filled: the same answer (both read
    the PageRank computed when the graph was written).
    """
    with open_graph(backend, store, uri, user, password) as graph:
        result = graph.top(label, by, limit)
    render.emit(result, fmt, render.top_text(label, by), render.top_table)


@click.command()
@click.argument("text")
@click.option("--type", "label", type=TYPE_CHOICE, help="Only nodes of this type.")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True,
              help="At most this many hits (of each kind: papers, other nodes).")
@query_options
def search(text: str, label: str | None, limit: int, store: str, backend: str, uri: str,
           user: str, password: str | None, fmt: str) -> None:
    """Papers and entities whose titles, abstracts, names or aliases hold the words
    of TEXT (the last word also as a prefix), best first: BM25 over the store's
    full-text index. Without --type: the best papers, then the best other nodes.
    """
    with open_graph(backend, store, uri, user, password) as graph:
        result = graph.search(text, label, limit)
    render.emit(result, fmt, render.search_text, render.search_table)


COMMANDS = [neighbors, show, stats, cites, cited_by, path, top, search]
