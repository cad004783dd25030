"""Paper-to-paper links: the citation formats, in-text markers, inferred BUILDS_ON, and
the cites / cited-by / path / top commands."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from kg.api import open as open_graph
from kg.citations import Resolver, find_citations
from kg.cli import main
from kg.graph import build_graph
from kg.graphdb.centrality import pagerank
from kg.inputs import detect_format, read_file, read_papers
from kg.model import EDGE_TYPES, Paper
from kg.store import save_graph

FORMATS = Path(__file__).parent / "data" / "formats"
OPENALEX = FORMATS / "openalex_works.json"
SEMANTIC_SCHOLAR = FORMATS / "semantic_scholar.jsonl"
ARXIV = FORMATS / "arxiv_metadata.jsonl"
BIBTEX = FORMATS / "references.bib"

ADAM = "Adam: A Method for Stochastic Optimization"
ADAMW = "Decoupled Weight Decay Regularization"
LION = "Symbolic Discovery of Optimization Algorithms"
MUON_BLOG = "Muon: An optimizer for hidden layers in neural networks"
MUON_SCALABLE = "Muon is Scalable for LLM Training"
NORMUON = "NorMuon: Making Muon more efficient and scalable"
KOVALEV = ("Understanding Gradient Orthogonalization for Deep Learning via Non-Euclidean "
           "Trust-Region Optimization")


def graph_of(*paths):
    """The graph of the sample files, citations and authors only (no extraction needed)."""
    papers, problems = read_papers(paths)
    assert not problems, problems
    return build_graph(papers, [])


def node_named(graph, name: str) -> str:
    found = [node for node, data in graph.nodes(data=True) if data["name"] == name]
    assert len(found) == 1, (name, found)
    return found[0]


def cited(graph, title: str) -> dict[str, dict]:
    """Name of each node the node called `title` CITES -> the edge's attributes."""
    node = node_named(graph, title)
    return {graph.nodes[other]["name"]: data
            for _, other, key, data in graph.out_edges(node, keys=True, data=True)
            if key == "CITES"}


def authors_of(graph, title: str) -> list[str]:
    node = node_named(graph, title)
    edges = sorted((data["position"], graph.nodes[author]["name"])
                   for author, _, key, data in graph.in_edges(node, keys=True, data=True)
                   if key == "AUTHORED")
    return [name for _, name in edges]


# --- each format, on its sample file --------------------------------------------------------

@pytest.mark.parametrize("path, name", [(OPENALEX, "openalex"), (ARXIV, "arxiv"),
                                        (SEMANTIC_SCHOLAR, "semantic-scholar"),
                                        (BIBTEX, "bibtex")])
def test_format_is_detected_from_the_content(path, tmp_path, name):
    renamed = tmp_path / "download.txt"  # a name that says nothing
    renamed.write_bytes(path.read_bytes())
    head = "\n".join(renamed.read_text().splitlines()[:20])
    assert detect_format(str(renamed), head) == name


def test_openalex_works_cite_by_id_and_share_external_works():
    graph = graph_of(OPENALEX)
    adam = graph.nodes[node_named(graph, ADAM)]
    assert adam["abstract"].startswith("We introduce Adam, an algorithm for first-order")
    assert adam["year"] == 2014 and not adam["external"]
    assert authors_of(graph, ADAM) == ["Diederik P. Kingma", "Jimmy Ba"]
    lion = cited(graph, LION)
    assert set(lion) == {ADAM, ADAMW, "Loshchilov and Hutter, 2017"}
    assert lion[ADAM]["found_in"] == "input" and lion[ADAMW]["found_in"] == "input+in-text"
    # AdamW lists Adam and one work outside the inputs, which Adam cites too: one
    # external node, id only, joining the two papers.
    adamw = cited(graph, ADAMW)
    shared = graph.nodes["openalex:W2146502635"]
    assert shared["external"] and shared["abstract"] == ""
    assert "openalex:W2146502635" in adamw and "openalex:W2146502635" in cited(graph, ADAM)
    # Its abstract's "(Kingma and Ba, 2014)" names the same paper it lists.
    assert adamw[ADAM]["found_in"] == "input+in-text"
    assert adamw[ADAM]["marker"] == "(Kingma and Ba, 2014)"
    assert all(data["inferred"] is False for data in adamw.values())


def test_openalex_as_json_lines_reads_the_same(tmp_path):
    works = json.loads(OPENALEX.read_text())["results"]
    lines = tmp_path / "works.jsonl"
    lines.write_text("".join(json.dumps(work) + "\n" for work in works))
    as_page = [(p.key, p.title, p.references) for p in read_papers([OPENALEX])[0]]
    as_lines = [(p.key, p.title, p.references) for p in read_papers([lines])[0]]
    assert [row[:2] for row in as_lines] == [row[:2] for row in as_page]
    assert [[r["id"] for r in row[2]] for row in as_lines] == \
        [[r["id"] for r in row[2]] for row in as_page]


def test_semantic_scholar_references_and_citations():
    graph = graph_of(SEMANTIC_SCHOLAR)
    assert authors_of(graph, NORMUON) == ["Zichong Li", "Liming Liu", "Chen Liang",
                                          "Weizhu Chen", "Tuo Zhao"]
    links = cited(graph, MUON_SCALABLE)
    assert set(links) == {ADAM, ADAMW, MUON_BLOG, "Jordan et al., 2024"}
    assert links[ADAM]["found_in"] == "input" and links[ADAM]["evidence"] == [
        f"Listed as cited in {SEMANTIC_SCHOLAR}:1."]
    # A reference without a paperId is known by its title: both papers cite one node.
    blog = node_named(graph, MUON_BLOG)
    assert graph.nodes[blog]["external"]
    assert MUON_BLOG in cited(graph, NORMUON)
    # `citations` run the other way: the citing work cites this paper. NorMuon is read
    # in full later in the file, so it is no longer external.
    assert MUON_SCALABLE in cited(graph, "Practical Efficiency of Muon for Pretraining")
    practical = node_named(graph, "Practical Efficiency of Muon for Pretraining")
    assert graph.nodes[practical]["external"]
    assert not graph.nodes[node_named(graph, NORMUON)]["external"]
    assert cited(graph, NORMUON)[MUON_SCALABLE]["count"] == 2  # listed on both records


def test_arxiv_metadata_authors_years_and_in_text_citations():
    graph = graph_of(ARXIV)
    assert authors_of(graph, ADAMW) == ["Ilya Loshchilov", "Frank Hutter"]  # from "A and B"
    minor_free = next(data["name"] for _, data in graph.nodes(data=True)
                      if data["name"].startswith("Shortcut Partitions in Minor-Free"))
    assert "Lazar Milenković" in authors_of(graph, minor_free)  # "Milenkovi\'c"
    assert graph.nodes["arXiv:1412.6980"]["year"] == 2014  # first version, not the update
    # "(Kingma & Ba, 2015)": the venue year, one after the preprint's; still Adam.
    assert cited(graph, ADAMW)[ADAM]["marker"] == "(Kingma & Ba, 2015)"
    kovalev = cited(graph, KOVALEV)
    assert set(kovalev) == {"Jordan et al., 2024", "Liu et al., 2025", MUON_SCALABLE}
    assert graph.nodes[node_named(graph, "Jordan et al., 2024")]["resolves_to"] is None
    # Bracket keys: initials and two-digit year; the citing paper (same six authors,
    # same year) is not a candidate for its own [CCLMST23].
    assert set(cited(graph, minor_free)) == {
        "[CCLMST23]", "[BFN19]", "[AG06]", "Covering Metric Spaces by Few Trees",
        "Covering Planar Metrics (and Beyond): O(1) Trees Suffice"}


def test_bibtex_entries_cite_the_keys_their_abstracts_cite():
    graph = graph_of(BIBTEX)
    papers = {data["name"] for _, data in graph.nodes(data=True)
              if data["label"] == "Paper" and not data["external"]}
    assert papers == {ADAM, "Long Short-Term Memory", MUON_BLOG, MUON_SCALABLE}
    assert authors_of(graph, ADAM) == ["Diederik P. Kingma", "Jimmy Ba"]
    assert authors_of(graph, "Long Short-Term Memory") == ["Sepp Hochreiter", "Jürgen Schmidhuber"]
    assert authors_of(graph, MUON_SCALABLE) == ["Jingyuan Liu", "Jianlin Su", "Xingcheng Yao"]
    links = cited(graph, MUON_SCALABLE)
    assert set(links) == {MUON_BLOG, ADAM, "bibtex:loshchilov2019decoupled"}
    assert graph.nodes["bibtex:loshchilov2019decoupled"]["external"]
    assert "\\cite" not in graph.nodes[node_named(graph, MUON_SCALABLE)]["abstract"]


def test_all_formats_together_make_one_node_per_paper_and_author():
    graph = graph_of(FORMATS)
    # Adam is in three files under three ids, and cited by title from a fourth.
    adam = node_named(graph, ADAM)
    citing = {graph.nodes[other]["name"] for other, _, key in graph.in_edges(adam, keys=True)
              if key == "CITES"}
    assert citing == {ADAMW, LION, MUON_SCALABLE, NORMUON}
    # Chen Liang wrote Lion (OpenAlex) and NorMuon (Semantic Scholar).
    liang = node_named(graph, "Chen Liang")
    assert {graph.nodes[paper]["name"] for paper in graph.successors(liang)} == {LION, NORMUON}


def test_bad_records_are_one_line_problems_and_the_rest_is_read(tmp_path):
    bib = tmp_path / "broken.bib"
    bib.write_text(BIBTEX.read_text().replace("year          = {2015},", "year = {2015,"))
    papers, problems = read_papers([bib])
    assert [str(p) for p in problems] == [
        f"{bib}:6: BibTeX entry: Unexpected block start: `@article`. Was still looking for "
        "field-value closing `,` or `}`, skipped"]
    assert len([paper for paper in papers if not paper.external]) == 3
    works = tmp_path / "works.jsonl"
    work = json.loads(OPENALEX.read_text())["results"][0]
    works.write_text(json.dumps({**work, "title": None, "display_name": None}) + "\n"
                     + json.dumps(work) + "\n")
    items = list(read_file(works))
    assert [str(item) for item in items if not isinstance(item, Paper)] == [
        f"{works}:1: entry has no title, skipped"]
    page = tmp_path / "page.json"
    page.write_text(OPENALEX.read_text().replace('"page": 1,', '"page": 1'))
    assert str(read_papers([page])[1][0]) == \
        f"{page}:6: invalid JSON (Expecting ',' delimiter at column 5), file skipped"


# --- in-text markers ---------------------------------------------------------------------

def test_markers_split_into_works_and_keep_the_raw_marker():
    text = ("Muon (Jordan et al., 2024; Liu et al., 2025) and prior work (Mishkin & Matas, "
            "2015) as Zola et al. (2010) found [AG06, BFN19]; not (ICLR 2024), not [12].")
    found = [(c.name, c.marker) for c in find_citations(text)]
    assert found == [("Jordan et al., 2024", "(Jordan et al., 2024; Liu et al., 2025)"),
                     ("Liu et al., 2025", "(Jordan et al., 2024; Liu et al., 2025)"),
                     ("Mishkin and Matas, 2015", "(Mishkin & Matas, 2015)"),
                     ("Zola et al., 2010", "Zola et al. (2010)"),
                     ("[AG06]", "[AG06, BFN19]"), ("[BFN19]", "[AG06, BFN19]")]


def test_an_ambiguous_citation_stays_unresolved():
    one = Paper("A", authors=["Wei Liu", "Ann Other"], year=2025)
    two = Paper("B", authors=["Yang Liu", "Bo Else"], year=2025)
    citing = Paper("C", authors=["Someone Else"], year=2025)
    [citation] = find_citations("(Liu et al., 2025)")
    assert Resolver([one, two, citing]).resolve(citation, citing) is None
    assert Resolver([one, citing]).resolve(citation, citing) is one


def test_corpus_markers_become_reference_nodes(graph, corpus):
    # Every author-year and bracket marker in the corpus abstracts, read by hand.
    expected = {"Hoffmann et al., 2022", "Zola et al., 2010", "Li et al., 2020",
                "Gissin et al., 2019", "Wang et al., 2020", "Jordan et al., 2024",
                "Liu et al., 2025", "Cutkosky and Mehta, 2020", "Sun et al., 2023",
                "Tuddenham et al., 2022", "Mishkin and Matas, 2015", "He et al., 2015a",
                "Pascanu et al., 2012", "[CCLMST23]", "[And86]", "[AGG14]", "[AG06]", "[BFN19]",
                "Du et al., 2020", "Lattimore et al., 2020"}
    references = {node: data for node, data in graph.nodes(data=True)
                  if data["label"] == "Reference"}
    assert {data["name"] for data in references.values()} == expected
    abstracts = {paper.key: paper.abstract for paper in corpus}
    for citing, reference, key, data in graph.edges(keys=True, data=True):
        if reference in references:
            assert key == "CITES" and data["found_in"] == "in-text" and not data["inferred"]
            assert data["marker"] in abstracts[citing]
            assert data["marker"] in data["evidence"][0]
    # The same work cited by two papers is one node.
    jordan = node_named(graph, "Jordan et al., 2024")
    assert graph.in_degree(jordan) == 1 and graph.edges[
        next(iter(graph.predecessors(jordan))), jordan, "CITES"]["count"] == 2


def test_builds_on_links_each_used_method_to_its_origin(graph):
    """A paper builds on the earliest paper proposing a method it uses (by year, then id)."""
    origins: dict[str, tuple] = {}
    for paper, method, key in graph.edges(keys=True):
        if key == "PROPOSES":
            year = graph.nodes[paper]["year"]
            candidate = (year is None, year or 0, paper)
            origins[method] = min(origins.get(method, candidate), candidate)
    expected: dict[tuple[str, str], set[str]] = {}
    for paper, method, key in graph.edges(keys=True):
        if key == "USES" and method in origins and origins[method][2] != paper:
            expected.setdefault((paper, origins[method][2]), set()).add(
                graph.nodes[method]["name"])
    found = {(paper, origin): data for paper, origin, key, data in graph.edges(keys=True, data=True)
             if key == "BUILDS_ON"}
    assert expected and set(found) == set(expected)
    for pair, data in found.items():
        assert data["inferred"] is True and set(data["via"]) == expected[pair]
        assert data["via"][0] in data["evidence"][0]  # the reason, in words
    # Inferred links are never explicit citations.
    assert all(data["inferred"] is False for *_, key, data in graph.edges(keys=True, data=True)
               if key == "CITES")


# --- queries and commands ----------------------------------------------------------------

def run(store, *args: str):
    return CliRunner().invoke(main, [*args, "--store", str(store)])


@pytest.fixture(scope="module")
def formats_store(tmp_path_factory):
    """A store holding the graph of all four sample files."""
    store = tmp_path_factory.mktemp("formats")
    save_graph(graph_of(FORMATS), store)
    return store


def test_cites_marks_input_in_text_and_inferred(formats_store, store, graph):
    data = json.loads(run(formats_store, "cites", MUON_SCALABLE.lower(), "--json").output)
    rows = {(row["name"], row["relation"]): row for row in data["cites"]}
    assert rows[(ADAMW, "CITES")]["source"] == "input"
    assert rows[(MUON_BLOG, "CITES")]["source"] == "input+in-text"
    assert rows[(MUON_BLOG, "CITES")]["marker"] == "(Jordan et al., 2024)"
    assert rows[("bibtex:loshchilov2019decoupled", "CITES")]["external"] is True
    # On the corpus, the markers' References, and BUILDS_ON with the method as reason.
    corpus_rows = json.loads(run(store, "cites", KOVALEV, "--json").output)["cites"]
    with open_graph(store) as stored:
        assert corpus_rows == stored.cites(KOVALEV).rows
    assert {"Jordan et al., 2024", "Liu et al., 2025"} <= {
        row["name"] for row in corpus_rows if row["type"] == "Reference"}
    builds_on = next(paper for paper, _, key in graph.edges(keys=True) if key == "BUILDS_ON")
    title = graph.nodes[builds_on]["name"]
    with open_graph(store) as stored:
        inferred = [row for row in stored.cites(title).rows if row["inferred"]]
    assert inferred and all(row["relation"] == "BUILDS_ON" and row["via"] and
                            row["source"] == "inferred" for row in inferred)


def test_cited_by_lists_the_citing_papers(formats_store, store, graph):
    result = run(formats_store, "cited-by", ADAM)
    assert result.exit_code == 0, result.output
    assert "CITES      Symbolic Discovery of Optimization Algorithms  [input]" in result.output
    assert "[input+in-text: (Kingma & Ba, 2015)]" in result.output
    data = json.loads(run(store, "cited-by", "Jordan et al., 2024", "--json").output)
    with open_graph(store) as stored:
        assert data == stored.cited_by("Jordan et al., 2024").to_dict()
    assert [row["name"] for row in data["cited_by"]] == [KOVALEV]


def test_path_from_muon_to_adam_is_a_chain_of_real_edges(store, graph):
    result = run(store, "path", "Muon", "Adam", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    hops = data["hops"]
    assert data["source"]["name"] == "Muon" and data["target"]["name"] == "Adam"
    assert hops[0]["from"] == data["source"] and hops[-1]["to"] == data["target"]
    for before, after in pairwise(hops):
        assert before["to"] == after["from"]
    for step in hops:
        ends = (step["from"]["id"], step["to"]["id"])
        start, end = ends if step["direction"] == "out" else ends[::-1]
        assert step["relation"] in EDGE_TYPES and graph.has_edge(start, end, key=step["relation"])
    text = run(store, "path", "Muon", "Adam").output
    assert text.splitlines()[1] == "Muon (Method)" and "Adam (Method)" in text


def test_path_between_unconnected_nodes_exits_1(formats_store):
    result = run(formats_store, "path", "Long Short-Term Memory", ADAM)
    assert result.exit_code == 1
    assert "no path joins" in result.stderr and "Traceback" not in result.output


def test_unknown_paper_suggests_titles(formats_store):
    found = run(formats_store, "cites", "Muon is scalable", "--json")  # a unique prefix
    assert json.loads(found.output)["paper"]["name"] == MUON_SCALABLE
    result = run(formats_store, "cites", "Muon is scalabel")
    assert result.exit_code == 1
    assert MUON_SCALABLE in result.stderr


def test_pagerank_on_small_graphs():
    cycle = pagerank(3, np.array([0, 1, 2]), np.array([1, 2, 0]))
    assert list(cycle) == pytest.approx([1 / 3, 1 / 3, 1 / 3])
    hub, x, y, z = pagerank(4, np.array([1, 2, 3]), np.array([0, 0, 0]))  # x, y, z -> hub
    assert hub + x + y + z == pytest.approx(1)
    # By hand: each leaf gets (1 - d)/n + d*hub/n, the hub that plus 3*d*leaf.
    leaf = (1 - 0.85) / 4 + 0.85 * hub / 4
    assert x == pytest.approx(leaf) and hub == pytest.approx(leaf + 3 * 0.85 * leaf)


def test_top_methods_by_pagerank_and_degree(store, graph):
    data = json.loads(run(store, "top", "--type", "Method", "--by", "pagerank", "--limit", "10",
                          "--json").output)
    with open_graph(store) as stored:
        assert data == stored.top("Method", "pagerank", 10).to_dict()
    rows = data["top"]
    assert len(rows) == 10 and all(row["type"] == "Method" for row in rows)
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)
    by_degree = json.loads(run(store, "top", "--by", "degree", "--json").output)["top"]
    assert [row["score"] for row in by_degree] == sorted(
        (degree for _, degree in graph.degree()), reverse=True)[:10]
    text = run(store, "top", "--type", "Method", "--by", "pagerank").output
    assert text.splitlines()[1].startswith(f"    1. {rows[0]['name']}  ")
