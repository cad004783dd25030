"""Hostile and clumsy inputs, one test per kind of failure, several cases each: every bad
record is one `file:line: reason` and skipped, and everything else is read and built."""

from __future__ import annotations

import codecs
import gzip
import json
import os

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.inputs import read_file, read_papers
from kg.model import Paper


def good(title: str) -> str:
    return json.dumps({"title": title, "abstract": f"{title} uses the Adam optimizer."})


def read(path):
    items = list(read_file(path))
    papers = [item for item in items if isinstance(item, Paper)]
    return papers, [str(item) for item in items if not isinstance(item, Paper)]


def titles(papers) -> set[str]:
    return {paper.title for paper in papers}


# Each case: the lines of a JSON Lines file, the line that is bad and what its problem says.
BAD_RECORDS = {
    "deep nesting": (["[" * 100_000 + "]" * 100_000], "nested too deeply"),
    "deep nesting in an object": ([json.dumps({"title": "Deep"})[:-1] + ', "x": '
                                   + "{\"a\": " * 50_000 + "1" + "}" * 50_001],
                                  "nested too deeply"),
    "authors a number": ([json.dumps({"title": "T", "authors": 5})], "'authors' is a number"),
    "title a list": ([json.dumps({"title": ["T"]})], "'title' is a list"),
    "an author an object without a name": ([json.dumps({"title": "T", "authors": [{"x": 1}]})],
                                           "an author is null"),
    "authorships a number": ([json.dumps({"id": "https://openalex.org/W1", "title": "T",
                                          "authorships": 5})], "'authorships' is a number"),
    "referenced_works a string": ([json.dumps({"id": "https://openalex.org/W1", "title": "T",
                                               "referenced_works": "W1"})],
                                  "'referenced_works' is text, not a list"),
    "S2 references an object": ([json.dumps({"paperId": "abc", "title": "T",
                                             "references": {"paperId": "x"}})],
                                "'references' is an object, not a list"),
    "a number line": (["5"], "expected a JSON object, found a number"),
    "a string line": (['"Attention is all you need"'], "expected a JSON object, found text"),
    "a null line": (["null"], "expected a JSON object, found null"),
}


@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_a_bad_record_is_one_line_and_the_rest_of_the_file_is_read(tmp_path, case):
    bad, reason = BAD_RECORDS[case]
    path = tmp_path / "papers.jsonl"
    path.write_text("\n".join([good("First Control"), *bad, good("Last Control")]) + "\n")
    papers, problems = read(path)
    assert titles(papers) == {"First Control", "Last Control"}
    assert len(problems) == 1 and problems[0].startswith(f"{path}:2: "), problems
    assert reason in problems[0] and problems[0].endswith("skipped"), problems


def test_a_bad_record_inside_a_one_line_page_is_named_by_its_index(tmp_path):
    works = [{"id": "https://openalex.org/W1", "title": "Kept One"},
             {"id": "https://openalex.org/W2", "title": "Bad", "authorships": "A. Author"},
             {"id": "https://openalex.org/W3", "title": "Kept Three", "referenced_works": ["W1"]},
             7]
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"meta": {"count": 4}, "results": works}))
    papers, problems = read(path)
    assert titles(papers) == {"Kept One", "Kept Three"}
    assert problems == [f"{path}:1: record 2: 'authorships' is text, not a list, skipped",
                        f"{path}:1: record 4: expected a JSON object, found a number, skipped"]


def test_a_string_where_a_list_belongs_is_never_read_letter_by_letter(tmp_path):
    path = tmp_path / "s2.jsonl"
    path.write_text("\n".join([
        json.dumps({"paperId": "a1", "title": "Letters", "authors": "Ann Lee"}),
        json.dumps({"paperId": "a2", "title": "Citations", "citations": "b2"}),
        json.dumps({"paperId": "a3", "title": "Fine", "authors": [{"name": "Ann  Lee"}]}),
    ]) + "\n")
    papers, problems = read_papers([path])
    assert [paper.authors for paper in papers] == [["Ann Lee"]]
    assert [problem.message for problem in problems] == [
        "'authors' is text, not a list, skipped", "'citations' is text, not a list, skipped"]
    plain = tmp_path / "plain.jsonl"  # plain records may write their names as one string
    plain.write_text(json.dumps({"title": "Plain", "authors": "Ann Lee and Bob Ray"}) + "\n")
    assert read_papers([plain])[0][0].authors == ["Ann Lee", "Bob Ray"]


def test_csv_rows_over_the_field_limit_or_with_bad_cells_are_skipped_alone(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text("Title,Abstract,Authors\n"
                    f'"Huge","{"a" * 200_000}",X\n'
                    "Row Control,Uses Adam.,Ann Lee; Bob Ray\n"
                    ",no title here,\n"
                    f'"Also Huge","{"b" * 150_000}",Y\n'
                    "Last Row,Uses SGD.,\n")
    papers, problems = read(path)
    assert titles(papers) == {"Row Control", "Last Row"}
    assert papers[0].authors == ["Ann Lee", "Bob Ray"]
    assert problems == [f"{path}:2: field larger than field limit (131072), row skipped",
                        f"{path}:4: missing 'title', skipped",
                        f"{path}:5: field larger than field limit (131072), row skipped"]


@pytest.mark.parametrize("first", ['{"title": "Broken', "{", "[", "{]", "not json at all"])
def test_a_file_whose_first_line_is_broken_still_gives_its_valid_lines(tmp_path, first):
    path = tmp_path / "papers.jsonl"
    path.write_text("\n".join([first, good("Second Line"), good("Third Line")]) + "\n")
    papers, problems = read(path)
    assert titles(papers) == {"Second Line", "Third Line"}
    assert len(problems) == 1 and problems[0].startswith(f"{path}:1: invalid JSON")


def test_a_broken_json_document_is_one_problem_not_one_per_line(tmp_path):
    path = tmp_path / "page.json"
    page = json.dumps({"results": [{"title": f"Work {n}", "authorships": [], "referenced_works":
                                    [f"https://openalex.org/W{n}"]} for n in range(5)]}, indent=2)
    path.write_text(page.replace('"Work 3"', '"Work 3'))
    papers, problems = read(path)
    assert papers == [] and len(problems) == 2, problems
    assert "invalid JSON" in problems[0] and problems[0].endswith("file skipped")
    assert problems[1] == f"{path}: no papers found in this file"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path, encoding):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-8": codecs.BOM_UTF8}[encoding]
    path = tmp_path / "papers.csv"
    path.write_bytes(bom + "title,abstract\nÜber Glück,Wir nutzen Adam.\n深度学习,摘要\n"
                     .encode(encoding))
    papers, problems = read(path)
    assert problems == []
    assert titles(papers) == {"Über Glück", "深度学习"}


def test_folders_are_walked_and_what_cannot_be_read_is_one_line(tmp_path):
    root = tmp_path / "inputs"
    (root / "a" / "b" / "c").mkdir(parents=True)
    (root / "a" / "b" / "c" / "deep.jsonl").write_text(good("Nested Control") + "\n")
    (root / "top.jsonl").write_text(good("Top Control") + "\n")
    (root / "part_000.gz").write_bytes(gzip.compress((good("Gzip Part") + "\n").encode()))
    (root / "a" / "works.jsonl.gz").write_bytes(gzip.compress((good("Gzip Lines") + "\n")
                                                               .encode()))
    (root / "broken.jsonl.gz").write_bytes(b"\x1f\x8b not really gzip")
    (root / "a" / "b" / "loop").symlink_to(root)  # a folder that contains itself
    (root / "self.jsonl").symlink_to(root / "self.jsonl")  # a link to itself
    os.mkfifo(root / "fifo.jsonl")  # reading it would wait forever
    (root / "device.jsonl").symlink_to("/dev/zero")  # reading it would never end
    (root / "notes.md").write_text("not an input")
    papers, problems = read_papers([root])
    assert titles(papers) == {"Nested Control", "Top Control", "Gzip Part", "Gzip Lines"}
    by_file = {problem.path.removeprefix(f"{root}/"): problem.message for problem in problems}
    assert set(by_file) == {"a/b/loop", "self.jsonl", "fifo.jsonl", "device.jsonl",
                            "broken.jsonl.gz"}
    assert "symbolic link loop" in by_file["a/b/loop"]
    assert "not a regular file" in by_file["fifo.jsonl"]
    assert "not a regular file" in by_file["device.jsonl"]
    assert "cannot read" in by_file["self.jsonl"]
    assert "not a readable .gz file" in by_file["broken.jsonl.gz"]


def test_kg_build_reports_every_kind_and_builds_every_control_paper(tmp_path):
    root = tmp_path / "inputs"
    (root / "sub").mkdir(parents=True)
    (root / "records.jsonl").write_text("\n".join(
        ['{"title": "Broken', good("Control One"), "[" * 50_000 + "]" * 50_000,
         json.dumps({"title": "T", "authors": 5}), "null",
         json.dumps({"id": "method:adam", "title": "Control Adam Id", "abstract": "Adam."})])
        + "\n")
    (root / "sub" / "utf16.jsonl").write_bytes(
        codecs.BOM_UTF16_LE + (good("Control Sixteen") + "\n").encode("utf-16-le"))
    (root / "sub" / "loop").symlink_to(root)
    os.mkfifo(root / "sub" / "fifo.jsonl")
    (root / "sub" / "big.csv").write_text(f'title,abstract\nHuge,"{"x" * 200_000}"\n'
                                          "Control Csv,Uses SGD.\n")
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(root), "--store", str(store)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    for where in ("records.jsonl:1:", "records.jsonl:3:", "records.jsonl:4:",
                  "records.jsonl:5:", "sub/loop:", "fifo.jsonl:", "big.csv:2:"):
        assert sum(where in line for line in skipped) == 1, (where, skipped)
    for title in ("Control One", "Control Adam Id", "Control Sixteen", "Control Csv"):
        shown = CliRunner().invoke(main, ["show", title, "--store", str(store)])
        assert shown.exit_code == 0 and "(Paper" in shown.output, (title, shown.output)


PUBMED_ARTICLE = ("<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><ArticleTitle>"
                  "{title}</ArticleTitle></Article></MedlineCitation></PubmedArticle>")
# Each format: a file with a bad record between two good ones, the bad record's line and
# what its problem says.
BAD_IN_EACH_FORMAT = {
    "library.bib": ("@article{first, title={First Control}, year=2020}\n"
                    "@article{broken, title={Broken, year=2020\n"
                    "@article{last, title={Last Control}, abstract={" + "{\\'x}" * 5000
                    + "}}\n",
                    2, "BibTeX entry"),
    "export.ris": ("TY  - JOUR\nTI  - First Control\nER  - \n"
                   "TY  - JOUR\nAU  - Nobody, A\nER  - \n"
                   "TY  - JOUR\nTI  - Last Control\nER  - \n", 4, "entry has no title"),
    "pubmed.xml": ("<PubmedArticleSet>\n" + PUBMED_ARTICLE.format(pmid=1, title="First Control")
                   + "\n" + PUBMED_ARTICLE.format(pmid=2, title="") + "\n"
                   + PUBMED_ARTICLE.format(pmid=3, title="Last Control")
                   + "\n</PubmedArticleSet>\n",
                   3, "entry has no title"),
    "crossref.json": (json.dumps({"message": {"items": [
        {"DOI": "10.1/a", "title": ["First Control"]},
        {"DOI": "10.1/b", "title": ["Bad"], "author": "A. Author"},
        {"DOI": "10.1/c", "title": ["Last Control"], "reference": [{"DOI": "10.1/a"}]}]}}),
        1, "record 2: 'author' is text, not a list"),
    "table.tsv": ("Title\tAbstract\tYear\nFirst Control\tx\t2020\n\t\t\nLast Control\ty\t2021\n"
                  f"Huge\t{'z' * 140_000}\t2022\n", 5, "field larger than field limit"),
}


@pytest.mark.parametrize("name", sorted(BAD_IN_EACH_FORMAT))
def test_every_format_isolates_its_bad_records(tmp_path, name):
    content, line, reason = BAD_IN_EACH_FORMAT[name]
    path = tmp_path / name
    path.write_text(content)
    papers, problems = read(path)
    assert {"First Control", "Last Control"} <= titles(papers)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:{line}: "), problems
    assert reason in problems[0]


def test_a_gz_that_unpacks_past_the_limit_is_one_line(tmp_path, monkeypatch):
    import kg.inputs

    monkeypatch.setattr(kg.inputs, "MAX_UNPACKED_BYTES", 100_000)
    bomb = tmp_path / "part_001.gz"
    bomb.write_bytes(gzip.compress(b"\n" * 1_000_000))  # 1 KB that unpacks to 1 MB
    fine = tmp_path / "part_000.gz"
    fine.write_bytes(gzip.compress((good("Small Part") + "\n").encode()))
    papers, problems = read_papers([tmp_path])
    assert titles(papers) == {"Small Part"}
    assert [str(problem) for problem in problems] == [
        f"{bomb}: unpacks to more than 100,000 bytes (split it into smaller parts), skipped"]
