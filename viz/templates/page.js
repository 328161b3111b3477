// actornet network page. The data is JSON (parsed, never inserted as HTML);
// every text reaches the page through textContent.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("actornet-data").textContent);
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
    if (n.themes.length) lines.push("themes: " + n.themes.join(", "));
    lines.push("broker rank " + n.rank + " (betweenness " + n.betweenness.toFixed(4) + ")" +
      (n.role ? ", " + n.role : ""));
    lines.push("ties drawn: " + adj.get(n.id).length);
    return lines;
  }
  function edgeLines(e) {
    var lines = [byId.get(e.from).name + " \u2013 " + byId.get(e.to).name,
      e.types.map(function (t) { return tieStyle[t] ? tieStyle[t].label : t; }).join(", ")];
    if (e.projects) lines.push(e.projects + " shared project" + (e.projects > 1 ? "s" : ""));
    if (e.themes.length) lines.push("themes: " + e.themes.join(", "));
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
  network.once("afterDrawing", function () { window.actornetReady = true; });

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
  fill($("theme-filter"), data.themes.map(function (t) { return [t.id, t.label]; }));
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

  // -- selection, search, focus ------------------------------------------------
  function describe(id) {
    var n = byId.get(id);
    $("selected").textContent = n ? nodeLines(n).join("\n") : "Click an actor or find one.";
  }
  function select(id) {
    if (!byId.has(id)) return false;
    state.selected = id;
    describe(id);
    if (shownNodes.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: 1.2, animation: false });
    }
    return true;
  }
  network.on("click", function (p) { if (p.nodes.length) { state.selected = p.nodes[0]; describe(p.nodes[0]); } });

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
  function autocomplete(input, list, choose) {
    var items = [], active = -1;
    function render() {
      list.textContent = "";
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
    input.addEventListener("input", function () { delete input.dataset.id; items = matches(input.value, 12); active = items.length ? 0 : -1; render(); });
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

  function focusOn(id, depth) {
    if (!byId.has(id)) return false;
    state.focus = id; state.depth = Math.max(1, Math.min(3, depth || 1));
    $("depth").value = String(state.depth);
    update(); select(id); network.fit({ animation: false });
    return true;
  }
  function clearFocus() { state.focus = null; update(); network.fit({ animation: false }); }
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
  // For scripts and tests: the state of the page and its actions.
  window.actornet = { data: data, select: select, focus: focusOn, clearFocus: clearFocus, showPath: showPath,
    clearPath: clearPath, shortestPath: shortestPath, update: update, state: state };
})();
