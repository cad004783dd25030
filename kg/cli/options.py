"""Options and error handling every `kg` command module shares.

    STORE_OPTION, MODEL_OPTION, JSON_OPTION, BACKEND_OPTION, TYPE_CHOICE  single options
    neo4j_options     --uri/--user/--password from NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD
    query_options     what every query command takes: --store, --backend, Neo4j's, --json
    friendly_errors   the library's expected errors as one line on stderr, exit 1
    fail              print one error line and exit
    load_store        the whole networkx graph of the store (kg viz, kg load)
    open_graph        kg.open on the store, or on the Neo4j server with --backend neo4j
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import NoReturn

import click

from kg.cli.render import echo
from kg.extract import DEFAULT_MODEL
from kg.model import NODE_LABELS

STORE_OPTION = click.option(
    "--store", envvar="KG_STORE", default=".kg", show_default=True,
    help="Folder of the embedded store (env KG_STORE).")
MODEL_OPTION = click.option(
    "--model", envvar="KG_SPACY_MODEL", default=DEFAULT_MODEL, show_default=True,
    help="spaCy model package to extract with (env KG_SPACY_MODEL).")
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
TYPE_CHOICE = click.Choice(NODE_LABELS, case_sensitive=False)
BACKEND_OPTION = click.option(
    "--backend", type=click.Choice(["embedded", "neo4j"]), default="embedded",
    show_default=True, help="Ask the embedded store or the Neo4j server (see `kg load`).")


def neo4j_options(command: Callable) -> Callable:
    """--uri, --user and --password for Neo4j, from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD."""
    for option in reversed([
            click.option("--uri", envvar="NEO4J_URI", default="bolt://localhost:7687",
                         show_default=True, help="Neo4j Bolt URI (env NEO4J_URI)."),
            click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
                         help="Neo4j user (env NEO4J_USER)."),
            click.option("--password", envvar="NEO4J_PASSWORD", default=None,
                         help="Neo4j password (env NEO4J_PASSWORD).")]):
        command = option(command)
    return command


def query_options(command: Callable) -> Callable:
    """The options every query command has: --store, --backend, Neo4j's, --json;
    and one-line errors."""
    for decorate in (friendly_errors, JSON_OPTION, neo4j_options, BACKEND_OPTION, STORE_OPTION):
        command = decorate(command)
    return command


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear line to stderr and exit: no traceback for users."""
    echo(f"Error: {message}", err=True, fg="red")
    sys.exit(code)


def friendly_errors(command: Callable) -> Callable:
    """Turn the library's expected errors into one line and a non-zero exit."""
    from kg.extract import ModelNotInstalled
    from kg.graphdb.embedded import EmbeddedProblem
    from kg.neo4j import Neo4jProblem
    from kg.query import NotFound
    from kg.store import StoreError

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ModelNotInstalled as error:
            fail(str(error))
        except NotFound as error:
            hint = f" Did you mean: {', '.join(error.suggestions)}?" if error.suggestions else ""
            fail(f"no node named {error.name!r}.{hint}")
        except (StoreError, Neo4jProblem, EmbeddedProblem) as error:
            fail(str(error))
    return run


def load_store(store: str):
    """The graph (networkx.MultiDiGraph) of the store folder `store`."""
    from kg.store import load_graph
    return load_graph(store)


def open_graph(backend: str, store: str, uri: str, user: str, password: str | None):
    """The graph to ask (kg.query.Graph, a context manager): the store's, or with
    backend "neo4j" the server's. Both give the same answers."""
    import kg

    if backend == "neo4j":
        return kg.open(uri=uri, user=user, password=password)
    return kg.open(store)
