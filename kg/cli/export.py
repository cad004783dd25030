"""`kg export neo4j-admin DIR`: the store's graph as CSV files for Neo4j's bulk importer."""

from __future__ import annotations

import click

from kg.cli.options import JSON_OPTION, STORE_OPTION, fail, friendly_errors, open_graph
from kg.cli.render import counts_line, echo, emit


@click.group()
def export() -> None:
    """Write the store's graph in another system's bulk format."""


@export.command(name="neo4j-admin")
@click.argument("folder", type=click.Path(file_okay=False))
@STORE_OPTION
@click.option("--database", default="neo4j", show_default=True,
              help="Database the import command fills (replacing it).")
@JSON_OPTION
@friendly_errors
def neo4j_admin(folder: str, store: str, database: str, as_json: bool) -> None:
    """Write node and relationship CSV files into FOLDER, with the exact
    `neo4j-admin database import full` command for them (FOLDER/import-command.txt,
    run inside FOLDER). `scripts/neo4j-local import FOLDER` runs it into the local
    server; docs/scale.md shows it for the Docker image. The imported database
    holds what `kg load` writes."""
    from dataclasses import asdict

    from kg.neo4j.export import export_neo4j_admin
    from kg.neo4j.load import store_rows

    with open_graph("embedded", store, None, None, None) as stored:
        try:  # every property as the store keeps it (degree, PageRank too), as kg load does
            summary = export_neo4j_admin(*store_rows(stored), folder, database)
        except OSError as error:
            fail(f"cannot write {folder}: {error.strerror or error}")

    def text(data: dict) -> None:
        echo(f"Wrote {len(data['files'])} CSV files to {folder}/")
        echo(counts_line("Nodes", data["nodes"]))
        echo(counts_line("Edges", data["relationships"]))
        echo(f"Import (database stopped; replaces {database}), inside {folder}/:")
        echo(f"  {data['command']}")
    emit(asdict(summary), as_json, text)


COMMANDS = [export]
