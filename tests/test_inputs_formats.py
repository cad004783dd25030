"""Every common export, read from a realistic sample in tests/data/exports: counts of papers,
authors and CITES checked against counts this test makes from the raw file on its own,
and the metadata (year, venue, DOI, arXiv id, URL) each input gives kept on its papers."""

from __future__ import annotations

import csv
import gzip
import json
import re
from pathlib import Path

import pytest

from kg.graph import build_graph
from kg.inputs import detect_format, read_file, read_papers
from kg.model import Paper

FORMATS = Path(__file__).parent / "data" / "exports"


def read(name: str) -> tuple[list[Paper], list[Paper], int]:
    """(papers read in full, all papers, CITES edges of their graph) of one sample file."""
    papers, problems = read_papers([FORMATS / name])
    assert problems == []
    graph = build_graph(papers, [])
    cites = sum(1 for *_, key in graph.edges(keys=True) if key == "CITES")
    return [p for p in papers if not p.external], papers, cites


def authors_of(papers: list[Paper]) -> int:
    return sum(len(paper.authors) for paper in papers)


def by_title(papers: list[Paper], title: str) -> Paper:
    return next(paper for paper in papers if paper.title == title)


def test_ris():
    raw = (FORMATS / "zotero.ris").read_text()
    read_in_full, _, cites = read("zotero.ris")
    assert len(read_in_full) == len(re.findall(r"^TY  - ", raw, re.M)) == 4
    assert authors_of(read_in_full) == len(re.findall(r"^A[U1]  - ", raw, re.M)) == 14
    assert cites == 0
    lstm = by_title(read_in_full, "Long Short-Term Memory")
    assert lstm.authors == ["Sepp Hochreiter", "Jürgen Schmidhuber"]
    assert (lstm.year, lstm.venue, lstm.doi) == (1997, "Neural Computation",
                                                 "10.1162/neco.1997.9.8.1735")
    assert by_title(read_in_full, "Deep learning").url == \
        "https://www.nature.com/articles/nature14539"


def test_csl_json():
    items = json.loads((FORMATS / "zotero_csl.json").read_text())
    read_in_full, _, cites = read("zotero_csl.json")
    assert len(read_in_full) == len(items) == 3
    assert authors_of(read_in_full) == sum(len(item["author"]) for item in items) == 6
    assert cites == 0
    adam = by_title(read_in_full, "Adam: A Method for Stochastic Optimization")
    assert adam.authors == ["Diederik P. Kingma", "Jimmy Ba"] and adam.year == 2015
    assert adam.doi == "10.48550/arxiv.1412.6980"
    assert adam.venue == "International Conference on Learning Representations"
    assert by_title(read_in_full, "GPT-4 Technical Report").year == 2023  # issued.raw


def test_crossref_works_page():
    items = json.loads((FORMATS / "crossref_works.json").read_text())["message"]["items"]
    read_in_full, papers, cites = read("crossref_works.json")
    assert len(read_in_full) == len(items) == 2
    assert authors_of(read_in_full) == sum(len(item["author"]) for item in items) == 5
    # Every reference cites: by DOI (a paper of the page when it is one) or by its text.
    assert cites == sum(len(item["reference"]) for item in items) == 5
    deep = by_title(read_in_full, "Deep learning")
    lstm = by_title(read_in_full, "Long Short-Term Memory")
    assert lstm.key in {reference["id"] for reference in deep.references}
    assert (deep.year, deep.venue, deep.doi) == (2015, "Nature", "10.1038/nature14539")
    assert "long short-term memory (LSTM)" in lstm.abstract and "<jats" not in lstm.abstract
    assert "Hochreiter's (1991)" in lstm.abstract
    cited = {paper.title: paper for paper in papers if paper.external}
    bengio = cited["Learning long-term dependencies with gradient descent is difficult"]
    assert (bengio.year, bengio.authors, bengio.doi) == (1994, ["Y Bengio"], "10.1109/72.279181")


def test_pubmed_xml():
    raw = (FORMATS / "pubmed.xml").read_text()
    read_in_full, _, cites = read("pubmed.xml")
    assert len(read_in_full) == raw.count("<PubmedArticle>") == 2
    assert authors_of(read_in_full) == raw.count("<Author ") == 6
    assert cites == raw.count("<Reference>") == 3
    deep = by_title(read_in_full, "Deep learning.")
    assert (deep.key, deep.year, deep.venue, deep.doi) == (
        "pmid:26017442", 2015, "Nature", "10.1038/nature14539")
    assert deep.sources == [f"{FORMATS / 'pubmed.xml'}:4"]
    lstm = by_title(read_in_full, "Long short-term memory.")
    assert lstm.key in {reference["id"] for reference in deep.references}
    assert lstm.abstract.startswith("BACKGROUND: Learning to store")
    assert "IDSIA Neural Networks Group" in lstm.authors


@pytest.mark.parametrize("name, wrapper", [("s2_references_page.json", "citedPaper"),
                                           ("s2_citations_page.json", "citingPaper")])
def test_semantic_scholar_reference_and_citation_pages(name, wrapper):
    works = [entry[wrapper] for entry in json.loads((FORMATS / name).read_text())["data"]]
    read_in_full, _, cites = read(name)
    assert len(read_in_full) == len(works)
    assert authors_of(read_in_full) == sum(len(work["authors"]) for work in works)
    assert cites == 0
    for work in works:
        paper = by_title(read_in_full, work["title"])
        assert paper.year == work["year"]
        assert paper.abstract == (work["abstract"] or "")
        if work["externalIds"]:
            assert paper.arxiv_id == work["externalIds"]["ArXiv"]


def test_semantic_scholar_nested_works_keep_their_details(tmp_path):
    record = {"paperId": "p1", "title": "Citing Paper", "year": 2025,
              "authors": [{"authorId": "1", "name": "Ann Lee"}],
              "references": [{"paperId": "r1", "title": "Cited Paper", "year": 2020,
                              "abstract": "What the cited paper does.",
                              "authors": [{"authorId": "2", "name": "Bob Ray"}]}],
              "citations": [{"paperId": "c1", "title": "Later Paper", "year": 2026,
                             "authors": [{"authorId": "3", "name": "Cy Dee"}]}]}
    path = tmp_path / "s2.json"
    path.write_text(json.dumps(record))
    papers, problems = read_papers([path])
    assert problems == []
    found = {paper.title: paper for paper in papers}
    assert (found["Cited Paper"].year, found["Cited Paper"].authors,
            found["Cited Paper"].abstract) == (2020, ["Bob Ray"], "What the cited paper does.")
    assert (found["Later Paper"].year, found["Later Paper"].authors) == (2026, ["Cy Dee"])
    assert found["Later Paper"].references[0]["id"] == "s2:p1"


def test_semantic_scholar_bulk_dataset():
    lines = (FORMATS / "s2_bulk_papers.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]
    read_in_full, _, _ = read("s2_bulk_papers.jsonl")
    assert [paper.key for paper in read_in_full] == [f"s2corpus:{r['corpusid']}" for r in records]
    assert authors_of(read_in_full) == sum(len(r["authors"]) for r in records) == 6
    lstm = by_title(read_in_full, "Long Short-Term Memory")
    assert (lstm.doi, lstm.year, lstm.venue) == ("10.1162/neco.1997.9.8.1735", 1997,
                                                 "Neural Computation")


def test_openalex_snapshot_part():
    with gzip.open(FORMATS / "openalex_part_000.gz", "rt") as part:
        works = [json.loads(line) for line in part]
    read_in_full, papers, cites = read("openalex_part_000.gz")
    assert len(read_in_full) == len(works) == 2
    assert authors_of(read_in_full) == sum(len(work["authorships"]) for work in works) == 4
    assert cites == sum(len(work["referenced_works"]) for work in works) == 3
    adam = by_title(read_in_full, "Adam: A Method for Stochastic Optimization")
    assert (adam.key, adam.doi, adam.venue) == ("openalex:W2919115771",
                                                "10.48550/arxiv.1412.6980",
                                                "arXiv (Cornell University)")
    attention = by_title(read_in_full, "Attention is All you Need")
    assert adam.key in {reference["id"] for reference in attention.references}


@pytest.mark.parametrize("name, author_column, separator", [
    ("scopus.csv", "Author full names", ";"), ("wos_savedrecs.txt", "AF", ";"),
    ("openreview.csv", "authors", ",")])
def test_tables_with_their_own_column_names(name, author_column, separator):
    text = (FORMATS / name).read_text()
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t" if "\t" in text else ","))
    read_in_full, _, cites = read(name)
    assert len(read_in_full) == len(rows)
    assert authors_of(read_in_full) == sum(len(row[author_column].split(separator))
                                           for row in rows)
    assert cites == 0
    for row, paper in zip(rows, read_in_full, strict=True):
        title = row.get("Title") or row.get("TI") or row["title"]
        assert paper.title == title
        doi = row.get("DOI") or row.get("DI")
        assert paper.doi == (doi or None)
        if doi:
            assert paper.key == f"doi:{doi}"
    if name == "scopus.csv":
        assert read_in_full[0].authors == ["Yann LeCun", "Yoshua Bengio", "Geoffrey Hinton"]
        assert (read_in_full[0].year, read_in_full[0].venue) == (2015, "Nature")
    if name == "openreview.csv":
        assert read_in_full[0].key == "id:rJl0r3R9KX"
        assert read_in_full[0].url == "https://openreview.net/forum?id=rJl0r3R9KX"


def test_bibtex_library():
    raw = (FORMATS / "library.bib").read_text()
    read_in_full, _, cites = read("library.bib")
    types = re.findall(r"^@(\w+)\{", raw, re.M)
    # @preamble, two @string, the crossref'd @proceedings and the @set are no papers.
    assert len(read_in_full) == len(types) - 5 == 5
    assert cites == len(re.findall(r"\\cite\{", raw)) == 1
    titles = {paper.title: paper for paper in read_in_full}
    adam = titles["Adam: A Method for Stochastic Optimization"]
    assert adam.authors == ["Diederik P. Kingma", "Jimmy Ba"]  # spaces in names squashed
    assert (adam.year, adam.arxiv_id) == (2015, "1412.6980")  # year inherited by crossref
    assert adam.venue == "3rd International Conference on Learning Representations, ICLR 2015"
    odd = titles["On \\-escapes, $\\mathcal{O}(n^2)$ bounds – and îles"]  # math kept
    assert odd.authors == ["Pál Erdős", "Kurt Gödel", "Åse Bjørn", "María José García"]
    assert odd.venue == "Advances in Neural Information Processing Systems 32"  # @string # "32"
    assert odd.doi == "10.5555/fake.2019.1"
    vaswani = titles["Attention Is All You Need"]
    assert vaswani.authors == ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"]  # not "et al."
    dropout = titles["Dropout: A Simple Way to Prevent Neural Networks from Overfitting"]
    assert dropout.venue == "Journal of Machine Learning Research" and dropout.year == 2014
    bahdanau = titles["Neural Machine Translation by Jointly Learning to Align and Translate"]
    assert [reference["id"] for reference in bahdanau.references] == [adam.key]
    assert authors_of(read_in_full) == 2 + 3 + 5 + 4 + 3


@pytest.mark.parametrize("name, expected", [
    ("zotero.ris", "ris"), ("zotero_csl.json", "csl-json"), ("crossref_works.json", "csl-json"),
    ("pubmed.xml", "pubmed"), ("s2_references_page.json", "semantic-scholar"),
    ("s2_bulk_papers.jsonl", "semantic-scholar"), ("scopus.csv", "csv"),
    ("wos_savedrecs.txt", "csv"), ("openreview.csv", "csv"), ("library.bib", "bibtex")])
def test_format_is_told_from_the_content(tmp_path, name, expected):
    renamed = tmp_path / "download.dat"  # a name that says nothing
    renamed.write_bytes((FORMATS / name).read_bytes())
    head = "\n".join(renamed.read_text().splitlines()[:20])
    assert detect_format(str(renamed), head) == expected


@pytest.mark.parametrize("content", [
    "import json\n\ndef main():\n    return json.dumps({'a': 1})\n",
    "<!doctype html>\n<html><head><title>Papers</title></head>\n<body><p>none</p></body></html>\n",
    "name: kg\nversion: 1\ndependencies:\n  - spacy\n  - networkx\n",
    "2024-05-01 12:00:01 INFO started\n2024-05-01 12:00:02 INFO done\n",
    "id\tname\tscore\n1\tfoo\t0.5\n2\tbar\t0.7\n",
])
def test_a_file_in_no_known_format_is_one_line_not_junk_papers(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_text(content)
    items = list(read_file(path))
    assert [str(item) for item in items] == [
        f"{path}: not a format kg reads: no titles with abstracts, JSON, CSV/TSV, BibTeX, RIS "
        "or PubMed XML found, skipped"]
