// dossier offline search. The index is a folder of scripts, search/*.js,
// each handing its data to dossierSearch.add(name, data). This page loads
// the manifest (search/index.js), then only the files a query needs, by
// inserting <script src> elements: file:// allows no fetch, and the pages'
// Content-Security-Policy allows no inline script and no eval. Formats:
// src/render/search/ (mod.rs, files.rs).
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var self = document.currentScript;
  if (!input || !list || !status || !self) return;
  var root = self.getAttribute("src").replace(/js\/search\.js$/, "");
  var SHOWN = 50;
  var MAX_LEN = 40; // terms are cut to this many characters
  var DOCS = 1048576; // a document's key: page id × DOCS + its index in the page
  var own = Object.prototype.hasOwnProperty;

  // Loading: one promise per file, resolved with the data it adds.
  var files = {};
  window.dossierSearch = {
    add: function (name, data) {
      if (own.call(files, name)) files[name].data = data;
    }
  };
  function load(name) {
    if (own.call(files, name)) return files[name].promise;
    var f = files[name] = {};
    f.promise = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = root + "search/" + name + ".js";
      s.onload = function () {
        s.remove();
        if (f.data !== undefined) resolve(f.data);
        else reject(new Error("search/" + name + ".js holds no search data"));
      };
      s.onerror = function () {
        s.remove();
        delete files[name];
        reject(new Error("cannot load search/" + name + ".js"));
      };
      document.head.appendChild(s);
    });
    return f.promise;
  }

  // Numbers in the index's strings (see src/render/search/encode.rs).
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var VALUE = [];
  for (var i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charCodeAt(i)] = i;
  function pageId(s, at) {
    return ((VALUE[s.charCodeAt(at)] * 64 + VALUE[s.charCodeAt(at + 1)]) * 64 +
      VALUE[s.charCodeAt(at + 2)]) * 64 + VALUE[s.charCodeAt(at + 3)];
  }
  function pageKey(id) {
    return DIGITS[id >> 18 & 63] + DIGITS[id >> 12 & 63] + DIGITS[id >> 6 & 63] + DIGITS[id & 63];
  }

  var manifest = null;
  function index() {
    return load("index").then(function (m) {
      if (!manifest) {
        var rank = new Map();
        for (var i = 0; i * 4 < m.order.length; i++) rank.set(pageId(m.order, i * 4), i);
        manifest = {
          total: m.documents,
          rank: rank,
          nodes: new Map(Object.keys(m.nodes).map(function (k) { return [k, m.nodes[k]]; })),
          words: new Map(Object.keys(m.words).map(function (k) { return [k, m.words[k]]; })),
          pages: new Set(m.pages),
          stop: new Set(m.stop)
        };
      }
      return manifest;
    });
  }

  // The files that may hold the terms a word matches: its word cells, the
  // range cells of the trie nodes below it, and the one of the deepest
  // node above it (src/render/search/cells.rs).
  function cellsFor(m, w, prefix) {
    var names = [];
    m.words.forEach(function (parts, t) {
      if (t === w || (prefix && t.lastIndexOf(w, 0) === 0)) {
        parts.forEach(function (bits) { names.push("w-" + t + (bits ? "." + bits : "")); });
      }
    });
    if (!prefix && m.words.has(w)) return names;
    var deepest = null;
    m.nodes.forEach(function (hasFile, n) {
      if (prefix && hasFile && n !== w && n.lastIndexOf(w, 0) === 0) names.push(rangeName(n));
      if (w.lastIndexOf(n, 0) === 0 && (deepest === null || n.length > deepest.length)) deepest = n;
    });
    if (deepest !== null && m.nodes.get(deepest)) names.push(rangeName(deepest));
    return names;
  }
  function rangeName(n) { return n ? "r-" + n : "r"; }
  function docCell(m, id) {
    var bits = (id | 1 << 24).toString(2).slice(1); // 24 digits
    for (var len = 0; len <= 24; len++) {
      if (m.pages.has(bits.slice(0, len))) return len ? "d-" + bits.slice(0, len) : "d";
    }
    return null;
  }

  // A term's entries: page (difference from the previous), count × 2 +
  // title flag, then unless the title holds the term (every document
  // matches) the documents (gaps).
  function collect(found, s, weight) {
    var i = 0, page = 0;
    function next() {
      var v = 0, d;
      do { d = VALUE[s.charCodeAt(i++)]; v = v * 32 + (d & 31); } while (d >= 32);
      return v;
    }
    while (i < s.length) {
      page += next();
      var h = next(), count = Math.floor(h / 2), title = h % 2, doc = -1;
      for (var j = 0; j < count; j++) {
        doc = title ? j : doc + next() + 1;
        var key = page * DOCS + doc, f = found.get(key);
        if (f === undefined) found.set(key, { m: weight, title: title });
        else {
          if (weight > f.m) f.m = weight;
          if (title) f.title = 1;
        }
      }
    }
  }
  // Documents matching a word: as a prefix of a term (weight 0.7, 1 for the
  // term itself), or, for a word of one letter, as a whole term.
  function matches(cells, w, prefix) {
    var found = new Map();
    cells.forEach(function (cell) {
      Object.keys(cell).forEach(function (t) {
        if (t === w) collect(found, cell[t], 1);
        else if (prefix && t.lastIndexOf(w, 0) === 0) collect(found, cell[t], 0.7);
      });
    });
    return found;
  }

  // Folding, as the index folds (src/render/search/terms.rs): lowercase,
  // these letters as deunicode writes them, no accents, the letters again.
  var LETTERS = /* letters */ {
    "ß": "ss", "æ": "ae", "ð": "d", "ø": "o", "þ": "th", "đ": "d", "ħ": "h", "ı": "i", "ĳ": "ij",
    "ĸ": "k", "ŀ": "l", "ł": "l", "ŉ": "'n", "ŋ": "ng", "œ": "oe", "ŧ": "t", "ſ": "s", "ʹ": "'",
    "ͱ": "h", "ͳ": "s", "ͷ": "w", "ͺ": "i", "ͻ": "s", "ͼ": "s.", "ͽ": "s.", "α": "a", "β": "b",
    "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "e", "θ": "th", "ι": "i", "κ": "k", "λ": "l",
    "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "ς": "s", "σ": "s", "τ": "t",
    "υ": "u", "φ": "ph", "χ": "kh", "ψ": "ps", "ω": "o", "ϐ": "b", "ϑ": "th", "ϒ": "u", "ϕ": "ph",
    "ϖ": "p", "ϗ": "&", "ϙ": "q", "ϛ": "st", "ϝ": "w", "ϟ": "q", "ϡ": "sp", "ϣ": "sh", "ϥ": "f",
    "ϧ": "kh", "ϩ": "h", "ϫ": "g", "ϭ": "ch", "ϯ": "ti", "ϰ": "k", "ϱ": "r", "ϲ": "c", "ϳ": "j",
    "ϵ": "e", "ϸ": "sh", "ϻ": "s", "ϼ": "r/", "а": "a", "б": "b", "в": "v", "г": "g", "д": "d",
    "е": "e", "ж": "zh", "з": "z", "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "'", "ы": "y", "ь": "'", "э": "e", "ю": "iu", "я": "ia", "ѐ": "ie",
    "ё": "io", "ђ": "dj", "ѓ": "gj", "є": "ie", "ѕ": "dz", "і": "i", "ї": "yi", "ј": "j", "љ": "lj",
    "њ": "nj", "ћ": "tsh", "ќ": "kj", "џ": "dzh", "ѡ": "o", "ѣ": "e", "ѥ": "ie", "ѧ": "e",
    "ѩ": "ie", "ѫ": "o", "ѭ": "io", "ѯ": "ks", "ѱ": "ps", "ѳ": "f", "ѵ": "y", "ѹ": "u", "ѻ": "o",
    "ѽ": "o", "ѿ": "ot", "ҁ": "q", "ҋ": "jh", "ҍ": "\"", "ҏ": "r'", "ґ": "g'", "ғ": "g'", "ҕ": "g'",
    "җ": "zh'", "ҙ": "z'", "қ": "k'", "ҝ": "k'", "ҟ": "k'", "ҡ": "k'", "ң": "n'", "ҥ": "ng",
    "ҧ": "p'", "ҩ": "kh", "ҫ": "s'", "ҭ": "t'", "ү": "u", "ұ": "u'", "ҳ": "kh'", "ҵ": "tts",
    "ҷ": "ch'", "ҹ": "ch'", "һ": "h", "ҽ": "ch", "ҿ": "ch'", "ӄ": "k'", "ӆ": "lh", "ӈ": "n'",
    "ӊ": "nh", "ӌ": "ch", "ӎ": "mh", "ӏ": "h", "ӕ": "ae", "ӗ": "ie", "ә": "@", "ӡ": "dz", "ө": "o",
    "ӷ": "gh", "ӻ": "xh", "ӽ": "x", "ӿ": "h", "ẚ": "a", "ẜ": "s", "ẝ": "s", "ẟ": "d", "ỻ": "ll",
    "ỽ": "v", "ỿ": "y"
  } /* end letters */;
  function letters(s) {
    return s.replace(/[^\x00-\x7f]/g, function (c) { return own.call(LETTERS, c) ? LETTERS[c] : c; });
  }
  function fold(s) {
    return letters(letters(s.toLowerCase()).normalize("NFD").replace(/\p{M}/gu, ""));
  }
  // The query's words: folded, split as terms are; `bad` when a word has
  // nothing searchable left.
  function words(q) {
    var out = [], bad = false;
    q.split(/[^\p{L}\p{N}]+/u).forEach(function (word) {
      if (!word) return;
      var parts = fold(word).split(/[^a-z0-9]+/).filter(function (p) { return p.length > 0; });
      if (!parts.length) bad = true;
      parts.forEach(function (p) { out.push(p.slice(0, MAX_LEN)); });
    });
    return { words: out, bad: bad };
  }
  // The folded text with, for each of its characters, where it comes from.
  function foldMap(text) {
    var s = "", from = [], to = [];
    for (var i = 0; i < text.length;) {
      var c = text.codePointAt(i), n = c > 0xffff ? 2 : 1;
      var f = c < 128 ? text[i].toLowerCase() : fold(text.substr(i, n));
      for (var j = 0; j < f.length; j++) { s += f[j]; from.push(i); to.push(i + n); }
      i += n;
    }
    return { s: s, from: from, to: to };
  }
  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  // 240 characters from a little before the first match, the words of two
  // letters or more marked.
  function snippet(text, ws) {
    var f = foldMap(text), at = -1;
    ws.forEach(function (w) { var i = f.s.indexOf(w); if (i >= 0 && (at < 0 || i < at)) at = i; });
    var start = Math.max(0, (at < 0 ? 0 : f.from[at]) - 80), end = Math.min(text.length, start + 240);
    var marks = [];
    ws.forEach(function (w) {
      if (w.length < 2) return;
      for (var i = f.s.indexOf(w); i >= 0; i = f.s.indexOf(w, i + w.length)) {
        var a = f.from[i], b = f.to[i + w.length - 1];
        if (a >= start && b <= end) marks.push([a, b]);
      }
    });
    marks.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var html = start > 0 ? "…" : "", pos = start;
    marks.forEach(function (mk) {
      var a = Math.max(mk[0], pos);
      if (a >= mk[1]) return;
      html += escapeHtml(text.slice(pos, a)) + "<mark>" + escapeHtml(text.slice(a, mk[1])) + "</mark>";
      pos = mk[1];
    });
    return html + escapeHtml(text.slice(pos, end)) + (end < text.length ? "…" : "");
  }

  var ONE_LETTER = " Words of one letter match only themselves: type two letters or more to find the words that begin with them.";
  var latest = 0;
  function search(q) {
    var mine = ++latest, parsed = words(q);
    if (!parsed.words.length && !parsed.bad) {
      list.innerHTML = "";
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    index().then(function (m) {
      var ws = [], common = [];
      parsed.words.forEach(function (w) {
        if (!m.stop.has(w)) ws.push(w);
        else if (common.indexOf(w) < 0) common.push(w);
      });
      var note = (common.length ? " Left out as too common: " + common.join(", ") + "." : "") +
        (ws.some(function (w) { return w.length === 1; }) ? ONE_LETTER : "");
      if (parsed.bad || !ws.length) return show(m, q, [], 0, ws, note);
      return Promise.all(ws.map(function (w) {
        return Promise.all(cellsFor(m, w, w.length > 1).map(load));
      })).then(function (cells) {
        if (mine !== latest) return;
        var scores = null;
        ws.forEach(function (w, i) {
          var found = matches(cells[i], w, w.length > 1);
          var idf = Math.log(1 + m.total / (1 + found.size)), next = new Map();
          found.forEach(function (f, d) {
            if (scores === null || scores.has(d)) {
              next.set(d, (scores === null ? 0 : scores.get(d)) + f.m * idf * (f.title ? 2 : 1));
            }
          });
          scores = next;
        });
        var order = function (d) { return m.rank.get(Math.floor(d / DOCS)) * DOCS + d % DOCS; };
        var ranked = Array.from(scores.keys()).map(function (d) { return [d, scores.get(d), order(d)]; });
        ranked.sort(function (a, b) { return b[1] - a[1] || a[2] - b[2]; });
        return show(m, q, ranked.slice(0, SHOWN).map(function (r) { return r[0]; }), ranked.length, ws, note);
      });
    }).catch(function (e) {
      if (mine !== latest) return;
      list.innerHTML = "";
      status.textContent = "Search could not load its index (" + e.message + ").";
    });

    function show(m, q, best, count, ws, note) {
      var names = [];
      best.forEach(function (d) {
        var name = docCell(m, Math.floor(d / DOCS));
        if (names.indexOf(name) < 0) names.push(name);
      });
      return Promise.all(names.map(load)).then(function (cells) {
        if (mine !== latest) return;
        var byName = {};
        names.forEach(function (n, i) { byName[n] = cells[i]; });
        list.innerHTML = "";
        status.textContent = (count === 0 ? "No results for “" + q + "”."
          : count + " result" + (count === 1 ? "" : "s") + " for “" + q + "”" + (best.length < count ? ", best " + SHOWN + " shown." : ".")) + note;
        best.forEach(function (d) {
          var id = Math.floor(d / DOCS), i = d % DOCS;
          var page = byName[docCell(m, id)][pageKey(id)];
          var anchor = page.a ? page.a[i] : "p" + (i + 1);
          var li = document.createElement("li");
          li.innerHTML = '<span class="kind">' + escapeHtml(page.k) + '</span><a href="' +
            escapeHtml(root + page.u + (anchor ? "#" + anchor : "")) + '">' + escapeHtml(page.t) +
            '</a><span class="snippet">' + snippet(page.x[i], ws) + "</span>";
          list.appendChild(li);
        });
      });
    }
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
