// dossier default theme: progressive enhancements, no network access.
(function () {
  "use strict";

  // Sortable tables: every <table class="sortable"> gets buttons in its
  // column headings; data-value on a cell overrides its text as sort key.
  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) return numeric ? 0 : "";
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
    return numeric ? parseFloat(raw) || 0 : raw.trim().toLowerCase();
  }

  function isNumericColumn(table, index) {
    var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
    var seen = 0;
    for (var i = 0; i < rows.length; i++) {
      var v = cellValue(rows[i], index, false);
      if (v === "") continue;
      if (isNaN(parseFloat(v)) || !/^[-+]?[0-9.,]+$/.test(v)) return false;
      seen++;
    }
    return seen > 0;
  }

  function makeSortable(table) {
    var headings = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headings, function (th, index) {
      if (!th.hasAttribute("data-sort")) th.setAttribute("data-sort", isNumericColumn(table, index) ? "number" : "text");
    });
    Array.prototype.forEach.call(headings, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var numeric = th.getAttribute("data-sort") === "number";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headings, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  // Tables of the sources index, and every table of the actors index.
  document.querySelectorAll("table.sortable, .actors .prose table").forEach(makeSortable);

  // Timeline filters: show only the events of the chosen topic and actor;
  // headings of months and years left without events are hidden too.
  var topic = document.getElementById("timeline-topic");
  // Year headings: the h2s followed by lists of events (other sections stay).
  var yearHeadings = Array.prototype.filter.call(document.querySelectorAll(".prose h2"), function (h2) {
    for (var next = h2.nextElementSibling; next && next.tagName !== "H2"; next = next.nextElementSibling) {
      if (next.matches("ul.events")) return true;
    }
    return false;
  });
  var actor = document.getElementById("timeline-actor");
  function filterTimeline() {
    var t = topic ? topic.value : "", a = actor ? actor.value : "";
    var shown = 0;
    document.querySelectorAll("li.event").forEach(function (li) {
      var topics = (li.getAttribute("data-topics") || "").split(" ");
      var actors = (li.getAttribute("data-actors") || "").split(" ");
      var visible = (!t || topics.indexOf(t) >= 0) && (!a || actors.indexOf(a) >= 0);
      li.hidden = !visible;
      if (visible) shown++;
    });
    document.querySelectorAll("ul.events").forEach(function (ul) {
      var any = ul.querySelector("li.event:not([hidden])") !== null;
      ul.hidden = !any;
      var heading = ul.previousElementSibling;
      if (heading && /^H[2-4]$/.test(heading.tagName)) heading.hidden = !any;
    });
    yearHeadings.forEach(function (h2) {
      var next = h2.nextElementSibling, any = false;
      while (next && next.tagName !== "H2") {
        if (!next.hidden && next.matches("ul.events")) any = true;
        next = next.nextElementSibling;
      }
      h2.hidden = !any;
    });
    var status = document.getElementById("timeline-status");
    if (status) status.textContent = shown + " event" + (shown === 1 ? "" : "s") + " shown.";
  }
  if (topic || actor) {
    if (topic) topic.addEventListener("change", filterTimeline);
    if (actor) actor.addEventListener("change", filterTimeline);
    var filters = document.querySelector(".timeline-filters");
    if (filters && !document.getElementById("timeline-status")) {
      var status = document.createElement("p");
      status.id = "timeline-status";
      status.setAttribute("role", "status");
      filters.appendChild(status);
    }
  }
})();

// "/" focuses the search box from anywhere (unless typing in a field).
document.addEventListener("keydown", function (e) {
  if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
  var t = e.target;
  if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
  var box = document.getElementById("search-input") || document.getElementById("site-search-input");
  if (box) { e.preventDefault(); box.focus(); }
});
