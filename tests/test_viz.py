"""Pages of the graph: what they select, that they are self-contained, and that they work
in real headless Chromium opened from file:// with the network off."""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from kg.viz import select, viz
from kg.viz.elements import CITATION_COLOUR
from kg.viz.page import script_json

import kg
from kg.cli import main
from kg.query import CO_OCCURS
from kg.store import save_graph
from tests.browser import CHROMIUM, Chromium
from tests.conftest import papers_naming
from tests.test_citations import FORMATS, MUON_BLOG, MUON_SCALABLE, graph_of, node_named

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "muon.png"
LARGE_NODES = 2000
RENDER_LIMIT = 60  # seconds for the 2,000-node page to lay out and draw
READY = "document.body && document.body.dataset.ready === 'true'"
DRAWN = """(() => { const canvas = document.querySelector('#graph canvas');
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) drawn += 1;
  return drawn / (canvas.width * canvas.height); })()"""
PAYLOADS = {"title": "<script>alert(1)</script>",
            "abstract": "<img src=x onerror=\"window.__xss='img'\"> and "
                        "</script><script>window.__xss='script'</script>",
            "evidence": "</script><svg onload=\"window.__xss='svg'\">",
            "entity": "\"><img src=y onerror=\"window.__xss='entity'\">",
            "author": "<i onmouseover=\"window.__xss='author'\">Eve</i>"}


class StartTags(HTMLParser):
    """The names of the start tags in an HTML text, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.names.append(tag)


def run(store, *args: str):
    return CliRunner().invoke(main, [*args, "--store", str(store)])


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module; skipped only where it is missing outside CI."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI=true makes "
                    "this a failure")
    with Chromium(timeout=RENDER_LIMIT + 30) as chromium:
        yield chromium


@pytest.fixture
def open_page(browser):
    """Open a page file in a fresh offline tab and wait until it has laid out and drawn."""
    pages = []

    def opener(path: Path, before: str | None = None, timeout: float = 30):
        page = browser.open(path, before)
        pages.append(page)
        page.wait_for(READY, timeout)
        return page
    yield opener
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def muon_page(store, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("pages") / "muon.html"
    result = run(store, "viz", "Muon", "-o", str(output))
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture(scope="module")
def opened(store):
    """The corpus store, opened with kg.open (what kg.viz asks)."""
    with kg.open(store) as graph:
        yield graph


@contextmanager
def stored(graph: nx.MultiDiGraph, folder: Path) -> Iterator[kg.query.Graph]:
    """A store holding `graph` in `folder`, opened with kg.open."""
    save_graph(graph, folder)
    with kg.open(folder) as opened:
        yield opened


@pytest.fixture(scope="module")
def xss_store(graph, tmp_path_factory):
    """A store of the corpus graph and with_xss_paper's paper, opened."""
    with stored(with_xss_paper(graph), tmp_path_factory.mktemp("xss") / "store") as opened:
        yield opened


def node_position(page, node: str) -> tuple[float, float]:
    """Where node `node` is drawn, in page coordinates."""
    return tuple(page.evaluate(f"""(() => {{
        const at = kg.network.canvasToDOM(kg.network.getPosition({json.dumps(node)}));
        const box = document.getElementById('graph').getBoundingClientRect();
        return [box.left + at.x, box.top + at.y]; }})()"""))


def assert_self_contained(page, path: Path) -> None:
    """Only the file itself was requested, nothing failed, and the HTML names no
    external script, style or Bootstrap."""
    assert page.requests == [path.resolve().as_uri()]
    assert page.errors == []
    text = path.read_text(encoding="utf-8")
    assert "bootstrap" not in text.lower()
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", text, re.IGNORECASE)


def synthetic_graph(size: int = LARGE_NODES) -> nx.MultiDiGraph:
    """A hub method used by 70 % of `size` nodes (papers), each also naming two of the
    remaining entities, so the hub's page at depth 1 shows exactly `size` nodes."""
    graph = nx.MultiDiGraph()
    graph.add_node("method:hub", label="Method", name="Hub", aliases=[])
    papers = int(size * 0.7)
    entities = size - 1 - papers
    labels = ["Method", "Dataset", "Task", "Metric", "Concept"]
    for i in range(entities):
        graph.add_node(f"entity:{i}", label=labels[i % len(labels)], name=f"Entity {i}",
                       aliases=[])
    for i in range(papers):
        paper = f"paper:{i}"
        graph.add_node(paper, label="Paper", name=f"Paper {i} on hubs", title=f"Paper {i} on hubs",
                       abstract="We study hubs. " * 20, sources=[f"synthetic.txt:{i}"], aliases=[])
        graph.add_edge(paper, "method:hub", key="USES", type="USES", count=1 + i % 4,
                       evidence=[f"Paper {i} uses Hub."])
        for entity in {(2 * i) % entities, (2 * i + 1) % entities}:
            graph.add_edge(paper, f"entity:{entity}", key="MENTIONS", type="MENTIONS", count=1,
                           evidence=[f"Paper {i} names Entity {entity}."])
    return graph


def with_xss_paper(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `graph` with a paper using Muon whose every field is an injection."""
    hostile = graph.copy()
    hostile.add_node("paper:xss", label="Paper", name=PAYLOADS["title"], title=PAYLOADS["title"],
                     abstract=PAYLOADS["abstract"], sources=[PAYLOADS["title"] + ".txt:1"],
                     authors=[PAYLOADS["author"]], url="javascript:window.__xss='url'",
                     aliases=[])
    hostile.add_node("method:xss", label="Method", name=PAYLOADS["entity"],
                     aliases=[PAYLOADS["title"]])
    muon = next(n for n, d in graph.nodes(data=True) if d["name"] == "Muon")
    hostile.add_edge("paper:xss", muon, key="USES", type="USES", count=2,
                     evidence=[PAYLOADS["evidence"]])
    hostile.add_edge("paper:xss", "method:xss", key="USES", type="USES", count=1,
                     evidence=[PAYLOADS["entity"]])
    return hostile


# Selection: a plain function of the graph.

def test_select_muon_has_its_papers_variants_and_co_occurring_entities(opened, graph, corpus):
    sub = select(opened, "muon")
    center = sub.graph["center"]
    assert graph.nodes[center]["name"] == "Muon"
    papers = {data["title"] for _, data in sub.nodes(data=True) if data["label"] == "Paper"}
    assert papers == papers_naming(corpus, "Muon") and len(papers) == 8
    names = {data["name"] for _, data in sub.nodes(data=True)}
    assert {"NorMuon", "AdamW"} <= names
    assert all(sub.degree(node) > 0 for node in sub)


def test_select_types_min_weight_and_limit(opened):
    only_papers = select(opened, "Muon", types=["paper"])
    assert {d["label"] for n, d in only_papers.nodes(data=True) if n != only_papers.graph["center"]
            } == {"Paper"}
    methods = select(opened, "Muon", types=["Method"])
    assert {"Method"} == {d["label"] for _, d in methods.nodes(data=True)}
    assert CO_OCCURS in {key for _, _, key in methods.edges(keys=True)}
    assert all(methods.degree(node) > 0 for node in methods)
    heavy = select(opened, "Muon", min_weight=2)
    assert 1 < heavy.number_of_nodes() < select(opened, "Muon").number_of_nodes()
    assert all(data["count"] >= 2 for _, _, data in heavy.edges(data=True))
    assert select(opened, "Muon", limit=5).number_of_nodes() == 6


# The HTML file on its own.

def test_embedded_json_cannot_close_its_script():
    text = script_json({"title": "</script><!-- & -->"})
    assert not set("<>&") & set(text)
    assert json.loads(text) == {"title": "</script><!-- & -->"}


def test_page_escapes_everything_from_data(xss_store, tmp_path):
    path = viz(xss_store, "Muon", tmp_path / "xss.html")
    text = path.read_text(encoding="utf-8")
    for payload in PAYLOADS.values():
        assert payload not in text
    tags = StartTags()
    tags.feed(text)
    assert tags.names.count("script") == 3  # the data, vis-network, the page's script
    assert not {"img", "svg", "i", "b"} & set(tags.names)


def test_cli_checks_its_arguments(store, tmp_path):
    wrong_type = run(store, "viz", "Muon", "--types", "Paper,Methd", "-o", str(tmp_path / "a.html"))
    assert wrong_type.exit_code == 2 and "Methd" in wrong_type.output
    assert run(store, "viz", "Muon").exit_code == 2
    assert run(store, "viz", "Muon", "--all", str(tmp_path)).exit_code == 2
    unknown = run(store, "viz", "Muonn", "-o", str(tmp_path / "b.html"))
    assert unknown.exit_code == 1 and "Muon" in unknown.stderr
    assert not list(tmp_path.iterdir())


# In Chromium, offline.

def test_muon_page_renders_offline_with_legend_and_its_papers(open_page, muon_page, opened,
                                                                 graph, corpus):
    page = open_page(muon_page)
    assert_self_contained(page, muon_page)
    sub = select(opened, "Muon")
    ids = page.evaluate("kg.nodes.getIds()")
    assert len(ids) == sub.number_of_nodes() and set(ids) == set(sub)
    assert page.evaluate("kg.edges.length") == sub.number_of_edges()
    shown = {graph.nodes[node]["title"] for node in ids if graph.nodes[node]["label"] == "Paper"}
    assert shown == papers_naming(corpus, "Muon")
    legend = page.evaluate("document.getElementById('legend').innerText")
    assert "Paper (8)" in legend and "Method (" in legend and "Concept (" in legend
    assert "CITES" not in legend, "a line in the legend only for citations on the page"
    assert page.evaluate(DRAWN) > 0.03


def test_hover_shows_a_tooltip_and_click_the_abstract(open_page, muon_page, graph):
    page = open_page(muon_page)
    paper = next(node for node in page.evaluate("kg.nodes.getIds()")
                 if graph.nodes[node]["label"] == "Paper" and graph.nodes[node].get("abstract")
                 and graph.nodes[node].get("sources"))
    data = graph.nodes[paper]
    x, y = node_position(page, paper)
    page.mouse("mouseMoved", x, y)
    page.wait_for("document.querySelector('div.vis-tooltip')?.style.visibility === 'visible'", 5)
    tooltip = page.evaluate("document.querySelector('div.vis-tooltip').textContent")
    assert data["title"] in tooltip and "source" in tooltip and data["abstract"][:80] in tooltip
    page.click(x, y)
    details = page.evaluate("document.getElementById('details').textContent")
    assert data["title"] in details and data["abstract"] in details


def test_search_and_type_filter(open_page, muon_page):
    page = open_page(muon_page)
    page.evaluate("""(() => { const box = document.getElementById('search');
        box.value = 'normuon'; box.dispatchEvent(new Event('change')); })()""")
    assert page.evaluate("document.querySelector('#details h2').textContent") == "NorMuon"
    page.evaluate("document.querySelector('#legend input').click()")  # the Paper row
    hidden = page.evaluate("kg.nodes.get({filter: (node) => node.hidden}).length")
    assert hidden == 8


def test_citation_edges_have_their_own_colour_and_legend(open_page, tmp_path):
    graph = graph_of(FORMATS)
    scalable, blog = node_named(graph, MUON_SCALABLE), node_named(graph, MUON_BLOG)
    graph.add_edge(scalable, blog, key="BUILDS_ON", type="BUILDS_ON", count=1, inferred=True,
                   via=["Muon"], evidence=["It uses Muon, which the other proposes."])
    save_graph(graph, tmp_path / "store")
    output = tmp_path / "citations.html"
    assert run(tmp_path / "store", "viz", MUON_SCALABLE, "-o", str(output)).exit_code == 0
    page = open_page(output)
    assert_self_contained(page, output)
    drawn = page.evaluate("""(() => {
        const data = JSON.parse(document.getElementById('kg-data').textContent);
        return kg.edges.get().map((edge) => [data.edges[edge.id].relation,
                                             edge.color || null, edge.dashes]); })()""")
    styles: dict[str, set] = {}
    for relation, colour, dashes in drawn:
        styles.setdefault(relation, set()).add((json.dumps(colour), dashes))
    own = json.dumps({"color": CITATION_COLOUR, "highlight": CITATION_COLOUR,
                      "hover": CITATION_COLOUR})
    assert styles == {"CITES": {(own, False)}, "BUILDS_ON": {(own, True)},
                      "AUTHORED": {("null", False)}}
    rows = page.evaluate("[...document.querySelectorAll('#legend div.legend-row')].map((row) => "
                         "[row.innerText, row.querySelector('.glyph').className, "
                         "getComputedStyle(row.querySelector('.glyph')).borderTopColor])")
    red, green, blue = (int(CITATION_COLOUR[i:i + 2], 16) for i in (1, 3, 5))
    colour = f"rgb({red}, {green}, {blue})"
    assert ["CITES: explicit citation", "glyph line", colour] in rows
    assert ["BUILDS_ON: inferred citation", "glyph dashed", colour] in rows
    assert ["relation (width = weight)", "glyph line", "rgb(153, 153, 153)"] in rows


def test_xss_page_runs_no_script(open_page, xss_store, tmp_path):
    path = viz(xss_store, "Muon", tmp_path / "xss.html")
    page = open_page(path, before="window.alert = () => { window.__xss = 'alert'; };")
    assert_self_contained(page, path)
    x, y = node_position(page, "paper:xss")
    page.mouse("mouseMoved", x, y)
    page.wait_for("document.querySelector('div.vis-tooltip')?.style.visibility === 'visible'", 5)
    assert PAYLOADS["title"] in page.evaluate(
        "document.querySelector('div.vis-tooltip').textContent")
    page.click(x, y)
    details = page.evaluate("document.getElementById('details').textContent")
    assert PAYLOADS["abstract"] in details and PAYLOADS["author"] in details
    assert page.evaluate("document.querySelectorAll('#details a').length") == 0  # no javascript:
    tooltips = page.evaluate("kg.nodes.get().concat(kg.edges.get())"
                             ".map((item) => item.title.textContent).join('\\n')")
    assert all(payload in tooltips for payload in PAYLOADS.values())
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.evaluate("document.querySelectorAll('img, svg, i').length") == 0


def test_2000_node_page_renders_in_time(open_page, tmp_path, record_property):
    with stored(synthetic_graph(), tmp_path / "store") as large:
        assert select(large, "Hub").number_of_nodes() == LARGE_NODES
        path = viz(large, "Hub", tmp_path / "large.html")
    page = open_page(path, timeout=RENDER_LIMIT)
    seconds = int(page.evaluate("document.body.dataset.readyMs")) / 1000  # from navigation
    record_property("render_seconds", seconds)
    print(f"2,000-node page laid out and drawn {seconds:.1f} s after navigation")
    assert_self_contained(page, path)
    assert page.evaluate("kg.nodes.length") == LARGE_NODES
    assert page.evaluate("kg.network.physics.physicsEnabled") is False
    assert page.evaluate(DRAWN) > 0.03


def test_readme_screenshot_is_the_current_muon_page(open_page, muon_page):
    """docs/muon.png is what `kg viz Muon` draws now (small rendering differences pass).
    KG_UPDATE_SCREENSHOT=1 rewrites it instead."""
    assert_screenshot(open_page(muon_page), SCREENSHOT)


def assert_screenshot(page, path: Path) -> None:
    """The README's `path` shows what `page` shows now (under 2 % of pixels differ);
    with KG_UPDATE_SCREENSHOT=1, `path` is rewritten instead."""
    shot = page.screenshot()
    if os.environ.get("KG_UPDATE_SCREENSHOT"):
        path.write_bytes(shot)
    assert f"docs/{path.name}" in (ROOT / "README.md").read_text(encoding="utf-8")
    differing = page.evaluate(f"""(async () => {{
        const load = async (png) => {{ const image = new Image(); image.src = png;
            await image.decode(); const canvas = new OffscreenCanvas(image.width, image.height);
            const context = canvas.getContext('2d'); context.drawImage(image, 0, 0);
            return context.getImageData(0, 0, image.width, image.height); }};
        const [a, b] = await Promise.all([{json.dumps(data_url(shot))},
            {json.dumps(data_url(path.read_bytes()))}].map(load));
        if (a.width !== b.width || a.height !== b.height) return 1;
        let differ = 0;
        for (let i = 0; i < a.data.length; i += 4)
            if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1])
                + Math.abs(a.data[i + 2] - b.data[i + 2]) > 60) differ += 1;
        return differ / (a.width * a.height); }})()""")
    assert differing < 0.02, (f"{differing:.1%} of docs/{path.name} differs from the page now: "
                              "rerun with KG_UPDATE_SCREENSHOT=1 and commit it")


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()
