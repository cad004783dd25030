"""Reading inputs: both listing layouts, page furniture, duplicates, user formats."""

from __future__ import annotations

import json

from kg.inputs import BUNDLED_CORPUS, read_file, read_papers
from kg.inputs.text import mend_entities
from kg.model import Paper

FURNITURE = ("Subscribe", "Get trending papers", "byAK", "research community")


def test_corpus_has_337_distinct_papers_from_every_file(corpus):
    assert len(corpus) == 337
    files = {source.split(":")[0] for paper in corpus for source in paper.sources}
    assert len(files) == 4


def test_both_layouts_pair_each_title_with_its_abstract():
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        papers = [item for item in read_file(path) if isinstance(item, Paper)]
        assert len(papers) > 50, path
        for paper in papers:
            assert len(paper.abstract) > 3 * len(paper.title), (path, paper.title)
            assert not paper.title.startswith(FURNITURE), paper.title
            assert paper.abstract[-1] not in "\t ", paper.title


def test_glued_subscribe_is_stripped_from_the_first_title(corpus):
    titles = {paper.title for paper in corpus}
    assert "NorMuon: Making Muon more efficient and scalable" in titles
    assert not any("Subscribe" in title for title in titles)


def test_duplicates_merge_and_keep_every_listing(corpus):
    files_per_paper = [{source.rsplit(":", 1)[0] for source in p.sources} for p in corpus]
    assert max(len(files) for files in files_per_paper) >= 3
    # Every listing of every file is kept on its paper (451 entries in the four files;
    # the corpus README says 453, but its files hold 451 title/abstract pairs).
    assert sum(len(p.sources) for p in corpus) == 451
    assert len({p.key for p in corpus}) == len(corpus)


def test_paper_ids_are_stable_and_prefer_explicit_ids(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({"title": "A Paper", "abstract": "Text.", "id": "arXiv:2401.1"})
                    + "\n" + json.dumps({"title": "Another Paper", "abstract": "More."}) + "\n")
    first, _ = read_papers([path])
    second, _ = read_papers([path])
    assert [p.key for p in first] == [p.key for p in second]
    assert first[0].key == "arXiv:2401.1"


def test_jsonl_and_csv_with_optional_fields(tmp_path):
    jsonl = tmp_path / "papers.jsonl"
    jsonl.write_text(json.dumps({"title": "Foo Nets", "abstract": "We propose FooNet.",
                                 "authors": ["Ada Lovelace", "Alan Turing"], "year": 2024,
                                 "url": "https://example.org/foo"}) + "\n")
    table = tmp_path / "papers.csv"
    table.write_text('title,abstract,authors,year\n"Bar Sets","We use BarSet.","A; B",2023\n')
    papers, problems = read_papers([jsonl, table])
    assert not problems
    by_title = {p.title: p for p in papers}
    assert by_title["Foo Nets"].authors == ["Ada Lovelace", "Alan Turing"]
    assert by_title["Foo Nets"].year == 2024
    assert by_title["Bar Sets"].authors == ["A", "B"] and by_title["Bar Sets"].year == 2023


def test_a_punctuation_entity_an_export_stripped_is_mended(corpus):
    # The corpus has 'done rightx2014by which we mean …': '&#x2014;' lost its '&#' and ';'.
    abstracts = " ".join(paper.abstract for paper in corpus)
    assert "done right\u2014by which we mean" in abstracts
    assert "x2014" not in abstracts
    # a word that merely holds such digits is left alone, and so is a free-standing one
    assert mend_entities("the modelx2019s view; we donx2019t") == \
        "the model\u2019s view; we don\u2019t"
    kept = "Phoenix2014T, Linux2018b and Box2013a exceed x2014 in 8000-fold tests"
    assert mend_entities(kept) == kept
