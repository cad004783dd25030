/* The kg page: draws the graph embedded in #kg-data with vis-network, with a legend
   that filters by type, a search box, tooltips and a details panel.
   Every string from the data reaches the DOM as text (textContent), never as HTML. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const SNIPPET = 280; // characters of an abstract in a tooltip
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const status = document.getElementById("status");
  const details = document.getElementById("details");

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function shorten(text, width) {
    return text.length <= width ? text : text.slice(0, width - 1).replace(/\s+\S*$/, "") + "…";
  }

  function factList(facts, links) {
    const list = el("dl");
    for (const [key, value] of facts) {
      const cell = el("dd");
      if (links && /^https?:\/\//i.test(value)) {
        const anchor = el("a", value);
        anchor.href = value;
        anchor.rel = "noopener noreferrer";
        cell.append(anchor);
      } else {
        cell.textContent = value;
      }
      list.append(el("dt", key), cell);
    }
    return list;
  }

  function nodeTooltip(node) {
    const box = el("div");
    box.append(el("strong", node.name), el("div", node.type, "kind"), factList(node.facts, false));
    if (node.abstract) box.append(el("p", shorten(node.abstract, SNIPPET), "abstract"));
    return box;
  }

  function edgeTooltip(edge) {
    const box = el("div");
    box.append(el("strong", edge.relation),
               el("div", `${edge.fromName} → ${edge.toName}`, "kind"));
    if (edge.evidence.length) box.append(el("q", edge.evidence[0]));
    box.append(factList(edge.facts, false));
    return box;
  }

  const nodes = new vis.DataSet(data.nodes.map((node) => ({
    id: node.id, label: node.label, shape: node.shape, value: node.value, x: node.x, y: node.y,
    borderWidth: node.id === data.center ? 4 : 1,
    color: {background: node.color, border: node.id === data.center ? "#222" : node.color,
            highlight: {background: node.color, border: "#111"},
            hover: {background: node.color, border: "#111"}},
    title: nodeTooltip(node),
  })));
  // An edge with a colour of its own (citations) keeps it when highlighted; the rest
  // take the grey of the network's options.
  const edges = new vis.DataSet(data.edges.map((edge, index) => ({
    id: index, from: edge.from, to: edge.to, value: edge.value, dashes: edge.dashes,
    arrows: edge.directed === false ? "" : "to", title: edgeTooltip(edge),
    ...(edge.color && {color: {color: edge.color, highlight: edge.color, hover: edge.color}}),
  })));

  const large = data.layout.large;
  const network = new vis.Network(document.getElementById("graph"), {nodes, edges}, {
    nodes: {borderWidth: 1, borderWidthSelected: 3,
            font: {size: 14, strokeWidth: 3, strokeColor: "#fff"},
            scaling: {min: 8, max: 34,
                      label: {enabled: true, min: 16, max: 24, drawThreshold: large ? 9 : 5}}},
    edges: {color: {color: "#b5b5b5", highlight: "#333", hover: "#666"}, selectionWidth: 2,
            arrows: {to: {scaleFactor: 0.4}}, scaling: {min: 1, max: 8},
            smooth: large ? false : {type: "continuous"}},
    physics: {enabled: data.layout.physics, solver: "forceAtlas2Based",
              forceAtlas2Based: {gravitationalConstant: -70, springLength: 110, avoidOverlap: 0.3},
              stabilization: {iterations: data.layout.iterations, updateInterval: 25}},
    layout: {improvedLayout: !large, randomSeed: 7},
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: large, hideEdgesOnZoom: large},
  });

  function showNode(id) {
    const node = byId.get(id);
    details.replaceChildren(el("h2", node.name), el("div", node.type, "kind"),
                            factList(node.facts, true));
    if (node.abstract) details.append(el("p", node.abstract, "abstract"));
    if (node.page) {
      const anchor = el("a", "Open its page →");
      anchor.href = node.page;
      details.append(anchor);
    }
    const links = el("ul", null, "links");
    for (const edgeId of network.getConnectedEdges(id)) {
      const edge = data.edges[edgeId];
      const outgoing = edge.from === id;
      const other = outgoing ? edge.to : edge.from;
      const item = el("li");
      const arrow = outgoing ? "→" : "←";
      item.append(jump(`${arrow} ${edge.relation}: ${byId.get(other).name}`, other));
      links.append(item);
    }
    if (links.childElementCount) details.append(el("h3", "Connections"), links);
  }

  function showEdge(edgeId) {
    const edge = data.edges[edgeId];
    details.replaceChildren(el("h2", edge.relation), jump(edge.fromName, edge.from),
                            el("span", " → "), jump(edge.toName, edge.to));
    for (const sentence of edge.evidence) details.append(el("blockquote", sentence));
    details.append(factList(edge.facts, true));
  }

  function jump(text, id) {
    const button = el("button", text, "link");
    button.type = "button";
    button.addEventListener("click", () => focusNode(id));
    return button;
  }

  function focusNode(id) {
    if (hiddenTypes.delete(byId.get(id).type)) applyFilter();
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1), animation: {duration: 400}});
    showNode(id);
  }

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // Legend: one row per type, its checkbox shows or hides that type.
  const hiddenTypes = new Set();
  const boxes = new Map();
  function applyFilter() {
    nodes.update(data.nodes.map((node) => ({id: node.id, hidden: hiddenTypes.has(node.type)})));
    for (const [type, box] of boxes) box.checked = !hiddenTypes.has(type);
  }
  const legend = document.getElementById("legend");
  for (const row of data.legend.types) {
    const count = data.nodes.filter((node) => node.type === row.type).length;
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", () => {
      if (box.checked) hiddenTypes.delete(row.type); else hiddenTypes.add(row.type);
      applyFilter();
    });
    boxes.set(row.type, box);
    const glyph = el("span", null, `glyph ${row.shape}`);
    glyph.style.background = row.color;
    const label = el("label", null, "legend-row");
    label.append(box, glyph, el("span", `${row.type} (${count})`));
    legend.append(label);
  }
  if (data.legend.groups) legend.append(el("h3", "Communities"));
  for (const row of data.legend.groups || []) {
    const glyph = el("span", null, "glyph dot");
    glyph.style.background = row.color;
    const line = el("div", null, "legend-row");
    line.append(glyph, el("span", row.text));
    legend.append(line);
  }
  // Lines: every relation, inferred ones dashed; citations in their colour, when shown.
  const lines = [["line", "relation (width = weight)"], ["dashed", "inferred"],
                 ["line", "CITES: explicit citation", "CITES"],
                 ["dashed", "BUILDS_ON: inferred citation", "BUILDS_ON"]];
  for (const [style, text, relation] of lines) {
    const edge = relation && data.edges.find((item) => item.relation === relation);
    if (relation && !edge) continue;
    const glyph = el("span", null, `glyph ${style}`);
    if (edge) glyph.style.borderTopColor = edge.color;
    const line = el("div", null, "legend-row");
    line.append(glyph, el("span", text));
    legend.append(line);
  }
  legend.append(el("p", data.legend.size, "hint"));

  // Search: the first node whose name is, or else contains, what was typed.
  const search = document.getElementById("search");
  const names = document.getElementById("names");
  for (const node of data.nodes) names.append(new Option(node.name));
  function find() {
    const query = search.value.trim().toLowerCase();
    if (!query) return;
    const hit = data.nodes.find((node) => node.name.toLowerCase() === query)
      || data.nodes.find((node) => node.name.toLowerCase().includes(query));
    status.textContent = hit ? summary() : `Nothing matches “${search.value}”`;
    if (hit) focusNode(hit.id);
  }
  search.addEventListener("change", find);

  if (data.home) {
    const anchor = el("a", "← overview");
    anchor.href = data.home;
    document.querySelector("header h1").before(anchor);
  }
  document.getElementById("fit").addEventListener("click", () => network.fit());
  const physics = document.getElementById("physics");
  physics.addEventListener("change", () => {
    network.setOptions({physics: {enabled: physics.checked}});
  });
  network.on("stabilized", () => {
    physics.checked = false;
    network.setOptions({physics: {enabled: false}});
  });

  // Lay out, then stop moving: physics runs only while stabilizing (or when ticked).
  function summary() {
    return `${nodes.length} nodes, ${edges.length} edges`;
  }
  function ready() {
    status.textContent = summary();
    document.body.dataset.readyMs = Math.round(performance.now());
    document.body.dataset.ready = "true";
  }
  network.on("stabilizationProgress", (progress) => {
    status.textContent = `Laying out… ${Math.round(100 * progress.iterations / progress.total)}%`;
  });
  if (data.layout.physics) {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({physics: {enabled: false}});
      network.fit();
      network.once("afterDrawing", ready);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", ready);
  }
  if (data.center) showNode(data.center);
  window.kg = {network, nodes, edges};
})();
