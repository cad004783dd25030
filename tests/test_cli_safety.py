"""Output that cannot hurt: data never puts control characters or escape sequences on a
terminal, passwords in a Neo4j URI are never printed, and every user mistake (bad -o
path, bad URI, bad model, bad gold file, a 100,000-character name, an unexpected error)
is one line, never a traceback."""

from __future__ import annotations

import json
import os
import re

import pytest
from click.testing import CliRunner

from kg.api import open as open_graph
from kg.cli import main
from kg.cli.render import clean

HOSTILE = {
    "osc": "Set Title \x1b]0;pwned\x07 With Adam",
    "clear": "Clear \x1b[2J\x1b[H Screen With Adam",
    "c1": "Eight Bit \x9b31m CSI With Adam",
    "bidi": "Reversed \u202etxet\u202c Title With Adam",
    "bell": "Bell \x07\x08\x7f Title With Adam",
}
PROGRESS = re.compile(r"(Extracting|Loading|Asking [\w ]+)(: [\d,]+ of [\d,]+ \w+ \(\d+%\))?$")
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def kg(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def one_error_line(result, *, json_error: bool = False) -> str:
    """The single line a failed command printed on stderr; no traceback, nothing else."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines()
             if line.strip() and not PROGRESS.match(line.strip())]
    assert len(lines) == 1, result.stderr
    if json_error:
        return json.loads(lines[0])["error"]
    assert lines[0].startswith("Error: ")
    return lines[0]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    """A store of papers whose titles carry escape sequences and controls."""
    folder = tmp_path_factory.mktemp("hostile")
    papers = folder / "papers.jsonl"
    papers.write_text("".join(json.dumps({"title": title, "abstract": "We train with Adam on "
                                          "CIFAR-10 and compare to SGD."}) + "\n"
                              for title in HOSTILE.values()))
    store = folder / "store"
    result = kg("build", str(papers), "--store", str(store))
    assert result.exit_code == 0, result.output
    return store


def test_clean_strips_escape_sequences_and_controls():
    assert clean("a\x1b]0;title\x07b") == "ab"
    assert clean("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b") == "alinkb"
    assert clean("\x1b[2J\x1b[1;31mred\x1b[0m") == "red"
    assert clean("a\x9b2Jb\x85c\x00d\x7f") == "a2Jbcd"
    assert clean("left\u202eright\u2066") == "leftright"
    plain = "keeps\nnewlines\tand tabs, ünïcode, 中文"
    assert clean(plain) == plain
    assert clean("bolt://neo4j:s3cret@host:7687") == "bolt://neo4j:***@host:7687"


@pytest.mark.parametrize("args", [
    ("neighbors", "Adam"), ("neighbors", "Adam", "--depth", "2"), ("top",), ("stats",),
    *[("show", title) for title in HOSTILE.values()],
    *[("cites", title) for title in HOSTILE.values()],
    ("path", HOSTILE["osc"], HOSTILE["clear"]),
])
def test_hostile_titles_reach_the_terminal_clean(hostile_store, args):
    result = kg(*args, "--store", str(hostile_store))
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.output), repr(result.output)
    assert "With Adam" in result.output or args[0] == "stats"


def test_json_keeps_hostile_titles_exactly_but_escaped(hostile_store):
    result = kg("neighbors", "Adam", "--json", "--store", str(hostile_store))
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.output), repr(result.output)
    names = {row["name"] for row in json.loads(result.output)["neighbors"]}
    assert set(HOSTILE.values()) <= names


def test_graph_keeps_the_titles_as_given(hostile_store):
    with open_graph(hostile_store) as graph:
        titles = {node["name"] for node in graph.nodes("Paper")}
    assert titles == set(HOSTILE.values())


@pytest.mark.parametrize("uri", ["bolt://neo4j:s3cret@127.0.0.1:1",
                                 "neo4j://admin:s3cret@127.0.0.1:1",
                                 "bolt://admin:s3cret@[::1"])
@pytest.mark.parametrize("command", [("stats", "--backend", "neo4j"), ("load",)])
def test_a_password_in_the_uri_is_never_printed(hostile_store, uri, command):
    result = kg(*command, "--store", str(hostile_store), env={"NEO4J_URI": uri})
    line = one_error_line(result)
    assert "s3cret" not in result.output
    assert "NEO4J_PASSWORD" in line or "bad Neo4j URI" in line


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "https://example.org", "localhost:7687"])
def test_an_http_uri_says_to_use_bolt(uri):
    line = one_error_line(kg("stats", "--backend", "neo4j", env={"NEO4J_URI": uri}))
    assert "bolt://" in line and "neo4j://" in line


def test_output_path_errors_are_one_line(hostile_store, tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("")
    cases = {
        ("-o", str(tmp_path / "folder")): "Is a directory",
        ("-o", str(tmp_path / "file" / "page.html")): "is a file, not a folder",
        ("-o", "/proc/kg-test/page.html"): "/proc/kg-test",
    }
    for option, reason in cases.items():
        line = one_error_line(kg("viz", "Adam", *option, "--store", str(hostile_store)))
        assert reason in line, line
    line = one_error_line(kg("viz", "--all", str(tmp_path / "file"), "--store",
                             str(hostile_store)))
    assert "is a file, not a folder" in line
    if os.geteuid() != 0:  # root writes anywhere: unwritable cannot be shown as root
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        line = one_error_line(kg("viz", "Adam", "-o", str(locked / "p.html"), "--store",
                                 str(hostile_store)))
        assert "Permission denied" in line


def test_a_folder_that_is_not_a_spacy_pipeline_is_one_line(tmp_path):
    papers = tmp_path / "papers.jsonl"
    papers.write_text(json.dumps({"title": "A", "abstract": "We use Adam."}) + "\n")
    (tmp_path / "empty-model").mkdir()
    (tmp_path / "bad-model").mkdir()
    (tmp_path / "bad-model" / "config.cfg").write_text("[nlp]\nlang = 'xx-nope'\n")
    for model in ("empty-model", "bad-model"):
        for command in (("extract", str(papers)), ("build", str(papers), "--store",
                                                   str(tmp_path / "s"))):
            line = one_error_line(kg(*command, "--model", str(tmp_path / model)))
            assert "spaCy model" in line, line


@pytest.mark.parametrize("gold", [
    "not json\n", "[1, 2]\n", "5\n", '{"title": "a"}\n',
    '{"title": "a", "abstract": "b", "entities": "x", "abbreviations": []}\n',
    '{"title": "a", "abstract": "b", "entities": [{"name": 5}], "abbreviations": []}\n',
    '{"title": "a", "abstract": "b", "entities": [], "abbreviations": [1]}\n',
])
def test_malformed_gold_is_one_line(tmp_path, gold):
    path = tmp_path / "gold.jsonl"
    path.write_text(gold)
    line = one_error_line(kg("eval", str(path)))
    assert str(path) in line and "gold" in line


def test_long_names_are_cut_in_messages(hostile_store):
    name = "x" * 100_000
    for args in (("neighbors", name), ("show", name), ("path", name, "Adam")):
        line = one_error_line(kg(*args, "--store", str(hostile_store)))
        assert len(line) < 400 and "100,000 characters" in line


def test_errors_under_json_are_json_on_stderr(hostile_store, tmp_path):
    message = one_error_line(kg("neighbors", "nothing-like-this", "--json", "--store",
                                str(hostile_store)), json_error=True)
    assert "no node named" in message
    message = one_error_line(kg("stats", "--json", "--store", str(tmp_path / "none")),
                             json_error=True)
    assert "kg build" in message


def test_an_unexpected_error_is_one_line_and_kg_debug_shows_it(hostile_store, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("something no one expected")
    monkeypatch.setattr("kg.cli.query.open_graph", broken)
    line = one_error_line(kg("stats", "--store", str(hostile_store)))
    assert "something no one expected" in line and "KG_DEBUG" in line
    result = kg("stats", "--store", str(hostile_store), env={"KG_DEBUG": "1"})
    assert isinstance(result.exception, RuntimeError)
