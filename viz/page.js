/* The kg page: draws the graph embedded in #kg-data with vis-network, with a legend
   that filters by type (and on the corpus map picks a community or colours by year),
   a search box over every node, tooltips and a details panel. Labels that would
   overlap are not drawn (declutter), and the graph refits when the window resizes.
   Every string from the data reaches the DOM as text (textContent), never as HTML. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const SNIPPET = 280; // characters of an abstract in a tooltip
  const LABEL_PX = 13; // screen size of a drawn label; the centre's is CENTER_PX
  const CENTER_PX = 16;
  const LABEL_GAP = 3; // screen pixels kept free around each drawn label
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

  function edgeFacts(edge) {
    const facts = [["weight", String(edge.value)]];
    if (edge.via) facts.push(["via", edge.via.join(", ")]);
    return facts;
  }

  function edgeTooltip(edge) {
    const box = el("div");
    box.append(el("strong", edge.relation),
               el("div", `${byId.get(edge.from).name} → ${byId.get(edge.to).name}`, "kind"));
    if (edge.evidence.length) box.append(el("q", edge.evidence[0]));
    box.append(factList(edgeFacts(edge), false));
    return box;
  }

  // Types unticked in the legend are hidden, except nodes the reader went to.
  const hiddenTypes = new Set(data.legend.hidden || []);
  const revealed = new Set();
  function isHidden(node) {
    return hiddenTypes.has(node.type) && !revealed.has(node.id);
  }

  const nodes = new vis.DataSet(data.nodes.map((node) => ({
    id: node.id, label: node.label, shape: node.shape, value: node.value, x: node.x, y: node.y,
    hidden: isHidden(node),
    borderWidth: node.id === data.center ? 4 : 1,
    color: {background: node.color, border: node.id === data.center ? "#222" : node.color,
            highlight: {background: node.color, border: "#111"},
            hover: {background: node.color, border: "#111"}},
    title: nodeTooltip(node),
  })));
  // An edge with a colour of its own (citations) keeps it when highlighted; the rest
  // take the grey of the network's options.
  const edges = new vis.DataSet(data.edges.map((edge, index) => ({
    id: index, from: edge.from, to: edge.to, value: edge.value, dashes: Boolean(edge.dashes),
    arrows: edge.directed === false ? "" : "to", title: edgeTooltip(edge),
    ...(edge.color && {color: {color: edge.color, highlight: edge.color, hover: edge.color}}),
  })));

  const large = data.layout.large;
  const network = new vis.Network(document.getElementById("graph"), {nodes, edges}, {
    nodes: {borderWidth: 1, borderWidthSelected: 3,
            font: {size: 0, face: "arial", strokeWidth: 3, strokeColor: "#fff"},
            scaling: {min: 8, max: 34, label: {enabled: false}}},
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
    details.replaceChildren(el("h2", edge.relation), jump(byId.get(edge.from).name, edge.from),
                            el("span", " → "), jump(byId.get(edge.to).name, edge.to));
    for (const sentence of edge.evidence) details.append(el("blockquote", sentence));
    details.append(factList(edgeFacts(edge), true));
  }

  function jump(text, id) {
    const button = el("button", text, "link");
    button.type = "button";
    button.addEventListener("click", () => focusNode(id));
    return button;
  }

  function focusNode(id) {
    if (isHidden(byId.get(id))) {
      revealed.add(id);
      applyFilter();
    }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1), animation: {duration: 400}});
    showNode(id);
  }

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // Legend: one row per type, its checkbox shows or hides that type.
  const boxes = new Map();
  function applyFilter() {
    nodes.update(data.nodes.map((node) => ({id: node.id, hidden: isHidden(node)})));
    for (const [type, box] of boxes) box.checked = !hiddenTypes.has(type);
    status.textContent = summary();
    declutterSoon();
  }
  const legend = document.getElementById("legend");
  for (const row of data.legend.types) {
    const count = data.nodes.filter((node) => node.type === row.type).length;
    const box = el("input");
    box.type = "checkbox";
    box.checked = !hiddenTypes.has(row.type);
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
  // Communities (the map): a row per community; a click shows just its nodes.
  if (data.legend.groups) legend.append(el("h3", "Communities"));
  for (const row of data.legend.groups || []) {
    const glyph = el("span", null, "glyph dot");
    glyph.style.background = row.color;
    const line = el("div", null, "legend-row");
    line.append(glyph, el("span", row.text));
    if (row.members) {
      line.title = "Show this community";
      line.addEventListener("click", () => {
        network.fit({nodes: row.members.filter((id) => !isHidden(byId.get(id))),
                     animation: {duration: 400}});
      });
    }
    legend.append(line);
  }
  // Years (the map, when papers have them): colour by year instead of community.
  if (data.legend.years) {
    const years = data.legend.years;
    const choice = el("input");
    choice.type = "checkbox";
    choice.id = "by-year";
    const scale = el("span", null, "glyph ramp");
    scale.style.background = `linear-gradient(to right, ${years.colors.join(", ")})`;
    const line = el("label", null, "legend-row");
    line.append(choice, scale, el("span", `colour by year, ${years.from} to ${years.to}`));
    legend.append(line);
    choice.addEventListener("change", () => {
      nodes.update(data.nodes.map((node) => {
        const colour = choice.checked ? node.yearColor || "#e8e8e8" : node.color;
        return {id: node.id, color: {background: colour, border: colour,
                                     highlight: {background: colour, border: "#111"},
                                     hover: {background: colour, border: "#111"}}};
      }));
    });
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

  // Search over every node, drawn or not: the first whose name is, or else contains,
  // what was typed (or one of its aliases); a hidden node is drawn when found.
  const search = document.getElementById("search");
  const names = document.getElementById("names");
  for (const node of data.nodes) names.append(new Option(node.name));
  function find() {
    const query = search.value.trim().toLowerCase();
    if (!query) return;
    const names = (node) => [node.name, ...(node.aliases || [])].map((n) => n.toLowerCase());
    const hit = data.nodes.find((node) => names(node).includes(query))
      || data.nodes.find((node) => names(node).some((name) => name.includes(query)));
    status.textContent = hit ? summary() : `Nothing matches “${search.value}”`;
    if (hit) focusNode(hit.id);
  }
  search.addEventListener("change", find);

  if (data.home) {
    const anchor = el("a", "← overview");
    anchor.href = data.home;
    document.querySelector("header h1").before(anchor);
  }
  document.getElementById("fit").addEventListener("click", () => {
    network.fit();
    declutterSoon();
  });

  // Labels: in priority order (the centre, other non-papers, papers, each in the
  // data's order), a label is drawn only where it overlaps no label drawn before it
  // (at LABEL_PX on screen, whatever the zoom); again after each zoom, drag or resize.
  const priority = (node) => (node.id === data.center ? 0 : node.type === "Paper" ? 2 : 1);
  const labelOrder = data.nodes.map((node, index) => [priority(node), index, node])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((entry) => entry[2]);
  const measure = document.createElement("canvas").getContext("2d");
  const labelSize = new Map();
  const canvasBox = () => document.querySelector("#graph canvas").getBoundingClientRect();
  function declutter() {
    const scale = network.getScale();
    const view = canvasBox();
    const taken = [];
    const updates = [];
    for (const node of labelOrder) {
      const body = network.body.nodes[node.id];
      let size = 0;
      if (body && !isHidden(node) && node.label) {
        const px = node.id === data.center ? CENTER_PX : LABEL_PX;
        measure.font = `${px}px arial`;
        const half = measure.measureText(node.label).width / 2 + LABEL_GAP;
        const at = network.canvasToDOM({x: body.x, y: body.y});
        const top = at.y + body.options.size * scale;
        const box = {left: at.x - half, right: at.x + half, top, bottom: top + 1.3 * px + LABEL_GAP};
        const onScreen = box.right > 0 && box.left < view.width && box.bottom > 0
          && box.top < view.height;
        if (onScreen && !taken.some((other) => box.left < other.right && other.left < box.right
                                     && box.top < other.bottom && other.top < box.bottom)) {
          taken.push(box);
          size = px / scale;
        }
      }
      if (labelSize.get(node.id) !== size) {
        labelSize.set(node.id, size);
        updates.push({id: node.id, font: {size}});
      }
    }
    if (updates.length) nodes.update(updates);
    network.once("afterDrawing", () => {
      document.body.dataset.labelled = String(Number(document.body.dataset.labelled || 0) + 1);
    });
    network.redraw();
  }
  let pending = null;
  function declutterSoon() {
    clearTimeout(pending);
    pending = setTimeout(declutter, 120);
  }
  network.on("zoom", declutterSoon);
  network.on("dragEnd", declutterSoon);
  network.on("animationFinished", declutterSoon);
  window.addEventListener("resize", () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      network.fit();
      declutter();
    }, 120);
  });
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
    const shown = data.nodes.filter((node) => !isHidden(node)).length;
    const drawn = shown === data.nodes.length ? `${shown}` : `${shown} of ${data.nodes.length}`;
    return `${drawn} nodes, ${edges.length} edges`;
  }
  function ready() {
    declutter();
    network.once("afterDrawing", () => {
      status.textContent = summary();
      document.body.dataset.readyMs = Math.round(performance.now());
      document.body.dataset.ready = "true";
    });
    network.redraw();
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
    network.once("afterDrawing", () => {
      network.fit();
      ready();
    });
  }
  if (data.center) showNode(data.center);
  window.kg = {network, nodes, edges};
})();
