"""The graph derivation's pure parts, on hand-made records (no spaCy): BUILDS_ON links
to a method's origin and grows linearly; edges merge; every node has a label."""

from __future__ import annotations

from kg.edges import MAX_EVIDENCE, Edges
from kg.graph import Derivation, build_graph
from kg.model import Paper


def record(paper: Paper, proposes: list[str] = (), uses: list[str] = ()) -> dict:
    entities = [{"name": name, "type": "Method", "aliases": [], "role": role, "count": 1}
                for names, role in ((proposes, "PROPOSES"), (uses, "USES")) for name in names]
    mentions = [{"entity": e["name"], "sentence": f"{paper.title} names {e['name']}.",
                 "start": len(paper.title) + 2} for e in entities]  # in the abstract
    return {"id": paper.key, "title": paper.title, "entities": entities,
            "mentions": mentions, "extends": []}


def builds_on(graph) -> dict[tuple[str, str], dict]:
    return {(a, b): data for a, b, key, data in graph.edges(keys=True, data=True)
            if key == "BUILDS_ON"}


def test_builds_on_the_earliest_proposer_by_year_then_id():
    proposers = [Paper("Late FooNet", id="p-late", year=2021),
                 Paper("FooNet Again", id="p-b", year=2018),
                 Paper("FooNet First", id="p-a", year=2018),
                 Paper("FooNet Undated", id="p-undated")]
    user = Paper("Using FooNet", id="user", year=2022)
    papers = [*proposers, user]
    records = [record(p, proposes=["FooNet"]) for p in proposers] + \
        [record(user, uses=["FooNet"])]
    links = builds_on(build_graph(papers, records))
    assert set(links) == {("user", "p-a")}
    assert links["user", "p-a"]["via"] == ["FooNet"] and links["user", "p-a"]["inferred"]
    assert "FooNet First" in links["user", "p-a"]["evidence"][0]
    # An undated proposer is the origin only when no proposer has a year.
    alone = [Paper("FooNet Undated", id="u"), Paper("FooNet Dated", id="v", year=2030), user]
    graph = build_graph(alone, [record(alone[0], proposes=["FooNet"]),
                                record(alone[1], proposes=["FooNet"]),
                                record(user, uses=["FooNet"])])
    assert set(builds_on(graph)) == {("user", "v")}


def test_builds_on_grows_linearly_with_the_papers():
    counts = []
    for n in (50, 100, 200):
        proposers = [Paper(f"BarNet {i}", id=f"p{i}", year=2000 + i % 20) for i in range(n // 5)]
        users = [Paper(f"Using BarNet {i}", id=f"u{i}", year=2024) for i in range(n)]
        records = [record(p, proposes=["BarNet"]) for p in proposers] + \
            [record(u, uses=["BarNet"]) for u in users]
        counts.append(len(builds_on(build_graph(proposers + users, records))))
    assert counts == [50, 100, 200]  # one origin per method: every proposer would be n²/5


def test_two_methods_from_one_origin_are_one_edge_via_both():
    origin = Paper("BazNet and QuxNet", id="o", year=2019)
    user = Paper("Using both", id="u", year=2023)
    graph = build_graph([origin, user], [record(origin, proposes=["BazNet", "QuxNet"]),
                                         record(user, uses=["BazNet", "QuxNet"])])
    links = builds_on(graph)
    assert set(links) == {("u", "o")}
    assert links["u", "o"]["via"] == ["BazNet", "QuxNet"] and links["u", "o"]["count"] == 2


def test_derivation_streams_its_source_and_every_node_has_a_label():
    papers = [Paper(f"Paper {i}", id=f"p{i}", year=2020, authors=["Ada Lovelace"],
                    references=[{"id": "cited", "title": "A Cited Work", "source": "x:1"}])
              for i in range(3)]
    records = {p.key: record(p, uses=["FooNet"]) for p in papers}
    calls = []

    def source():
        calls.append(1)
        return ((paper, records[paper.key]) for paper in papers)

    derivation = Derivation(source)
    nodes, edges = list(derivation.nodes()), list(derivation.edges())
    assert len(calls) == 4  # two passes, then nodes and edges: never a list of all papers
    ids = {node["id"] for node in nodes}
    assert all(node["label"] for node in nodes)
    assert all(edge["start"] in ids and edge["end"] in ids for edge in edges)
    labels = sorted(node["label"] for node in nodes)
    assert labels == ["Author", "Method", "Paper", "Paper", "Paper", "Paper"]  # + external
    assert [n for n in nodes if n["id"] == "cited"][0]["external"] is True


def test_edges_merge_counts_and_keep_the_first_evidence():
    edges = Edges()
    edges.add("a", "b", "USES", ["one", "two"], count=2, note="first")
    edges.add("a", "b", "USES", ["two", "three", "four", "five"], note="second")
    edges.add("a", "b", "PROPOSES", ["other"])
    (uses, proposes) = list(edges)
    assert uses["count"] == 3 and uses["note"] == "first"
    assert uses["evidence"] == ["one", "two", "three"][:MAX_EVIDENCE]
    assert proposes["type"] == "PROPOSES" and len(edges) == 2
