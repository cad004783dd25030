"""`kg enrich` against a local HTTP server that replays recorded OpenAlex and Semantic
Scholar answers (tests/data/enrich/, written in the APIs' documented shapes). Never
the internet."""

from __future__ import annotations

import copy
import json
import socket
from dataclasses import asdict

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.enrich.http import EnrichError, retry_after
from kg.enrich.lookup import StorePapers, enrich_papers, open_source
from kg.enrich.works import search_words, titles_match
from kg.model import CITES, Paper, normalize_title
from tests.replay import (
    AUON,
    FANTASTIC,
    KOVALEV,
    MUON,
    NORMUON,
    PRACTICAL,
    TURBO,
    recorded,
    serve,
    without_extraction,
)


@pytest.fixture
def openalex(monkeypatch):
    with recorded("openalex", monkeypatch) as server:
        yield server


@pytest.fixture
def s2(monkeypatch):
    with recorded("semantic-scholar", monkeypatch) as server:
        yield server


def by_title(papers: list[Paper]) -> dict[str, Paper]:
    return {normalize_title(paper.title): paper for paper in papers}


def test_openalex_gives_corpus_papers_authors_years_and_citations(corpus, openalex, tmp_path):
    papers = copy.deepcopy(corpus)
    waits: list[float] = []
    source = open_source("openalex", tmp_path, sleep=waits.append)
    result = enrich_papers(papers, source)
    found = by_title(papers)
    muon, normuon, kovalev = (found[normalize_title(t)] for t in (MUON, NORMUON, KOVALEV))

    assert result.looked_up == len(corpus) == 337
    assert result.matched == 6  # the six recorded works whose titles match
    assert muon.authors[:2] == ["Jingyuan Liu", "Jianlin Su"] and len(muon.authors) == 28
    assert (muon.year, muon.arxiv_id, muon.doi) == (2025, "2502.16982",
                                                    "10.48550/arxiv.2502.16982")
    assert muon.venue == "arXiv (Cornell University)"
    assert f"{openalex.url}/works/W4407786254" in muon.sources
    # 'Linear-time' against OpenAlex's 'Linear-Time': one title.
    assert found[normalize_title(AUON)].authors == ["Dipan Maity"]

    # NorMuon cites two corpus papers (linked to them) and four outside works, named
    # by their titles; the cited work OpenAlex could not name is left out.
    cited = {ref["title"]: ref for ref in normuon.references}
    assert cited[MUON]["id"] == muon.key
    assert cited[PRACTICAL]["id"] == found[normalize_title(PRACTICAL)].key
    assert cited["Adam: A Method for Stochastic Optimization"]["id"] == "openalex:W1522301498"
    assert cited["Adam: A Method for Stochastic Optimization"]["year"] == 2014
    assert set(cited) == {MUON, PRACTICAL, "Adam: A Method for Stochastic Optimization",
                          "Decoupled Weight Decay Regularization",
                          "Shampoo: Preconditioned Stochastic Tensor Optimization",
                          "Muon: An optimizer for hidden layers in neural networks"}
    assert result.untitled == 1
    assert all(ref["title"] for paper in papers for ref in paper.references)

    # Cited works were named in one batch, never the store's own works.
    batches = [params for path, params, _ in openalex.log if "filter" in params]
    assert len(batches) == 1
    asked = set(batches[0]["filter"].removeprefix("openalex:").split("|"))
    assert asked == {"W1522301498", "W2963403868", "W2626778328", "W2787894218", "W4394744330",
                     "W4389999999", "W4401981513"}
    assert all(params.get("mailto") == "kg-tests@example.org"
               and params.get("api_key") == "secret-key-456" for _, params, _ in openalex.log)
    source.client.close()
    cache = b"".join(path.read_bytes() for path in tmp_path.glob("enrich-cache.sqlite*"))
    assert b"Jingyuan Liu" in cache and b"secret-key-456" not in cache

    graph = without_extraction(papers)
    assert graph.has_edge(normuon.key, muon.key, key=CITES)
    assert graph.has_edge(kovalev.key, muon.key, key=CITES)
    assert graph.nodes["openalex:W1522301498"]["external"]
    assert graph.nodes["openalex:W1522301498"]["title"] == (
        "Adam: A Method for Stochastic Optimization")
    inside = [(a, b) for a, b, key in graph.edges(keys=True) if key == CITES
              and graph.nodes[a]["label"] == graph.nodes[b]["label"] == "Paper"
              and not graph.nodes[a]["external"] and not graph.nodes[b]["external"]]
    assert len(inside) == result.inside == 7
    # Kovalev's abstract cites "(Liu et al., 2025)": with the authors and year
    # enrichment gave Muon is Scalable, the marker resolves to it.
    assert graph.nodes["reference:liu-etal-2025"]["resolves_to"] == muon.key
    assert "in-text" in graph.edges[kovalev.key, muon.key, CITES]["found_in"]
    unenriched = without_extraction(copy.deepcopy(corpus))
    assert unenriched.nodes["reference:liu-etal-2025"]["resolves_to"] is None


def test_a_title_that_does_not_match_is_rejected(corpus, openalex, tmp_path):
    papers = copy.deepcopy(corpus)
    result = enrich_papers(papers, open_source("openalex", tmp_path, sleep=lambda _: None))
    turbo = by_title(papers)[normalize_title(TURBO)]
    assert (turbo.authors, turbo.year, turbo.references) == ([], None, [])
    assert {found for paper, found in result.rejected if paper == TURBO} == {
        "Accelerating Newton-Schulz Iteration for Orthogonalization via Chebyshev-type "
        "Polynomials", "Muon: An optimizer for hidden layers in neural networks"}
    # The search found NorMuon's page with another work after it: the match is NorMuon.
    assert by_title(papers)[normalize_title(NORMUON)].authors[0] == "Zichong Li"


def test_a_429_is_retried_after_the_time_it_asks(corpus, openalex, tmp_path):
    papers = copy.deepcopy(corpus)
    waits: list[float] = []
    enrich_papers(papers, open_source("openalex", tmp_path, sleep=waits.append))
    asked = [params for path, params, _ in openalex.log
             if params.get("search") == search_words(FANTASTIC)]
    assert len(asked) == 2 and waits == [2.0]
    assert by_title(papers)[normalize_title(FANTASTIC)].authors[0] == "Kaiyue Wen"


def test_answers_are_cached_and_matched_papers_not_asked_again(corpus, openalex, tmp_path):
    papers = copy.deepcopy(corpus)
    first = enrich_papers(papers, open_source("openalex", tmp_path, sleep=lambda _: None))
    again = enrich_papers(copy.deepcopy(corpus),
                          open_source("openalex", tmp_path, sleep=lambda _: None))
    assert first.requests == len(openalex.log) > 337
    assert again.requests == 0 and again.matched == first.matched
    # A store already enriched: the matched papers are skipped, the rest asked again.
    rerun = enrich_papers(papers, open_source("openalex", tmp_path, sleep=lambda _: None))
    assert rerun.looked_up == 337 - first.matched and rerun.changed == []


def test_limit_asks_only_that_many_papers(corpus, openalex, tmp_path):
    papers = copy.deepcopy(corpus)
    ticks: list[int] = []
    result = enrich_papers(papers, open_source("openalex", None, sleep=lambda _: None), limit=5,
                           on_progress=ticks.append)
    assert result.looked_up == 5 == sum(ticks)
    assert len([params for _, params, _ in openalex.log if "search" in params]) == 5


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_api_is_one_line_and_changes_nothing(corpus, monkeypatch, tmp_path):
    monkeypatch.setenv("KG_OPENALEX_URL", f"http://127.0.0.1:{unused_port()}")
    papers = copy.deepcopy(corpus)
    with pytest.raises(EnrichError) as error:
        enrich_papers(papers, open_source("openalex", tmp_path, sleep=lambda _: None))
    assert "cannot reach OpenAlex" in str(error.value) and "\n" not in str(error.value)
    assert [asdict(p) for p in papers] == [asdict(p) for p in corpus]


def test_a_server_error_that_lasts_stops_after_backing_off(corpus, monkeypatch, tmp_path):
    broken = serve([], lambda path, params: {"status": 503, "body": {"error": "busy"}})
    monkeypatch.setenv("KG_OPENALEX_URL", broken.url)
    papers, waits = copy.deepcopy(corpus), []
    with pytest.raises(EnrichError, match="HTTP 503.*5 times"):
        enrich_papers(papers, open_source("openalex", tmp_path, sleep=waits.append))
    broken.shutdown()
    broken.server_close()
    assert waits == [0.5, 1.0, 2.0, 4.0] and len(broken.log) == 5
    assert [asdict(p) for p in papers] == [asdict(p) for p in corpus]


class Clock:
    """A clock that moves only when slept on: pacing without waiting or timing."""

    def __init__(self) -> None:
        self.now, self.waits = 1000.0, []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def test_semantic_scholar_by_arxiv_id_and_title(s2, tmp_path, monkeypatch):
    clock = Clock()
    monkeypatch.setattr("kg.enrich.http.time.monotonic", clock.monotonic)
    papers = [Paper(NORMUON, arxiv_id="2510.05491"), Paper(MUON), Paper(KOVALEV)]
    result = enrich_papers(papers, open_source("semantic-scholar", tmp_path, sleep=clock.sleep))
    assert len(s2.log) == 3 and clock.waits == [1.0, 1.0]  # one request a second
    normuon, muon, kovalev = papers
    assert result.matched == 2 and result.rejected == [
        (KOVALEV, "Accelerating Newton-Schulz Iteration for Orthogonalization via "
                  "Chebyshev-type Polynomials")]
    assert (muon.authors[0], muon.year, muon.arxiv_id, muon.venue) == (
        "Jingyuan Liu", 2025, "2502.16982", "arXiv.org")
    assert (kovalev.authors, kovalev.year) == ([], None)
    cited = {ref["title"]: ref["id"] for ref in normuon.references}
    assert cited == {MUON: muon.key,
                     "Adam: A Method for Stochastic Optimization":
                         "s2:a6cb366736791bcccc5c8639de5a8f9636bf87e8"}
    # A cited work Semantic Scholar could not match keeps its title, without an id.
    assert {"id": None, "title": "Keller Jordan. Muon optimizer blog post"}.items() <= \
        next(ref for ref in muon.references if ref["id"] is None).items()
    assert result.untitled == 1  # the listed work with neither id nor title
    assert [path for path, _, _ in s2.log][0] == "/paper/ARXIV:2510.05491"
    assert all(headers.get("x-api-key") == "test-key-123" for _, _, headers in s2.log)


@pytest.mark.parametrize(("wanted", "found", "same"), [
    (MUON, "Muon is scalable for LLM training.", True),
    (AUON, "AuON: A Linear-Time Alternative to Semi-Orthogonal Momentum Updates", True),
    ("Decoupled Weight Decay Regularization", "Decoupled Weight Decay Regularisation", True),
    (NORMUON, "NorMuon", False),
    (MUON, "Muon: An optimizer for hidden layers in neural networks", False),
    ("Deep learning", "Deep learning for audio", False),
    ("", "", False),
])
def test_titles_match_only_when_nearly_identical(wanted, found, same):
    assert titles_match(wanted, found) is same


def test_retry_after_reads_seconds_and_dates():
    assert retry_after("2", now=0) == 2.0
    assert retry_after("Thu, 01 Jan 1970 00:00:30 GMT", now=10) == 20.0
    assert retry_after("soon", now=0) is None and retry_after(None, now=0) is None


def test_search_words_keep_letters_and_drop_syntax():
    assert search_words("u-μP: The Unit-Scaled Maximal Update Parametrization") == \
        "u μp the unit scaled maximal update parametrization"
    assert search_words('NOT "all" (tokens)') == "not all tokens"


def test_a_cited_work_is_a_store_paper_only_when_the_merge_rule_agrees():
    lecun = Paper("Deep learning", authors=["Yann LeCun", "Yoshua Bengio"], year=2015)
    store = StorePapers([lecun])
    assert store.get({"id": "openalex:W1", "title": "Deep Learning", "year": 2015,
                      "authors": ["Yann LeCun"]}) is lecun
    assert store.get({"id": "openalex:W2", "title": "Deep learning", "year": 2016,
                      "authors": ["Ian Goodfellow", "Yoshua Bengio"]}) is None
    assert store.get({"id": "openalex:W3", "title": "Deep learning", "year": None,
                      "authors": []}) is lecun  # nothing contradicts it


MUON_PAPERS = (NORMUON, MUON, PRACTICAL, KOVALEV, TURBO, FANTASTIC, AUON)


def kg(*args: str) -> dict:
    """Run `kg ARGS --json`; its JSON answer."""
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def muon_store(corpus, tmp_path):
    """A store built with `kg build` from the corpus's seven Muon papers (JSON Lines)."""
    source = tmp_path / "muon.jsonl"
    source.write_text("".join(json.dumps({"title": p.title, "abstract": p.abstract}) + "\n"
                              for p in corpus if p.title in MUON_PAPERS), encoding="utf-8")
    store = tmp_path / "store"
    assert kg("build", str(source), "--store", str(store))["papers"] == 7
    return store


def test_kg_enrich_gives_a_built_store_authors_years_and_citations(muon_store, openalex):
    before = kg("cites", NORMUON, "--store", str(muon_store))["cites"]
    assert [row for row in before if row["relation"] == "CITES"] == []

    data = kg("enrich", "--store", str(muon_store))
    assert (data["looked_up"], data["matched"], data["citations_inside"]) == (7, 6, 7)
    assert data["graph"]["edges"]["CITES"] >= data["citations"]
    cites = {row["name"]: row for row in kg("cites", NORMUON, "--store", str(muon_store))["cites"]
             if row["relation"] == "CITES"}
    assert not cites[MUON]["external"] and not cites[PRACTICAL]["external"]
    assert cites["Adam: A Method for Stochastic Optimization"]["external"]
    muon = kg("show", MUON, "--store", str(muon_store))
    assert muon["authors"][0] == "Jingyuan Liu" and muon["year"] == 2025
    # Kovalev's "(Liu et al., 2025)" now resolves to Muon is Scalable by authors and year.
    kovalev = {row["name"]: row
               for row in kg("cites", KOVALEV, "--store", str(muon_store))["cites"]}
    assert "in-text" in kovalev[MUON]["source"]

    again = kg("enrich", "--store", str(muon_store))
    assert again["looked_up"] == 1 and again["matched"] == 0 and "graph" not in again


def test_kg_enrich_unreachable_is_one_line_and_the_store_is_unchanged(muon_store, monkeypatch):
    monkeypatch.setenv("KG_OPENALEX_URL", f"http://127.0.0.1:{unused_port()}")
    files = {path: path.read_bytes() for path in muon_store.rglob("*")
             if path.is_file() and "enrich-cache" not in path.name}
    result = CliRunner().invoke(main, ["enrich", "--store", str(muon_store)])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    *_, error = result.stderr.strip().splitlines()  # after the progress bar's label
    assert error.startswith("Error: cannot reach OpenAlex") and "store is unchanged" in error
    assert files == {path: path.read_bytes() for path in muon_store.rglob("*")
                     if path.is_file() and "enrich-cache" not in path.name}
