"""Neo4j commands: `kg load` (the store's graph into a server) and `kg cypher`
(a read-only query on it)."""

from __future__ import annotations

import json

import click

from kg.cli.options import (
    JSON_OPTION,
    STORE_OPTION,
    fail,
    friendly_errors,
    neo4j_options,
    open_graph,
    query_options,
)
from kg.cli.render import Progress, cell_text, counts_line, echo, emit, print_table, shorten


@click.command(name="load")
@STORE_OPTION
@neo4j_options
@click.option("--wipe", is_flag=True, help="Delete everything in the database first.")
@click.option("--batch-size", type=click.IntRange(1), default=1000, show_default=True,
              help="Nodes or relationships per transaction.")
@click.option("--progress/--no-progress", default=None,
              help="Show progress on stderr: a bar on a terminal, else a line per percent "
                   "loaded. Default: shown, except with --json.")
@JSON_OPTION
@friendly_errors
def load(store: str, uri: str, user: str, password: str | None, wipe: bool,
         batch_size: int, progress: bool | None, as_json: bool) -> None:
    """Load the graph of the store into Neo4j (`kg build` first).

    Applies cypher/schema.cypher, then merges nodes and relationships in batches:
    running it again changes nothing, a grown store adds what is new, and
    nothing is deleted unless --wipe. A load cut off halfway keeps what it wrote;
    run it again to finish. Progress goes to stderr, the summary to stdout.
    """
    from kg.neo4j import Neo4jProblem
    from kg.neo4j.connect import connected
    from kg.neo4j.load import load as load_rows
    from kg.neo4j.load import store_rows
    from kg.neo4j.query import Neo4jBackend
    from kg.query import Graph

    with open_graph("embedded", store, uri, user, password) as stored:
        counted = stored.stats()
        total = sum(counted.nodes.values()) + sum(counted.edges.values())
        shown = Progress(total, "Loading") if (not as_json if progress is None else progress) \
            else None
        written = 0

        def on_progress(rows: int) -> None:
            nonlocal written
            written += rows
            if shown is not None:
                shown.update(rows)

        try:
            with connected(uri, user, password) as driver:
                summary = load_rows(*store_rows(stored), driver, wipe, batch_size, on_progress)
            with Graph(Neo4jBackend(uri, user, password)) as server:
                result = server.stats().to_dict()
        except Neo4jProblem as error:
            if written:
                raise Neo4jProblem(f"{error} — {written} of {total} rows were loaded and are "
                                   "kept: run `kg load` again to finish") from None
            raise
        except ValueError as error:
            fail(str(error))
    if shown is not None:
        shown.finish()
    emit({**vars(summary), "database": result}, as_json, load_text(uri))


def load_text(uri: str):
    """The text of `kg load` into the server at `uri`."""
    def text(data: dict) -> None:
        seconds = data["node_seconds"] + data["relationship_seconds"]
        echo(f"Loaded {data['nodes']} nodes and {data['relationships']} relationships into "
             f"{uri} in {seconds:.1f} s: {data['nodes_created']} nodes and "
             f"{data['relationships_created']} relationships were new")
        echo(counts_line("Nodes", data["database"]["nodes"]))
        echo(counts_line("Edges", data["database"]["edges"]))
    return text


def parse_params(pairs: tuple[str, ...]) -> dict:
    """NAME=VALUE pairs as query parameters; VALUE is JSON if it parses (5, true, [1, 2],
    "5"), else text."""
    params = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        try:
            params[name] = json.loads(value)
        except ValueError:
            params[name] = value
    return params


@click.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter, repeatable; VALUE is read as JSON if it parses.")
@query_options
def cypher(query: str, params: tuple[str, ...], store: str, backend: str, uri: str, user: str,
           password: str | None, fmt: str) -> None:
    """Run a read-only Cypher QUERY on the embedded store (or Neo4j with --backend
    neo4j) and print the rows as a table.

    QUERY is Cypher, or the path of a .cypher file such as
    cypher/queries/papers_on_dataset.cypher (the ready queries run on both). The
    store is opened read-only and the server runs the query in read access mode:
    anything that writes is refused.
    """
    from pathlib import Path

    if query.endswith(".cypher"):
        if not Path(query).is_file():
            fail(f"{shorten(query)}: no such .cypher file")
        query = Path(query).read_text(encoding="utf-8")
    with open_graph(backend, store, uri, user, password) as graph:
        columns, rows = graph.cypher(query, parse_params(params))
    data = [{key: row[key] for key in columns} for row in rows]

    def table(_: list) -> None:
        print_table(columns, [[cell_text(row[key]) for key in columns] for row in rows])
    emit(data, "text" if fmt == "table" else fmt, table, lambda _: (columns, data))


COMMANDS = [load, cypher]
