"""CLI output that reads right (#13.4), on the graph of the bundled corpus: neighbour
groups once with their true totals, what --limit cut, rows beyond one hop naming the node
they came through, --format table|json|csv|tsv|nl, NO_COLOR, a missing .cypher file."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
from collections import Counter

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main

HEADING = re.compile(r"^(\w+)s \((\d+)(?: of (\d+))?\)$")


def answer(store, question: str, *args, **kwargs) -> dict:
    """kg.open(store).<question>(*args, **kwargs).to_dict(): what the library says."""
    with kg.open(store) as graph:
        return getattr(graph, question)(*args, **kwargs).to_dict()


def run(store, *args: str, **invoke):
    result = CliRunner().invoke(main, [*args, "--store", str(store)], **invoke)
    assert result.exit_code == 0, result.output
    return result.output


def headings(output: str) -> list[tuple[str, int, int]]:
    """(type, shown, total) of each group heading of `kg neighbors` text."""
    found = []
    for line in output.splitlines():
        if match := HEADING.match(line):
            label, shown, total = match.groups()
            found.append((label, int(shown), int(total or shown)))
    return found


@pytest.mark.parametrize("name, depth", [("Muon", 1), ("AdamW", 2), ("Adam", 2)])
def test_neighbors_prints_each_group_once_with_its_true_total(store, name, depth):
    output = run(store, "neighbors", name, "--depth", str(depth), "--limit", "0")
    totals = Counter(row["type"] for row in answer(store, "neighbors", name,
                                                     depth=depth)["neighbors"])
    groups = headings(output)
    assert [label for label, _, _ in groups] == list(dict.fromkeys(
        label for label, _, _ in groups))  # each type once
    assert {label: total for label, _, total in groups} == dict(totals)
    assert all(shown == total for _, shown, total in groups)
    assert "--limit" not in output


def test_limit_says_what_it_cut(store):
    every = answer(store, "neighbors", "Muon")["neighbors"]
    output = run(store, "neighbors", "Muon", "--limit", "5")
    groups = headings(output)
    assert sum(shown for _, shown, _ in groups) == 5
    totals = Counter(row["type"] for row in every)
    assert {label: total for label, _, total in groups} == {
        label: totals[label] for label, _, _ in groups}
    cut = output.strip().splitlines()[-1]
    assert cut.startswith(f"--limit 5 left out {len(every) - 5} of {len(every)}: ")
    kept = Counter(row["type"] for row in every[:5])
    for label, count in totals.items():
        if count > kept[label]:
            assert f"{label} {count - kept[label]}" in cut


def test_rows_beyond_one_hop_name_the_node_they_came_through(store):
    rows = answer(store, "neighbors", "AdamW", depth=2)["neighbors"]
    far = [row for row in rows if row["depth"] == 2]
    assert far
    lines = run(store, "neighbors", "AdamW", "--depth", "2", "--limit", "0").splitlines()
    for row in far[:20]:
        assert any(row["name"] in line and f"2 hops, via {row['via']}" in line
                   for line in lines), row


@pytest.mark.parametrize("args", [("neighbors", "Muon", "--limit", "7"), ("top",),
                                  ("stats",), ("show", "Muon"), ("path", "Muon", "Adam"),
                                  ("cited-by", "Jordan et al., 2024"),
                                  ("similar", "Muon is Scalable for LLM Training"),
                                  ("search", "orthogonal"),
                                  ("cites", "Convolution Aware Initialization"),
                                  ("cypher", "MATCH (m:Method) RETURN m.name AS name, "
                                   "m.degree AS degree ORDER BY degree DESC, name LIMIT 5")])
def test_formats_carry_the_same_rows(store, args):
    data = json.loads(run(store, *args, "--json"))
    assert json.loads(run(store, *args, "--format", "json")) == data
    table = [json.loads(line) for line in run(store, *args, "--format", "nl").splitlines()]
    comma = list(csv.DictReader(io.StringIO(run(store, *args, "--format", "csv"))))
    tab = list(csv.DictReader(io.StringIO(run(store, *args, "--format", "tsv")),
                              delimiter="\t"))
    aligned = run(store, *args, "--format", "table").splitlines()
    assert len(table) == len(comma) == len(tab) == len(aligned) - 3 > 0
    assert aligned[-1] == f"({len(table)} row{'s' if len(table) != 1 else ''})"
    assert comma == tab
    for row, line in zip(table, comma, strict=True):
        assert row.keys() == line.keys()
        assert all(str(value) == line[key] for key, value in row.items()
                   if isinstance(value, str | int) and not isinstance(value, bool))


def test_csv_rows_are_the_library_answer(store):
    rows = list(csv.DictReader(io.StringIO(run(store, "top", "--by", "pagerank",
                                               "--format", "csv"))))
    expected = answer(store, "top", by="pagerank")["top"]
    assert [row["name"] for row in rows] == [row["name"] for row in expected]
    counts = {(r["kind"], r["name"]): int(r["count"]) for r in csv.DictReader(
        io.StringIO(run(store, "stats", "--format", "csv")))}
    counted = answer(store, "stats")
    assert counts == {(kind[:-1], name): n for kind in ("nodes", "edges")
                      for name, n in counted[kind].items()}


def test_no_color_is_honoured(store):
    coloured = run(store, "neighbors", "Muon", color=True)
    assert "\x1b[" in coloured
    plain = run(store, "neighbors", "Muon", color=True, env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_a_missing_cypher_file_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["cypher", str(tmp_path / "nope.cypher"), "--store",
                                       str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {tmp_path / 'nope.cypher'}: no such .cypher file"]


def test_a_missing_cypher_file_is_one_json_line_under_json(tmp_path):
    result = CliRunner().invoke(main, ["cypher", str(tmp_path / "nope.cypher"), "--json"])
    assert result.exit_code == 1 and result.stdout == ""
    assert [json.loads(line) for line in result.stderr.splitlines()] == [
        {"error": f"{tmp_path / 'nope.cypher'}: no such .cypher file"}]


NOWHERE = "xqzvwk"  # no name, alias or word of the corpus
QUERY_ERRORS = {  # each query command, arguments it must refuse, what the error says
    "neighbors": ([NOWHERE], "no node named"),
    "show": ([NOWHERE], "no node named"),
    "cites": ([NOWHERE], "no node named"),
    "cited-by": ([NOWHERE], "no node named"),
    "path": (["Muon", NOWHERE], "no node named"),
    "similar": ([NOWHERE], "no node named"),
    "search": (["Muon", "--type", "Bogus"], "Invalid value for '--type'"),
    "top": (["--by", "fame"], "Invalid value for '--by'"),
    "stats": (["--bogus"], "No such option"),
    "cypher": (["MATCH (n RETURN n"], "Parser exception"),
}


def query_commands() -> set[str]:
    """The commands that take the query options (--backend among them)."""
    return {name for name, command in main.commands.items()
            if any(param.name == "backend" for param in command.params)}


def test_every_query_command_has_an_error_case():
    assert set(QUERY_ERRORS) == query_commands()


@pytest.mark.parametrize("asked", [["--json"], ["--format", "json"], ["--format=nl"]])
@pytest.mark.parametrize("command", sorted(QUERY_ERRORS))
def test_errors_under_json_are_one_json_line_on_stderr(store, command, asked):
    args, says = QUERY_ERRORS[command]
    result = CliRunner().invoke(main, [command, *args, *asked, "--store", str(store)])
    assert result.exit_code in (1, 2) and result.stdout == "", result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert json.loads(lines[0]).keys() == {"error"}
    assert says in json.loads(lines[0])["error"]
    plain = CliRunner().invoke(main, [command, *args, "--store", str(store)])
    assert plain.exit_code == result.exit_code and "Traceback" not in plain.stderr
    assert f"Error: {json.loads(lines[0])['error']}" in plain.stderr


@pytest.mark.parametrize("command", sorted(QUERY_ERRORS))
def test_an_unreachable_server_is_a_json_error_too(command, tmp_path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = {"cypher": ["RETURN 1"], "stats": [], "top": [], "search": ["Muon"],
            "path": ["Muon", "Adam"]}.get(command, ["Muon"])
    result = CliRunner().invoke(main, [command, *args, "--backend", "neo4j", "--uri",
                                       f"bolt://127.0.0.1:{port}", "--json"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "cannot reach Neo4j" in json.loads(result.stderr)["error"]


def test_kg_similar_rows_are_the_library_answer(store):
    title = "Muon is Scalable for LLM Training"
    expected = answer(store, "similar", title, limit=5)["related"]
    rows = list(csv.DictReader(io.StringIO(run(store, "similar", title, "--limit", "5",
                                               "--format", "csv"))))
    assert [(row["rank"], row["id"], row["title"], row["reason"]) for row in rows] == [
        (str(rank), item["id"], item["title"], item["reason"])
        for rank, item in enumerate(expected, start=1)]
    assert [float(row["score"]) for row in rows] == [item["score"] for item in expected]
    assert len(rows) == 5
