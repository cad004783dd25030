"""Bad input is reported in one line naming file and line, skipped, and the rest is built."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main

GOOD = {"title": "Muon Goes Further", "abstract": "We study the Muon optimizer on CIFAR-10."}


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "broken-utf8.txt").write_bytes(
        b"A Title With a Bad Byte\n"
        + b"An abstract about Adam \xff\xfe that goes on. " * 20 + b"\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    lines = [json.dumps(GOOD), '{"title": "Broken", "abstract": ', json.dumps(
        {"title": "<script>alert(1)</script> Titles", "abstract": "We use AdamW."}),
        json.dumps({"title": "Huge", "abstract": "Muon is used. " * 80_000})]
    (folder / "papers.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_build_reports_each_problem_and_builds_the_rest(inputs, tmp_path):
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(inputs), "--store", str(store)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    messages = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert any("empty.txt" in m and "empty" in m for m in messages)
    assert any("binary.txt" in m and "binary" in m for m in messages)
    assert any("broken-utf8.txt:2" in m and "UTF-8" in m for m in messages)
    assert any("papers.jsonl:2" in m and "invalid JSON" in m for m in messages)
    assert any("papers.jsonl:4" in m and "cut" in m for m in messages)
    with kg.open(store) as graph:
        titles = {node["name"] for node in graph.nodes("Paper")}
    assert titles == {"Muon Goes Further", "<script>alert(1)</script> Titles", "Huge",
                      "A Title With a Bad Byte"}


def test_clean_input_exits_zero(tmp_path):
    path = tmp_path / "good.jsonl"
    path.write_text(json.dumps(GOOD) + "\n")
    result = CliRunner().invoke(main, ["build", str(path), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "1 papers" in result.output


def test_missing_file_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path / "nope.txt"),
                                       "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "nope.txt: cannot read" in result.stderr
    assert "Traceback" not in result.output


def test_query_without_a_store_says_what_to_do(tmp_path):
    result = CliRunner().invoke(main, ["neighbors", "Muon", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "kg build" in result.stderr


def test_missing_spacy_model_is_one_line(tmp_path):
    path = tmp_path / "good.jsonl"
    path.write_text(json.dumps(GOOD) + "\n")
    result = CliRunner().invoke(main, ["build", str(path), "--store", str(tmp_path / "s"),
                                       "--model", "no_such_model_package"])
    assert result.exit_code == 1
    assert "no_such_model_package" in result.stderr and "pip install" in result.stderr
    assert "Traceback" not in result.output
