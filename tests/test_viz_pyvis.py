"""kg.viz for Python users: to_pyvis on the corpus graph, its page in real Chromium,
and the Jupyter views (_repr_html_) of subgraphs and results."""

from __future__ import annotations

import html
import json
import re

from kg.viz import HtmlResult, Subgraph, select, to_pyvis
from kg.viz.elements import STYLE
from pyvis.network import Network

import kg
from tests.test_viz import PAYLOADS, browser, opened, xss_store  # noqa: F401  (fixtures)

DRAWN_PYVIS = """(() => { const canvas = document.querySelector('#mynetwork canvas');
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) drawn += 1;
  return drawn / (canvas.width * canvas.height); })()"""


def test_muon_network_has_names_types_colours_and_sizes(opened):  # noqa: F811
    sub = select(opened, "Muon")
    net = to_pyvis(sub)
    assert isinstance(net, Network)
    labels = {node["label"] for node in net.nodes}
    assert {"Muon", "NorMuon", "AdamW"} <= labels
    assert "Paper" not in labels and "Method" not in labels  # names, not types
    by_id = {node["id"]: node for node in net.nodes}
    assert set(by_id) == set(sub) and len(net.edges) == sub.number_of_edges()
    for node, data in sub.nodes(data=True):
        assert by_id[node]["group"] == data["label"]
        assert by_id[node]["shape"] == STYLE[data["label"]][1]
    groups = json.loads(net.options.to_json())["groups"]
    assert groups["Method"] == {"color": STYLE["Method"][0]}
    assert set(groups) == {data["label"] for _, data in sub.nodes(data=True)}
    muon, normuon = sub.graph["center"], next(n for n in sub if by_id[n]["label"] == "NorMuon")
    assert sub.degree(muon) > sub.degree(normuon)
    assert by_id[muon]["size"] > by_id[normuon]["size"] and by_id[muon]["borderWidth"] == 4
    assert by_id[muon]["title"].startswith("Muon\nMethod · degree ")


def test_hover_text_is_escaped(xss_store):  # noqa: F811
    net = to_pyvis(select(xss_store, "Muon"))
    titles = "\n".join(item["title"] for item in net.nodes + net.edges)
    assert html.escape(PAYLOADS["title"]) in titles
    assert not re.search(r"<[a-z/]", titles, re.IGNORECASE)


def test_pyvis_api_and_offline_page(xss_store, browser, tmp_path):  # noqa: F811
    """show_buttons, physics options and notebook=True work; the in_line page draws the
    graph in Chromium with the network off, and no title becomes HTML even when pyvis
    puts titles into the page with innerHTML (as it does once any title has a link)."""
    net = to_pyvis(select(xss_store, "Muon"), notebook=True)
    net.show_buttons(filter_=["physics"])
    net.force_atlas_2based(spring_length=120)
    path = tmp_path / "muon-pyvis.html"
    net.write_html(str(path), notebook=True)
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc=[^>]*vis-network", text)  # inlined, not fetched
    page = browser.open(path)
    try:
        page.wait_for("typeof network !== 'undefined' && network.body !== undefined", 30)
        page.wait_for(f"{DRAWN_PYVIS} > 0.01", 30)
        drawn = page.evaluate("nodes.get().map((node) => node.label)")
        assert "Muon" in drawn and "NorMuon" in drawn
        assert page.evaluate("document.querySelector('.vis-configuration-wrapper') !== null")
        parsed = page.evaluate("""nodes.get().concat(edges.get()).map((item) => {
            const box = document.createElement('div'); box.innerHTML = item.title;
            return box.querySelectorAll('*').length; }).reduce((a, b) => a + b, 0)""")
        assert parsed == 0
        assert page.evaluate("window.__xss") is None
    finally:
        page.close()


def test_subgraph_draws_itself_in_a_sandboxed_frame(opened):  # noqa: F811
    sub = select(opened, "NorMuon")
    assert isinstance(sub, Subgraph)
    frame = sub._repr_html_()
    match = re.fullmatch(r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" style="[^"]*">'
                         r"</iframe>", frame)
    assert match
    page = html.unescape(match.group(1))
    assert "new vis.Network" in page and '"label": "NorMuon"' in page
    assert to_pyvis(sub)._repr_html_() == frame


def test_results_show_as_escaped_tables():
    class Result(HtmlResult):
        def to_dict(self):
            return {"node": {"name": "<b>Muon</b>", "aliases": ["a&b"]},
                    "neighbors": [{"name": "NorMuon", "count": 2}, {"name": "Adam"}] * 40}

    shown = Result()._repr_html_()
    assert "&lt;b&gt;Muon&lt;/b&gt;" in shown and "a&amp;b" in shown and "<b>" not in shown
    assert shown.count("<td>NorMuon</td>") == 25 and "… 30 more" in shown


def test_pyvis_of_the_query_layers_subgraph(store):
    """The issue's example: kg.viz.to_pyvis(kg.open().subgraph("Muon"))."""
    with kg.open(store) as graph:
        sub = graph.subgraph("Muon")
    assert isinstance(sub, Subgraph)
    net = to_pyvis(sub)
    labels = {node["label"]: node["group"] for node in net.nodes}
    assert labels["Muon"] == "Method" and labels["NorMuon"] == "Method"
    assert {node["group"] for node in net.nodes} >= {"Paper", "Method"}
    assert all(node["group"] == sub.nodes[node["id"]]["label"] for node in net.nodes)
    assert len(net.edges) == sub.number_of_edges() > 0
