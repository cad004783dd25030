"""The `kg` command line: each command is a thin shell over the library function
of the same name. Query commands never import spaCy."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps

import click

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


def print_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def fail(message: str, code: int = 1):
    """Print one clear line to stderr and exit: no traceback for users."""
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(code)


def friendly_errors(command: Callable) -> Callable:
    """Turn the library's expected errors into one line and a non-zero exit."""
    from kg.extract import ModelNotInstalled
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
        except (StoreError, Neo4jProblem) as error:
            fail(str(error))
    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """kg: a citation knowledge graph of research papers.

    Build the graph of the bundled corpus (or your files) with `kg build`, then
    ask it: `kg neighbors Muon`, `kg show DLL`, `kg path Muon Adam`,
    `kg top --type Method`, `kg viz Muon -o muon.html`. `kg load` copies it into
    Neo4j; `--backend neo4j` asks the server instead.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@STORE_OPTION
@MODEL_OPTION
@click.option("--processes", "-j", type=click.IntRange(1), default=None,
              help="Extraction processes (default: by corpus size and cores).")
@JSON_OPTION
@friendly_errors
def build(paths: tuple[str, ...], store: str, model: str, processes: int | None,
          as_json: bool) -> None:
    """Read papers from PATHS (files or folders; default: the bundled corpus),
    extract entities, and save the graph to the store.

    Inputs: listing pages (.txt), JSON Lines, JSON or CSV with title and abstract,
    OpenAlex works, Semantic Scholar papers, arXiv metadata and BibTeX; the format
    is told from the content. Bad input is reported one line each and skipped; exit
    status 1 says so.
    """
    from kg.build import build as build_graph

    bar = click.progressbar(length=0, label="Extracting", file=sys.stderr,
                            show_pos=True) if not as_json else None

    def on_papers(total: int) -> None:
        if bar is not None:
            bar.length = total
            bar.render_progress()

    summary = build_graph(paths, store, model, processes,
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


def ask(question: str, backend: str, store: str, uri: str, user: str, password: str | None,
        *args):
    """The answer of kg.query.<question>(graph, *args) from the embedded store, or of
    kg.neo4j.query.<question>(driver, *args) from Neo4j: the same answer either way."""
    if backend == "neo4j":
        from kg.neo4j import query
        from kg.neo4j.connect import connected

        with connected(uri, user, password) as driver:
            return getattr(query, question)(driver, *args)
    from kg import query
    return getattr(query, question)(load(store), *args)


@main.command()
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
        shared = f"{row['count']} paper" + ("s" if row["count"] != 1 else "")
        detail = f"  (in {shared})" if row["relation"] == "CO_OCCURS" else ""
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
@query_options
def stats(store: str, backend: str, uri: str, user: str, password: str | None,
          as_json: bool) -> None:
    """Counts of nodes per type and edges per relation."""
    result = ask("stats", backend, store, uri, user, password)
    if as_json:
        print_json(result)
        return
    for section in ("nodes", "edges"):
        click.secho(section.capitalize(), bold=True)
        for key, value in result[section].items():
            click.echo(f"  {key:<14} {value:>6}")


@main.command(name="load")
@STORE_OPTION
@neo4j_options
@click.option("--wipe", is_flag=True, help="Delete everything in the database first.")
@click.option("--batch-size", type=click.IntRange(1), default=1000, show_default=True,
              help="Nodes or relationships per transaction.")
@JSON_OPTION
@friendly_errors
def load_neo4j(store: str, uri: str, user: str, password: str | None, wipe: bool,
               batch_size: int, as_json: bool) -> None:
    """Load the graph of the store into Neo4j (`kg build` first).

    Applies cypher/schema.cypher, then merges nodes and relationships in batches:
    running it again changes nothing, a grown store adds what is new, and
    nothing is deleted unless --wipe. A load cut off halfway keeps what it wrote;
    run it again to finish.
    """
    from kg.neo4j import Neo4jProblem
    from kg.neo4j.connect import connected
    from kg.neo4j.load import load as load_graph
    from kg.neo4j.query import stats as count

    graph = load(store)
    total = graph.number_of_nodes() + graph.number_of_edges()
    bar = None if as_json else click.progressbar(  # drawn from the first batch on
        length=total, label="Loading", file=sys.stderr, show_pos=True)
    written = 0

    def on_progress(rows: int) -> None:
        nonlocal written
        written += rows
        if bar is not None:
            bar.update(rows)

    try:
        with connected(uri, user, password) as driver:
            summary = load_graph(graph, driver, wipe, batch_size, on_progress)
            result = count(driver)
    except Neo4jProblem as error:
        if written:
            raise Neo4jProblem(f"{error} — {written} of {total} rows were loaded and are "
                               "kept: run `kg load` again to finish") from None
        raise
    except ValueError as error:
        fail(str(error))
    if bar is not None:
        bar.render_finish()
    if as_json:
        print_json({**vars(summary), "database": result})
        return
    seconds = summary.node_seconds + summary.relationship_seconds
    click.echo(f"Loaded {summary.nodes} nodes and {summary.relationships} relationships into "
               f"{uri} in {seconds:.1f} s: {summary.nodes_created} nodes and "
               f"{summary.relationships_created} relationships were new")
    click.echo("Nodes: " + ", ".join(f"{k} {v}" for k, v in result["nodes"].items()))
    click.echo("Edges: " + ", ".join(f"{k} {v}" for k, v in result["edges"].items()))


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


def print_table(columns: list[str], rows: list[list[str]], width: int = 60) -> None:
    """Rows of text under their column names, each column as wide as it needs (at most
    `width`)."""
    cells = [[cell if len(cell) <= width else cell[:width - 1] + "…" for cell in row]
             for row in [columns, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    for number, row in enumerate(cells):
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if number == 0:
            click.echo("  ".join("-" * w for w in widths))
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


@main.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter, repeatable; VALUE is read as JSON if it parses.")
@neo4j_options
@JSON_OPTION
@friendly_errors
def cypher(query: str, params: tuple[str, ...], uri: str, user: str, password: str | None,
           as_json: bool) -> None:
    """Run a read-only Cypher QUERY on Neo4j and print the rows as a table.

    QUERY is Cypher, or the path of a .cypher file such as
    cypher/queries/papers_on_dataset.cypher. The query runs in read access mode:
    the server refuses anything that writes.
    """
    from pathlib import Path

    from kg.neo4j.connect import connected
    from kg.neo4j.query import cypher as run_query
    from kg.neo4j.query import plain, text

    if query.endswith(".cypher") and Path(query).is_file():
        query = Path(query).read_text(encoding="utf-8")
    with connected(uri, user, password) as driver:
        columns, rows = run_query(driver, query, parse_params(params))
    if as_json:
        print_json([{key: plain(row[key]) for key in columns} for row in rows])
        return
    print_table(columns, [[text(row[key]) for key in columns] for row in rows])


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True, help="Output format: one JSON object per paper.")
@MODEL_OPTION
@friendly_errors
def extract(paths: tuple[str, ...], output_format: str, model: str) -> None:
    """Print what extraction finds in each paper of PATHS, one JSON object per line.

    The format is documented in docs/extract-format.md.
    """
    from kg.extract import extract_papers
    from kg.inputs import read_papers

    papers, problems = read_papers(paths)
    for problem in problems:
        click.secho(f"skipped: {problem}", fg="yellow", err=True)
    for record in extract_papers(papers, model):
        click.echo(json.dumps(record, ensure_ascii=False))
    sys.exit(1 if problems else 0)


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@MODEL_OPTION
@click.option("--errors", is_flag=True, help="Also list what was missed and what was extra.")
@JSON_OPTION
@friendly_errors
def evaluate(gold: str, model: str, errors: bool, as_json: bool) -> None:
    """Score extraction against GOLD.jsonl (hand annotations, docs/annotation.md):
    precision, recall and F1 per type, PROPOSES F1 and role accuracy, abbreviation recall."""
    from kg.extract.evaluate import evaluate as score
    from kg.extract.evaluate import read_gold

    try:
        records = read_gold(gold)
    except (ValueError, KeyError) as error:
        fail(f"{gold}: not a gold file ({error})")
    result = score(records, model)
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
@MODEL_OPTION
@click.option("--processes", "-j", type=click.IntRange(1), default=None,
              help="Processes for kg's side (default: every core).")
@click.option("--repeat", type=click.IntRange(1), default=3, show_default=True,
              help="Runs of each side; the best time counts.")
@JSON_OPTION
@friendly_errors
def bench_extract(paths: tuple[str, ...], model: str, processes: int | None,
                  repeat: int, as_json: bool) -> None:
    """Words per second of kg's extraction and of plain `nlp.pipe` over the full
    default pipeline, on the same texts (default: the bundled corpus)."""
    from kg.extract.bench import bench_extract as run_bench
    from kg.inputs import read_papers

    papers, _ = read_papers(paths)
    result = run_bench([paper.text for paper in papers], model, processes,
                       repeat)
    if as_json:
        print_json(result)
        return
    click.echo(f"{result['texts']} texts, {result['words']:,} words, best of {repeat} runs")
    click.echo(f"kg extraction ({result['processes']} processes): "
               f"{result['kg_words_per_second']:>8,} words/s")
    click.echo(f"plain nlp.pipe, full pipeline:  {result['plain_words_per_second']:>8,} words/s")
    click.echo(f"speed-up: {result['speedup']}x")


@bench.command(name="build")
@click.argument("paths", nargs=-1, type=click.Path())
@JSON_OPTION
@friendly_errors
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


@bench.command(name="load")
@STORE_OPTION
@neo4j_options
@click.option("--batch-size", type=click.IntRange(2), default=1000, show_default=True,
              help="Rows per transaction of the batched loader.")
@click.option("--rounds", type=click.IntRange(1), default=3, show_default=True,
              help="Loads of each kind; the median counts.")
@click.option("--yes", is_flag=True, help="Do not ask before emptying the database.")
@JSON_OPTION
@friendly_errors
def bench_load(store: str, uri: str, user: str, password: str | None, batch_size: int,
               rounds: int, yes: bool, as_json: bool) -> None:
    """Relationships per second loading the store into Neo4j with batched UNWIND … MERGE
    and with one MERGE per transaction, in one run. Empties the database first; it
    ends holding the graph."""
    from kg.neo4j.bench import bench_load as run_bench
    from kg.neo4j.connect import connected

    if not yes:
        click.confirm(f"This deletes everything in the Neo4j database at {uri}. Go on?",
                      abort=True)
    with connected(uri, user, password) as driver:
        result = run_bench(load(store), driver, batch_size, rounds)
    if as_json:
        print_json(result)
        return
    click.echo(f"{result['relationships']} relationships, {result['nodes']} nodes; "
               f"median of {rounds} loads each")
    click.echo(f"batched ({batch_size} per transaction): "
               f"{result['batched_per_second']:>10,.0f} relationships/s")
    click.echo("one MERGE per transaction:      "
               f"{result['single_per_second']:>10,.0f} relationships/s")
    click.echo(f"speed-up: {result['speedup']:.1f}x")


@main.command()
@click.argument("name", required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--all", "all_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Instead of NAME: DIR/index.html, an overview of the corpus, and a page "
                   "for each of its top methods, datasets and concepts.")
@click.option("--depth", type=click.IntRange(1, 3), default=1, show_default=True,
              help="Hops from NAME.")
@click.option("--types", multiple=True, metavar="TYPES",
              help="Only nodes of these types, comma-separated or repeated (e.g. Paper,Method).")
@click.option("--min-weight", type=click.IntRange(1), default=1, show_default=True,
              help="Only edges of at least this weight (times the text names the link).")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="At most this many nodes around NAME, nearest and papers first.")
@STORE_OPTION
@friendly_errors
def viz(name: str | None, output: str | None, all_dir: str | None, depth: int,
        types: tuple[str, ...], min_weight: int, limit: int | None, store: str) -> None:
    """Write an interactive page of the graph around NAME to -o FILE.html, or with
    --all DIR an overview of the whole corpus. Pages are single files that work
    offline: open them in any browser.
    """
    from kg.viz import viz as write_page
    from kg.viz import viz_all

    if all_dir is not None:
        if name or output:
            raise click.UsageError("give either NAME -o FILE.html or --all DIR, not both")
        click.echo(f"Wrote {viz_all(load(store), all_dir)} and the pages it links to")
        return
    if not name or not output:
        raise click.UsageError("give NAME and -o FILE.html (or --all DIR)")
    labels = {label.lower(): label for label in NODE_LABELS}
    wanted = [part.strip() for value in types for part in value.split(",") if part.strip()]
    unknown = [part for part in wanted if part.lower() not in labels]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: not a type; the types are "
                                 f"{', '.join(NODE_LABELS)}", param_hint="--types")
    path = write_page(load(store), name, output, depth=depth, min_weight=min_weight,
                      types=[labels[part.lower()] for part in wanted] or None, limit=limit)
    click.echo(f"Wrote {path}")


def citation_tag(row: dict) -> str:
    """Why a link is there, in brackets: read from the input, from the text, or inferred."""
    if row["inferred"]:
        return f"[inferred, uses {', '.join(row['via'])}]"
    if row["marker"]:
        return f"[{row['source']}: {row['marker']}]"
    return f"[{row['source']}]"


def report_citations(result: dict, key: str, as_json: bool) -> None:
    """Print the answer of `cites` or `cited_by` (its rows under `key`) as JSON or text."""
    if as_json:
        print_json(result)
        return
    paper, rows = result["paper"], result[key]
    click.secho(f"{paper['name']} ({paper['type']})", bold=True)
    heading = key.replace("_", " ").capitalize()
    click.secho(f"\n{heading} ({len(rows)})", fg="cyan")
    for row in rows:
        kind = " (external)" if row["external"] else "" if row["type"] == "Paper" \
            else f" ({row['type']})"
        click.echo(f"  {row['relation']:<10} {row['name']}{kind}  {citation_tag(row)}")


@main.command()
@click.argument("paper")
@query_options
def cites(paper: str, store: str, backend: str, uri: str, user: str, password: str | None,
          as_json: bool) -> None:
    """The papers PAPER cites (CITES, read from its input or its in-text markers)
    and builds on (BUILDS_ON, inferred from the methods it uses), each marked.

    PAPER is a title (any case) or a paper id. `--backend neo4j` asks the server
    `kg load` filled: the same answer.
    """
    report_citations(ask("cites", backend, store, uri, user, password, paper), "cites",
                     as_json)


@main.command(name="cited-by")
@click.argument("paper")
@query_options
def cited_by(paper: str, store: str, backend: str, uri: str, user: str, password: str | None,
             as_json: bool) -> None:
    """The papers that cite PAPER or build on it, explicit and inferred, each marked.

    PAPER is a title, a paper id, or a reference such as "Jordan et al., 2024".
    `--backend neo4j` asks the server `kg load` filled: the same answer.
    """
    report_citations(ask("cited_by", backend, store, uri, user, password, paper), "cited_by",
                     as_json)


@main.command()
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
    ends = f"{result['source']['name']!r} and {result['target']['name']!r}"
    if result["hops"] is None:
        fail(f"no path joins {ends}")
    if as_json:
        print_json(result)
        return
    click.secho(f"{ends}: {len(result['hops'])} hop(s)", bold=True)
    click.echo(f"{result['source']['name']} ({result['source']['type']})")
    for step in result["hops"]:
        relation = step["relation"] + (" (inferred)" if step["inferred"] else "")
        arrow = f"—{relation}→" if step["direction"] == "out" else f"←{relation}—"
        click.echo(f"  {arrow}  {step['to']['name']} ({step['to']['type']})")
        if step["evidence"]:
            click.echo(f"      “{step['evidence']}”")


@main.command()
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
    if as_json:
        print_json(result)
        return
    click.secho(f"Top {label or 'nodes'} by {by}", bold=True)
    for row in result["top"]:
        kind = "" if label else f" ({row['type']})"
        click.echo(f"  {row['rank']:>3}. {row['name']}{kind}  {row['score']:g}")
