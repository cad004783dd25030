"""The corpus map (`kg viz --all DIR`): communities, placement, size on disk, and in
real headless Chromium offline: legend colours, search beyond the drawn nodes, labels
that do not overlap, refit on resize, and the README screenshot."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import click
import networkx as nx
import pytest
from kg.viz import communities, viz_all
from kg.viz.overview import (
    COMMUNITY_COLOURS,
    NAMED_MEMBERS,
    map_data,
    top_entities,
    year_colours,
)

from tests.test_viz import (  # noqa: F401  (browser, open_page: fixtures)
    ROOT,
    assert_screenshot,
    browser,
    open_page,
    run,
    stored,
)

SCREENSHOT = ROOT / "docs" / "map.png"
MAX_BYTES = 3_000_000  # the whole folder for the bundled corpus
MIN_LABELS = 40  # labels the map must still draw at the default zoom
# The label boxes vis-network draws (its own measure of each visible label), in page
# pixels, and every pair of them that overlaps. Threshold: no pair may overlap at all.
LABEL_OVERLAPS = """(() => {
  const scale = kg.network.getScale();
  const boxes = [];
  for (const id of kg.nodes.getIds()) {
    const body = kg.network.body.nodes[id];
    if (body.options.hidden || !body.labelModule.visible()) continue;
    const size = body.labelModule.size;
    const at = kg.network.canvasToDOM({x: size.left, y: size.top});
    boxes.push({id, left: at.x, top: at.y, right: at.x + size.width * scale,
                bottom: at.y + size.height * scale});
  }
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, b] = [boxes[i], boxes[j]];
    const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (width > 0 && height > 0) overlaps.push([a.id, b.id, width * height]);
  }
  return {labels: boxes.length, overlaps}; })()"""
OUTSIDE = """(() => { const box = document.querySelector('#graph canvas').getBoundingClientRect();
  return kg.nodes.get({filter: (node) => !node.hidden}).filter((node) => {
    const at = kg.network.canvasToDOM(kg.network.getPosition(node.id));
    return at.x < 0 || at.y < 0 || at.x > box.width || at.y > box.height; }).length; })()"""


@pytest.fixture(scope="module")
def map_dir(store, tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("map")
    result = run(store, "viz", "--all", str(directory))
    assert result.exit_code == 0, result.output
    return directory


@pytest.fixture
def map_page(open_page, map_dir):  # noqa: F811
    page = open_page(map_dir / "index.html", timeout=60)
    assert page.errors == []
    assert sorted(page.requests) == sorted(
        (map_dir / name).resolve().as_uri()
        for name in ("index.html", "vis-network.min.js", "kg-page.js"))
    return page


def page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    start = text.index('id="kg-data">') + len('id="kg-data">')
    return json.loads(text[start:text.index("</script>", start)])


def test_communities_cover_methods_datasets_tasks_and_papers(graph):
    found = communities.find(graph)
    placed = {n for n, d in graph.nodes(data=True)
              if d["label"] in (*communities.MAP_LABELS, "Paper")}
    assert set(found.of) == placed
    assert sorted(n for members in found.members.values() for n in members) == sorted(placed)
    assert found.of == communities.find(graph).of  # the seed is fixed
    sizes = [len(found.members[rank]) for rank in sorted(found.members) if rank >= 0]
    assert sizes[0] > 20 and len(sizes) > 12
    muon = next(n for n, d in graph.nodes(data=True) if d["name"] == "Muon")
    normuon_paper = next(n for n, d in graph.nodes(data=True)
                         if d["name"].startswith("NorMuon: Making Muon"))
    assert found.of[normuon_paper] == found.of[muon]


def test_papers_sit_with_their_community(graph):
    """Each paper of a coloured community has a member of its own community as its
    nearest neighbour among the coloured communities' members."""
    found = communities.find(graph)
    nodes = {item["id"]: (item["x"], item["y"]) for item in page_data_of(graph)["nodes"]}
    coloured = [rank for rank in sorted(found.members) if rank >= 0][:len(COMMUNITY_COLOURS)]
    members = [(node, rank) for rank in coloured for node in found.members[rank]]
    papers = [(node, rank) for node, rank in members if graph.nodes[node]["label"] == "Paper"]
    assert len(papers) > 100
    for paper, rank in papers:
        nearest = min((math.dist(nodes[paper], nodes[other]), theirs)
                      for other, theirs in members if other != paper)
        assert nearest[1] == rank, graph.nodes[paper]["name"]


def test_map_is_the_same_whatever_order_the_graph_was_built_in(graph):
    nodes, edges = list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True))
    random.Random(1).shuffle(nodes)
    random.Random(2).shuffle(edges)
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(edges)

    def drawn(data):
        return {item["id"]: (item["x"], item["y"], item["color"]) for item in data["nodes"]}
    assert drawn(page_data_of(shuffled)) == drawn(page_data_of(graph))


def page_data_of(graph):
    return map_data(graph, {})


def test_years_colour_the_map_when_papers_have_them(graph):
    assert "years" not in page_data_of(graph)["legend"]  # the bundled corpus has none
    dated = graph.copy()
    papers = sorted(n for n, d in dated.nodes(data=True) if d["label"] == "Paper")
    for i, paper in enumerate(papers):
        dated.nodes[paper]["year"] = 2015 + i % 10
    colours, legend = year_colours(dated, list(dated))
    assert legend["from"] == 2015 and legend["to"] == 2024
    assert colours[papers[0]] == legend["colors"][0] and colours[papers[9]] == legend["colors"][-1]
    muon = next(n for n, d in dated.nodes(data=True) if d["name"] == "Muon")
    assert muon in colours  # an entity: the median year of its papers
    data = map_data(dated, {})
    assert data["legend"]["years"] == legend
    assert {item["yearColor"] for item in data["nodes"] if item["id"] in papers} == \
        set(legend["colors"])


def test_year_tick_recolours_the_map(graph, open_page, tmp_path):  # noqa: F811
    dated = graph.copy()
    for i, paper in enumerate(sorted(n for n, d in dated.nodes(data=True)
                                     if d["label"] == "Paper")):
        dated.nodes[paper]["year"] = 2015 + i % 10
    with stored(dated, tmp_path / "store") as opened:
        page = open_page(viz_all(opened, tmp_path / "pages"), timeout=60)
    assert "colour by year, 2015 to 2024" in page.evaluate(
        "document.getElementById('legend').innerText")
    data = page_data(tmp_path / "pages" / "index.html")
    paper = next(item for item in data["nodes"] if item["type"] == "Paper")
    colour = f"kg.nodes.get({json.dumps(paper['id'])}).color.background"
    assert page.evaluate(colour) == paper["color"]
    page.evaluate("document.getElementById('by-year').click()")
    assert page.evaluate(colour) == paper["yearColor"] != paper["color"]
    page.evaluate("document.getElementById('by-year').click()")
    assert page.evaluate(colour) == paper["color"]


def test_folder_shares_one_graph_library_and_stays_small(map_dir, graph):
    files = sorted(map_dir.iterdir())
    total = sum(path.stat().st_size for path in files)
    print(f"kg viz --all: {len(files)} files, {total:,} bytes")
    assert total <= MAX_BYTES
    banner = "@version 9.1.2"
    assert [p.name for p in files if banner in p.read_text(encoding="utf-8")] == \
        ["vis-network.min.js"]
    pages = [p for p in files if p.suffix == ".html"]
    assert len(pages) == 1 + sum(len(nodes) for nodes in top_entities(graph).values())
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<script src="vis-network.min.js"></script>' in text
        assert "script-src 'self'" in text


def test_map_links_a_page_for_each_top_entity(map_page, map_dir, open_page, graph):  # noqa: F811
    top = top_entities(graph)
    assert all(len(nodes) == 10 for nodes in top.values())
    links = map_page.evaluate("[...document.querySelectorAll('aside ol a')].map((a) => "
                              "[a.getAttribute('href'), a.textContent])")
    assert [name for _, name in links] == [graph.nodes[n]["name"] for nodes in top.values()
                                          for n in nodes]
    assert all((map_dir / href).is_file() for href, _ in links)
    linked = open_page(map_dir / links[0][0])
    assert linked.errors == []
    assert linked.evaluate("document.querySelector('header a').getAttribute('href')") == \
        "index.html"
    assert linked.evaluate("document.querySelector('h1').textContent").startswith(links[0][1])


def test_legend_names_and_colours_the_communities(map_page, graph):
    found = communities.find(graph)
    rows = map_page.evaluate("""[...document.querySelectorAll('#legend div.legend-row')]
        .filter((row) => row.title === 'Show this community')
        .map((row) => [row.innerText, getComputedStyle(row.querySelector('.glyph'))
                                     .backgroundColor])""")
    assert len(rows) >= len(COMMUNITY_COLOURS)
    for rank, colour in enumerate(COMMUNITY_COLOURS):
        text, shown = rows[rank]
        assert text.startswith(", ".join(found.names[rank][:NAMED_MEMBERS]))
        assert shown == "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))
        drawn = map_page.evaluate(f"kg.nodes.get({json.dumps(found.members[rank][0])})"
                                  ".color.background")
        assert drawn == colour
    map_page.evaluate("""[...document.querySelectorAll('#legend div.legend-row')]
        .find((row) => row.title === 'Show this community').click()""")
    map_page.wait_for("kg.network.getScale() > 0", 5)


def test_search_finds_a_node_the_map_does_not_draw(map_page, graph):
    names = [d["name"].lower() for _, d in graph.nodes(data=True)]
    concept = max((n for n, d in graph.nodes(data=True) if d["label"] == "Concept"
                   and names.count(d["name"].lower()) == 1), key=graph.degree)
    name = graph.nodes[concept]["name"]
    assert map_page.evaluate(f"kg.nodes.get({json.dumps(concept)}).hidden") is True
    map_page.evaluate(f"""(() => {{ const box = document.getElementById('search');
        box.value = {json.dumps(name.upper())}; box.dispatchEvent(new Event('change')); }})()""")
    assert map_page.evaluate("document.querySelector('#details h2').textContent") == name
    assert map_page.evaluate(f"kg.nodes.get({json.dumps(concept)}).hidden") is False
    assert map_page.evaluate("kg.nodes.get({filter: (node) => !node.hidden}).length") == \
        sum(1 for _, d in graph.nodes(data=True)
            if d["label"] in (*communities.MAP_LABELS, "Paper")) + 1


def test_labels_do_not_overlap_and_the_map_refits_on_resize(map_page):
    drawn = map_page.evaluate(LABEL_OVERLAPS)
    print(f"map at 1280x800: {drawn['labels']} labels drawn, "
          f"{len(drawn['overlaps'])} overlapping pairs")
    assert drawn["labels"] >= MIN_LABELS and drawn["overlaps"] == []
    rounds = int(map_page.evaluate("document.body.dataset.labelled"))
    map_page.call("Emulation.setDeviceMetricsOverride", {"width": 900, "height": 700,
                                                         "deviceScaleFactor": 1,
                                                         "mobile": False})
    map_page.wait_for(f"Number(document.body.dataset.labelled) > {rounds}", 10)
    assert map_page.evaluate("document.querySelector('#graph canvas').width") < 700
    assert map_page.evaluate(OUTSIDE) == 0
    smaller = map_page.evaluate(LABEL_OVERLAPS)
    print(f"map at 900x700: {smaller['labels']} labels drawn, "
          f"{len(smaller['overlaps'])} overlapping pairs")
    assert smaller["labels"] >= MIN_LABELS / 2 and smaller["overlaps"] == []


def test_readme_screenshot_is_the_current_map(map_page):
    """docs/map.png is what `kg viz --all` draws now; KG_UPDATE_SCREENSHOT=1 rewrites it."""
    assert_screenshot(map_page, SCREENSHOT)


def test_open_launches_the_page_written(store, tmp_path, monkeypatch):
    """--open hands the written page to click.launch (the default browser); without it
    nothing is launched."""
    opened: list[str] = []
    monkeypatch.setattr(click, "launch", lambda url, **options: opened.append(url) or 0)
    page = tmp_path / "muon.html"
    assert run(store, "viz", "Muon", "-o", str(page)).exit_code == 0 and opened == []
    assert run(store, "viz", "Muon", "-o", str(page), "--open").exit_code == 0
    assert opened == [str(page)]
