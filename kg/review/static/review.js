// The review page (kg/review/app.py): the text with every proposal highlighted, the list beside it, the
// panels that edit, join and add. Keyboard first, mouse everywhere. Every string from the data goes in with
// textContent (never innerHTML); every change is one POST that the server saves before it answers.
"use strict";
(function () {
  const data0 = JSON.parse(document.getElementById("review-data").textContent);
  const UI = JSON.parse(document.getElementById("review-ui").textContent);
  const CSRF = document.querySelector('meta[name="csrf-token"]').content;
  const BASE = location.pathname.replace(/\/$/, "");
  const textEl = document.getElementById("text");
  const listEl = document.getElementById("proposals");
  const panelEl = document.getElementById("panel");
  const messageEl = document.getElementById("message");
  const progressEl = document.getElementById("progress");
  const state = { data: data0, order: [], current: 0, panel: null, problems: {} };
  // window.kgReview: ready once drawn; busy while a change is on its way to the server and being redrawn
  const api = { ready: false, busy: false, state };
  window.kgReview = api;

  // -- helpers ------------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }
  function say(text, kind) { messageEl.textContent = text || ""; messageEl.className = "message " + (kind || ""); }
  async function post(path, body) {
    const response = await fetch(BASE + path, { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": CSRF }, body: JSON.stringify(body || {}) });
    const answer = await response.json();
    return { status: response.status, answer };
  }
  async function get(path) {
    const response = await fetch(BASE + path, { credentials: "same-origin" });
    return response.json();
  }
  function byId(id) { return state.data.proposals.find((p) => p.id === id); }
  function actorName(key) {
    const a = state.data.actors.find((x) => x.key === key);
    return a ? a.name : key;
  }
  function relationWords(p) {
    const labels = p.relation_label || {};
    return (document.documentElement.lang === "zh" ? labels.zh : labels.en) || p.relation;
  }
  function currentProposal() { return state.order[state.current]; }

  // -- the text ------------------------------------------------------------------------------------
  function renderText() {
    const text = state.data.text;
    const spans = state.data.proposals.filter((p) => p.start !== null && p.end !== null);
    const cuts = new Set([0, text.length]);
    for (const p of spans) { cuts.add(p.start); cuts.add(p.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    const cur = currentProposal();
    for (let i = 0; i + 1 < points.length; i++) {
      const s = points[i], e = points[i + 1];
      const covering = spans.filter((p) => p.start <= s && p.end >= e);
      const piece = text.slice(s, e);
      if (!covering.length) { frag.append(el("span", { "data-o": s, text: piece })); continue; }
      // the innermost span that is still wanted colours the piece (a rejected one only when nothing else covers it)
      covering.sort((a, b) => (a.status === "rejected") - (b.status === "rejected") || (a.end - a.start) - (b.end - b.start));
      const inner = covering[0];
      const ids = covering.map((p) => p.id);
      let cls = "k-" + inner.kind + " s-" + inner.status;
      if (cur && ids.includes(cur.id)) cls += " current";
      if (state.panel && state.panel.picked && covering.some((p) => state.panel.picked.includes(p.key))) cls += " picked";
      frag.append(el("mark", { class: cls, "data-o": s, "data-ids": ids.join(" "), text: piece }));
    }
    textEl.replaceChildren(frag);
  }

  // offsets of the text selection (code points of the text as the server holds it), or null
  function selectionOffsets() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    const range = sel.getRangeAt(0);
    if (!textEl.contains(range.startContainer) || !textEl.contains(range.endContainer)) return null;
    const at = (node, offset) => {
      if (node.nodeType === Node.TEXT_NODE) return Number(node.parentElement.dataset.o) + utf32(node.data.slice(0, offset));
      const child = node.childNodes[offset];
      if (child && child.dataset) return Number(child.dataset.o);
      return state.data.text.length;
    };
    const start = at(range.startContainer, range.startOffset), end = at(range.endContainer, range.endOffset);
    return end > start ? { start, end, text: [...state.data.text].slice(start, end).join("") } : null;
  }
  // JS strings count UTF-16 units; the server counts code points (the same for Chinese, not for emoji)
  function utf32(s) { return [...s].length; }

  // -- the list ------------------------------------------------------------------------------------
  function renderList() {
    const cur = currentProposal();
    listEl.replaceChildren(...state.order.map((p, index) => {
      let cls = "k-" + p.kind + " s-" + p.status;
      if (cur && cur.id === p.id) cls += " current";
      if (state.problems[p.id]) cls += " problem";
      if (state.panel && state.panel.picked && state.panel.picked.includes(p.key)) cls += " picked";
      const label = p.kind === "relation" || p.kind === "member"
        ? actorName(p.subject) + " —" + relationWords(p) + "→ " + actorName(p.object)
        : p.label;
      const meta = [(UI.kinds || {})[p.kind] || p.kind, (UI.statuses || {})[p.status] || p.status];
      if (p.confidence !== null) meta.push(UI.confidence + " " + p.confidence.toFixed(2));
      if (p.classes && p.classes.length) meta.push(p.classes.join(", "));
      if (p.joined) meta.push("= " + p.joined);
      const item = el("li", { class: cls, "data-id": p.id, id: "p-" + p.id, tabindex: -1,
                              onclick: (event) => { if (event.target.tagName !== "BUTTON") choose(p, index); } },
        el("div", { class: "label", lang: "zh", text: label }),
        el("div", { class: "meta", text: meta.join(" · ") }),
        p.why ? el("div", { class: "meta", text: UI.rule + ": " + p.why }) : null,
        p.span && p.kind !== "actor" ? el("div", { class: "meta", lang: "zh", text: "“" + p.span + "”" }) : null);
      if (p.maybe && p.maybe.length) {
        item.append(el("div", { class: "maybe" }, UI.maybe + ": ",
          ...p.maybe.map((m) => el("button", { type: "button", class: "join-maybe", "data-key": m.key, text: m.name,
                                                onclick: () => act({ action: "join", id: p.id, key: m.key }) }))));
      }
      const actions = el("div", { class: "actions" },
        el("button", { type: "button", class: "do-accept", text: UI.accept + " (a)", onclick: () => decide(p, "accept") }),
        el("button", { type: "button", class: "do-reject", text: UI.reject + " (x)", onclick: () => decide(p, "reject") }),
        el("button", { type: "button", class: "do-edit", text: UI.edit + " (e)", onclick: () => { const s = sel(); setCurrent(p); openEdit(p, s); } }));
      if (p.kind === "actor" || p.kind === "alias") {
        actions.append(el("button", { type: "button", class: "do-join", text: UI.join + " (j)",
                                      onclick: () => { const s = sel(); setCurrent(p); openJoin(p, s); } }));
      }
      item.append(actions);
      if (state.problems[p.id]) item.append(el("div", { class: "problem-text", text: state.problems[p.id] }));
      return item;
    }));
  }

  function renderProgress() {
    const g = state.data.progress;
    let text = `${g.decided} ${UI.of} ${g.total} ${UI.decided} · ${UI.adds}: ${g.new_actors} ${UI.new_actors}, ` +
      `${g.joins} ${UI.joins}, ${g.relations} ${UI.relations}, ${g.figures} ${UI.figures}`;
    if (g.accepted_into) text += ` · ${UI.done} ${g.accepted_into}`;
    progressEl.textContent = text;
  }

  function render() {
    state.order = state.data.proposals.slice();
    if (state.current >= state.order.length) state.current = Math.max(0, state.order.length - 1);
    renderText();
    renderList();
    renderProgress();
    document.getElementById("btn-undo").disabled = !state.data.can_undo;
  }

  function setCurrent(p) {
    const index = state.order.findIndex((q) => q.id === p.id);
    if (index >= 0) state.current = index;
    renderText(); renderList();
    const item = document.getElementById("p-" + p.id);
    if (item) item.scrollIntoView({ block: "nearest" });
  }

  function choose(p, index) {
    if (state.panel && state.panel.pick && (p.kind === "actor" || p.kind === "alias")) { state.panel.pick(p.key); return; }
    state.current = index;
    renderText(); renderList();
  }

  // -- actions -------------------------------------------------------------------------------------
  async function act(body, advance) {
    const keepId = currentProposal() ? currentProposal().id : null;
    api.busy = true;
    let answer;
    try { answer = (await post("/action", body)).answer; } catch (error) { answer = { ok: false, error: String(error) }; }
    if (!answer.ok) { api.busy = false; pending.length = 0; say(answer.error || "error", "error"); return false; }
    state.data = answer.data;
    state.problems = {};
    const index = state.data.proposals.findIndex((p) => p.id === keepId);
    state.current = index >= 0 ? index + (advance ? 1 : 0) : state.current;
    closePanel(false);
    render();
    say("", "");
    const cur = currentProposal();
    if (cur) { const item = document.getElementById("p-" + cur.id); if (item) item.scrollIntoView({ block: "nearest" }); }
    api.busy = false;
    setTimeout(runPending, 0);
    return true;
  }
  function decide(p, what) { setCurrent(p); return act({ action: what, id: p.id }, true); }

  async function acceptAll() {
    say("…", "");
    api.busy = true;
    const { answer } = await post("/accept", {}).finally(() => { api.busy = false; });
    if (answer.data) state.data = answer.data;
    state.problems = {};
    if (answer.ok) {
      render();
      say((answer.lines || []).join(" · "), "ok");
      return;
    }
    const general = [];
    for (const problem of answer.problems || [{ message: answer.error }]) {
      if (problem.id !== null && problem.id !== undefined) state.problems[problem.id] = (problem.line ? "line " + problem.line + ": " : "") + problem.message;
      else general.push(problem.message);
    }
    render();
    messageEl.replaceChildren(el("strong", { text: UI.problems + " " }),
      ...Object.values(state.problems).concat(general).map((m) => el("div", { class: "problems", text: m })));
    messageEl.className = "message error";
  }

  // -- panels --------------------------------------------------------------------------------------
  function closePanel(rerender = true) {
    state.panel = null;
    panelEl.hidden = true;
    panelEl.replaceChildren();
    if (rerender) { renderText(); renderList(); }
  }
  function openPanel(name, title, ...children) {
    state.panel = { name };
    panelEl.replaceChildren(el("strong", { text: title }), ...children,
      el("div", {}, el("button", { type: "button", class: "panel-cancel", text: UI.cancel + " (Esc)", onclick: () => closePanel() })));
    panelEl.hidden = false;
    panelEl.dataset.panel = name;
    return state.panel;
  }
  // a filter box with its options: typing filters, Enter picks the first, a click picks that one
  function picker(name, label, items, show, onPick, initial, onEmpty) {
    const input = el("input", { type: "text", name, autocomplete: "off", "aria-label": label, value: initial || "" });
    const options = el("ul", { class: "options", "data-for": name });
    const refresh = () => {
      const words = input.value.trim().toLowerCase();
      const found = (typeof items === "function" ? items() : items).filter((item) => !words || show(item).toLowerCase().includes(words));
      options.replaceChildren(...found.slice(0, 60).map((item) => el("li", {},
        el("button", { type: "button", "data-value": item.value, text: show(item), onclick: () => onPick(item) }))));
      return found;
    };
    input.addEventListener("input", refresh);
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      if (!input.value.trim() && onEmpty) { onEmpty(); return; }
      const found = refresh();
      if (found.length) onPick(found[0]);
    });
    refresh();
    return { node: el("label", { text: label }, input, options), input, refresh, options };
  }
  function field(name, label, value) {
    const input = el("input", { type: "text", name, autocomplete: "off", value: value || "" });
    return { node: el("label", { text: label }, input), input };
  }
  function classItems() {
    return state.data.classes.map((c) => ({ value: c.name, c }));
  }
  function showClass(item) { return item.c.en + " · " + item.c.zh + " · " + item.c.name; }
  function actorItems() { return state.data.actors.map((a) => ({ value: a.key, a })); }
  function showActor(item) { return item.a.name + (item.a.names.length > 1 ? " (" + item.a.names.slice(1).join(", ") + ")" : "") + " · " + item.a.key; }
  function sel() { return selectionOffsets(); }
  function spanBody(selection, typed, near) {
    if (selection && (!typed || typed === selection.text)) return { start: selection.start, end: selection.end };
    return typed ? { text: typed, near } : {};
  }

  function openNewActor() {
    const selection = sel();
    const p = openPanel("new-actor", UI.new_actor);
    const text = field("text", UI.text, selection ? selection.text : "");
    const near = currentProposal() ? currentProposal().start : 0;
    const submit = (item) => act(Object.assign({ action: "add_actor", cls: item.value }, spanBody(selection, text.input.value.trim(), near)));
    const classes = picker("class", UI.class, classItems, showClass, submit);
    panelEl.insertBefore(text.node, panelEl.lastChild);
    panelEl.insertBefore(classes.node, panelEl.lastChild);
    text.input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); classes.input.focus(); } });
    (selection ? classes.input : text.input).focus();
  }

  // the selection is read before anything redraws the text (a redraw loses it)
  function openEdit(proposal, selection = sel()) {
    const p = openPanel("edit", UI.edit + ": " + (proposal.label || ""));
    const spanText = proposal.kind === "actor" || proposal.kind === "alias" ? proposal.label : proposal.span;
    const text = field("text", UI.text, selection ? selection.text : spanText);
    const nodes = [text.node];
    const save = (extra) => {
      const body = Object.assign({ action: "edit", id: proposal.id }, extra || {});
      const typed = text.input.value.trim();
      if (typed && typed !== spanText) Object.assign(body, spanBody(selection, typed, proposal.start));
      return act(body, true);
    };
    let en = null;
    if (proposal.kind === "actor") {
      en = field("en", UI.english, proposal.en || "");
      const classes = picker("class", UI.class, classItems, showClass, (item) => save({ cls: item.value, en: en.input.value }), "",
                             () => saveAll());
      nodes.push(classes.node, en.node);
    }
    if (proposal.kind === "relation" || proposal.kind === "member") {
      let fitting = [];
      const rel = picker("relation", "relation", () => fitting, (item) => item.r.en + " · " + item.r.zh + " · " + item.value,
                         (item) => save({ relation: item.value }), "", () => saveAll());
      get(`/relations?subject=${encodeURIComponent(proposal.subject)}&object=${encodeURIComponent(proposal.object)}`).then((answer) => {
        fitting = answer.relations.map((r) => ({ value: r.term, r }));
        rel.refresh();
      });
      nodes.push(rel.node);
    }
    let figureFields = [];
    if (proposal.kind === "figure") {
      figureFields = [field("value", UI.value, proposal.value), field("unit", "unit", proposal.unit), field("time", UI.time, proposal.time)];
      nodes.push(...figureFields.map((f) => f.node));
    }
    const saveButton = el("button", { type: "button", class: "panel-save", text: UI.save + " (Enter)", onclick: () => saveAll() });
    const boundary = el("button", { type: "button", class: "use-selection", text: UI.boundary, onclick: () => {
      const s = sel(); if (!s) { say(UI.boundary + ": select text first", "error"); return; }
      act({ action: "edit", id: proposal.id, start: s.start, end: s.end }, true);
    } });
    function saveAll() {
      const extra = {};
      if (en && en.input.value !== (proposal.en || "")) extra.en = en.input.value;
      if (figureFields.length) { extra.value = figureFields[0].input.value; extra.unit = figureFields[1].input.value; extra.time = figureFields[2].input.value; }
      return save(extra);
    }
    for (const f of [text, en, ...figureFields]) if (f) f.input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); saveAll(); } });
    for (const node of [...nodes, el("div", {}, boundary, saveButton)]) panelEl.insertBefore(node, panelEl.lastChild);
    text.input.focus();
    text.input.select();
  }

  function openJoin(proposal, selection = sel()) {
    openPanel("join", UI.join + ": " + proposal.label);
    const query = selection ? selection.text : proposal.label;
    const list = el("ul", { class: "options", "data-for": "join" });
    const input = el("input", { type: "text", name: "search", autocomplete: "off", value: query, "aria-label": UI.search });
    let found = [];
    const refresh = async () => {
      const answer = await get(`/suggest?id=${proposal.id}&q=${encodeURIComponent(input.value.trim())}`);
      found = answer.suggestions || [];
      list.replaceChildren(...found.map((s) => el("li", {}, el("button", { type: "button", "data-value": s.key,
        text: s.name + " · " + s.key + " · " + s.why, onclick: () => act({ action: "join", id: proposal.id, key: s.key }, true) }))));
    };
    let timer = null;
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(refresh, 150); });
    input.addEventListener("keydown", async (e) => {
      if (e.key === "Enter") { e.preventDefault(); clearTimeout(timer); await refresh(); if (found.length) act({ action: "join", id: proposal.id, key: found[0].key }, true); }
    });
    panelEl.insertBefore(el("label", { text: UI.search }, input, list), panelEl.lastChild);
    refresh();
    input.focus();
    input.select();
  }

  // subject and object: typed, or clicked in the text or the list while the panel is open
  function actorSlots(panel, names, onDone) {
    const chosen = {};
    const slots = names.map(([name, label]) => {
      const slot = picker(name, label + " (" + UI.pick + ")", actorItems, showActor, (item) => fill(name, item.value));
      return [name, slot];
    });
    function fill(name, key) {
      chosen[name] = key;
      const slot = slots.find(([n]) => n === name)[1];
      slot.input.value = actorName(key);
      slot.input.dataset.key = key;
      slot.options.replaceChildren();
      panel.picked = Object.values(chosen);
      renderText(); renderList();
      const next = slots.find(([n]) => !chosen[n]);
      if (next) next[1].input.focus(); else onDone(chosen);
    }
    panel.pick = (key) => { const next = slots.find(([n]) => !chosen[n]); if (next) fill(next[0], key); };
    panel.picked = [];
    return { slots, chosen };
  }

  function openRelation() {
    const selection = sel();
    const panel = openPanel("relation", UI.relation);
    const evidence = field("evidence", UI.evidence, selection ? selection.text : "");
    const relBox = el("ul", { class: "options", "data-for": "relation" });
    const relInput = el("input", { type: "text", name: "relation", autocomplete: "off", "aria-label": "relation" });
    let fitting = [];
    const near = currentProposal() ? currentProposal().start : 0;
    const submit = (term) => act(Object.assign({ action: "add_relation", subject: slots.chosen.subject, object: slots.chosen.object,
      relation: term }, spanBody(selection, evidence.input.value.trim(), near)));
    const show = () => {
      const words = relInput.value.trim().toLowerCase();
      const found = fitting.filter((r) => !words || (r.en + " " + r.zh + " " + r.term).toLowerCase().includes(words));
      // a relation named exactly as typed comes first, so Enter on "member unit" is not "cooperating member unit"
      const exact = (r) => [r.en, r.zh, r.term].some((name) => String(name).toLowerCase() === words);
      found.sort((x, y) => exact(y) - exact(x));
      relBox.replaceChildren(...found.map((r) => el("li", {}, el("button", { type: "button", "data-value": r.term,
        text: r.en + " · " + r.zh + " · " + r.term, onclick: () => submit(r.term) }))));
      return found;
    };
    relInput.addEventListener("input", show);
    relInput.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); const f = show(); if (f.length) submit(f[0].term); } });
    const slots = actorSlots(panel, [["subject", UI.subject], ["object", UI.object]], async (chosen) => {
      const answer = await get(`/relations?subject=${encodeURIComponent(chosen.subject)}&object=${encodeURIComponent(chosen.object)}`);
      fitting = answer.relations || [];
      show();
      relInput.focus();
    });
    for (const node of [evidence.node, ...slots.slots.map(([, s]) => s.node), el("label", { text: "relation" }, relInput, relBox)]) {
      panelEl.insertBefore(node, panelEl.lastChild);
    }
    evidence.input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); slots.slots[0][1].input.focus(); } });
    (selection ? slots.slots[0][1].input : evidence.input).focus();
  }

  function openFigure() {
    const selection = sel();
    const panel = openPanel("figure", UI.figure);
    const text = field("text", UI.value, selection ? selection.text : "");
    const measure = field("measure", UI.measure, "");
    const time = field("time", UI.time, (state.data.source.date || "").slice(0, 4));
    const near = currentProposal() ? currentProposal().start : 0;
    const submit = () => act(Object.assign({ action: "add_figure", subject: slots.chosen.subject, measure: measure.input.value.trim(),
      time: time.input.value.trim() }, spanBody(selection, text.input.value.trim(), near)));
    const slots = actorSlots(panel, [["subject", UI.subject]], () => measure.input.focus());
    text.input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); slots.slots[0][1].input.focus(); } });
    const measureButton = el("button", { type: "button", class: "use-selection-measure", text: UI.measure + " ← selection", onclick: () => {
      const s = sel(); if (s) measure.input.value = s.text;
    } });
    const concepts = el("div", {}, ...state.data.concepts.map((c) => el("button", { type: "button", class: "concept", text: c.zh,
      onclick: () => { measure.input.value = c.zh; } })));
    for (const f of [measure, time]) f.input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); submit(); } });
    const save = el("button", { type: "button", class: "panel-save", text: UI.save + " (Enter)", onclick: submit });
    for (const node of [text.node, ...slots.slots.map(([, s]) => s.node), measure.node, measureButton, concepts, time.node, save]) {
      panelEl.insertBefore(node, panelEl.lastChild);
    }
    (selection ? slots.slots[0][1].input : text.input).focus();
  }

  // -- keys ----------------------------------------------------------------------------------------
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { if (state.panel) { event.preventDefault(); closePanel(); } return; }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); acceptAll(); return; }
    const typing = event.target && (event.target.tagName === "INPUT" || event.target.tagName === "TEXTAREA");
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (!KEYS.includes(event.key)) return;
    event.preventDefault();
    // keys typed while a change is on its way wait their turn, and so do keys typed after them (a key
    // that arrives between two queued ones must not jump the queue): each acts on the proposal it finds current
    if (api.busy || pending.length) pending.push(event.key); else runKey(event.key);
  });
  const KEYS = ["ArrowDown", "ArrowUp", "a", "x", "e", "j", "n", "r", "f", "u"];
  const pending = [];
  function runKey(key) {
    const cur = currentProposal();
    const keys = {
      ArrowDown: () => { if (state.current + 1 < state.order.length) setCurrent(state.order[state.current + 1]); },
      ArrowUp: () => { if (state.current > 0) setCurrent(state.order[state.current - 1]); },
      a: () => cur && decide(cur, "accept"),
      x: () => cur && decide(cur, "reject"),
      e: () => cur && openEdit(cur),
      j: () => cur && (cur.kind === "actor" || cur.kind === "alias") && openJoin(cur),
      n: openNewActor, r: openRelation, f: openFigure,
      u: () => act({ action: "undo" }),
    };
    keys[key]();
  }
  function runPending() {
    while (!api.busy && pending.length) runKey(pending.shift());
  }

  textEl.addEventListener("click", (event) => {
    const mark = event.target.closest("mark");
    if (!mark || !window.getSelection().isCollapsed) return;
    const ids = mark.dataset.ids.split(" ").map(Number);
    if (state.panel && state.panel.pick) {
      const actor = ids.map(byId).find((p) => p && (p.kind === "actor" || p.kind === "alias") && p.status !== "rejected");
      if (actor) state.panel.pick(actor.key);
      return;
    }
    const first = byId(ids[0]);
    if (first) setCurrent(first);
  });
  // a click on a button keeps the text selection (it is what the button works on)
  document.addEventListener("mousedown", (e) => { if (e.target.closest && e.target.closest("button")) e.preventDefault(); });
  for (const [id, fn] of [["btn-new-actor", openNewActor], ["btn-relation", openRelation], ["btn-figure", openFigure],
                          ["btn-undo", () => act({ action: "undo" })], ["btn-accept-all", acceptAll]]) {
    const button = document.getElementById(id);
    button.addEventListener("click", fn);
  }
  render();
  api.readyAt = performance.now();  // ms since navigation began (bench/review_load.py)
  api.ready = true;
})();
