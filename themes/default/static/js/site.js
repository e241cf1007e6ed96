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

  function makeSortable(table) {
    var headings = table.tHead ? table.tHead.rows[0].cells : [];
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

  document.querySelectorAll("table.sortable").forEach(makeSortable);
})();

// "/" focuses the search box from anywhere (unless typing in a field).
document.addEventListener("keydown", function (e) {
  if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
  var t = e.target;
  if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
  var box = document.getElementById("search-input") || document.getElementById("site-search-input");
  if (box) { e.preventDefault(); box.focus(); }
});
