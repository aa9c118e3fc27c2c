// The query page's completion, offline: the word before the cursor is completed from the predeclared
// prefixes, the ontology's ikg: classes and properties, and the actors' names (an actor inserts its IRI
// as <...>). The lists come once from /query/completions.json, on the first focus of the query box.
// Everything shown is set with textContent, never innerHTML: a name in the data cannot become markup.
(function () {
  "use strict";

  var SHOWN = 12;  // options offered at most
  // a word runs back from the cursor to the nearest space or SPARQL punctuation; ':' stays inside
  // (prefixed names), and so does everything non-ASCII (Chinese names, their full-width brackets)
  var WORD_BEFORE_CURSOR = /[^\s{}()\[\],;<>"'=!|&+*\/^.@#]+$/;

  var entries = null;   // every completion, with its label lower-cased once, for matching
  var loading = false;
  var shown = [];       // the entries offered now
  var active = 0;       // which of them Enter or Tab takes
  var area, list, wordStart = 0;

  function load() {
    if (entries || loading) return;
    loading = true;
    fetch("/query/completions.json", {headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        loading = false;
        if (!data) return;
        entries = [].concat(data.prefixes || [], data.terms || [], data.actors || []).map(function (entry) {
          var label = String(entry.label);
          var colon = label.indexOf(":");
          return {label: label, insert: String(entry.insert), detail: String(entry.detail || ""),
                  kind: String(entry.kind || ""), lower: label.toLowerCase(),
                  local: entry.kind === "actor" || colon < 0 ? null : label.slice(colon + 1).toLowerCase()};
        });
        window.kgComplete.ready = true;
        if (document.activeElement === area) update();
      })
      .catch(function () { loading = false; });  // no lists: the page works as before, without completion
  }

  // How well an entry fits the typed word (lower-cased): 0 its label starts with it, 1 the local part of
  // a prefixed name does (typing "Univ" offers ikg:University), 2 an actor's name holds it; else -1.
  function fit(entry, word) {
    if (entry.lower === word) return -1;  // already written out
    if (entry.lower.lastIndexOf(word, 0) === 0) return 0;
    if (entry.local !== null && word.indexOf(":") < 0 && entry.local.lastIndexOf(word, 0) === 0) return 1;
    if (entry.kind === "actor" && entry.lower.indexOf(word) >= 0) return 2;
    return -1;
  }

  function typedWord() {
    if (area.selectionStart !== area.selectionEnd) return null;
    var before = area.value.slice(0, area.selectionStart);
    var match = WORD_BEFORE_CURSOR.exec(before);
    if (!match) return null;
    var word = match[0];
    // one Chinese character is a word already; a Latin word needs two letters (or a prefix's colon)
    if (word.length < 2 && !/[^\x00-\x7f]/.test(word)) return null;
    if (word.charAt(0) === "?" || word.charAt(0) === "$") return null;  // a variable
    wordStart = before.length - word.length;
    return word.toLowerCase();
  }

  function update() {
    var word = entries ? typedWord() : null;
    if (!word) return close();
    var found = [];
    for (var i = 0; i < entries.length; i++) {
      var score = fit(entries[i], word);
      if (score >= 0) found.push({score: score, entry: entries[i]});
    }
    found.sort(function (a, b) {
      return a.score - b.score || a.entry.label.length - b.entry.label.length ||
        (a.entry.label < b.entry.label ? -1 : a.entry.label > b.entry.label ? 1 : 0);
    });
    shown = found.slice(0, SHOWN).map(function (item) { return item.entry; });
    if (!shown.length) return close();
    active = 0;
    draw();
  }

  function draw() {
    while (list.firstChild) list.removeChild(list.firstChild);
    shown.forEach(function (entry, index) {
      var item = document.createElement("li");
      item.id = "completion-" + index;
      item.setAttribute("role", "option");
      item.className = "completion completion-" + entry.kind + (index === active ? " active" : "");
      item.setAttribute("aria-selected", index === active ? "true" : "false");
      var label = document.createElement("span");
      label.className = "completion-label";
      label.textContent = entry.label;
      var detail = document.createElement("span");
      detail.className = "completion-detail";
      detail.textContent = entry.kind === "actor" ? entry.insert + (entry.detail ? " · " + entry.detail : "")
        : entry.detail;
      item.appendChild(label);
      item.appendChild(detail);
      // mousedown, not click: the query box must keep its focus (and its cursor)
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
        accept(index);
      });
      list.appendChild(item);
    });
    list.hidden = false;
    area.setAttribute("aria-expanded", "true");
    area.setAttribute("aria-activedescendant", "completion-" + active);
    place();
  }

  function close() {
    shown = [];
    list.hidden = true;
    area.setAttribute("aria-expanded", "false");
    area.removeAttribute("aria-activedescendant");
  }

  function accept(index) {
    var entry = shown[index];
    if (!entry) return;
    var end = area.selectionStart;
    area.setRangeText(entry.insert, wordStart, end, "end");
    area.focus();
    // after a prefix ("ikg:") its terms are offered at once; after anything else Enter is a new line again
    if (entry.kind === "prefix") update(); else close();
  }

  function move(step) {
    active = (active + step + shown.length) % shown.length;
    draw();
  }

  // The list goes under the line the cursor is on: a hidden copy of the box, with the same font and
  // wrapping, holds the text up to the cursor; where that text ends is where the cursor is.
  function place() {
    var style = window.getComputedStyle(area);
    var mirror = document.createElement("div");
    ["fontFamily", "fontSize", "fontWeight", "lineHeight", "letterSpacing", "paddingTop", "paddingLeft",
     "paddingRight", "borderTopWidth", "borderLeftWidth", "borderRightWidth", "boxSizing", "tabSize"]
      .forEach(function (name) { mirror.style[name] = style[name]; });
    mirror.style.position = "absolute";
    mirror.style.visibility = "hidden";
    mirror.style.whiteSpace = "pre-wrap";
    mirror.style.overflowWrap = "break-word";
    mirror.style.width = area.clientWidth + "px";
    mirror.textContent = area.value.slice(0, area.selectionStart);
    var caret = document.createElement("span");
    caret.textContent = "\u200b";
    mirror.appendChild(caret);
    area.parentNode.appendChild(mirror);
    var lineHeight = caret.offsetHeight || parseFloat(style.fontSize) * 1.3;
    var top = area.offsetTop + caret.offsetTop - area.scrollTop + lineHeight;
    var left = area.offsetLeft + Math.min(caret.offsetLeft, Math.max(0, area.clientWidth - 320));
    area.parentNode.removeChild(mirror);
    list.style.top = Math.min(top, area.offsetTop + area.offsetHeight) + "px";
    list.style.left = left + "px";
  }

  window.kgComplete = {ready: false};

  document.addEventListener("DOMContentLoaded", function () {
    area = document.getElementById("query");
    list = document.getElementById("completions");
    if (!area || !list) return;
    area.addEventListener("focus", load);
    area.addEventListener("input", function () { load(); update(); });
    area.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if ((event.key === "Enter" || event.key === "Tab") && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        accept(active);
      } else if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "Enter") close();  // Ctrl+Enter runs the query (query.js)
    });
    area.addEventListener("keyup", function (event) {
      // the cursor moved along the text: the word before it changed
      if (!list.hidden && /^(ArrowLeft|ArrowRight|Home|End)$/.test(event.key)) update();
    });
    area.addEventListener("blur", close);
    area.addEventListener("click", function () { if (!list.hidden) update(); });
    if (document.activeElement === area) load();
  });
})();
