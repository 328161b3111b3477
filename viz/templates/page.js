// actornet network page. The data is JSON (parsed, never inserted as HTML);
// every text reaches the page through textContent.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("actornet-data").textContent);
  // Themes in words: the full label in the panel, the short one in tooltips and menus.
  var themeNames = {}, themeShorts = {};
  data.themes.forEach(function (t) { themeNames[t.id] = t.label; themeShorts[t.id] = t.short || t.label; });
  function themeLabel(t) { return themeNames[t] || t; }
  function themeShort(t) { return themeShorts[t] || t; }
  var byId = new Map(), edgeById = new Map(), adj = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); adj.set(n.id, []); });
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    var d = e.strength > 0 ? 1 / e.strength : Infinity;
    adj.get(e.from).push({ to: e.to, edge: e.id, dist: d });
    adj.get(e.to).push({ to: e.from, edge: e.id, dist: d });
  });
  var kindStyle = {}, tieStyle = {};
  data.kinds.forEach(function (k) { kindStyle[k.kind] = k; });
  data.ties.forEach(function (t) { tieStyle[t.type] = t; });
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = String(text);
    if (cls) x.className = cls;
    return x;
  }
  function fold(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function short(s) { s = String(s); return s.length > 32 ? s.slice(0, 31) + "\u2026" : s; }
  function years(e) {
    if (e.since === null && e.until === null) return "";
    return (e.since === null ? "?" : e.since) + "\u2013" + (e.until === null ? "" : e.until);
  }
  // Tooltips: plain text lines from an allowlist of fields.
  function nodeLines(n) {
    var lines = [n.name, (kindStyle[n.kind] ? kindStyle[n.kind].label : n.kind) + (n.city ? ", " + n.city : ""),
      "id: " + n.id];
    if (n.aliases.length) lines.push("also: " + n.aliases.join(", "));
    if (n.themes.length) lines.push("themes: " + n.themes.map(themeShort).join(", "));
    lines.push("broker rank " + n.rank + " (betweenness " + n.betweenness.toFixed(4) + ")" +
      (n.role ? ", " + n.role : ""));
    lines.push("ties drawn: " + adj.get(n.id).length);
    return lines;
  }
  function edgeLines(e) {
    var lines = [byId.get(e.from).name + " \u2013 " + byId.get(e.to).name,
      e.types.map(function (t) { return tieStyle[t] ? tieStyle[t].label : t; }).join(", ")];
    if (e.projects) lines.push(e.projects + " shared project" + (e.projects > 1 ? "s" : ""));
    if (e.networks) lines.push(e.networks + " shared network" + (e.networks > 1 ? "s" : ""));
    if (e.themes.length) lines.push("themes: " + e.themes.map(themeShort).join(", "));
    if (years(e)) lines.push("years: " + years(e));
    lines.push("strength " + e.strength);
    return lines;
  }
  function tooltip(lines) {
    var box = el("div");
    box.style.whiteSpace = "pre-line";
    box.textContent = lines.join("\n");
    return box;
  }

  var big = data.nodes.length > 1000;
  function visNode(n) {
    var k = kindStyle[n.kind] || { color: "#777", shape: "dot" };
    return { id: n.id, label: n.labelled ? short(n.name) : undefined, x: n.x, y: n.y, size: n.size,
      shape: k.shape, color: { background: k.color, border: "#333",
        highlight: { background: k.color, border: "#000" }, hover: { background: k.color, border: "#000" } },
      title: tooltip(nodeLines(n)),
      // The top brokers' names stay readable in the overview; the rest appear on zooming in.
      font: { size: n.rank <= 12 ? 40 : n.rank <= 40 ? 24 : 14 } };
  }
  function visEdge(e) {
    var s = tieStyle[e.style] || { color: "#555", dashes: false };
    return { id: e.id, from: e.from, to: e.to, color: { color: s.color, highlight: "#000", hover: "#000", opacity: 0.7 },
      dashes: s.dashes, width: Math.min(6, 1 + Math.log2(1 + e.strength) / 1.5), title: tooltip(edgeLines(e)) };
  }
  var nodeSet = new vis.DataSet(data.nodes.map(visNode));
  var edgeSet = new vis.DataSet(data.edges.map(visEdge));
  var shownNodes = new Set(byId.keys()), shownEdges = new Set(edgeById.keys());
  var nodeView = new vis.DataView(nodeSet, { filter: function (n) { return shownNodes.has(n.id); } });
  var edgeView = new vis.DataView(edgeSet, { filter: function (e) { return shownEdges.has(e.id); } });
  var options = {
    autoResize: true,
    layout: { improvedLayout: false },
    physics: { enabled: false, solver: "forceAtlas2Based", stabilization: false },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    nodes: { borderWidth: 1, font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { smooth: false, selectionWidth: 2 }
  };
  var network = new vis.Network($("network"), { nodes: nodeView, edges: edgeView }, options);
  window.network = network;
  window.actornetReady = false;
  var readyParts = { actors: false, map: !data.map };
  function partReady(part) {
    readyParts[part] = true;
    if (readyParts.actors && readyParts.map) window.actornetReady = true;
  }
  network.once("afterDrawing", function () { partReady("actors"); });

  // -- filters ---------------------------------------------------------------
  var state = { kinds: new Set(data.kinds.map(function (k) { return k.kind; })), theme: "", city: "",
    role: "", from: null, to: null, focus: null, depth: 1, path: null, selected: null };
  data.kinds.forEach(function (k) {
    var label = el("label"), box = el("input"), sw = el("span", null, "swatch");
    box.type = "checkbox"; box.checked = true; box.value = k.kind; box.id = "kind-" + k.kind;
    sw.style.background = k.color;
    box.addEventListener("change", function () {
      if (box.checked) state.kinds.add(k.kind); else state.kinds.delete(k.kind);
      update();
    });
    label.appendChild(box); label.appendChild(sw); label.appendChild(document.createTextNode(k.label + " (" + k.count + ")"));
    $("kind-filters").appendChild(label);
  });
  function fill(select, items) {
    items.forEach(function (it) { var o = el("option", it[1]); o.value = it[0]; select.appendChild(o); });
  }
  fill($("theme-filter"), data.themes.map(function (t) { return [t.id, t.short || t.label]; }));
  fill($("city-filter"), data.cities);
  fill($("role-filter"), data.roles.map(function (r) { return [r, r]; }));
  if (data.years) {
    ["year-from", "year-to"].forEach(function (id) { $(id).min = data.years[0]; $(id).max = data.years[1]; });
    $("year-from").placeholder = data.years[0]; $("year-to").placeholder = data.years[1];
  }
  $("theme-filter").addEventListener("change", function (ev) { state.theme = ev.target.value; update(); });
  $("city-filter").addEventListener("change", function (ev) { state.city = ev.target.value; update(); });
  $("role-filter").addEventListener("change", function (ev) { state.role = ev.target.value; update(); });
  function year(v) { var y = parseInt(v, 10); return isNaN(y) ? null : y; }
  $("year-from").addEventListener("input", function (ev) { state.from = year(ev.target.value); update(); });
  $("year-to").addEventListener("input", function (ev) { state.to = year(ev.target.value); update(); });
  $("reset-btn").addEventListener("click", function () {
    state.kinds = new Set(data.kinds.map(function (k) { return k.kind; }));
    document.querySelectorAll("#kind-filters input").forEach(function (b) { b.checked = true; });
    state.theme = state.city = state.role = ""; state.from = state.to = null;
    ["theme-filter", "city-filter", "role-filter", "year-from", "year-to"].forEach(function (id) { $(id).value = ""; });
    update();
  });

  function filtersTouched() {
    return state.kinds.size !== data.kinds.length || state.theme || state.city || state.role ||
      state.from !== null || state.to !== null;
  }
  function edgeInYears(e) {
    if (state.from !== null && e.until !== null && e.until < state.from) return false;
    if (state.to !== null && e.since !== null && e.since > state.to) return false;
    return true;
  }
  function ball(start, depth) {
    var seen = new Map([[start, 0]]), queue = [start];
    while (queue.length) {
      var n = queue.shift(), d = seen.get(n);
      if (d === depth) continue;
      adj.get(n).forEach(function (a) {
        if (!seen.has(a.to) && edgeInYears(edgeById.get(a.edge))) { seen.set(a.to, d + 1); queue.push(a.to); }
      });
    }
    return seen;
  }
  function update() {
    if (view === "map" || view === "city") { if (filtersTouched()) show("actors"); }
    var years = state.from !== null || state.to !== null;
    var inCity = null, near = null;
    if (state.city) {
      inCity = new Set();
      data.nodes.forEach(function (n) { if (n.cityId === state.city) inCity.add(n.id); });
      near = new Set(inCity);
      inCity.forEach(function (id) {
        adj.get(id).forEach(function (a) { if (edgeInYears(edgeById.get(a.edge))) near.add(a.to); });
      });
    }
    var focus = state.focus !== null ? ball(state.focus, state.depth) : null;
    var nodes = new Set();
    data.nodes.forEach(function (n) {
      if (!state.kinds.has(n.kind)) return;
      if (state.theme && n.themes.indexOf(state.theme) < 0) return;
      if (state.role === "*" ? !n.role : state.role && n.role !== state.role) return;
      if (near && !near.has(n.id)) return;
      if (focus && !focus.has(n.id)) return;
      if (years && adj.get(n.id).length &&
          !adj.get(n.id).some(function (a) { return edgeInYears(edgeById.get(a.edge)); })) return;
      nodes.add(n.id);
    });
    if (state.focus !== null) nodes.add(state.focus);
    var pathEdges = new Set();
    if (state.path) { state.path.nodes.forEach(function (id) { nodes.add(id); }); pathEdges = new Set(state.path.edges); }
    var edges = new Set();
    data.edges.forEach(function (e) {
      if (pathEdges.has(e.id) || (nodes.has(e.from) && nodes.has(e.to) && edgeInYears(e))) edges.add(e.id);
    });
    shownNodes = nodes; shownEdges = edges;
    nodeView.refresh(); edgeView.refresh();
    $("count-actors").textContent = network.body.data.nodes.length;
    $("count-ties").textContent = network.body.data.edges.length;
  }

  // -- the partnership map and a city's actors ---------------------------------
  // Views: "map" (cities), "city" (one city's most important actors, by kind),
  // "actors" (the actor graph: all, a focus, a path).
  var mapData = data.map, mapCity = new Map(), mapNet = null, view = "actors", openCity = null;
  if (mapData) mapData.cities.forEach(function (c) { mapCity.set(c.id, c); });
  var stateStyle = {};
  if (mapData) mapData.states.forEach(function (s) { stateStyle[s.state] = s; });
  var cityStyle = kindStyle.city || { color: "#0072B2", shape: "diamond" };
  function show(which) {
    if (which !== "actors" && !mapData) which = "actors";
    view = which;
    $("map").className = "stage" + (which === "actors" ? " off" : "");
    $("network").className = "stage" + (which === "actors" ? "" : " off");
    $("viewbar").hidden = !mapData || which === "map";
    if ($("map-legend")) $("map-legend").hidden = which !== "map";
    if (which !== "map" && $("map-more")) $("map-more").hidden = true;
    $("legend").hidden = which === "map";
    $("where").textContent = which === "city" && openCity ? openCity.name + ": its most important actors" : "";
  }
  function cityLines(c) {
    if (c.home) return [c.name + " (home city)", c.actors.length + c.more + " actors sit here"];
    var st = stateStyle[c.state] ? stateStyle[c.state].label : c.state;
    var lines = [c.name + (c.country ? ", " + c.country : ""), "partnership " + (c.since ? "since " + c.since + ", " : "") + st,
      c.ties + " active tie" + (c.ties === 1 ? "" : "s") + " and " + c.projects + " active project" + (c.projects === 1 ? "" : "s") +
      (mapData.year ? " in " + mapData.year : "")];
    return lines;
  }
  function whyLines(c) {
    var out = [];
    if (c.status !== "active") out.push("The partnership is " + c.status + ".");
    if (c.yearsDormant === null && !c.ties && !c.projects) out.push("No tie or project was ever active.");
    else if (c.yearsDormant) out.push("Last active in " + c.lastActive + ": " + c.yearsDormant + " years without an active tie.");
    if (c.routes === 0) out.push("No working tie links the two cities' actors.");
    else if (c.routes === 1) out.push("One route carries it: if " + c.single.map(function (p) { return p.name; }).join(" or ") +
      " leaves, ties drop to zero.");
    else out.push(c.routes + " independent routes between the two cities' actors.");
    if (c.missing.length) out.push("No active tie or project in the priority theme" + (c.missing.length > 1 ? "s " : " ") +
      c.missing.map(function (t) { return t.label; }).join(", ") + ".");
    if (c.kinds.length) out.push("Kinds of actors involved: " + c.kinds.join(", ") + ".");
    return out;
  }
  function describeCity(c, keep) {
    var box = $("selected");
    box.textContent = "";
    box.dataset.city = c.id;
    box.appendChild(el("h3", c.name));
    box.appendChild(el("div", cityLines(c).slice(1).join("\n"), "lines"));
    if (!c.home) {
      box.appendChild(el("h4", "Gaps and why"));
      var why = el("ul", null, "why-list");
      whyLines(c).forEach(function (w) { why.appendChild(el("li", w)); });
      box.appendChild(why);
      if (c.missing.length) {
        box.appendChild(el("h4", "Recommended introductions"));
        if (!c.intros.length) box.appendChild(el("div", c.status === "active" ? "None found." : "None: the partnership is not in force.", "note"));
        c.intros.forEach(function (it) {
          var part = el("div", null, "intro");
          part.appendChild(el("b", it.theme.label));
          var ul = el("ul");
          if (!it.rows.length) ul.appendChild(el("li", "No introduction found in this theme."));
          it.rows.forEach(function (r) {
            var li = el("li");
            li.appendChild(pickable(r.home.name, r.home.id));
            li.appendChild(el("span", " meets "));
            li.appendChild(pickable(r.partner.name, r.partner.id));
            if (r.path.length > 2) li.appendChild(el("div", "via " + r.path.slice(1, -1).join(" \u2192 "), "note"));
            ul.appendChild(li);
          });
          part.appendChild(ul);
          box.appendChild(part);
        });
      }
    }
    box.appendChild(el("h4", "Its actors, by kind (most important first)"));
    var groups = new Map();
    c.actors.forEach(function (a) { if (!groups.has(a[2])) groups.set(a[2], []); groups.get(a[2]).push(a); });
    data.kinds.map(function (k) { return k.kind; }).concat(Array.from(groups.keys())).forEach(function (kind) {
      if (!groups.has(kind)) return;
      var list = groups.get(kind); groups.delete(kind);
      box.appendChild(el("div", (kindStyle[kind] ? kindStyle[kind].label : kind) + " (" + list.length + ")", "note"));
      var ul = el("ul");
      list.forEach(function (a) { var li = el("li"); li.appendChild(pickable(a[1], a[0])); ul.appendChild(li); });
      box.appendChild(ul);
    });
    if (c.more) box.appendChild(el("div", "and " + c.more + " more (find them with the search)", "note"));
    if (!keep) state.selected = null;
  }
  function mapNodeOf(c, font) {
    return { id: c.id, label: c.name, x: c.x, y: c.y, fixed: true, shape: cityStyle.shape, size: c.home ? 26 : 16,
      color: { background: cityStyle.color, border: "#222", highlight: { background: cityStyle.color, border: "#000" } },
      font: { size: font, face: "system-ui, sans-serif", strokeWidth: 4, strokeColor: "#ffffff", bold: c.home },
      title: tooltip(c.home ? cityLines(c) : cityLines(c).concat(whyLines(c))) };
  }
  // The first view: the home city's badge in the centre (its name inside it,
  // drawn above the spokes), each partner city a point with its label beside
  // it on the side the layout chose (map_layout.py: outwards, never across a
  // spoke or another label), at most 80 cities; the rest under "N more".
  var LABEL_FONT = 14, LABEL_GAP = 12, FACE = "system-ui, sans-serif", labelOf = new Map();
  var measurer = document.createElement("canvas").getContext("2d");
  function textWidth(text, size) { measurer.font = size + "px " + FACE; return measurer.measureText(text).width; }
  function cut(s) { s = String(s); return s.length > 28 ? s.slice(0, 27) + "\u2026" : s; }
  // The oval's width follows the window: its rows keep their height (the
  // labels' size), its sides come closer or go apart so that the drawing
  // fills the map's width (an oval squeezed sideways is still an oval: no
  // spoke crosses a label).
  function ovalSqueeze() {
    if (mapData.placement !== "oval") return 1;
    var box = $("map").getBoundingClientRect(), strip = $("map-legend") ? $("map-legend").getBoundingClientRect().height : 0;
    var drawn = mapData.cities.slice(1).filter(function (c) { return c.onMap; });
    if (!drawn.length || box.width < 50) return 1;
    var y0 = -LABEL_FONT, y1 = LABEL_FONT, a = 0, wide = { left: 0, right: 0 };
    drawn.forEach(function (c) {
      y0 = Math.min(y0, c.y - LABEL_FONT); y1 = Math.max(y1, c.y + LABEL_FONT); a = Math.max(a, Math.abs(c.x));
      if (wide[c.side] !== undefined) wide[c.side] = Math.max(wide[c.side], textWidth(cut(c.name), LABEL_FONT));
    });
    if (!a) return 1;
    var scale = Math.min(1.2, Math.max(100, box.height - strip - 24) / (y1 - y0 + 16));
    var room = (box.width - 24) / scale - 16 - 2 * LABEL_GAP - wide.left - wide.right;
    var least = (textWidth(mapData.cities[0].name, Math.round(LABEL_FONT * 1.7)) + 20) / 2 + 4 * LABEL_FONT;
    return Math.max(least / a, Math.min(1.6, room / (2 * a)));
  }
  function drawMap() {
    var home = mapData.cities[0], nodes = [], edges = [], k = ovalSqueeze();
    labelOf = new Map();
    nodes.push({ id: home.id, label: home.name, x: 0, y: 0, fixed: true, shape: "box", margin: 10,
      color: { background: cityStyle.color, border: "#0b3d5c", highlight: { background: cityStyle.color, border: "#000" },
        hover: { background: cityStyle.color, border: "#000" } },
      font: { size: Math.round(LABEL_FONT * 1.7), face: FACE, color: "#ffffff", strokeWidth: 0 },
      title: tooltip(cityLines(home)) });
    mapData.cities.slice(1).forEach(function (c) {
      if (!c.onMap) return;
      var s = stateStyle[c.state] || { color: "#555", dashes: false }, tip = tooltip(cityLines(c).concat(whyLines(c)));
      var px = c.x * k;
      nodes.push({ id: c.id, x: px, y: c.y, fixed: true, shape: cityStyle.shape, size: 7, title: tip,
        color: { background: cityStyle.color, border: "#222", highlight: { background: cityStyle.color, border: "#000" } } });
      var text = cut(c.name), w = textWidth(text, LABEL_FONT), x = px, y = c.y;
      if (c.side === "right") x += LABEL_GAP + w / 2;
      else if (c.side === "left") x -= LABEL_GAP + w / 2;
      else if (c.side === "above") y -= LABEL_GAP + LABEL_FONT / 2;
      else y += LABEL_GAP + LABEL_FONT / 2;
      var labelId = "label\u0000" + c.id;
      labelOf.set(labelId, c.id);
      nodes.push({ id: labelId, label: text, x: x, y: y, fixed: true, shape: "text", title: tip,
        font: { size: LABEL_FONT, face: FACE, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff" } });
      edges.push({ id: "map:" + c.id, from: home.id, to: c.id, width: c.width, dashes: s.dashes,
        color: { color: s.color, highlight: s.color, hover: s.color, opacity: 1 }, title: tip });
    });
    mapNet.setData({ nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) });
    fitMap();
  }
  // The partner cities not drawn (beyond the 80 most active): a list to open each.
  function moreList() {
    var list = $("map-more");
    if (!list) return;
    list.textContent = "";
    list.appendChild(el("li", "Partner cities not drawn (less active), by activity:", "why"));
    mapData.cities.slice(1).filter(function (c) { return !c.onMap; })
      .sort(function (a, b) { return (b.ties + b.projects) - (a.ties + a.projects) || b.activity - a.activity; })
      .forEach(function (c) {
        var li = el("li"), st = stateStyle[c.state] ? stateStyle[c.state].label : c.state;
        li.appendChild(pickCity(c));
        li.appendChild(el("span", (c.country ? ", " + c.country : "") + " \u2014 " + st + "; " + c.ties + " ties, " +
          c.projects + " projects", "why"));
        list.appendChild(li);
      });
  }
  function pickCity(c) {
    var x = el("span", c.name, "pick");
    x.dataset.id = c.id;
    x.addEventListener("click", function () { showCity(c.id); });
    return x;
  }
  // A city's actors: a column per kind (headed by the kind), the most
  // important on top; the top ones' labels big, the rest shown on zooming in.
  var ROWS = 10, COL = 270, ROW = 58;
  function drawCity(c) {
    var groups = [];
    data.kinds.map(function (k) { return k.kind; }).forEach(function (kind) {
      var list = c.actors.filter(function (a) { return a[2] === kind; });
      if (list.length) groups.push({ kind: kind, list: list });
    });
    c.actors.forEach(function (a) {
      if (!groups.some(function (g) { return g.kind === a[2]; })) groups.push({ kind: a[2], list: c.actors.filter(function (b) { return b[2] === a[2]; }) });
    });
    var columns = groups.reduce(function (n, g) { return n + Math.ceil(g.list.length / ROWS); }, 0);
    var left = -(columns - 1) * COL / 2, col = 0, nodes = [], edges = [], at = new Map();
    nodes.push(mapNodeOf({ id: c.id, name: c.name, x: 0, y: -150, home: true, actors: c.actors, more: c.more }, 24));
    groups.forEach(function (g) {
      var k = kindStyle[g.kind] || { color: "#777", shape: "dot", label: g.kind };
      var width = Math.ceil(g.list.length / ROWS);
      nodes.push({ id: "kind:" + g.kind, label: k.label + " (" + g.list.length + ")", shape: "text", fixed: true,
        x: left + (col + (width - 1) / 2) * COL, y: -40, font: { size: 18, bold: true, color: "#333" }, chosen: false });
      g.list.forEach(function (a, j) {
        var top = j < 5;
        at.set(a[0], true);
        nodes.push({ id: a[0], label: String(a[1]).length > 26 ? String(a[1]).slice(0, 25) + "\u2026" : String(a[1]),
          x: left + (col + Math.floor(j / ROWS)) * COL, y: 20 + (j % ROWS) * ROW, fixed: true, shape: k.shape,
          size: top ? 12 : 8, color: { background: k.color, border: "#333", highlight: { background: k.color, border: "#000" } },
          font: { size: top ? 16 : 12, strokeWidth: 3, strokeColor: "#ffffff" },
          title: tooltip([a[1], (kindStyle[a[2]] ? kindStyle[a[2]].label : a[2]) + ", " + c.name,
            "broker rank " + a[3], a[4] ? "click: its neighbourhood" : "not drawn in this page"]) });
      });
      col += width;
    });
    data.edges.forEach(function (e) {
      if (at.has(e.from) && at.has(e.to)) {
        var s = tieStyle[e.style] || { color: "#555", dashes: false };
        edges.push({ id: e.id, from: e.from, to: e.to, dashes: s.dashes, color: { color: s.color, opacity: 0.35 },
          width: 1, title: tooltip(edgeLines(e)) });
      }
    });
    mapNet.setData({ nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) });
    fitMap();
  }
  // Fit the drawing to the map's free part, never above 1.2 times the layout's scale.
  function fitMap() {
    mapNet.fit({ animation: false });
    mapNet.redraw();  // measures the labels
    var box = $("map").getBoundingClientRect(), legend = $("legend").getBoundingClientRect();
    var ids = mapNet.body.data.nodes.getIds(), x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    ids.forEach(function (id) {
      var b = mapNet.getBoundingBox(id), node = mapNet.body.nodes[id], l = node && node.labelModule.size;
      x0 = Math.min(x0, b.left); x1 = Math.max(x1, b.right); y0 = Math.min(y0, b.top); y1 = Math.max(y1, b.bottom);
      if (l && l.width) {
        x0 = Math.min(x0, l.left); x1 = Math.max(x1, l.left + l.width);
        y0 = Math.min(y0, l.top); y1 = Math.max(y1, l.top + l.height);
      }
    });
    if (!ids.length || !isFinite(x0)) return;
    // The map above its legend strip; a city's columns below the legend (top right).
    var below = view === "city", strip = $("map-legend") ? $("map-legend").getBoundingClientRect().height : 0;
    var free = Math.max(200, box.width - 24), top = below ? Math.max(48, legend.bottom - box.top + 8) : 12;
    var bottom = below ? 12 : strip + 12, high = Math.max(100, box.height - top - bottom);
    var scale = Math.min(1.2, free / (x1 - x0 + 16), high / (y1 - y0 + 16));
    mapNet.moveTo({ scale: scale, animation: false,
      position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 - (top - bottom) / 2 / scale } });
  }
  function showMap() {
    if (!mapData) return false;
    openCity = null; show("map"); drawMap();
    return true;
  }
  function showCity(id) {
    var c = mapCity.get(id);
    if (!c) return false;
    openCity = c; show("city"); drawCity(c); describeCity(c);
    return true;
  }
  if (mapData) {
    mapNet = new vis.Network($("map"), { nodes: [], edges: [] }, {
      autoResize: true, layout: { improvedLayout: false }, physics: { enabled: false },
      interaction: { hover: true, tooltipDelay: 120 },
      nodes: { borderWidth: 1, scaling: { label: { drawThreshold: 8 } } },
      edges: { smooth: false } });
    mapNet.on("click", function (p) {
      if (!p.nodes.length) return;
      var id = labelOf.has(p.nodes[0]) ? labelOf.get(p.nodes[0]) : p.nodes[0];
      if (view === "map") { showCity(id); return; }
      if (mapCity.has(id)) { describeCity(mapCity.get(id)); return; }
      if (String(id).indexOf("kind:") === 0) return;
      if (byId.has(id)) { focusOn(id, 1); return; }
      $("selected").textContent = "Not drawn in this page: draw its neighbourhood with actornet viz --focus " + id;
    });
    // A new window size: the map laid out and fitted again.
    mapNet.on("resize", function () { if (view === "map") drawMap(); else if (view === "city") fitMap(); });
    $("map-btn").addEventListener("click", showMap);
    if ($("map-more-btn")) $("map-more-btn").addEventListener("click", function () {
      var list = $("map-more");
      if (list.hidden) moreList();
      list.hidden = !list.hidden;
      $("map-more-btn").setAttribute("aria-expanded", String(!list.hidden));
    });
    $("actors-btn").addEventListener("click", function () { clearFocus(); });
  }
  window.mapNetwork = mapNet;

  // -- selection, search, focus ------------------------------------------------
  function describe(id) {
    var n = byId.get(id), box = $("selected");
    box.textContent = "";
    if (!n) { box.textContent = "Click a city or an actor, or find one."; return; }
    box.appendChild(el("h3", n.name));
    box.appendChild(el("div", (kindStyle[n.kind] ? kindStyle[n.kind].label : n.kind) + (n.city ? ", " + n.city : "")));
    var lines = ["id: " + n.id];
    if (n.aliases.length) lines.push("also: " + n.aliases.join(", "));
    if (n.themes.length) lines.push("themes: " + n.themes.map(themeLabel).join(", "));
    box.appendChild(el("div", lines.join("\n"), "lines"));
    box.appendChild(el("h4", "Broker role"));
    box.appendChild(el("div", "rank " + n.rank + " (betweenness " + n.betweenness.toFixed(4) + ")" +
      (n.role ? ", " + n.role : ", no broker role")));
    if (n.why) box.appendChild(el("div", n.why, "note"));
    if (n.ties.length) {
      box.appendChild(el("h4", "Strongest ties"));
      var ul = el("ul");
      n.ties.forEach(function (t) {
        var li = el("li");
        li.appendChild(pickable(t[1], t[0]));
        li.appendChild(el("span", " (strength " + t[2] + ")"));
        if (t[3]) li.appendChild(el("div", t[3], "note"));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
  }
  function pickable(text, id) {
    var x = el("span", text, byId.has(id) ? "pick" : null);
    if (byId.has(id)) x.addEventListener("click", function () { show("actors"); select(id); });
    return x;
  }
  function select(id) {
    if (!byId.has(id)) return false;
    show("actors");
    state.selected = id;
    describe(id);
    if (shownNodes.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: 1.2, animation: false });
    }
    return true;
  }
  network.on("click", function (p) {
    if (!p.nodes.length) return;
    state.selected = p.nodes[0]; describe(p.nodes[0]);
    if (mapCity.has(p.nodes[0]) && byId.get(p.nodes[0]).kind === "city") describeCity(mapCity.get(p.nodes[0]), true);
  });

  // Every actor of the network is findable; those not drawn (a big network is
  // drawn in part) come as [id, name, kind, city, aliases].
  var hiddenById = new Map();
  data.hidden.forEach(function (h) {
    hiddenById.set(h[0], { id: h[0], name: h[1], kind: h[2], city: h[3], aliases: h[4], hidden: true });
  });
  function actor(id) { return byId.get(id) || hiddenById.get(id); }
  var index = data.nodes.concat(Array.from(hiddenById.values())).map(function (n) {
    return { id: n.id, keys: [n.name, n.id].concat(n.aliases).map(function (k) { return [k, fold(k)]; }) };
  });
  function matches(text, limit) {
    var q = fold(text), out = [];
    if (!q) return out;
    [function (k) { return k === q; }, function (k) { return k.indexOf(q) === 0; },
      function (k) { return k.indexOf(q) > 0; }].forEach(function (test) {
      index.forEach(function (entry) {
        if (out.length >= limit || out.some(function (o) { return o.id === entry.id; })) return;
        for (var i = 0; i < entry.keys.length; i++) {
          if (test(entry.keys[i][1])) { out.push({ id: entry.id, via: entry.keys[i][0] }); return; }
        }
      });
    });
    return out;
  }
  // Nothing matches: the nearest names (edit distance on names, ids and
  // aliases, case and accents ignored; a long name is compared by its words
  // and its beginning too, so "humbolt" finds "Humboldt-Universität zu Berlin").
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i]; var low = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (cur[j] < low) low = cur[j];
      }
      if (low > most) return most + 1;
      prev = cur;
    }
    return prev[b.length];
  }
  function nearest(text, limit) {
    var q = fold(text), most = Math.max(1, Math.min(3, Math.floor(q.length / 3))), found = [];
    if (q.length < 3) return found;
    index.forEach(function (entry) {
      var best = most + 1, via = null;
      entry.keys.forEach(function (k) {
        var parts = [k[1], k[1].slice(0, q.length)].concat(k[1].split(/[\s\-\u2013,()]+/));
        parts.forEach(function (part) {
          if (!part) return;
          var d = distance(q, part, Math.min(best - 1, most));
          if (d < best) { best = d; via = k[0]; }
        });
      });
      if (best <= most) found.push({ id: entry.id, via: via, d: best });
    });
    found.sort(function (a, b) { return a.d - b.d; });
    return found.slice(0, limit).map(function (f) { return { id: f.id, via: f.via, near: true }; });
  }
  function autocomplete(input, list, choose) {
    var items = [], active = -1;
    function render() {
      list.textContent = "";
      if (items.length && items[0].near) list.appendChild(el("li", "No match; the nearest names:", "why near-head"));
      items.forEach(function (m, i) {
        var n = actor(m.id), li = el("li", n.name);
        li.dataset.id = m.id;
        if (i === active) li.className = "active";
        var extra = " " + (kindStyle[n.kind] ? kindStyle[n.kind].label : n.kind) + (n.city ? ", " + n.city : "");
        if (m.via !== n.name) extra += " \u2014 " + (m.via === n.id ? "id " : "also ") + m.via;
        if (n.hidden) extra += " (not drawn)";
        li.appendChild(el("span", extra, "why"));
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(m.id); });
        list.appendChild(li);
      });
    }
    function pick(id) { input.value = actor(id).name; input.dataset.id = id; items = []; render(); choose(id); }
    input.addEventListener("input", function () {
      delete input.dataset.id; items = matches(input.value, 12);
      if (!items.length) items = nearest(input.value, 6);
      active = items.length ? 0 : -1; render();
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" && items.length) { active = (active + 1) % items.length; render(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp" && items.length) { active = (active - 1 + items.length) % items.length; render(); ev.preventDefault(); }
      else if (ev.key === "Enter" && active >= 0) { pick(items[active].id); ev.preventDefault(); }
      else if (ev.key === "Escape") { items = []; render(); }
    });
    input.addEventListener("blur", function () { items = []; render(); });
  }
  autocomplete($("search"), $("search-suggest"), function (id) {
    var n = actor(id);
    $("search-status").textContent = n.hidden
      ? n.name + " is not drawn in this page (" + data.shown.actors + " of " + data.total.actors +
        " actors are). Draw its neighbourhood with: actornet viz --focus " + n.id
      : shownNodes.has(id) ? "" : "Hidden by the filters; reset them to see it.";
    if (!n.hidden) select(id);
  });
  autocomplete($("path-from"), $("path-from-suggest"), function () {});
  autocomplete($("path-to"), $("path-to-suggest"), function () {});

  // A neighbourhood is laid out for reading: the actor on the left, then a
  // column block per step, each sorted by kind and importance, at most
  // EGO_ROWS to a column; the labels of the first step big, the rest smaller.
  var EGO_ROWS = 12, egoMoved = [];
  function egoLayout(id) {
    restoreLayout();
    var seen = ball(id, state.depth), steps = [];
    seen.forEach(function (d, n) { if (d > 0 && shownNodes.has(n)) (steps[d - 1] = steps[d - 1] || []).push(n); });
    var kinds = data.kinds.map(function (k) { return k.kind; }), moves = [], col = 1;
    var tallest = Math.min(EGO_ROWS, Math.max.apply(null, [1].concat(steps.map(function (s) { return s ? s.length : 0; }))));
    moves.push({ id: id, x: 0, y: (tallest - 1) * 29, size: Math.min(byId.get(id).size, 24), font: { size: 20 },
      label: short(byId.get(id).name) });
    steps.forEach(function (ids, d) {
      if (!ids) return;
      ids.sort(function (a, b) {
        var ka = kinds.indexOf(byId.get(a).kind), kb = kinds.indexOf(byId.get(b).kind);
        return ka - kb || byId.get(a).rank - byId.get(b).rank;
      });
      ids.forEach(function (n, j) {
        var node = byId.get(n);
        moves.push({ id: n, x: (col + Math.floor(j / EGO_ROWS)) * 300 + (d ? 40 : 0), y: (j % EGO_ROWS) * 58,
          size: Math.min(node.size, 14),
          font: { size: d === 0 ? 15 : 12 }, label: node.name.length > 28 ? node.name.slice(0, 27) + "\u2026" : node.name });
      });
      col += Math.ceil(ids.length / EGO_ROWS);
    });
    egoMoved = moves.map(function (m) { return m.id; });
    nodeSet.update(moves);
  }
  function restoreLayout() {
    if (!egoMoved.length) return;
    nodeSet.update(egoMoved.map(function (id) {
      var n = byId.get(id), v = visNode(n);
      return { id: id, x: n.x, y: n.y, size: v.size, font: v.font, label: v.label === undefined ? null : v.label };
    }));
    egoMoved = [];
  }
  function focusOn(id, depth) {
    if (!byId.has(id)) return false;
    show("actors");
    state.focus = id; state.depth = Math.max(1, Math.min(3, depth || 1));
    $("depth").value = String(state.depth);
    update(); egoLayout(id); select(id); network.fit({ animation: false });
    return true;
  }
  function clearFocus() { show("actors"); state.focus = null; restoreLayout(); update(); network.fit({ animation: false }); }
  $("focus-btn").addEventListener("click", function () {
    if (state.selected !== null) focusOn(state.selected, parseInt($("depth").value, 10));
  });
  $("depth").addEventListener("change", function () {
    if (state.focus !== null) focusOn(state.focus, parseInt($("depth").value, 10));
  });
  $("unfocus-btn").addEventListener("click", clearFocus);

  // -- introduction path: Dijkstra on 1/strength over the drawn ties ----------
  function shortestPath(a, b) {
    var dist = new Map([[a, 0]]), prev = new Map(), done = new Set(), heap = [[0, a]];
    function push(item) {
      heap.push(item); var i = heap.length - 1;
      while (i > 0) { var p = (i - 1) >> 1; if (heap[p][0] <= heap[i][0]) break; var t = heap[p]; heap[p] = heap[i]; heap[i] = t; i = p; }
    }
    function pop() {
      var top = heap[0], last = heap.pop();
      if (heap.length) {
        heap[0] = last; var i = 0;
        for (;;) {
          var l = 2 * i + 1, r = l + 1, m = i;
          if (l < heap.length && heap[l][0] < heap[m][0]) m = l;
          if (r < heap.length && heap[r][0] < heap[m][0]) m = r;
          if (m === i) break; var t = heap[m]; heap[m] = heap[i]; heap[i] = t; i = m;
        }
      }
      return top;
    }
    while (heap.length) {
      var item = pop(), u = item[1];
      if (done.has(u)) continue;
      done.add(u);
      if (u === b) break;
      adj.get(u).forEach(function (x) {
        var d = item[0] + x.dist;
        if (!dist.has(x.to) || d < dist.get(x.to) - 1e-12) { dist.set(x.to, d); prev.set(x.to, [u, x.edge]); push([d, x.to]); }
      });
    }
    if (!done.has(b)) return null;
    var nodes = [b], edges = [];
    for (var n = b; n !== a; n = prev.get(n)[0]) { edges.unshift(prev.get(n)[1]); nodes.unshift(prev.get(n)[0]); }
    return { nodes: nodes, edges: edges };
  }
  var dimmed = false;
  function restyle(path) {
    var onPath = path ? new Set(path.nodes) : null, pathEdges = path ? new Set(path.edges) : null;
    if (!path && !dimmed) return;
    nodeSet.update(data.nodes.map(function (n) {
      var v = visNode(n);
      if (onPath && !onPath.has(n.id)) v.color = { background: "#dddddd", border: "#cccccc" };
      if (onPath && onPath.has(n.id)) { v.borderWidth = 4; v.label = short(n.name); }
      return { id: v.id, color: v.color, borderWidth: v.borderWidth || 1, label: v.label };
    }));
    edgeSet.update(data.edges.map(function (e) {
      var v = visEdge(e);
      if (pathEdges && pathEdges.has(e.id)) { v.color = { color: "#d62728", opacity: 1 }; v.width = 6; v.dashes = false; }
      else if (pathEdges) v.color = { color: "#dddddd", opacity: 0.5 };
      return { id: v.id, color: v.color, width: v.width, dashes: v.dashes };
    }));
    dimmed = !!path;
  }
  function showPath(a, b) {
    var list = $("path-result");
    list.textContent = "";
    if (!byId.has(a) || !byId.has(b)) { list.appendChild(el("li", "Pick two actors drawn here from the suggestions.")); return null; }
    var path = shortestPath(a, b);
    if (!path) { state.path = null; restyle(null); update(); list.appendChild(el("li", "No chain of drawn ties joins them.")); return null; }
    state.path = path;
    show("actors");
    path.nodes.forEach(function (id, i) {
      var text = byId.get(id).name;
      if (i > 0) {
        var e = edgeById.get(path.edges[i - 1]);
        text += "  (via " + e.types.map(function (t) { return tieStyle[t] ? tieStyle[t].label : t; }).join(", ") + ")";
      }
      list.appendChild(el("li", text));
    });
    update(); restyle(path);
    network.fit({ nodes: path.nodes, animation: false });
    return path.nodes.slice();
  }
  function clearPath() { state.path = null; $("path-result").textContent = ""; restyle(null); update(); }
  $("path-btn").addEventListener("click", function () { showPath($("path-from").dataset.id, $("path-to").dataset.id); });
  $("path-clear").addEventListener("click", clearPath);

  $("physics").addEventListener("change", function (ev) { network.setOptions({ physics: { enabled: ev.target.checked } }); });
  $("fit-btn").addEventListener("click", function () { network.fit({ animation: false }); });

  if (data.focus !== null) { state.selected = data.focus; describe(data.focus); network.selectNodes([data.focus]); }
  if (mapData && data.view === "map") showMap(); else show("actors");
  if (mapNet) { mapNet.redraw(); partReady("map"); }
  // For scripts and tests: the state of the page and its actions.
  window.actornet = { data: data, select: select, focus: focusOn, clearFocus: clearFocus, showPath: showPath,
    clearPath: clearPath, shortestPath: shortestPath, update: update, state: state,
    showMap: showMap, showCity: showCity, show: show, view: function () { return view; } };
})();
