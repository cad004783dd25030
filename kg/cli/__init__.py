"""The `kg` command line: the click group `main` and its commands, one module per
command group. Each command is a thin shell over the library function of the same
name and prints its result through kg.cli.render. Query commands never import spaCy.

    options.py   shared options (--store, --model, --json, --backend, Neo4j) and one-line errors
    render.py    the one output layer: a result as JSON or text
    build.py     build, rebuild, extract
    query.py     neighbors, show, stats, cites, cited-by, path, top, search
    neo4j.py     load, cypher
    viz.py       viz
    evaluate.py  eval
    bench.py     bench extract/build/load
    scale.py     bench corpus/scale/scale-out/dask
    export.py    export neo4j-admin
    enrich.py    enrich
    similar.py   similar

A new command module defines click commands and a list COMMANDS of them, and is
registered below with one line.
"""

from __future__ import annotations

from importlib import import_module

import click

from kg.cli.options import Group

COMMAND_MODULES = [
    "kg.cli.build",
    "kg.cli.query",
    "kg.cli.neo4j",
    "kg.cli.viz",
    "kg.cli.evaluate",
    "kg.cli.bench",
    "kg.cli.scale",
    "kg.cli.export",
    "kg.cli.enrich",
    "kg.cli.similar",
]


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """kg: a citation knowledge graph of research papers.

    Build the graph of the bundled corpus (or your files) with `kg build`, then
    ask it: `kg neighbors Muon`, `kg show DLL`, `kg path Muon Adam`,
    `kg top --type Method`, `kg viz Muon -o muon.html`. `kg load` copies it into
    Neo4j; `--backend neo4j` asks the server instead.
    """


for module_name in COMMAND_MODULES:
    for command in import_module(module_name).COMMANDS:
        main.add_command(command)
