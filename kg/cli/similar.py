"""`kg similar PAPER`: related papers, each with its reason (kg.similar)."""

from __future__ import annotations

import click

from kg.cli.options import open_graph, query_options
from kg.cli.render import echo, emit


@click.command()
@click.argument("paper")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True,
              help="At most this many papers.")
@query_options
def similar(paper: str, limit: int, store: str, backend: str, uri: str, user: str,
            password: str | None, fmt: str) -> None:
    """Papers related to PAPER, most related first, each with its reason: works both
    cite (bibliographic coupling), papers citing both (co-citation), a citation
    between them, and shared methods, datasets and tasks, the rarer weighing more.

    PAPER is a title (any case) or a paper id. Citations come from the inputs and
    from `kg enrich`. `--backend neo4j` asks the server `kg load` filled: the same
    answer.
    """
    with open_graph(backend, store, uri, user, password) as graph:
        emit(graph.similar(paper, limit), fmt, similar_text, similar_table)


def similar_text(data: dict) -> None:
    echo(f"Related to {data['paper']['title']}")
    if not data["related"]:
        echo("  nothing shared with another paper")
    for number, item in enumerate(data["related"], start=1):
        echo(f"{number:4}. {item['title']}  ({item['score']})")
        echo(f"      {item['reason']}")


def similar_table(data: dict) -> tuple[list[str], list[dict]]:
    """The rows of --format table|csv|tsv|nl: one per related paper, most related first."""
    return (["rank", "title", "score", "reason", "id"],
            [{"rank": rank, **item} for rank, item in enumerate(data["related"], start=1)])


COMMANDS = [similar]
