/* kg view: draws the data block with vis-network. Data reaches the DOM only through textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var zh = data.lang === "zh";
  var T = zh ? {
    search: "搜索名称或简称…", classes: "类别", relations: "关系", edgeLabels: "显示关系标签", noMatch: "无匹配",
    sizeBy: "节点大小：", outgoing: "发出的关系", incoming: "指向它的关系", figures: "数据", aliases: "简称",
    outside: "另有 {n} 条关系连向未显示的行动者", unnamed: "（成员未具名）", evidence: "证据", chars: "字符",
    noEvidence: "无证据片段", paths: "路径", clickHint: "点击查看全部 {n} 条关系与数据", collective: "集体",
    pickHint: "按住 Shift 再点击另一个行动者：画出两者之间的最短路径", picked: "最短路径", noPath: "视图中两者之间没有路径",
    hops: " 步", colorBy: "着色依据", asOf: "截至日期", allDates: "全部日期", asOfPrefix: "截至 ", wholeYear: "（全年）",
    hideUndated: "隐藏文中未注明日期的 {a} 个行动者和 {r} 条关系", undatedNote: "虚线：文中未注明日期（保留并标出）", dated: "日期：", undated: "未注明日期",
    shownCounts: "显示 {a} / {A} 个行动者，{r} / {R} 条关系",
    groupings: {"class": "类别", community: "社区", sector: "三螺旋部门"},
    fontWarning: "本机字体无法显示中文，标签会显示为空白方框。请安装中文字体（如 Debian/Ubuntu 的 fonts-noto-cjk 或 fonts-wqy-microhei）后重新打开本页。",
    measures: {degree: "度中心性", betweenness: "中介中心性", closeness: "接近中心性", eigenvector: "特征向量中心性",
               pagerank: "PageRank"}
  } : {
    search: "Search a name or alias…", classes: "Classes", relations: "Relations", edgeLabels: "Show relation labels",
    noMatch: "No match", sizeBy: "Node size: ", outgoing: "Relations from it", incoming: "Relations to it",
    figures: "Figures", aliases: "Also called", outside: "{n} more relations to actors not shown",
    unnamed: " (unnamed)", evidence: "Evidence", chars: "chars", noEvidence: "no evidence span",
    paths: "Paths", clickHint: "Click to list all {n} relations and figures", collective: "Collective",
    pickHint: "Shift-click another actor to draw the shortest path between the two", picked: "Shortest path",
    noPath: "no path between the two in this view", hops: " hops",
    colorBy: "Colour by", asOf: "As of", allDates: "all dates", asOfPrefix: "as of ", wholeYear: " (whole year)",
    hideUndated: "Hide what the article does not date ({a} actors, {r} relations)", undatedNote: "Dashed: the article does not say when (kept and marked)",
    dated: "Dated: ", undated: "undated", shownCounts: "{a} of {A} actors, {r} of {R} relations shown",
    groupings: {"class": "class", community: "community", sector: "triple-helix sector"},
    fontWarning: "The fonts on this system cannot draw Chinese: names show as empty boxes. Install a CJK font (Debian/Ubuntu: fonts-noto-cjk or fonts-wqy-microhei) and open the page again.",
    measures: {degree: "degree", betweenness: "betweenness", closeness: "closeness", eigenvector: "eigenvector",
               pagerank: "PageRank"}
  };
  var FONT = getComputedStyle(document.body).fontFamily;
  var nodesData = data.nodes, edgesData = data.edges;

  // ---- small DOM helpers (text only) ----
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function name(n) { return zh ? (n.zh || n.en) : (n.en || n.zh); }
  function otherName(n) { var o = zh ? n.en : n.zh; return o && o !== name(n) ? o : ""; }
  function relLabel(r) { return zh ? (r.zh || r.en) : (r.en || r.zh); }
  function clsLabel(c) { return zh ? c.zh : c.en; }
  function fmt(v) { return typeof v === "number" ? v.toLocaleString(zh ? "zh-CN" : "en-US") : String(v); }
  function shade(hex, f) {
    var n = parseInt(hex.slice(1), 16), r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
    function c(x) { return Math.max(0, Math.min(255, Math.round(f < 0 ? x * (1 + f) : x + (255 - x) * f))); }
    return "rgb(" + c(r) + "," + c(g) + "," + c(b) + ")";
  }
  function plural(noun, count) {
    if (count === 1) return noun;
    if (/person$/.test(noun)) return noun.replace(/person$/, "people");
    if (/um$/.test(noun)) return noun.replace(/um$/, "a");
    if (/[^aeiou]y$/.test(noun)) return noun.replace(/y$/, "ies");
    return noun + "s";
  }
  function collectiveText(k) {
    if (zh) return (k.measure_zh || k.role || k.class || "") + "：" + fmt(k.count) + (k.unit || "") + T.unnamed;
    var noun = k.role || (k.class ? k.class.toLowerCase() : "") || k.measure_en || "";
    return fmt(k.count) + " " + plural(noun, k.count) + T.unnamed;
  }
  function collectiveBox(k) {
    var box = el("div", "collective", collectiveText(k));
    var about = [zh ? "" : k.measure_en, k.time].filter(Boolean).join(", ");
    if (about) box.appendChild(el("div", "sub", about));
    return box;
  }
  function compact(n) { return n >= 10000 ? Math.round(n / 1000) + "k" : n >= 1000 ? (n / 1000).toFixed(1) + "k" : String(n); }
  var QUALIFIERS = zh ? {"approximately": "约", "more-than": "超过", "at-least": "至少", "nearly": "近"}
                      : {"approximately": "about", "more-than": "more than", "at-least": "at least", "nearly": "nearly"};
  function qualified(f) {
    var q = f.qualifier ? (QUALIFIERS[f.qualifier] || f.qualifier) + (zh ? "" : " ") : "";
    return q + fmt(f.value) + (f.unit ? " " + f.unit : "");
  }
  function figureText(f) {
    return (zh ? (f.measure_zh || f.measure_en) : (f.measure_en || f.measure_zh)) + (zh ? "：" : ": ") +
      qualified(f) + (f.time ? " (" + f.time + ")" : "");
  }

  // ---- vis data sets: nodes, edges and options assembled in Python by pyvis (kg.view.vis_network) ----
  var drawing = JSON.parse(document.getElementById("kg-vis").textContent);
  drawing.options.nodes.font.face = FONT;
  drawing.options.edges.font.face = FONT;
  var nodes = new vis.DataSet(drawing.nodes), edges = new vis.DataSet(drawing.edges);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, drawing.options);

  // collectives: a dashed halo and a count badge, so their weight shows without drawing invented members
  var collectiveIds = nodesData.map(function (n, i) { return n.w ? i : -1; }).filter(function (i) { return i >= 0; });
  // ---- what is shown: the colouring, the legend's unticked groups and the date (kg.view.controls) ----
  var colorBy = data.colorBy, hiddenGroups = {}, asOf = null, hideUndated = false;
  function groups() { return data.groupings[colorBy]; }
  function groupOf(n) { return n.g[colorBy]; }
  function classOf(n) { return data.groupings["class"][n.g["class"]]; }
  // kg.analysis.timeline.not_after: compared at the coarser of the two precisions
  function notAfter(date, when) { var k = Math.min(date.length, when.length); return date.slice(0, k) <= when.slice(0, k); }
  function dateHidden(date) {
    if (date === null || date === undefined) return hideUndated;
    return asOf !== null && !notAfter(String(date), asOf);
  }
  function keepFigure(f) { return dateHidden(f.time === undefined ? null : f.time) === false; }
  function nodeDateHidden(i) { return dateHidden(nodesData[i].d); }
  function edgeDateHidden(i) { var e = edgesData[i]; return dateHidden(e.d) || nodeDateHidden(e.f) || nodeDateHidden(e.t); }
  function badge(n) {  // the largest single count still stated at the date (never a sum)
    if (asOf === null && !hideUndated) return {w: n.w, unit: n.wu};
    var best = null;
    n.k.forEach(function (k) { if (typeof k.count === "number" && keepFigure(k) && (!best || k.count > best.count)) best = k; });
    return best ? {w: Math.floor(best.count), unit: best.unit} : {w: 0, unit: null};
  }
  var badgeBoxes = {};
  function drawBadges(ctx) {
    var zoom = network.getScale(), px = 1 / zoom;
    Object.keys(badgeBoxes).forEach(function (id) {
      var b = badgeBoxes[id], width = b.w * px, tall = b.h * px;
      ctx.save();
      ctx.font = "bold " + (12 * px) + "px " + FONT;
      ctx.fillStyle = "#1f2933";
      ctx.beginPath();
      if (ctx.roundRect) ctx.roundRect(b.cx - width / 2, b.cy - tall / 2, width, tall, tall / 2); else ctx.rect(b.cx - width / 2, b.cy - tall / 2, width, tall);
      ctx.fill();
      ctx.fillStyle = "#fff"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.fillText(b.text, b.cx, b.cy + 0.5 * px);
      ctx.restore();
    });
  }
  network.on("afterDrawing", function (ctx) {
    badgeBoxes = {};
    if (!collectiveIds.length) return;
    var positions = network.getPositions(collectiveIds);
    collectiveIds.forEach(function (id) {
      var item = nodes.get(id), body = network.body.nodes[id];
      if (!item || item.hidden || !body) return;
      var p = positions[id], r = body.options.size || 10, counted = badge(nodesData[id]), w = counted.w;
      if (!w) return;
      var halo = r + 5 + 2.5 * Math.log2(1 + w), zoom = network.getScale();
      ctx.save();
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 2;
      ctx.strokeStyle = groups()[groupOf(nodesData[id])].color;
      ctx.beginPath(); ctx.arc(p.x, p.y, halo, 0, 2 * Math.PI); ctx.stroke();
      ctx.setLineDash([]);
      ctx.restore();
      // the badge keeps 12 px on screen at any zoom: drawn in canvas units divided by the zoom, after the
      // names (drawBadges, called by the labels' pass), so a name's white box never hides a count
      var unit = zh ? counted.unit : null, text = "×" + compact(w) + (unit ? " " + unit : "");
      var bx = p.x + halo * 0.72, by = p.y - halo * 0.72, px = 1 / zoom;
      ctx.save();
      ctx.font = "bold " + (12 * px) + "px " + FONT;
      var width = ctx.measureText(text).width + 10 * px, tall = 18 * px;
      ctx.restore();
      badgeBoxes[id] = {text: text, w: width * zoom, h: tall * zoom, cx: bx, cy: by};
    });
  });

  // ---- legend: classes (filters) and relations ----
  var HEADINGS = {"class": T.classes, community: zh ? "社区" : "Communities", sector: zh ? "三螺旋部门" : "Sectors"};
  document.getElementById("relations-heading").textContent = T.relations;
  document.getElementById("edge-labels-text").textContent = T.edgeLabels;
  document.getElementById("search").placeholder = T.search;
  var classList = document.getElementById("class-list");
  var collapsedFamilies = {};
  (data.families || []).forEach(function (f, fi) { if (f.collapsed) collapsedFamilies[fi] = true; });
  // one row per colour group; coloured by class, the groups sit under their family (one hue each), which
  // folds and ticks all its classes at once; places and things start folded
  function legendEntry(c, ci) {
    var li = el("li", "entry"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = !hiddenGroups[ci]; box.dataset.cls = c.name; box.dataset.ci = ci;
    box.addEventListener("change", function () { setClassVisible(ci, box.checked); });
    var swatch = el("span", "swatch"); swatch.style.background = c.color;
    label.appendChild(box); label.appendChild(swatch);
    label.appendChild(el("span", "name", clsLabel(c)));
    label.appendChild(el("span", "count", c.count));
    li.appendChild(label);
    return li;
  }
  function buildLegend() {
    document.getElementById("classes-heading").textContent = HEADINGS[colorBy];
    clear(classList);
    var byFamily = colorBy === "class" && data.families && groups().every(function (c) { return typeof c.family === "number"; });
    if (!byFamily) { groups().forEach(function (c, ci) { classList.appendChild(legendEntry(c, ci)); }); return; }
    data.families.forEach(function (f, fi) {
      var members = [];
      groups().forEach(function (c, ci) { if (c.family === fi) members.push(ci); });
      if (!members.length) return;
      if (members.length === 1) { classList.appendChild(legendEntry(groups()[members[0]], members[0])); return; }
      var head = el("li", "family"), fold = el("button", "fold"), box = el("input"), swatch = el("span", "swatch");
      fold.type = "button"; fold.setAttribute("aria-expanded", String(!collapsedFamilies[fi]));
      fold.textContent = collapsedFamilies[fi] ? "▸" : "▾";
      box.type = "checkbox"; box.className = "family-box"; box.dataset.family = f.name;
      box.checked = members.some(function (ci) { return !hiddenGroups[ci]; });
      swatch.style.background = f.color;
      var count = members.reduce(function (sum, ci) { return sum + (groups()[ci].count || 0); }, 0);
      var label = el("label");
      label.appendChild(box); label.appendChild(swatch);
      label.appendChild(el("span", "name", zh ? f.zh : f.en)); label.appendChild(el("span", "count", count));
      head.appendChild(fold); head.appendChild(label);
      var sub = el("ul", "members");
      sub.hidden = !!collapsedFamilies[fi];
      members.forEach(function (ci) { sub.appendChild(legendEntry(groups()[ci], ci)); });
      fold.addEventListener("click", function () {
        collapsedFamilies[fi] = !collapsedFamilies[fi];
        sub.hidden = !!collapsedFamilies[fi]; fold.textContent = collapsedFamilies[fi] ? "▸" : "▾";
        fold.setAttribute("aria-expanded", String(!collapsedFamilies[fi]));
      });
      box.addEventListener("change", function () {
        members.forEach(function (ci) { hiddenGroups[ci] = !box.checked; });
        sub.querySelectorAll("input").forEach(function (input) { input.checked = box.checked; });
        applyVisibility();
      });
      head.appendChild(sub);
      classList.appendChild(head);
    });
  }
  buildLegend();
  var relationList = document.getElementById("relation-list"), RELATIONS_SHOWN = 8;
  data.relations.forEach(function (r, k) {
    var li = el("li", k >= RELATIONS_SHOWN ? "more-relation" : null), line = el("span", "line");
    line.style.background = r.color;
    li.appendChild(line); li.appendChild(el("span", "name", relLabel(r))); li.appendChild(el("span", "count", r.count));
    li.title = zh ? r.en : r.zh;
    li.hidden = k >= RELATIONS_SHOWN;
    relationList.appendChild(li);
  });
  if (data.relations.length > RELATIONS_SHOWN) {
    var moreRelations = el("button", "link more", zh ? "全部 " + data.relations.length + " 种关系" : "all " + data.relations.length + " relations");
    moreRelations.type = "button";
    moreRelations.addEventListener("click", function () {
      relationList.querySelectorAll(".more-relation").forEach(function (li) { li.hidden = false; });
      moreRelations.remove();
    });
    relationList.parentNode.insertBefore(moreRelations, relationList.nextSibling);
  }
  var labelsBox = document.getElementById("edge-labels");
  labelsBox.checked = drawing.edgeLabels;
  labelsBox.addEventListener("change", function () {
    // a path's hops keep the labels placed beside them (the labels pass); vis-network draws the others
    edges.update(edgesData.map(function (e, i) { return {id: i, label: labelsBox.checked && !e.h ? relLabel(data.relations[e.r]) : null}; }));
  });
  var note = document.getElementById("size-note");
  note.appendChild(el("div", null, T.sizeBy + T.measures[data.sizeBy]));
  if (collectiveIds.length) note.appendChild(el("div", null, zh ? "虚线圈与 ×N：文中只计数、未列名的成员（最大的一项计数；悬停列出各项，不相加）" : "Dashed halo and ×N: members the article counts but does not name (the largest single count; hover lists each count, never summed)"));

  // after the date hides or shows actors, fit what is left (a few actors at an early date fill the canvas)
  function refitShown() {
    var ids = nodes.getIds({filter: function (n) { return !n.hidden; }});
    if (!ids.length || !fittedScale) return;
    network.fit({nodes: ids, animation: false});
    // a margin for the names around the edge, and no closer than 1.4 (a single actor would fill the canvas)
    network.moveTo({scale: Math.min(network.getScale() * 0.85, 1.4), animation: false});
  }
  function setClassVisible(ci, visible) {
    hiddenGroups[ci] = !visible;
    applyVisibility();
  }
  // a node shows when its group is ticked and its date is not after the slider's (undated: unless hidden);
  // a relation when its date and both its ends' pass (kg.analysis.timeline.as_of keeps exactly these)
  var nodeState = nodesData.map(function () { return "shown"; }), edgeState = edgesData.map(function () { return "shown"; });
  function applyVisibility() {
    var marked = asOf !== null;  // with a date chosen, undated facts are kept and marked dashed
    // only what changed is sent to vis-network: at 10,000 actors resending every node took half a second
    var nodeUpdates = [], edgeUpdates = [];
    nodesData.forEach(function (n, i) {
      var hidden = !!hiddenGroups[groupOf(n)] || nodeDateHidden(i), dashed = marked && (n.d === null || n.d === undefined);
      var state = hidden ? "hidden" : dashed ? "dashed" : "shown";
      if (state === nodeState[i]) return;
      nodeState[i] = state;
      nodeUpdates.push({id: i, hidden: hidden, shapeProperties: {borderDashes: dashed ? [3, 3] : false}});
    });
    edgesData.forEach(function (e, i) {
      var hidden = edgeDateHidden(i), dashed = marked && (e.d === null || e.d === undefined);
      var state = hidden ? "hidden" : dashed ? "dashed" : "shown";
      if (state === edgeState[i]) return;
      edgeState[i] = state;
      edgeUpdates.push({id: i, hidden: hidden, dashes: dashed ? [5, 4] : false});
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    var counts = classList.querySelectorAll("li.entry .count");
    groups().forEach(function (c, ci) {
      var shown = 0;
      nodesData.forEach(function (n, i) { if (groupOf(n) === ci && !nodeDateHidden(i)) shown++; });
      if (counts[ci]) counts[ci].textContent = shown;
    });
    classList.querySelectorAll("li.family").forEach(function (head) {
      var sum = 0;
      head.querySelectorAll("li.entry .count").forEach(function (c) { sum += Number(c.textContent); });
      head.querySelector(":scope > label .count").textContent = sum;
    });
    showDateState();
  }
  function nodeColours(hex, border) {  // kg.view.page._node_colours
    return {background: hex, border: border || shade(hex, -0.3), highlight: {background: shade(hex, 0.25), border: "#1f2933"},
            hover: {background: shade(hex, 0.2), border: shade(hex, -0.45)}};
  }
  // one vis group per colour group of every colouring: a node's own colour would give way to its group's at
  // the next update (vis-network re-applies group options), so switching moves nodes between groups;
  // highlighted nodes have no group (kg.view.page.vis_network) and carry their colour themselves
  var visGroups = {};
  Object.keys(data.groupings).forEach(function (g) {
    (data.groupings[g] || []).forEach(function (c, ci) { visGroups[g + ":" + ci] = {color: nodeColours(c.color)}; });
  });
  network.setOptions({groups: visGroups});
  function setColorBy(name) {
    if (!data.groupings[name]) return false;
    colorBy = name; hiddenGroups = {};
    nodes.update(nodesData.map(function (n, i) {
      return n.h ? {id: i, color: nodeColours(groups()[groupOf(n)].color, "#1f2933")} : {id: i, group: name + ":" + groupOf(n)};
    }));
    colorSelect.value = name;
    buildLegend(); applyVisibility();
    return true;
  }

  // ---- the control panel: colour by, and the date slider ----
  var colorSelect = document.getElementById("color-by");
  document.getElementById("color-by-text").textContent = T.colorBy;
  ["class", "community", "sector"].forEach(function (name) {
    if (!data.groupings[name]) return;
    var option = el("option", null, T.groupings[name]);
    option.value = name; colorSelect.appendChild(option);
  });
  colorSelect.value = colorBy;
  colorSelect.addEventListener("change", function () { setColorBy(colorSelect.value); });
  var steps = (data.dates && data.dates.steps) || [];
  var slider = document.getElementById("as-of"), hideBox = document.getElementById("hide-undated");
  var undatedNodes = nodesData.filter(function (n) { return n.d === null || n.d === undefined; }).length;
  var undatedEdges = edgesData.filter(function (e) { return e.d === null || e.d === undefined; }).length;
  document.getElementById("as-of-text").textContent = T.asOf;
  document.getElementById("hide-undated-text").textContent = T.hideUndated.replace("{a}", undatedNodes).replace("{r}", undatedEdges);
  document.getElementById("undated-note").textContent = T.undatedNote;
  slider.max = String(steps.length); slider.value = String(steps.length);  // the last position: every date
  document.getElementById("date-control").hidden = !steps.length;
  function stepLabel(step) {
    if (step === null) return T.allDates;
    // a year after finer steps of that year keeps all of it: say so
    var finer = step.length === 4 && steps.some(function (s) { return s.length > 4 && s.slice(0, 4) === step; });
    return T.asOfPrefix + step + (finer ? T.wholeYear : "");
  }
  function showDateState() {
    document.getElementById("as-of-value").textContent = stepLabel(asOf);
    var a = 0, r = 0;
    nodesData.forEach(function (n, i) { if (!nodeDateHidden(i)) a++; });
    edgesData.forEach(function (e, i) { if (!edgeDateHidden(i)) r++; });
    document.getElementById("as-of-counts").textContent = T.shownCounts.replace("{a}", a).replace("{A}", nodesData.length)
      .replace("{r}", r).replace("{R}", edgesData.length);
    document.getElementById("undated-note").hidden = asOf === null || hideUndated;
  }
  function setAsOf(step, undatedHidden) {
    var at = step === null || step === undefined ? steps.length : steps.indexOf(step);
    if (at < 0) return false;
    asOf = at < steps.length ? steps[at] : null;
    if (undatedHidden !== undefined) hideUndated = !!undatedHidden;
    slider.value = String(at); hideBox.checked = hideUndated;
    applyVisibility();
    refitShown();
    return true;
  }
  slider.addEventListener("input", function () { var at = Number(slider.value); setAsOf(at < steps.length ? steps[at] : null); });
  hideBox.addEventListener("change", function () { setAsOf(asOf, hideBox.checked); });
  showDateState();

  // ---- tooltip ----
  var tooltip = document.getElementById("tooltip");
  function showTooltip(content, pointer) {
    clear(tooltip); tooltip.appendChild(content); tooltip.hidden = false;
    var rect = container.getBoundingClientRect();
    var x = rect.left + pointer.x + 16, y = rect.top + pointer.y + 16;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > window.innerWidth - 8) x = Math.max(8, rect.left + pointer.x - w - 16);
    if (y + h > window.innerHeight - 8) y = Math.max(8, rect.top + pointer.y - h - 16);
    tooltip.style.left = x + "px"; tooltip.style.top = y + "px";
  }
  function nodeCard(i, withHint) {
    var n = nodesData[i], c = classOf(n), box = el("div");
    box.appendChild(el("div", "tname", name(n)));
    if (otherName(n)) box.appendChild(el("div", "sub", otherName(n)));
    var tag = el("span", "badge", clsLabel(c)); tag.style.background = c.color; box.appendChild(tag);
    if (colorBy !== "class") {
      var group = groups()[groupOf(n)], other = el("span", "badge", clsLabel(group));
      other.style.background = group.color; box.appendChild(other);
    }
    if (steps.length) box.appendChild(el("div", "sub", T.dated + (n.d === null || n.d === undefined ? T.undated : n.d)));
    if (n.al.length) box.appendChild(el("div", "sub", T.aliases + ": " + n.al.slice(0, 4).join(" · ")));
    // the tooltip summarises (two counts, three figures, and how many more); the panel lists them all
    var counted = n.k.filter(keepFigure), figures = n.f.filter(keepFigure), cap = withHint ? [2, 3] : [Infinity, 5];
    counted.slice(0, cap[0]).forEach(function (k) { box.appendChild(collectiveBox(k)); });
    figures.slice(0, cap[1]).forEach(function (f) { box.appendChild(el("div", null, figureText(f))); });
    var more = Math.max(counted.length - cap[0], 0) + Math.max(figures.length - cap[1], 0);
    if (more && withHint) box.appendChild(el("div", "sub", zh ? "另有 " + more + " 项数据" : more + " more figures"));
    else if (figures.length > cap[1]) box.appendChild(el("div", "sub", "+" + (figures.length - cap[1])));
    if (withHint) {
      var edgesHere = outgoing[i].length + incoming[i].length;
      box.appendChild(el("div", "more", T.clickHint.replace("{n}", edgesHere)));
    }
    return box;
  }
  function evidenceLine(ev) {
    var line = el("span", "evidence");
    if (!ev.length) { line.textContent = T.noEvidence; return line; }
    ev.slice(0, 3).forEach(function (item, k) {
      if (k) line.appendChild(document.createTextNode(" · "));
      // served by kg serve, a span links to the source reader at that span (a file:// page has no reader)
      var served = /^https?:$/.test(window.location.protocol) && item.source && typeof item.start === "number";
      var holder = line;
      if (served) {
        holder = el("a", "source-link");
        holder.href = "/source/" + encodeURIComponent(item.source) + "#span-" + item.start + "-" + item.end;
        holder.target = "_top";
        line.appendChild(holder);
      }
      holder.appendChild(el("q", null, item.span));
      if (item.start !== null && item.start !== undefined)
        holder.appendChild(document.createTextNode(" " + T.chars + " " + item.start + "–" + item.end));
    });
    if (ev.length > 3) line.appendChild(document.createTextNode(" +" + (ev.length - 3)));
    return line;
  }
  function edgeCard(i) {
    var e = edgesData[i], r = data.relations[e.r], box = el("div");
    box.appendChild(el("div", "tname", name(nodesData[e.f]) + " → " + name(nodesData[e.t])));
    var badge = el("span", "badge", relLabel(r)); badge.style.background = r.color; box.appendChild(badge);
    var other = zh ? r.en : r.zh;
    if (other && other !== relLabel(r)) box.appendChild(el("span", "sub", other));
    if (steps.length) box.appendChild(el("div", "sub", T.dated + (e.d === null || e.d === undefined ? T.undated : e.d)));
    var head = el("div", "sub", T.evidence + ":");
    box.appendChild(head); box.appendChild(evidenceLine(e.e));
    return box;
  }
  network.on("hoverNode", function (p) { showTooltip(nodeCard(p.node, true), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip(edgeCard(p.edge), p.pointer.DOM); });
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("blurEdge", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });
  network.on("zoom", function () { tooltip.hidden = true; });

  // ---- side panel ----
  var panel = document.getElementById("panel"), panelBody = document.getElementById("panel-body");
  var outgoing = nodesData.map(function () { return []; }), incoming = nodesData.map(function () { return []; });
  edgesData.forEach(function (e, i) { outgoing[e.f].push(i); incoming[e.t].push(i); });
  var selectedNode = null;
  function linkTo(i) {
    var b = el("button", "link", name(nodesData[i]));
    b.type = "button";
    b.addEventListener("click", function () { focusNode(i); });
    return b;
  }
  // served by kg serve, an actor of ours has a page there (/id/...); a file: page has none
  var SERVED = /^https?:$/.test(window.location.protocol), OUR_IDS = "https://w3id.org/innovation-kg/id/";
  function actorPage(i) {
    var iri = nodesData[i].iri;
    return SERVED && iri.indexOf(OUR_IDS) === 0 ? "/id/" + iri.slice(OUR_IDS.length) : null;
  }
  function pageLink(i) {
    var href = actorPage(i);
    if (!href) return null;
    var a = el("a", "page-link", zh ? "行动者页面 ↗" : "actor page ↗");
    a.href = href; a.target = "_top";
    return a;
  }
  function relationItem(ei, forward) {
    var e = edgesData[ei], r = data.relations[e.r], li = el("li");
    var rel = el("span", "rel", (forward ? "→ " : "← ") + relLabel(r) + " ");
    rel.style.color = shade(r.color, -0.25);
    li.appendChild(rel); li.appendChild(linkTo(forward ? e.t : e.f)); li.appendChild(evidenceLine(e.e));
    return li;
  }
  function showNodePanel(i) {
    selectedNode = i;
    var n = nodesData[i];
    clear(panelBody);
    var card = nodeCard(i, false);
    card.firstChild.className = ""; // the heading below replaces the tooltip's title line
    var heading = panelBody.appendChild(el("h3", null, name(n)));
    var onSite = pageLink(i);
    if (onSite) { heading.appendChild(document.createTextNode(" ")); heading.appendChild(onSite); }
    card.removeChild(card.firstChild);
    panelBody.appendChild(card);
    var figures = n.f.filter(keepFigure);
    if (figures.length > 5) {
      panelBody.appendChild(el("h4", null, T.figures));
      var table = el("table", "figures");
      figures.forEach(function (f) {
        var tr = el("tr");
        tr.appendChild(el("td", null, zh ? (f.measure_zh || f.measure_en) : (f.measure_en || f.measure_zh)));
        tr.appendChild(el("td", "value", qualified(f)));
        tr.appendChild(el("td", "sub", f.time || ""));
        table.appendChild(tr);
      });
      panelBody.appendChild(table);
    }
    function shownEdges(list) { return list.filter(function (ei) { return !edgeDateHidden(ei); }); }
    [[shownEdges(outgoing[i]), true, T.outgoing], [shownEdges(incoming[i]), false, T.incoming]].forEach(function (group) {
      if (!group[0].length) return;
      panelBody.appendChild(el("h4", null, group[2] + " (" + group[0].length + ")"));
      var ul = el("ul", "relations");
      group[0].forEach(function (ei) { ul.appendChild(relationItem(ei, group[1])); });
      panelBody.appendChild(ul);
    });
    if (n.o) panelBody.appendChild(el("p", "sub", T.outside.replace("{n}", n.o)));
    panel.hidden = false;
  }
  function showEdgePanel(i) {
    selectedNode = null;
    clear(panelBody);
    panelBody.appendChild(el("h3", null, relLabel(data.relations[edgesData[i].r])));
    panelBody.appendChild(edgeCard(i));
    panel.hidden = false;
  }
  // a path's hops as the panel lists them: actor, relation (its direction), actor, and the evidence
  function hopList(sequence, hopEdges) {
    var ul = el("ul", "hops");
    hopEdges.forEach(function (ei, k) {
      var li = el("li", "hop");
      li.appendChild(linkTo(sequence[k]));
      if (ei === null || ei === undefined) { li.appendChild(el("span", "rel", " — ")); li.appendChild(linkTo(sequence[k + 1])); ul.appendChild(li); return; }
      var e = edgesData[ei], r = data.relations[e.r], forward = e.f === sequence[k];
      var rel = el("span", "rel", (forward ? " → " : " ← ") + relLabel(r) + (forward ? " → " : " ← "));
      rel.style.color = shade(r.color, -0.25);
      li.appendChild(rel); li.appendChild(linkTo(sequence[k + 1])); li.appendChild(evidenceLine(e.e));
      ul.appendChild(li);
    });
    return ul;
  }
  var chosenPath = null, pathWidths = {};
  // one of several paths drawn alone: its hops thick and dark, the other paths' hops back to plain lines
  function choosePath(k) {
    var all = data.pathEdges || [];
    if (k !== null && (k < 0 || k >= all.length)) return false;
    chosenPath = k;
    var updates = [];
    all.forEach(function (list, p) {
      list.forEach(function (ei) {
        if (ei === null) return;
        if (pathWidths[ei] === undefined) pathWidths[ei] = edges.get(ei).width;
        var on = k === null || k === p || (all[k] || []).indexOf(ei) >= 0;
        updates.push({id: ei, width: on ? (k === null ? pathWidths[ei] : 7) : 1.6,
                      color: on ? (k === null ? undefined : {color: "#1f2933", highlight: "#1f2933", hover: "#1f2933", opacity: 1})
                                : {color: data.relations[edgesData[ei].r].color, opacity: 0.45}});
      });
    });
    edges.update(updates.map(function (u) { if (u.color === undefined) { u.color = {color: data.relations[edgesData[u.id].r].color, opacity: 1}; } return u; }));
    pathsPanelRows.forEach(function (row, p) { row.classList.toggle("chosen", k === p); });
    fitBesidePanel(k === null ? [].concat.apply([], data.paths) : data.paths[k]);
    network.redraw();
    return true;
  }
  var pathsPanelRows = [];
  function showPathsPanel() {
    clear(panelBody);
    panelBody.appendChild(el("h3", null, T.paths));
    pathsPanelRows = [];
    data.paths.forEach(function (sequence, p) {
      var row = el("section", "path-row"), head = el("button", "link path-pick",
        "#" + (p + 1) + " · " + (sequence.length - 1) + (zh ? " 步" : " hops"));
      head.type = "button";
      if (data.paths.length > 1) head.title = zh ? "只突出这条路径" : "draw this path alone";
      head.addEventListener("click", function () { choosePath(chosenPath === p ? null : p); });
      row.appendChild(el("h4")).appendChild(head);
      row.appendChild(hopList(sequence, (data.pathEdges || [])[p] || sequence.slice(1).map(function () { return null; })));
      panelBody.appendChild(row);
      pathsPanelRows.push(row);
    });
    panel.hidden = false;
  }
  document.getElementById("panel-close").addEventListener("click", function () { panel.hidden = true; selectedNode = null; network.unselectAll(); });
  network.on("click", function (p) {
    tooltip.hidden = true;
    var shift = p.event && p.event.srcEvent && p.event.srcEvent.shiftKey;
    if (p.nodes.length && shift && picked.first !== null && picked.first !== p.nodes[0]) { showPickedPath(picked.first, p.nodes[0]); return; }
    if (p.nodes.length) {
      picked.first = p.nodes[0]; clearPickedPath(); showNodePanel(p.nodes[0]);
      panelBody.appendChild(el("p", null, T.pickHint)).id = "pick-hint";
      keepBesidePanel();
    }
    else if (p.edges.length) showEdgePanel(p.edges[0]);
  });

  // ---- two picks: the shortest path between two actors, found here in the browser ----
  // The view's relations taken both ways (as kg path does); among shortest paths the one whose sequence of
  // IRIs sorts first, which is the first path `kg path --all-shortest` lists. Each hop shows its relation
  // (the one with evidence first, then the one pointing forward, then by IRI) and that relation's evidence.
  var picked = {first: null, path: null};
  var neighbours = nodesData.map(function () { return []; });
  edgesData.forEach(function (e, i) { neighbours[e.f].push([e.t, i]); neighbours[e.t].push([e.f, i]); });
  function shortestPath(a, b) {
    var dist = nodesData.map(function () { return -1; }), queue = [b];
    dist[b] = 0;
    for (var q = 0; q < queue.length; q++) {
      neighbours[queue[q]].forEach(function (pair) {
        if (dist[pair[0]] < 0 && !nodes.get(pair[0]).hidden) { dist[pair[0]] = dist[queue[q]] + 1; queue.push(pair[0]); }
      });
    }
    if (dist[a] < 0) return null;
    var path = [a];
    while (path[path.length - 1] !== b) {
      var here = path[path.length - 1], best = null;
      neighbours[here].forEach(function (pair) {
        if (dist[pair[0]] === dist[here] - 1 && (best === null || nodesData[pair[0]].iri < nodesData[best].iri)) best = pair[0];
      });
      path.push(best);
    }
    return path;
  }
  function hopEdge(a, b) {
    var found = neighbours[a].filter(function (pair) { return pair[0] === b; }).map(function (pair) { return pair[1]; });
    found.sort(function (x, y) {
      var ex = edgesData[x], ey = edgesData[y];
      return (ey.e.length > 0) - (ex.e.length > 0) || (ex.f !== a) - (ey.f !== a) ||
        (data.relations[ex.r].iri < data.relations[ey.r].iri ? -1 : data.relations[ex.r].iri > data.relations[ey.r].iri ? 1 : 0);
    });
    return found[0];
  }
  function clearPickedPath() {
    if (!picked.path) return;
    edges.update(picked.path.edges.map(function (i) {
      var was = picked.path.widths[i];
      return {id: i, width: was.width, color: was.color || {color: data.relations[edgesData[i].r].color, opacity: 0.8}};
    }));
    picked.path = null;
  }
  function showPickedPath(a, b) {
    clearPickedPath();
    var sequence = shortestPath(a, b);
    clear(panelBody);
    panelBody.appendChild(el("h3", null, T.picked));
    panelBody.appendChild(el("div", "sub", name(nodesData[a]) + " → " + name(nodesData[b])));
    if (!sequence) { panelBody.appendChild(el("p", null, T.noPath)); panel.hidden = false; return; }
    var hopEdges = [], widths = {};
    for (var k = 0; k + 1 < sequence.length; k++) hopEdges.push(hopEdge(sequence[k], sequence[k + 1]));
    hopEdges.forEach(function (i) { widths[i] = {width: edges.get(i).width, color: edges.get(i).color}; });
    edges.update(hopEdges.map(function (i) { return {id: i, width: 6, color: {color: "#1f2933", highlight: "#1f2933", hover: "#1f2933", opacity: 1}}; }));
    picked.path = {nodes: sequence, edges: hopEdges, widths: widths};
    network.selectNodes(sequence);
    panelBody.appendChild(el("h4", null, (sequence.length - 1) + T.hops));
    var ul = hopList(sequence, hopEdges);
    ul.className = "picked-path";
    panelBody.appendChild(ul);
    panel.hidden = false;
    // the picked path in full view beside the panel, so each of its actors is drawn and named
    var positions = network.getPositions(sequence), at = container.getBoundingClientRect(), box = panel.getBoundingClientRect();
    var hidden = sequence.some(function (id) {
      var p = network.canvasToDOM(positions[id]), x = at.left + p.x, y = at.top + p.y;
      return x < at.left + 20 || x > at.right - 20 || y < at.top + 20 || y > at.bottom - 20 ||
        (x > box.left - 20 && x < box.right && y > box.top - 20 && y < box.bottom + 20);
    });
    if (hidden) fitBesidePanel(sequence);
  }

  // a small view (a neighbourhood, a date that leaves few actors) moves left of the panel when the panel
  // would cover one of its actors, so every actor stays in reach of a click or a shift-click
  function keepBesidePanel() {
    var ids = nodes.getIds({filter: function (n) { return !n.hidden; }});
    if (panel.hidden || ids.length > FEW) return;
    var box = panel.getBoundingClientRect(), at = container.getBoundingClientRect(), positions = network.getPositions(ids);
    var covered = ids.some(function (id) {
      var p = network.canvasToDOM(positions[id]), r = (network.body.nodes[id].options.size || 10) * network.getScale() + 4;
      var x = at.left + p.x, y = at.top + p.y;
      return x + r > box.left && x - r < box.right && y + r > box.top && y - r < box.bottom;
    });
    if (covered) fitBesidePanel(ids);
  }
  function focusNode(i) {
    var n = nodesData[i];
    if (hiddenGroups[groupOf(n)]) {
      var box = classList.querySelector('li.entry input[data-ci="' + groupOf(n) + '"]');
      if (box) box.checked = true;
      setClassVisible(groupOf(n), true);
    }
    if (nodeDateHidden(i)) setAsOf(null, false);  // found by search but later than the slider: show every date
    network.selectNodes([i]);
    api.animating = true;
    network.focus(i, {scale: Math.max(network.getScale(), 1.1), animation: {duration: 450, easingFunction: "easeInOutQuad"}});
    showNodePanel(i);
  }

  // ---- search ----
  function fold(s) { return String(s || "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim(); }
  var keys = nodesData.map(function (n) { return [n.zh, n.en].concat(n.al).map(fold); });
  function matches(query) {
    var q = fold(query);
    if (!q) return [];
    var found = [];
    keys.forEach(function (list, i) {
      var best = 9;
      list.forEach(function (k) {
        if (k === q) best = Math.min(best, 0);
        else if (k.indexOf(q) === 0) best = Math.min(best, 1);
        else if (k.indexOf(q) > 0) best = Math.min(best, 2);
      });
      if (best < 9) found.push([best, -nodesData[i].v, name(nodesData[i]).length, i]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]; });
    return found.slice(0, 10).map(function (f) { return f[3]; });
  }
  var search = document.getElementById("search"), results = document.getElementById("results");
  function listResults() {
    clear(results);
    if (!search.value.trim()) { results.hidden = true; return; }
    var found = matches(search.value);
    if (!found.length) results.appendChild(el("li", "empty", T.noMatch));
    found.forEach(function (i, k) {
      var li = el("li"), b = el("button");
      b.type = "button";
      if (k === 0) b.className = "active";
      b.appendChild(el("div", null, name(nodesData[i])));
      var sub = [otherName(nodesData[i]), clsLabel(classOf(nodesData[i]))].filter(Boolean).join(" · ");
      b.appendChild(el("div", "sub", sub));
      b.addEventListener("click", function () { results.hidden = true; focusNode(i); });
      li.appendChild(b); results.appendChild(li);
    });
    results.hidden = false;
  }
  search.addEventListener("input", listResults);
  search.addEventListener("keydown", function (event) {
    var buttons = results.querySelectorAll("button"), active = results.querySelector("button.active");
    var at = Array.prototype.indexOf.call(buttons, active);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {  // walk the list of matches
      if (!buttons.length) return;
      event.preventDefault();
      if (active) active.className = "";
      at = (at + (event.key === "ArrowDown" ? 1 : buttons.length - 1)) % buttons.length;
      buttons[at].className = "active";
      buttons[at].scrollIntoView({block: "nearest"});
    } else if (event.key === "Enter") {
      var found = matches(search.value);
      results.hidden = true;
      if (found.length) focusNode(found[Math.max(at, 0)] !== undefined ? found[Math.max(at, 0)] : found[0]);
    } else if (event.key === "Escape") { search.value = ""; results.hidden = true; }
  });
  document.addEventListener("click", function (event) { if (!document.getElementById("searchbox").contains(event.target)) results.hidden = true; });

  // ---- first draw, initial focus, and a small API for tests and scripts ----
  var api = window.kgView = {
    ready: false, readyMs: null, animating: false, stats: data.stats, network: network,
    nodeCount: function () { return nodes.length; },
    edgeCount: function () { return edges.length; },
    visibleNodeCount: function () { return nodes.get({filter: function (n) { return !n.hidden; }}).length; },
    search: function (query) { var found = matches(query); if (!found.length) return null; focusNode(found[0]); return nodesData[found[0]].iri; },
    selected: function () { var s = network.getSelectedNodes(); return s.length ? nodesData[s[0]].iri : null; },
    indexOf: function (iri) { for (var i = 0; i < nodesData.length; i++) if (nodesData[i].iri === iri) return i; return -1; },
    edgeMiddle: function (index) {  // page coordinates of the middle of edge `index` (curves included)
      var edge = network.body.edges[index]; if (!edge) return null;
      var p = network.canvasToDOM(edge.edgeType.getPoint(0.5)), rect = container.getBoundingClientRect();
      return {x: rect.left + p.x, y: rect.top + p.y};
    },
    domPosition: function (iri) {
      var i = api.indexOf(iri); if (i < 0) return null;
      var p = network.canvasToDOM(network.getPosition(i)), rect = container.getBoundingClientRect();
      return {x: rect.left + p.x, y: rect.top + p.y};
    }
  };
  api.pickPath = function (fromIri, toIri) {  // what click then shift-click does
    var a = api.indexOf(fromIri), b = api.indexOf(toIri);
    if (a < 0 || b < 0) return null;
    picked.first = a; showPickedPath(a, b);
    return picked.path ? picked.path.nodes.map(function (i) { return nodesData[i].iri; }) : [];
  };
  // the control panel from a script: colourings, the date slider, and what they hide
  api.colorings = function () { return ["class", "community", "sector"].filter(function (g) { return !!data.groupings[g]; }); };
  api.colorBy = function () { return colorBy; };
  api.setColorBy = setColorBy;
  api.nodeColour = function (iri) { var i = api.indexOf(iri); return i < 0 ? null : network.body.nodes[i].options.color.background; };
  api.legend = function () {
    return Array.prototype.map.call(classList.querySelectorAll("li.entry"), function (li) {
      return {name: li.querySelector(".name").textContent, color: li.querySelector(".swatch").style.backgroundColor,
              count: Number(li.querySelector(".count").textContent)};
    });
  };
  api.dateSteps = function () { return steps.slice(); };
  api.asOf = function () { return asOf; };
  api.setAsOf = setAsOf;
  api.hiddenNodes = function () { return nodes.get({filter: function (n) { return !!n.hidden; }}).map(function (n) { return nodesData[n.id].iri; }); };
  api.hiddenEdges = function () {
    return edges.get({filter: function (e) { return !!e.hidden; }}).map(function (e) {
      var d = edgesData[e.id]; return [nodesData[d.f].iri, nodesData[d.t].iri, data.relations[d.r].iri];
    });
  };
  api.dashed = function () {
    return {nodes: nodes.get({filter: function (n) { return !!(n.shapeProperties && n.shapeProperties.borderDashes); }}).map(function (n) { return nodesData[n.id].iri; }),
            edges: edges.get({filter: function (e) { return !!e.dashes; }}).length};
  };
  api.choosePath = choosePath;
  api.chosenPath = function () { return chosenPath; };
  api.pickedPath = function () { return picked.path ? picked.path.nodes.map(function (i) { return nodesData[i].iri; }) : null; };

  // ---- labels: importance first, then level of detail; never one over another ----
  // vis-network's own node labels are turned off; after each draw the names are placed here. The actors
  // that must be named come first: the centre, the path and the picked actors, then the HUBS most central
  // (the size measure), and every actor when few are shown. Each tries the places around its node at three
  // distances with its full name, then its short name (the shortest alias in the page's language), and at
  // last over other nodes, on a white box (never over another label or a path's line). The rest follow by
  // centrality, each only where it meets no label, no node and no path line, up to a budget that grows as
  // you zoom in. Relation labels of a path's hops are placed here too (vis-network's would cover names).
  var LABEL_PX = 12, HUBS = 8, FEW = 40, labelBoxes = [], relationBoxes = [], nodeBoxes = [], pathLines = [], fittedScale = null;
  var LABEL_BUDGET = Math.max(12, Math.min(40, Math.round(nodesData.length * 0.2)));
  nodes.update(nodesData.map(function (n, i) { return {id: i, label: undefined, font: {size: 0}}; }));
  var labelOrder = nodesData.map(function (n, i) { return i; });
  var firstLabels = {}, hubs = {};
  if (data.focus !== null && data.focus !== undefined) firstLabels[data.focus] = true;
  (data.paths || []).forEach(function (sequence) { sequence.forEach(function (i) { firstLabels[i] = true; }); });
  nodesData.forEach(function (n, i) { if (n.h) firstLabels[i] = true; });
  labelOrder.sort(function (a, b) { return nodesData[b].v - nodesData[a].v || a - b; });
  labelOrder.slice(0, HUBS).forEach(function (i) { hubs[i] = true; });
  labelOrder.sort(function (a, b) {
    return (firstLabels[b] ? 1 : 0) - (firstLabels[a] ? 1 : 0) || (hubs[b] ? 1 : 0) - (hubs[a] ? 1 : 0) ||
      nodesData[b].v - nodesData[a].v || a - b;
  });
  var CJK = /[\u3400-\u9fff]/;
  function shortName(n) {
    var full = name(n), best = null;
    [n.zh, n.en].concat(n.al || []).forEach(function (alias) {
      if (!alias || alias.length < 2 || alias.length >= full.length || CJK.test(alias) !== zh) return;
      if (!best || alias.length < best.length) best = alias;
    });
    return best;
  }
  // on the canvas a name stops at 40 characters (20 in Chinese), with an ellipsis; the tooltip has it whole
  function cut(text) {
    var most = zh ? 20 : 40;
    if (text.length <= most) return text;
    var head = text.slice(0, most - 1);
    if (!zh && head.lastIndexOf(" ") > most * 0.6) head = head.slice(0, head.lastIndexOf(" "));
    return head.replace(/[\s,;:·、，]+$/, "") + "…";
  }
  function overlaps(box, boxes) {
    for (var k = 0; k < boxes.length; k++) {
      var o = boxes[k];
      if (box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h) return true;
    }
    return false;
  }
  // does the segment (x1, y1)-(x2, y2) cross the box? (Liang-Barsky clipping)
  function segmentMeetsBox(x1, y1, x2, y2, box) {
    var t0 = 0, t1 = 1, dx = x2 - x1, dy = y2 - y1;
    var checks = [[-dx, x1 - box.x], [dx, box.x + box.w - x1], [-dy, y1 - box.y], [dy, box.y + box.h - y1]];
    for (var k = 0; k < 4; k++) {
      var pk = checks[k][0], qk = checks[k][1];
      if (pk === 0) { if (qk < 0) return false; continue; }
      var t = qk / pk;
      if (pk < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
    return true;
  }
  function crossesLines(box, lines) {
    for (var k = 0; k < lines.length; k++) {
      var pts = lines[k].points;
      for (var j = 0; j + 1 < pts.length; j++) if (segmentMeetsBox(pts[j].x, pts[j].y, pts[j + 1].x, pts[j + 1].y, box)) return true;
    }
    return false;
  }
  // the hops drawn as a path: the view's paths (all, or the one chosen) and the path picked with two clicks
  function pathEdgeIds() {
    var ids = [], seen = {};
    function add(e) { if (e !== null && e !== undefined && !seen[e]) { seen[e] = true; ids.push(e); } }
    if (picked.path) picked.path.edges.forEach(add);
    else (data.pathEdges || []).forEach(function (list, k) {  // the first path's hops first: they are labelled first
      if (chosenPath === null || chosenPath === k) list.forEach(add);
    });
    return ids;
  }
  function edgeLine(ei) {  // DOM points along edge ei, curves included
    var edge = network.body.edges[ei], points = [];
    if (!edge || !edge.edgeType || edges.get(ei).hidden) return null;
    for (var t = 0; t <= 1.0001; t += 0.125) points.push(network.canvasToDOM(edge.edgeType.getPoint(Math.min(t, 1))));
    return {edge: ei, points: points};
  }
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale(), width = container.clientWidth, height = container.clientHeight;
    var positions = network.getPositions();
    var pinned = {};
    if (picked.path) picked.path.nodes.forEach(function (i) { pinned[i] = true; });
    nodeBoxes = [];
    var shown = [];
    nodesData.forEach(function (n, i) {
      var item = network.body.nodes[i];
      if (!item || nodes.get(i).hidden) return;
      var p = network.canvasToDOM(positions[i]), r = (item.options.size || 10) * scale;
      if (p.x + r < 0 || p.x - r > width || p.y + r < 0 || p.y - r > height) return;
      nodeBoxes.push({i: i, x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r});
      shown.push(i);
    });
    pathLines = pathEdgeIds().map(edgeLine).filter(Boolean);
    var visible = {};
    shown.forEach(function (i) { visible[i] = true; });
    var badgeObstacles = Object.keys(badgeBoxes).filter(function (id) { return visible[id] && !nodes.get(Number(id)).hidden; }).map(function (id) {
      var b = badgeBoxes[id], c = network.canvasToDOM({x: b.cx, y: b.cy});
      return {x: c.x - b.w / 2, y: c.y - b.h / 2, w: b.w, h: b.h};
    });
    var few = shown.length <= FEW;
    function must(i) { return pinned[i] || firstLabels[i] || hubs[i] || few; }
    var order = labelOrder.filter(function (i) { return visible[i] && pinned[i]; })
      .concat(labelOrder.filter(function (i) { return visible[i] && !pinned[i]; }));
    // level of detail: at the opening zoom a budget of names (the most central), growing as you zoom in
    var budget = Math.ceil(LABEL_BUDGET * Math.pow(Math.max(scale / (fittedScale || scale), 1), 2));
    ctx.save();
    labelBoxes = []; relationBoxes = [];
    var placed = [];
    function inCanvas(box) { return box.x >= 0 && box.y >= 0 && box.x + box.w <= width && box.y + box.h <= height; }
    function candidates(p, r, w, h, gap) {
      var d = r * 0.7 + 2 + gap;
      return [{x: p.x - w / 2, y: p.y + r + 2 + gap}, {x: p.x - w / 2, y: p.y - r - 2 - gap - h},
              {x: p.x + r + 3 + gap, y: p.y - h / 2}, {x: p.x - r - 3 - gap - w, y: p.y - h / 2},
              {x: p.x + d, y: p.y + d}, {x: p.x - d - w, y: p.y + d},
              {x: p.x + d, y: p.y - d - h}, {x: p.x - d - w, y: p.y - d - h}];
    }
    function place(i, text, font, gaps, overNodes) {
      var item = network.body.nodes[i], p = network.canvasToDOM(positions[i]), r = (item.options.size || 10) * scale;
      ctx.font = font;
      var w = ctx.measureText(text).width + 6, h = LABEL_PX + 4;
      for (var g = 0; g < gaps.length; g++) {
        var spots = candidates(p, r, w, h, gaps[g]);
        for (var c = 0; c < spots.length; c++) {
          // near an edge of the canvas a label slides along it rather than give up
          var box = {x: Math.max(2, Math.min(spots[c].x, width - w - 2)), y: Math.max(2, Math.min(spots[c].y, height - h - 2)), w: w, h: h};
          if (!inCanvas(box) || overlaps(box, placed) || crossesLines(box, pathLines)) continue;
          if (!overNodes && overlaps(box, badgeObstacles)) continue;
          if (Math.abs(box.x + w / 2 - p.x) > w / 2 + r + 50 || Math.abs(box.y + h / 2 - p.y) > h / 2 + r + 50) continue;
          // over other nodes only as the last resort (on its white box), never over its own
          var hit = nodeBoxes.some(function (b) { return (overNodes ? b.i === i : b.i !== i) && overlaps(box, [b]); });
          if (hit) continue;
          placed.push(box);
          labelBoxes.push({iri: nodesData[i].iri, x: box.x, y: box.y, w: w, h: h, text: text, font: font, over: !!overNodes});
          return true;
        }
      }
      return false;
    }
    // the hops' relation labels, beside the middle of their line (above, else below, else a little along it)
    function placeRelation(ei) {
      var e = edgesData[ei], edge = network.body.edges[ei];
      if (!edge || !edge.edgeType || edges.get(ei).hidden) return;
      var text = relLabel(data.relations[e.r]), font = "11px " + FONT;
      ctx.font = font;
      var w = ctx.measureText(text).width + 6, h = LABEL_PX + 2;
      var ts = [0.5, 0.38, 0.62, 0.28, 0.72];
      // beside the line, clear of nodes; failing that, over a node's edge (a hop's relation is always named)
      for (var k = 0; k < 2 * ts.length; k++) {
        var m = network.canvasToDOM(edge.edgeType.getPoint(ts[k % ts.length])), clearOfNodes = k < ts.length;
        var spots = [{x: m.x - w / 2, y: m.y - h - 3}, {x: m.x - w / 2, y: m.y + 3}, {x: m.x - w / 2, y: m.y - h / 2}];
        for (var c = 0; c < spots.length; c++) {
          var box = {x: spots[c].x, y: spots[c].y, w: w, h: h};
          if (!inCanvas(box) || overlaps(box, placed) || (clearOfNodes && overlaps(box, nodeBoxes))) continue;
          placed.push(box);
          relationBoxes.push({edge: ei, x: box.x, y: box.y, w: w, h: h, text: text, font: font, color: data.relations[e.r].color});
          return;
        }
      }
    }
    var firstPass = order.filter(function (i) { return pinned[i] || firstLabels[i]; });
    var hopIds = pathEdgeIds();
    order.forEach(function (i, k) {
      if (k === firstPass.length) hopIds.forEach(placeRelation);  // after the path's names, before the rest
      var strong = pinned[i] || firstLabels[i] || hubs[i];
      var font = (strong ? "600 " : "") + LABEL_PX + "px " + FONT, text = cut(name(nodesData[i]));
      if (!must(i)) {
        if (labelBoxes.length < budget) place(i, text, font, [0], false);
        return;
      }
      var short = shortName(nodesData[i]);
      // a must-name too long for the canvas goes by its short name first, when it has one that fits whole
      if (short && text !== name(nodesData[i]) && short.length <= (zh ? 22 : 46)) { var whole = short; short = text; text = whole; }
      if (place(i, text, font, [0, 12, 28], false)) return;
      if (short && place(i, short, font, [0, 12, 28], false)) return;
      if (place(i, text, font, [0, 12, 28, 44], true)) return;
      if (short) place(i, short, font, [0, 12, 28, 44], true);
    });
    if (firstPass.length >= order.length) hopIds.forEach(placeRelation);
    // draw in canvas coordinates: the context carries vis-network's zoom and pan
    function drawBox(box, colour, weight) {
      var at = network.DOMtoCanvas({x: box.x + box.w / 2, y: box.y + box.h / 2}), k = 1 / scale;
      ctx.fillStyle = "rgba(255,255,255,0.82)";
      ctx.beginPath();
      var bx = at.x - box.w / 2 * k, by = at.y - box.h / 2 * k;
      if (ctx.roundRect) ctx.roundRect(bx, by, box.w * k, box.h * k, 3 * k); else ctx.rect(bx, by, box.w * k, box.h * k);
      ctx.fill();
      ctx.font = box.font.replace(/(\d+(\.\d+)?)px/, function (m, v) { return (Number(v) * k) + "px"; });
      ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.fillStyle = colour;
      ctx.fillText(box.text, at.x, at.y + 0.5 * k);
    }
    relationBoxes.forEach(function (box) { drawBox(box, shade(box.color, -0.45)); });
    labelBoxes.forEach(function (box) {
      var i = api.indexOf(box.iri);
      drawBox(box, nodesData[i].h || firstLabels[i] || pinned[i] ? "#111820" : "#2b3440");
    });
    ctx.restore();
    drawBadges(ctx);
  });
  api.labelBoxes = function () { return labelBoxes.slice(); };
  api.relationLabelBoxes = function () { return relationBoxes.slice(); };
  api.pathLines = function () { return pathLines.map(function (l) { return l.points; }); };
  api.badges = function () {
    return Object.keys(badgeBoxes).map(function (id) { var b = badgeBoxes[id]; return {iri: nodesData[id].iri, text: b.text, w: b.w, h: b.h}; });
  };  // page coordinates of the canvas: DOM px
  api.nodeBoxes = function () { return nodeBoxes.map(function (b) { return {iri: nodesData[b.i].iri, x: b.x, y: b.y, w: b.w, h: b.h}; }); };
  api.canvasRect = function () { var r = container.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  api.panelRect = function () {
    if (panel.hidden) return null;
    var r = panel.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height};
  };

  // ---- can the fonts draw Chinese? A CJK glyph drawn like the tofu box of a missing one means no ----
  function glyphPixels(text) {
    var canvas = document.createElement("canvas"); canvas.width = 40; canvas.height = 40;
    var g = canvas.getContext("2d");
    g.font = "32px " + FONT; g.textBaseline = "top"; g.fillStyle = "#000";
    g.fillText(text, 2, 2);
    return Array.prototype.join.call(g.getImageData(0, 0, 40, 40).data, ",");
  }
  api.cjkFontMissing = (function () {
    var cjk = /[\u3400-\u9fff]/;
    var any = nodesData.some(function (n) { return cjk.test(name(n)); }) || zh;
    if (!any) return false;
    var first = glyphPixels("兰"), second = glyphPixels("州"), missing = glyphPixels("\u0378");
    return first === second || first === missing;
  })();
  if (api.cjkFontMissing) {
    var warning = el("p", null, T.fontWarning);
    warning.id = "font-warning"; warning.setAttribute("role", "alert");
    document.body.insertBefore(warning, document.getElementById("main"));
  }

  // served at the top of a window (not in an actor page's frame): the site's navigation in the bar
  if (SERVED && window.top === window.self) {
    var nav = el("nav", null), bar = document.getElementById("bar");
    nav.id = "site-nav";
    [["/", "innovation-kg"], ["/sparql", "SPARQL"]].forEach(function (item) {
      var a = el("a", null, item[1]); a.href = item[0]; nav.appendChild(a);
    });
    bar.insertBefore(nav, bar.firstChild);
  }
  network.once("afterDrawing", function () { api.ready = true; api.readyMs = performance.now(); });
  network.on("animationFinished", function () { api.animating = false; });
  network.fit({animation: false});
  fittedScale = network.getScale();
  if (data.focus !== null && data.focus !== undefined) network.selectNodes([data.focus]);
  if (data.paths.length) {
    showPathsPanel();
    fitBesidePanel(data.paths.reduce(function (all, sequence) { return all.concat(sequence); }, []));
  }
  // fit `ids` (the path's actors) into the part of the canvas the panel leaves free, with room for labels
  function fitBesidePanel(ids) {
    var positions = network.getPositions(ids), width = container.clientWidth, height = container.clientHeight;
    var xs = ids.map(function (i) { return positions[i].x; }), ys = ids.map(function (i) { return positions[i].y; });
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs), minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var marginX = 70, marginY = 40;  // DOM px around the path: half a label's width, a node and its label
    // the free part of the canvas: all of it, or left of the panel, or below it, whichever fits the path larger
    var regions = [{x: 0, y: 0, w: width, h: height}];
    if (!panel.hidden) {
      var box = panel.getBoundingClientRect(), at = container.getBoundingClientRect();
      regions = [{x: 0, y: 0, w: box.left - at.left - 10, h: height},
                 {x: 0, y: box.bottom - at.top + 10, w: width, h: height - (box.bottom - at.top + 10)}];
    }
    var best = null;
    regions.forEach(function (region) {
      if (region.w < 2 * marginX + 20 || region.h < 2 * marginY + 20) return;
      var scale = Math.min((region.w - 2 * marginX) / Math.max(maxX - minX, 1), (region.h - 2 * marginY) / Math.max(maxY - minY, 1), 1.6);
      if (!best || scale > best.scale) best = {scale: scale, region: region};
    });
    if (!best) best = {scale: Math.min(width / Math.max(maxX - minX, 1), 1), region: regions[0]};
    var scale = Math.max(best.scale, 0.05), region = best.region;
    // the view position is the canvas point drawn at the canvas's centre; put the path's centre at the region's
    var cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    network.moveTo({position: {x: cx + (width / 2 - (region.x + region.w / 2)) / scale,
                               y: cy + (height / 2 - (region.y + region.h / 2)) / scale}, scale: scale, animation: false});
  }
  api.fitBesidePanel = fitBesidePanel;
})();
