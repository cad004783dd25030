"""CLI output that reads right (#13.4), on the graph of the bundled corpus: neighbour
groups once with their true totals, what --limit cut, rows beyond one hop naming the node
they came through, --format table|json|csv|tsv|nl, NO_COLOR, a missing .cypher file."""

from __future__ import annotations

import csv
import io
import json
import re
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
                                  ("cited-by", "Jordan et al., 2024")])
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
