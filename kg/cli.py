"""The `kg` command line: each command is a thin shell over the library function
of the same name. Query commands never import spaCy."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps

import click

from kg.model import NODE_LABELS

STORE_OPTION = click.option(
    "--store", envvar="KG_STORE", default=".kg", show_default=True,
    help="Folder of the embedded store (env KG_STORE).")
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
TYPE_CHOICE = click.Choice(NODE_LABELS, case_sensitive=False)


def print_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def fail(message: str, code: int = 1):
    """Print one clear line to stderr and exit: no traceback for users."""
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(code)


def friendly_errors(command: Callable) -> Callable:
    """Turn the library's expected errors into one line and a non-zero exit."""
    from kg.query import NotFound
    from kg.store import StoreError

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except NotFound as error:
            hint = f" Did you mean: {', '.join(error.suggestions)}?" if error.suggestions else ""
            fail(f"no node named {error.name!r}.{hint}")
        except StoreError as error:
            fail(str(error))
    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """kg: a citation knowledge graph of research papers.

    Build the graph of the bundled corpus with `kg build`, then ask it:
    `kg neighbors Muon`, `kg show DLL`, `kg stats`, `kg viz Muon -o muon.html`.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@STORE_OPTION
@click.option("--model", envvar="KG_SPACY_MODEL", default=None,
              help="spaCy model package to extract with (env KG_SPACY_MODEL).")
@click.option("--processes", "-j", type=click.IntRange(1), default=None,
              help="Extraction processes (default: by corpus size and cores).")
@JSON_OPTION
def build(paths: tuple[str, ...], store: str, model: str | None, processes: int | None,
          as_json: bool) -> None:
    """Read papers from PATHS (files or folders; default: the bundled corpus),
    extract entities, and save the graph to the store.

    Inputs: listing pages (.txt), JSON Lines or CSV with title and abstract.
    Bad input is reported one line each and skipped; exit status 1 says so.
    """
    from extract import DEFAULT_MODEL
    from kg.build import build as build_graph

    bar = click.progressbar(length=0, label="Extracting", file=sys.stderr,
                            show_pos=True) if not as_json else None

    def on_papers(total: int) -> None:
        if bar is not None:
            bar.length = total
            bar.render_progress()

    summary = build_graph(paths, store, model or DEFAULT_MODEL, processes,
                          on_progress=bar.update if bar else None, on_papers=on_papers)
    if bar is not None:
        bar.render_finish()
    for problem in summary.problems:
        click.secho(f"skipped: {problem}", fg="yellow", err=True)
    if as_json:
        print_json(summary.as_json())
    else:
        click.echo(f"Built {summary.graph_path}: {summary.papers} papers "
                   f"({summary.extracted} extracted, {summary.cached} from cache)")
        click.echo("Nodes: " + ", ".join(f"{k} {v}" for k, v in summary.nodes.items()))
        click.echo("Edges: " + ", ".join(f"{k} {v}" for k, v in summary.edges.items()))
        if summary.problems:
            click.echo(f"{len(summary.problems)} input problem(s) reported above.")
    sys.exit(1 if summary.problems else 0)


def load(store: str):
    from kg.store import load_graph
    return load_graph(store)


@main.command()
@click.argument("name")
@click.option("--type", "label", type=TYPE_CHOICE, help="Only match a node of this type.")
@click.option("--depth", type=click.IntRange(1, 4), default=1, show_default=True,
              help="Hops from the node.")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many rows.")
@STORE_OPTION
@JSON_OPTION
@friendly_errors
def neighbors(name: str, label: str | None, depth: int, limit: int | None, store: str,
              as_json: bool) -> None:
    """The papers, methods, datasets and concepts around NAME.

    NAME is matched ignoring case, against names, aliases (DLL finds Dual
    Lagrangian Learning) and paper titles. An unknown name lists the closest
    names and exits 1.
    """
    from kg.query import neighbors as find_neighbors

    result = find_neighbors(load(store), name, label, depth, limit)
    if as_json:
        print_json(result)
        return
    match, rows = result["match"], result["neighbors"]
    click.secho(f"{match['name']} ({match['type']})", bold=True)
    current = None
    for row in rows:
        if row["type"] != current:
            current = row["type"]
            count = sum(1 for r in rows if r["type"] == current)
            click.secho(f"\n{current}s ({count})", fg="cyan")
        relation = row["relation"] if row["direction"] != "in" else f"{row['relation']} ←"
        detail = f"  ({row['count']} papers)" if row["relation"] == "CO_OCCURS" else ""
        click.echo(f"  {relation:<14} {row['name']}{detail}")


@main.command()
@click.argument("name")
@click.option("--type", "label", type=TYPE_CHOICE, help="Only match a node of this type.")
@STORE_OPTION
@JSON_OPTION
@friendly_errors
def show(name: str, label: str | None, store: str, as_json: bool) -> None:
    """One node: its type, aliases, degree, and every edge with its evidence."""
    from kg.query import show as show_node

    node = show_node(load(store), name, label)
    if as_json:
        print_json(node)
        return
    click.secho(f"{node['name']} ({node['type']}, id {node['id']})", bold=True)
    for key in ("aliases", "title", "sources", "authors", "year", "url", "abstract"):
        if node.get(key):
            value = node[key] if not isinstance(node[key], list) else ", ".join(map(str, node[key]))
            click.echo(f"{key}: {value}")
    click.echo(f"degree: {node['degree']}")
    for edge in node["edges"]:
        arrow = "→" if edge["direction"] == "out" else "←"
        click.echo(f"  {arrow} {edge['relation']} {edge['name']} ({edge['type']})")
        for sentence in edge["evidence"][:1]:
            click.echo(f"      “{sentence}”")


@main.command()
@STORE_OPTION
@JSON_OPTION
@friendly_errors
def stats(store: str, as_json: bool) -> None:
    """Counts of nodes per type and edges per relation."""
    from kg.query import stats as count

    result = count(load(store))
    if as_json:
        print_json(result)
        return
    for section in ("nodes", "edges"):
        click.secho(section.capitalize(), bold=True)
        for key, value in result[section].items():
            click.echo(f"  {key:<14} {value:>6}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True, help="Output format: one JSON object per paper.")
@click.option("--model", envvar="KG_SPACY_MODEL", default=None, help="spaCy model package.")
def extract(paths: tuple[str, ...], output_format: str, model: str | None) -> None:
    """Print what extraction finds in each paper of PATHS, one JSON object per line.

    The format is documented in docs/extract-format.md.
    """
    from extract import DEFAULT_MODEL, extract_papers
    from kg.inputs import read_papers

    papers, problems = read_papers(paths)
    for problem in problems:
        click.secho(f"skipped: {problem}", fg="yellow", err=True)
    for record in extract_papers(papers, model or DEFAULT_MODEL):
        click.echo(json.dumps(record, ensure_ascii=False))
    sys.exit(1 if problems else 0)


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", envvar="KG_SPACY_MODEL", default=None, help="spaCy model package.")
@click.option("--errors", is_flag=True, help="Also list what was missed and what was extra.")
@JSON_OPTION
def evaluate(gold: str, model: str | None, errors: bool, as_json: bool) -> None:
    """Score extraction against GOLD.jsonl (hand annotations, docs/annotation.md):
    precision, recall and F1 per type, PROPOSES F1 and role accuracy, abbreviation recall."""
    from extract import DEFAULT_MODEL
    from extract.evaluate import evaluate as score, read_gold

    try:
        records = read_gold(gold)
    except (ValueError, KeyError) as error:
        fail(f"{gold}: not a gold file ({error})")
    result = score(records, model or DEFAULT_MODEL)
    if not errors:
        result.pop("errors")
    if as_json:
        print_json(result)
        return
    click.echo(f"{result['papers']} papers of {gold}")
    click.echo(f"{'type':<10}{'precision':>10}{'recall':>8}{'F1':>7}{'gold':>6}")
    rows = [*result["types"].items(), ("PROPOSES", result["proposes"])]
    for label, row in rows:
        click.echo(f"{label:<10}{row['precision']:>10.3f}{row['recall']:>8.3f}"
                   f"{row['f1']:>7.3f}{row['gold']:>6}")
    click.echo(f"role accuracy (PROPOSES vs USES): {result['role_accuracy']:.3f}")
    click.echo(f"abbreviation recall: {result['abbreviation_recall']:.3f}")
    for error in result.get("errors", []):
        click.echo(f"- {error['title'][:60]} [{error['type']}] missed {error['missed']} "
                   f"extra {error['extra']}")


@main.group()
def bench() -> None:
    """Benchmarks: speed measured as ratios within one run (never timed tests)."""


@bench.command(name="extract")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--model", envvar="KG_SPACY_MODEL", default=None, help="spaCy model package.")
@click.option("--processes", "-j", type=click.IntRange(1), default=None,
              help="Processes for kg's side (default: every core).")
@JSON_OPTION
def bench_extract(paths: tuple[str, ...], model: str | None, processes: int | None,
                  as_json: bool) -> None:
    """Words per second of kg's extraction and of plain `nlp.pipe` over the full
    default pipeline, on the same texts (default: the bundled corpus)."""
    from extract import DEFAULT_MODEL
    from extract.bench import bench_extract as run_bench
    from kg.inputs import read_papers

    papers, _ = read_papers(paths)
    result = run_bench([paper.text for paper in papers], model or DEFAULT_MODEL, processes)
    if as_json:
        print_json(result)
        return
    click.echo(f"{result['texts']} texts, {result['words']:,} words")
    click.echo(f"kg extraction ({result['processes']} processes): "
               f"{result['kg_words_per_second']:>8,} words/s")
    click.echo(f"plain nlp.pipe, full pipeline:  {result['plain_words_per_second']:>8,} words/s")
    click.echo(f"speed-up: {result['speedup']}x")


@bench.command(name="build")
@click.argument("paths", nargs=-1, type=click.Path())
@JSON_OPTION
def bench_build(paths: tuple[str, ...], as_json: bool) -> None:
    """Time `kg build` into an empty store, then again unchanged (from the cache)."""
    from kg.build import bench_build as run_bench

    result = run_bench(paths)
    if as_json:
        print_json(result)
        return
    click.echo(f"{result['papers']} papers: first build {result['first_seconds']} s, "
               f"second {result['second_seconds']} s "
               f"({result['second_over_first']:.1%} of the first)")


@main.command()
@click.argument("name")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="HTML file to write.")
@click.option("--depth", type=click.IntRange(1, 3), default=1, show_default=True)
@STORE_OPTION
@friendly_errors
def viz(name: str, output: str, depth: int, store: str) -> None:
    """Write an interactive HTML page of the graph around NAME."""
    from viz import viz as write_page

    path = write_page(load(store), name, output, depth=depth)
    click.echo(f"Wrote {path}")
