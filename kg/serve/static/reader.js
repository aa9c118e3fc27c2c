// The source reader (kg/serve/templates/reader.html): a click on a highlighted span shows the facts it
// supports; #span-START-END in the address opens the page at that span, highlighted, with its facts shown.
(function () {
  "use strict";
  var panel = document.getElementById("facts-panel");

  function show(keys) {
    // hide every span's facts, then show those of ``keys`` (innermost span first)
    var sections = panel.querySelectorAll("section.span-facts");
    for (var i = 0; i < sections.length; i++) sections[i].hidden = true;
    var current = document.querySelectorAll("mark.current");
    for (var j = 0; j < current.length; j++) current[j].classList.remove("current");
    var hint = document.getElementById("facts-hint");
    if (hint) hint.hidden = keys.length > 0;
    keys.forEach(function (key) {
      var section = document.getElementById("facts-" + key);
      if (section) section.hidden = false;
      var marks = document.querySelectorAll("mark[data-spans]");
      for (var m = 0; m < marks.length; m++) {
        if (marks[m].getAttribute("data-spans").split(" ").indexOf(key) >= 0) marks[m].classList.add("current");
      }
    });
  }

  function fromHash() {
    var match = /^#span-(\d+-\d+)$/.exec(window.location.hash);
    if (!match) return;
    show([match[1]]);
    var anchor = document.getElementById("span-" + match[1]);
    if (anchor) anchor.scrollIntoView({block: "center"});
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest("mark[data-spans]");
    var link = event.target.closest("[data-show]");
    if (link) { event.preventDefault(); show([link.getAttribute("data-show")]); return; }
    if (!mark) return;
    var keys = mark.getAttribute("data-spans").split(" ");
    show(keys);
    history.replaceState(null, "", "#span-" + keys[0]);
  });
  document.addEventListener("keydown", function (event) {
    var mark = event.target.closest && event.target.closest("mark[data-spans]");
    if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); mark.click(); }
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
