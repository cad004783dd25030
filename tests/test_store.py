"""The store is never destroyed: builds add or replace, run one at a time, survive kill -9,
and a damaged or unwritable store gets one line naming its path before any extraction."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from filelock import FileLock

import kg
from kg.build import NothingRead, build, rebuild
from kg.cli import main
from kg.graphdb.embedded import EmbeddedProblem
from kg.store import PaperStore, StoreError, live_graph

EXTRA = {"title": "FooMuon: A Variant of Muon", "abstract":
         "We propose FooMuon, a variant of Muon, and evaluate it on CIFAR-10."}
KG = [str(Path(sys.executable).parent / "kg")]


def write_jsonl(path: Path, *papers: dict) -> Path:
    path.write_text("".join(json.dumps(paper) + "\n" for paper in papers))
    return path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of the folder (but the lock file) with a digest of its bytes."""
    return {str(path.relative_to(folder)): hashlib.sha1(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file() and path.name != "build.lock"}


def papers_in(store: Path) -> set[str]:
    with kg.open(store) as graph:
        return {node["name"] for node in graph.nodes("Paper") if not node["external"]}


def never_extract(papers):
    raise AssertionError("extraction started")


@pytest.fixture
def corpus_store(store, tmp_path):
    """A copy of the session's corpus store (337 papers), free to change."""
    copy = tmp_path / "corpus-store"
    shutil.copytree(store, copy)
    return copy


def test_build_adds_and_replace_makes_a_store_of_just_the_inputs(corpus_store, tmp_path):
    extra = write_jsonl(tmp_path / "extra.jsonl", EXTRA)
    result = CliRunner().invoke(main, ["build", str(extra), "--store", str(corpus_store)])
    assert result.exit_code == 0, result.output
    assert "338 papers (1 read, 1 extracted, 337 from cache)" in result.output
    assert re.search(r"Graph derived from all 338 papers and written in [0-9.]+ s", result.output)
    assert result.stderr.splitlines()[-1] == "Extracting: 1 of 1 papers (100%)"  # not a tty
    assert len(papers_in(corpus_store)) == 338 and EXTRA["title"] in papers_in(corpus_store)
    # Adding the same paper again updates it: still 338, nothing extracted.
    again = build([extra], corpus_store, extractor=never_extract)
    assert (again.papers, again.read, again.extracted) == (338, 1, 0)
    # An updated abstract replaces the stored one, by id (the title here).
    changed = write_jsonl(tmp_path / "changed.jsonl", {**EXTRA, "abstract": EXTRA["abstract"]
                                                       + " FooMuon also beats AdamW."})
    assert build([changed], corpus_store).papers == 338
    with PaperStore(corpus_store / "papers.sqlite") as papers:
        stored = [p for p in papers.papers() if p.title == EXTRA["title"]]
    assert len(stored) == 1 and "beats AdamW" in stored[0].abstract
    assert len(stored[0].sources) == 2  # both files that listed it
    # --replace: a store of just this file.
    result = CliRunner().invoke(main, ["build", str(extra), "--replace",
                                       "--store", str(corpus_store)])
    assert result.exit_code == 0, result.output
    assert papers_in(corpus_store) == {EXTRA["title"]}


def test_a_build_that_reads_nothing_changes_nothing(corpus_store, tmp_path):
    before = snapshot(corpus_store)
    (tmp_path / "empty").mkdir()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": \n[1, 2]\n')
    for inputs in ([tmp_path / "missing.jsonl"], [tmp_path / "empty"], [bad]):
        for replace in (False, True):
            result = CliRunner().invoke(main, ["build", *map(str, inputs), "--store",
                                               str(corpus_store), *["--replace"] * replace])
            assert result.exit_code == 1, result.output
            errors = [line for line in result.output.splitlines() if line.startswith("Error")]
            assert len(errors) == 1 and "unchanged" in errors[0], result.output
            assert "Traceback" not in result.output
    assert snapshot(corpus_store) == before
    # Nor does it create a store that was not there.
    with pytest.raises(NothingRead):
        build([tmp_path / "empty"], tmp_path / "new-store")
    assert not (tmp_path / "new-store").exists()


DAMAGE = {
    "store is a file": lambda s: s.write_text("not a folder"),
    "papers.sqlite is garbage": lambda s: (s.mkdir(), (s / "papers.sqlite").write_text("x" * 200)),
    "papers.sqlite is a folder": lambda s: (s.mkdir(), (s / "papers.sqlite").mkdir()),
    "CURRENT is a folder": lambda s: (s.mkdir(), (s / "CURRENT").mkdir()),
    "old graph.json null": lambda s: (s.mkdir(), (s / "graph.json").write_text("null")),
    "old graph.json []": lambda s: (s.mkdir(), (s / "graph.json").write_text("[]")),
    "old graph.json, a node with no label": lambda s: (s.mkdir(), (s / "graph.json").write_text(
        json.dumps({"directed": True, "multigraph": True, "nodes": [{"id": "x"}],
                    "edges": []}))),
    "old graph.json is a folder": lambda s: (s.mkdir(), (s / "graph.json").mkdir()),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_store_is_one_line_naming_it_before_any_extraction(kind, tmp_path):
    store = tmp_path / "store"
    DAMAGE[kind](store)
    extra = write_jsonl(tmp_path / "extra.jsonl", EXTRA)
    with pytest.raises(StoreError) as raised:
        build([extra], store, extractor=never_extract)
    message = str(raised.value)
    assert "\n" not in message and str(store) in message, message
    result = CliRunner().invoke(main, ["build", str(extra), "--store", str(store)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.count("Error:") == 1 and str(store) in result.output
    # Queries say one line too.
    result = CliRunner().invoke(main, ["stats", "--store", str(store)])
    assert result.exit_code != 0 and result.output.count("Error:") == 1, result.output


def test_an_empty_papers_file_is_a_store_being_created_not_a_damaged_one(tmp_path):
    # What a second build sees while the first one creates the store (before its lock).
    store = tmp_path / "store"
    store.mkdir()
    (store / "papers.sqlite").touch()
    extra = write_jsonl(tmp_path / "extra.jsonl", EXTRA)
    assert build([extra], store).papers == 1


def test_an_emptied_papers_file_of_a_built_store_is_damage(small_store, tmp_path):
    # ... but in a store that has a graph, an empty papers file is lost papers (review 40)
    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    (store / "papers.sqlite").write_bytes(b"")
    with pytest.raises(StoreError, match="damaged"):
        build([write_jsonl(tmp_path / "extra.jsonl", EXTRA)], store, extractor=never_extract)


def drop_counts_table(generation: Path) -> None:
    """The index as kg wrote it before 27a9652: no `counts` table."""
    with sqlite3.connect(generation / "index.sqlite") as index:
        index.execute("DROP TABLE counts")


def zero_pages(path: Path) -> None:
    """Zero the first bytes of every 4 KiB page after the first."""
    data = bytearray(path.read_bytes())
    for start in range(4096, len(data), 4096):
        data[start:start + 64] = bytes(64)
    path.write_bytes(data)


GENERATION_DAMAGE = {
    "an index of before 27a9652 (no counts table)": drop_counts_table,
    "no index.sqlite": lambda g: (g / "index.sqlite").unlink(),
    "no graph.lbug": lambda g: (g / "graph.lbug").unlink(),
    "index.sqlite is not SQLite": lambda g: (g / "index.sqlite").write_text("garbage"),
    "graph.lbug cut short": lambda g: (g / "graph.lbug").write_bytes(
        (g / "graph.lbug").read_bytes()[:5000]),
    "graph.lbug with zeroed pages": lambda g: zero_pages(g / "graph.lbug"),
}
QUERIES = [["stats"], ["neighbors", "FooMuon"], ["show", "FooMuon"], ["search", "muon"],
           ["top"], ["path", "FooMuon", "Muon"], ["cites", "FooMuon"],
           ["cypher", "MATCH (p:Paper) RETURN count(p)"], ["similar", "FooMuon"]]


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """A store built from one paper (EXTRA)."""
    folder = tmp_path_factory.mktemp("small")
    build([write_jsonl(folder / "extra.jsonl", EXTRA)], folder / "store")
    return folder / "store"


@pytest.mark.parametrize("kind", GENERATION_DAMAGE)
def test_a_damaged_generation_is_one_line_for_queries_and_rebuilt_by_a_build(kind, small_store,
                                                                               tmp_path):
    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    generation = live_graph(store)
    GENERATION_DAMAGE[kind](generation)
    for query in QUERIES:
        result = CliRunner().invoke(main, [*query, "--store", str(store)])
        assert result.exit_code == 1, (query, result.output)
        (line,) = result.output.splitlines()
        assert line.startswith(f"Error: {generation}: ") and "`kg rebuild`" in line, line
    with pytest.raises(EmbeddedProblem, match="kg rebuild"):
        kg.open(store)
    result = CliRunner().invoke(main, ["rebuild", "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["extracted"] == 0, "the papers' extraction is cached"
    assert papers_in(store) == {EXTRA["title"]}
    assert rebuild(store, extractor=never_extract).papers == 1


def test_a_store_without_a_live_generation_is_one_line(small_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    (store / "CURRENT").write_text("graph-99\n")
    with pytest.raises(StoreError, match="CURRENT"):
        kg.open(store)
    result = CliRunner().invoke(main, ["stats", "--store", str(store)])
    assert result.exit_code == 1 and len(result.output.splitlines()) == 1, result.output
    assert "CURRENT" in result.output
    (store / "CURRENT").unlink()
    with pytest.raises(StoreError, match="run `kg build` first"):
        kg.open(store)
    assert rebuild(store, extractor=never_extract).papers == 1
    assert papers_in(store) == {EXTRA["title"]}


def run_kg(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([*KG, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)


def test_concurrent_builds_both_finish_or_the_second_says_one_line(tmp_path):
    store = tmp_path / "store"
    first = write_jsonl(tmp_path / "first.jsonl", EXTRA)
    second = write_jsonl(tmp_path / "second.jsonl", {
        "title": "BarNet for Graphs", "abstract": "We propose BarNet and test it on Cora."})
    builds = [run_kg("build", str(path), "--store", str(store)) for path in (first, second)]
    outputs = [build.communicate(timeout=300) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], outputs
    assert papers_in(store) == {EXTRA["title"], "BarNet for Graphs"}
    # While a build holds the lock, --no-wait stops with one line; without it, a build waits.
    with FileLock(store / "build.lock"):
        stopped = run_kg("build", str(first), "--no-wait", "--store", str(store))
        out, err = stopped.communicate(timeout=120)
        assert stopped.returncode == 1 and "another build" in err and err.count("\n") == 1, err
        waiting = run_kg("build", str(first), "--store", str(store))
        line = waiting.stderr.readline()
        assert "waiting for another build" in line
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert "2 papers" in out


def wait_for(predicate, process: subprocess.Popen) -> bool:
    """Poll until predicate() holds or the process ends; True if it held."""
    while process.poll() is None:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def cached_records(store: Path) -> int:
    try:
        with sqlite3.connect(f"{(store / 'papers.sqlite').as_uri()}?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM extractions").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_9_keeps_the_extractions_it_had_finished(tmp_path):
    store = tmp_path / "store"
    build_ = run_kg("build", "-j", "1", "--store", str(store))
    assert wait_for(lambda: cached_records(store) >= 100, build_), build_.communicate()
    build_.send_signal(signal.SIGKILL)
    build_.wait()
    kept = cached_records(store)
    assert kept >= 100
    with pytest.raises(StoreError):  # no generation was written: no graph yet, one line
        kg.open(store)
    summary = build(store=store)
    assert summary.papers == 337 and summary.cached >= kept and summary.extracted <= 337 - kept


def live_children(pid: int) -> set[int]:
    """The processes `pid` forked that still run (Linux /proc; zombies are done)."""
    listing = Path(f"/proc/{pid}/task/{pid}/children")
    found = {int(child) for child in listing.read_text().split()} if listing.exists() else set()
    return {child for child in found if running(child)}


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc; PR_SET_PDEATHSIG is Linux's")
def test_kill_9_leaves_no_extraction_worker_behind(tmp_path):
    build_ = run_kg("build", "-j", "2", "--store", str(tmp_path / "store"))
    assert wait_for(lambda: len(live_children(build_.pid)) >= 2, build_), build_.communicate()
    workers = live_children(build_.pid)
    build_.send_signal(signal.SIGKILL)
    build_.wait()
    deadline = time.monotonic() + 60  # a bound for a stuck machine, not a speed check
    while any(running(worker) for worker in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(running(worker) for worker in workers), "workers outlived kg build"


def generation_appeared(store: Path, live: str) -> bool:
    return any(path.name != live for path in store.glob("graph-*")) or \
        (store / "CURRENT").read_text().strip() != live


@pytest.mark.parametrize("moment", ["locked", "stored", "writing"])
def test_kill_9_at_any_moment_leaves_a_complete_store(moment, corpus_store, tmp_path):
    extra = write_jsonl(tmp_path / "extra.jsonl", EXTRA)
    live = (corpus_store / "CURRENT").read_text().strip()
    before = papers_in(corpus_store)
    moments = {
        "locked": lambda: (corpus_store / "papers.sqlite-wal").exists(),
        "stored": lambda: cached_records(corpus_store) > 337,
        "writing": lambda: generation_appeared(corpus_store, live),
    }
    process = run_kg("build", str(extra), "--store", str(corpus_store))
    wait_for(moments[moment], process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = papers_in(corpus_store)
    assert after in (before, before | {EXTRA["title"]})
    result = CliRunner().invoke(main, ["neighbors", "Muon", "--store", str(corpus_store)])
    assert result.exit_code == 0 and "NorMuon" in result.output
    # The next build finishes what was cut off.
    assert build([extra], corpus_store).papers == 338
    assert papers_in(corpus_store) == before | {EXTRA["title"]}


@contextmanager
def read_only(folder: Path):
    """The folder made read-only for this process: chmod, or for root (who writes
    anywhere) a read-only bind mount of it onto itself."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"root cannot make a read-only folder here: {mounted.stderr.strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_store_is_one_line(corpus_store, tmp_path):
    extra = write_jsonl(tmp_path / "extra.jsonl", EXTRA)
    with read_only(corpus_store):
        with pytest.raises(OSError):
            (corpus_store / "probe").write_text("")
        result = CliRunner().invoke(main, ["build", str(extra), "--store", str(corpus_store)])
        assert result.exit_code == 1, result.output
        assert result.output.count("Error:") == 1 and "read-only" in result.output
        assert str(corpus_store) in result.output and "Traceback" not in result.output
        assert len(papers_in(corpus_store)) == 337  # and it still answers


def nothing_found(papers):
    """An extractor that finds nothing: for tests of the papers, not the entities."""
    return ({"entities": [], "mentions": [], "extends": [], "abbreviations": []} for _ in papers)


def test_builds_merge_the_same_work_and_keep_distinct_works_apart(tmp_path):
    store = tmp_path / "store"
    web = [{"title": "Online reference", "year": 2000 + n} for n in range(3)]
    lecun = {"title": "Deep learning", "authors": ["Yann LeCun"], "year": 2015}
    first = build([write_jsonl(tmp_path / "a.jsonl", *web, lecun)], store,
                  extractor=nothing_found)
    assert (first.papers, first.problems) == (4, [])
    # The same work from another source, with a DOI: one paper, its key kept, the DOI added.
    doi = {**lecun, "title": "Deep learning.", "id": "https://doi.org/10.1038/nature14539",
           "abstract": "Deep learning allows computational models to learn."}
    goodfellow = {"title": "Deep Learning", "authors": ["Ian Goodfellow"], "year": 2016}
    second = build([write_jsonl(tmp_path / "b.jsonl", doi, goodfellow)], store,
                   extractor=nothing_found)
    assert second.papers == 5
    with PaperStore(store / "papers.sqlite") as papers:
        stored = {p.key: p for p in papers.papers()}
    assert len({key for key in stored if stored[key].title == "Online reference"}) == 3
    merged = [p for p in stored.values() if p.authors == ["Yann LeCun"]]
    assert len(merged) == 1 and merged[0].doi == "10.1038/nature14539"
    assert merged[0].abstract.startswith("Deep learning allows") and len(merged[0].sources) == 2
    # One id for a different title, in a later build: said, and kept apart.
    clash = build([write_jsonl(tmp_path / "c.jsonl", {"title": "Something Else Entirely",
                                                       "id": merged[0].key})],
                  store, extractor=nothing_found)
    assert clash.papers == 6 and len(clash.problems) == 1
    assert "is also the id of 'Deep learning.'" in str(clash.problems[0])
