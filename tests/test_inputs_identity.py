"""Identity: keys of names and titles in every script, paper ids, the merge rule."""

from __future__ import annotations

import json

import pytest

from kg.citations import cited_works, find_citations
from kg.inputs import read_papers
from kg.inputs.identity import match_keys, merge, paper_id, same_work
from kg.model import Paper, entity_id, name_key, normalize_title, same_name, title_id

NON_LATIN = ["Глубокое обучение для графов", "深度学习的图神经网络",
             "التعلم العميق للرسوم البيانية", "Βαθιά μάθηση", "गहन अधिगम"]


@pytest.mark.parametrize("title", NON_LATIN)
def test_titles_in_every_script_have_keys_and_distinct_ids(title):
    assert normalize_title(title) and name_key(title)
    assert title_id(title) != title_id("")
    assert normalize_title(title.upper()) == normalize_title(title)


def test_non_latin_papers_stay_distinct_papers(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_text("\n".join(json.dumps({"title": title, "abstract": "x"})
                              for title in NON_LATIN) + "\n")
    papers, problems = read_papers([path])
    assert not problems
    assert [paper.title for paper in papers] == NON_LATIN
    assert len({paper.key for paper in papers}) == len(NON_LATIN)


@pytest.mark.parametrize("query", ["", "(", ".*", "?!", "   ", "—"])
def test_empty_and_punctuation_names_have_no_key_and_match_nothing(query):
    assert name_key(query) == "" and normalize_title(query) == ""
    assert not same_name(query, query) and not same_name(query, "(")
    if query.strip():  # a title of punctuation alone still gets an id of its own
        assert title_id(query) not in (title_id(""), title_id("))"))


def test_name_keys_ignore_case_accents_and_punctuation_only():
    assert name_key("CIFAR-10") == name_key("cifar 10") == name_key("CIFAR10")
    assert name_key("μP") == name_key("muP")
    assert name_key("Schrödinger") == name_key("Schrodinger")
    assert name_key("C++") != name_key("C#") != name_key("C")
    assert same_name("Трансформер", "трансформер") and not same_name("Трансформер", "Transformer")


@pytest.mark.parametrize("raw, expected", [
    ("https://doi.org/10.1038/NATURE14539", "doi:10.1038/nature14539"),
    ("doi:10.1145/3292500.3330701", "doi:10.1145/3292500.3330701"),
    ("arXiv:2401.12345v2", "arXiv:2401.12345"),
    ("https://arxiv.org/abs/hep-th/9901001", "arXiv:hep-th/9901001"),
    ("https://openalex.org/W2741809807", "openalex:W2741809807"),
    ("s2:49533a55b0ed", "s2:49533a55b0ed"),
    ("method:adam", "id:method:adam"),
    ("author:ann-lee", "id:author:ann-lee"),
    ("42", "id:42"),
    ("", None),
    ("   ", None),
])
def test_input_ids_are_namespaced_and_never_entity_ids(raw, expected):
    assert paper_id(raw) == expected
    if expected:
        assert expected != entity_id("Method", "adam")


def paper(title="Deep learning", **fields) -> Paper:
    return Paper(title=title, **fields)


LECUN = paper(authors=["Yann LeCun", "Yoshua Bengio"], year=2015, doi="10.1038/nature14539")
GOODFELLOW = paper(title="Deep Learning", authors=["Ian Goodfellow"], year=2016)


@pytest.mark.parametrize("a, b, same", [
    (LECUN, GOODFELLOW, False),  # same title, other authors
    (LECUN, paper(authors=["Y. LeCun"], year=2016), True),  # preprint and venue
    (paper(year=2015), paper(year=2016), False),  # a year apart, nobody to vouch for it
    (paper(year=2015), paper(), True),
    (paper(), paper(title="Deep  Learning."), True),
    (paper(id="doi:10.1/a"), paper(id="doi:10.1/b"), False),  # two DOIs: two works
    (paper(id="doi:10.1/a"), paper(title="Other title", doi="10.1/a"), True),
    (paper(id="arXiv:2401.1"), paper(title="Renamed", arxiv_id="2401.1", id="s2:x"), True),
    (paper(id="s2:x"), paper(id="openalex:W1"), True),  # ids of two kinds do not disagree
    (paper(title="("), paper(title=")"), False),  # no title key: no title match
])
def test_the_merge_rule(a, b, same):
    assert same_work(a, b) is same and same_work(b, a) is same
    if same and normalize_title(a.title) == normalize_title(b.title):
        assert set(match_keys(a)) & set(match_keys(b))


def test_merge_keeps_every_source_and_fills_what_is_missing():
    kept = Paper("Adam", sources=["a.jsonl:1"], external=True, year=2015)
    merge(kept, Paper("Adam: A Method", "Longer abstract.", authors=["D. Kingma"], year=2014,
                      sources=["b.jsonl:3"], doi="10.1/x", venue="ICLR"))
    assert kept.sources == ["a.jsonl:1", "b.jsonl:3"] and kept.abstract == "Longer abstract."
    assert (kept.year, kept.doi, kept.venue, kept.authors) == (2015, "10.1/x", "ICLR",
                                                               ["D. Kingma"])
    assert not kept.external and kept.title == "Adam: A Method"


def test_same_title_works_stay_apart_and_one_work_stays_one(tmp_path):
    web = [json.dumps({"title": "Online reference", "year": 2000 + n, "url": f"https://x/{n}"})
           for n in range(21)]
    deep = [json.dumps({"title": "Deep learning", "authors": ["Yann LeCun"], "year": 2015}),
            json.dumps({"title": "Deep Learning", "authors": ["Ian Goodfellow"], "year": 2016}),
            json.dumps({"title": "Deep learning.", "authors": ["LeCun, Yann"], "year": 2015,
                        "id": "https://doi.org/10.1038/nature14539"})]
    path = tmp_path / "papers.jsonl"
    path.write_text("\n".join(web + deep) + "\n")
    papers, problems = read_papers([path])
    assert not problems
    assert len(papers) == 23 and len({p.key for p in papers}) == 23
    lecun = next(p for p in papers if p.authors == ["Yann LeCun"])
    assert lecun.sources == [f"{path}:22", f"{path}:24"]


def test_one_id_in_two_files_for_two_titles_is_reported_and_kept_apart(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("id,title\n1,Alpha Paper\n2,Shared Paper\n")
    second.write_text("ID,Title\n1,Beta Paper\n2,Shared Paper\n")
    papers, problems = read_papers([first, second])
    assert sorted(p.title for p in papers) == ["Alpha Paper", "Beta Paper", "Shared Paper"]
    assert [str(p) for p in problems] == [
        f"{second}:2: id 'id:1' is also the id of 'Alpha Paper' ({first}:2), a different "
        "title: kept as two papers"]
    shared = next(p for p in papers if p.title == "Shared Paper")
    assert shared.sources == [f"{first}:3", f"{second}:3"]


def test_a_paper_id_shaped_like_an_entity_id_stays_a_paper(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_text(json.dumps({"id": "method:adam", "title": "A Paper Named Like Adam"}) + "\n")
    papers, _ = read_papers([path])
    assert papers[0].key == "id:method:adam" != entity_id("Method", "Adam")


CRAFTED = {
    "apostrophes": "'Aa" * 6000,
    "one long word": "A" + "a" * 16_000,
    "hyphens": "Aa-" * 6000,
    "particles": "van " * 4000 + "Smith",
    "open parenthesis": "(" + "Smith and Jones " * 1000,
    "spaces": "Smith" + " " * 16_000 + "et al.",
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_crafted_abstracts_are_read_and_real_markers_around_them_found(case):
    text = f"Adam (Kingma and Ba, 2015) works. {CRAFTED[case]} Muon (Jordan et al., 2024)."
    found = [citation.name for citation, _ in cited_works(text)]
    assert found == ["Kingma and Ba, 2015", "Jordan et al., 2024"]
    assert find_citations(CRAFTED[case]) == []


def test_the_index_finds_exactly_what_comparing_with_every_paper_finds():
    import random

    from kg.inputs.identity import PaperIndex, explicit_ids

    def compare_with_every_paper(paper: Paper) -> Paper | None:
        """The first kept work with one of the paper's explicit ids (its own or one of a
        record merged into it), else the first kept work with its title."""
        for key in explicit_ids(paper).values():
            found = next((other for other in kept if key in absorbed[id(other)]
                          and same_work(other, paper)), None)
            if found:
                return found
        return next((other for other in kept if same_work(other, paper)), None)

    rng = random.Random(7)
    kept: list[Paper] = []
    absorbed: dict[int, set[str]] = {}
    index = PaperIndex()
    for _ in range(3000):
        paper = Paper(title=rng.choice(["Deep learning", "Deep Learning.", "Editorial", "Adam"]),
                      authors=rng.choice([[], ["Yann LeCun"], ["Y. LeCun"], ["Ian Goodfellow"]]),
                      year=rng.choice([None, 2014, 2015, 2016]),
                      doi=rng.choice([None, None, "10.1/a", "10.1/b"]),
                      id=rng.choice([None, None, "arXiv:1", "s2:x", "id:7"]),
                      external=rng.random() < 0.3)
        expected = compare_with_every_paper(paper)
        found = index.find(paper)
        assert found is expected, (paper, found, expected)
        if found is None:
            kept.append(paper)
            absorbed[id(paper)] = set(explicit_ids(paper).values())
            index.add(paper)
        else:
            merge(found, paper)
            absorbed[id(found)] |= set(explicit_ids(paper).values()) | set(
                explicit_ids(found).values())
            index.add(paper, under=found)


def test_the_ascii_shortcut_keys_names_as_the_unicode_rule_does():
    import random
    import string

    from kg.model import KEY_CHAR, WORD, bare

    rng = random.Random(3)
    for _ in range(5000):
        text = "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 30)))
        assert name_key(text) == "".join(KEY_CHAR.findall(bare(text)))
        assert normalize_title(text) == " ".join(WORD.findall(bare(text)))
