"""The synthetic corpus: deterministic, readable by kg, names reused Zipf-like, and
extraction finds what it was built to contain."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from click.testing import CliRunner

from kg.bench.corpus import PROPOSAL, proposed_name, synthetic_papers, write_corpus
from kg.cli import main
from kg.inputs import read_papers

USED = re.compile(r"\b(?:builds on|extends|alternative to|uses|models with|Compared with|"
                  r"build on) ([A-Z][\w-]*)")


@pytest.fixture(scope="module")
def papers() -> list[dict]:
    return list(synthetic_papers(2000, seed=7))


def test_same_seed_same_bytes_other_seed_other_papers(tmp_path):
    paths = [tmp_path / name for name in ("a.jsonl", "b.jsonl", "c.jsonl")]
    for path, seed in zip(paths, (1, 1, 2), strict=True):
        assert write_corpus(150, path, seed=seed) == 150
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes() != paths[2].read_bytes()


def test_kg_reads_every_paper_with_its_fields(tmp_path):
    path = tmp_path / "synthetic.jsonl"
    write_corpus(300, path)
    papers, problems = read_papers([path])
    assert not problems
    assert len(papers) == 300 and len({p.key for p in papers}) == 300
    assert all(p.abstract and p.authors and p.year for p in papers)


def test_titles_and_ids_are_unique(papers):
    assert len({p["id"] for p in papers}) == len({p["title"].lower() for p in papers}) == 2000


def test_abstracts_are_as_long_as_real_ones(papers):
    words = sorted(len(p["abstract"].split()) for p in papers)
    assert 120 <= words[len(words) // 2] <= 260


def test_only_synthetic_names_are_proposed(papers):
    """A real sentence proposing a real name (NorMuon) would make thousands of proposers."""
    for paper in papers:
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", paper["abstract"])
        assert not any(PROPOSAL.search(sentence) for sentence in sentences[1:])


def test_a_method_is_proposed_once_and_only_later_papers_use_it(papers):
    proposer = {}
    for index, paper in enumerate(papers):
        name = proposed_name(paper)
        if name:
            assert name not in proposer and paper["title"].startswith(f"{name}: ")
            proposer[name] = index
    assert 0.2 * len(papers) < len(proposer) < 0.4 * len(papers)
    used = [(index, name) for index, paper in enumerate(papers)
            for name in USED.findall(paper["abstract"]) if name in proposer]
    assert len(used) > len(proposer)
    assert all(proposer[name] < index for index, name in used)
    years = [paper["year"] for paper in papers]
    assert years == sorted(years) and years[0] < years[-1]


def test_method_use_is_zipf_like(papers):
    """A few methods are everywhere, most are rare: the top one is in far more papers
    than the tenth, which is in more than the hundredth; most proposed methods are
    used by at most two papers."""
    uses = Counter(name for paper in papers for name in set(USED.findall(paper["abstract"])))
    counts = [count for _, count in uses.most_common()]
    assert counts[0] > 3 * counts[9] > 3 * counts[99]
    proposed = [name for paper in papers if (name := proposed_name(paper))]
    assert sum(1 for name in proposed if uses[name] <= 2) > len(proposed) / 2


def test_kg_bench_corpus_writes_what_the_library_writes(tmp_path):
    out = tmp_path / "cli.jsonl"
    result = CliRunner().invoke(main, ["bench", "corpus", "40", "-o", str(out), "--seed", "3"])
    assert result.exit_code == 0 and "Wrote 40 papers" in result.output
    write_corpus(40, tmp_path / "library.jsonl", seed=3)
    assert out.read_bytes() == (tmp_path / "library.jsonl").read_bytes()
