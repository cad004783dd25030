"""Options and error handling every `kg` command module shares.

    STORE_OPTION, MODEL_OPTION, JSON_OPTION, BACKEND_OPTION, TYPE_CHOICE  single options
    neo4j_options     --uri/--user/--password from NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD
    output_options    --format text|table|json|csv|tsv|nl and --json (= --format json),
                      given to the command as one `fmt` argument
    query_options     what every query command takes: --store, --backend, Neo4j's, the output
                      options, one-line errors
    friendly_errors   the library's expected errors as one line on stderr, exit 1
    fail              print one error line (JSON {"error": ...} under --json) and exit
    Group             the click group class of `kg`: any other error is one line too
                      (KG_DEBUG=1 shows the traceback)
    open_graph        kg.open on the store, or on the Neo4j server with --backend neo4j
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import NoReturn

import click

from kg.cli.render import FORMATS, dumps, echo, shorten
from kg.extract import DEFAULT_MODEL
from kg.model import NODE_LABELS

STORE_OPTION = click.option(
    "--store", envvar="KG_STORE", default=".kg", show_default=True,
    help="Folder of the embedded store (env KG_STORE).")
MODEL_OPTION = click.option(
    "--model", envvar="KG_SPACY_MODEL", default=DEFAULT_MODEL, show_default=True,
    help="spaCy model package to extract with (env KG_SPACY_MODEL).")
JSON_MODE = "kg.json"  # ctx.meta key: errors are JSON too


def remember_json(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    ctx.meta[JSON_MODE] = ctx.meta.get(JSON_MODE) or value
    return value


JSON_OPTION = click.option("--json", "as_json", is_flag=True, callback=remember_json,
                           is_eager=True, help="Print JSON for scripts (errors too, on stderr).")
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


def output_options(command: Callable) -> Callable:
    """--format and --json (its synonym for --format json), passed on as `fmt`."""
    @wraps(command)
    def run(*args, output_format: str, as_json: bool, **kwargs):
        return command(*args, fmt="json" if as_json else output_format, **kwargs)

    run = JSON_OPTION(run)
    return click.option(
        "--format", "output_format", type=click.Choice(FORMATS), default="text",
        show_default=True, callback=remember_format, is_eager=True,
        help="text to read; table, csv, tsv or nl (a JSON object a line) for its rows; "
             "json for the whole answer.")(run)


def remember_format(ctx: click.Context, param: click.Parameter, value: str) -> str:
    ctx.meta[JSON_MODE] = ctx.meta.get(JSON_MODE) or value in ("json", "nl")
    return value


def query_options(command: Callable) -> Callable:
    """The options every query command has: --store, --backend, Neo4j's, --format/--json;
    and one-line errors."""
    for decorate in (friendly_errors, output_options, neo4j_options, BACKEND_OPTION,
                     STORE_OPTION):
        command = decorate(command)
    return command


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear line to stderr and exit: no traceback for users. Under --json
    the line is {"error": message}."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get(JSON_MODE):
        echo(dumps({"error": message}), err=True)
    else:
        echo(f"Error: {message}", err=True, fg="red")
    sys.exit(code)


def os_error_line(error: OSError) -> str:
    """An operating-system error as 'path: reason' (e.g. a -o path that cannot be written)."""
    if error.filename is None:
        return error.strerror or str(error)
    reason = error.strerror or str(error)
    if isinstance(error, FileExistsError | NotADirectoryError) and \
            Path(error.filename).is_file():
        reason = "is a file, not a folder"
    return f"{shorten(str(error.filename), 200)}: {reason}"


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
            fail(f"no node named {shorten(error.name)!r}.{hint}")
        except (StoreError, Neo4jProblem, EmbeddedProblem) as error:
            fail(str(error))
        except OSError as error:
            fail(os_error_line(error))
    return run


def asks_json(args: list[str]) -> bool:
    """Whether command-line `args` ask for JSON (--json, --format json or nl): known
    before click has parsed them, so a usage error can be JSON too."""
    formats = {f"--format={fmt}" for fmt in ("json", "nl")} | {"--json"}
    return any(arg in formats or (arg == "--format" and value in ("json", "nl"))
               for arg, value in zip(args, [*args[1:], ""], strict=True))


class Group(click.Group):
    """A click group whose commands never show a user a traceback: an error no command
    expected is one line and exit 1 (KG_DEBUG=1 lets the traceback through). Under
    --json a usage error (a bad option or value) is {"error": ...} on stderr too."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[JSON_MODE] = asks_json(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.ClickException as error:
            if not ctx.meta.get(JSON_MODE):
                raise
            echo(dumps({"error": error.format_message()}), err=True)
            sys.exit(error.exit_code)
        except (click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            if os.environ.get("KG_DEBUG"):
                raise
            fail(f"{type(error).__name__}: {shorten(str(error), 300)} "
                 "(a bug in kg: KG_DEBUG=1 shows where)")


def open_graph(backend: str, store: str, uri: str, user: str, password: str | None):
    """The graph to ask (kg.query.Graph, a context manager): the store's, or with
    backend "neo4j" the server's. Both give the same answers."""
    import kg

    if backend == "neo4j":
        return kg.open(uri=uri, user=user, password=password)
    return kg.open(store)
