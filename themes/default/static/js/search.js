// dossier offline search: the index is loaded by a <script> tag as
// window.dossierSearch = {docs: [{t, u, k, x}], terms: {term: [doc ids]}}.
(function () {
  "use strict";
  var data = window.dossierSearch;
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!data || !input || !list) return;
  var root = document.querySelector('script[src$="search-index.js"]').getAttribute("src").replace(/search-index\.js$/, "");
  var keys = Object.keys(data.terms).sort();
  var total = data.docs.length;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(q) {
    return fold(q).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }
  function lowerBound(w) {
    var lo = 0, hi = keys.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (keys[mid] < w) lo = mid + 1; else hi = mid; }
    return lo;
  }
  // Documents matching a query word as a prefix of an index term.
  function matches(w) {
    var found = {};
    for (var i = lowerBound(w); i < keys.length && keys[i].lastIndexOf(w, 0) === 0; i++) {
      var exact = keys[i] === w;
      data.terms[keys[i]].forEach(function (d) { found[d] = Math.max(found[d] || 0, exact ? 1 : 0.7); });
    }
    return found;
  }
  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function snippet(text, ws) {
    var folded = fold(text), at = -1;
    ws.forEach(function (w) { var i = folded.indexOf(w); if (i >= 0 && (at < 0 || i < at)) at = i; });
    var start = Math.max(0, at - 80), end = Math.min(text.length, start + 240);
    var part = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
    var html = escapeHtml(part);
    ws.forEach(function (w) {
      if (w.length < 2) return;
      var re = new RegExp("(" + w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + ")", "gi");
      html = html.replace(re, "<mark>$1</mark>");
    });
    return html;
  }
  function search(q) {
    var ws = words(q);
    list.innerHTML = "";
    if (!ws.length) { status.textContent = ""; return; }
    var scores = null;
    ws.forEach(function (w) {
      var m = matches(w), n = Object.keys(m).length, idf = Math.log(1 + total / (1 + n)), next = {};
      Object.keys(m).forEach(function (d) {
        if (scores === null || d in scores) {
          var title = fold(data.docs[d].t).indexOf(w) >= 0 ? 2 : 1;
          next[d] = (scores === null ? 0 : scores[d]) + m[d] * idf * title;
        }
      });
      scores = next;
    });
    var ranked = Object.keys(scores).sort(function (a, b) { return scores[b] - scores[a] || a - b; }).slice(0, 50);
    status.textContent = ranked.length === 0 ? "No results for “" + q + "”."
      : Object.keys(scores).length + " result" + (Object.keys(scores).length === 1 ? "" : "s") + " for “" + q + "”" + (ranked.length < Object.keys(scores).length ? ", best 50 shown." : ".");
    ranked.forEach(function (d) {
      var doc = data.docs[d], li = document.createElement("li");
      li.innerHTML = '<span class="kind">' + escapeHtml(doc.k) + '</span><a href="' + escapeHtml(root + doc.u) + '">' +
        escapeHtml(doc.t) + '</a><span class="snippet">' + snippet(doc.x, ws) + "</span>";
      list.appendChild(li);
    });
  }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 120);
  });
  input.form.addEventListener("submit", function (e) { e.preventDefault(); search(input.value); });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; search(q); }
  input.focus();
})();
