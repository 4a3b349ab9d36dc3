// The search page (/search/), loaded only there. It reads the index that
// tools/search builds (see its package doc for the files and formats) and
// finds exactly the problems and notices whose text holds every term of
// the query (NFKC, terms split at spaces). Terms of 1 to 3 characters are
// looked up as grams; longer ones by the places of their 3-grams, which
// verifies them. Query and filters live in the URL; the result count is
// announced once per search through the live region.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var D = root.dataset;
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var out = document.getElementById("search-results");
  var FILTERS = ["notice", "unit", "status", "area", "category", "accountability", "overdue"];
  var PAGE = 20;
  var enc = new TextEncoder();
  var meta, notices, structure, bases, firsts, cache = {}, seq = 0, timer, composing = false;

  document.getElementById("search-nojs").hidden = true;
  form.hidden = false;

  function get(path, kind) {
    var key = path + kind;
    if (!cache[key]) {
      cache[key] = fetch(D.index + path + (meta ? "?v=" + meta.version : ""), meta ? {} : { cache: "no-cache" })
        .then(function (r) {
          if (r.status === 404 && kind === "bin") return new ArrayBuffer(0);
          if (!r.ok) throw new Error(path + ": " + r.status);
          return kind === "bin" ? r.arrayBuffer() : r.json();
        });
    }
    return cache[key];
  }

  // Binary reading: unsigned LEB128 varints and posting lists.
  function Reader(buf) { this.b = new Uint8Array(buf); this.i = 0; }
  Reader.prototype.uv = function () {
    var v = 0, m = 1, c;
    do { c = this.b[this.i++]; v += (c & 127) * m; m *= 128; } while (c >= 128);
    return v;
  };
  Reader.prototype.list = function () {
    var out = [], kind = this.b[this.i++], n, id = 0, k, base;
    if (kind === 1) {
      base = this.uv(); n = this.uv();
      for (k = 0; k < n; k++) {
        var byte = this.b[this.i + k];
        for (var j = 0; byte && j < 8; j++) if (byte & (1 << j)) out.push(base + 8 * k + j);
      }
      this.i += n;
      return out;
    }
    n = this.uv();
    for (k = 0; k < n; k++) { id += this.uv(); out.push(id); }
    return out;
  };
  // key reads a record's key and reports whether it is want (bytes).
  Reader.prototype.key = function (want) {
    var n = this.uv(), same = n === want.length;
    for (var k = 0; same && k < n; k++) same = this.b[this.i + k] === want[k];
    this.i += n;
    return same;
  };

  function hash(bytes) {
    var h = 2166136261;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 16777619) >>> 0; }
    return h >>> 0;
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++; else if (a[i] > b[j]) j++; else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  // gram: the documents holding t (1 to 3 characters) and the problems
  // whose title holds it.
  function gram(t) {
    var want = enc.encode(t);
    return get("g/" + (hash(want) & (meta.gramShards - 1)) + ".bin", "bin").then(function (buf) {
      var r = new Reader(buf);
      while (r.i < r.b.length) {
        var hit = r.key(want), docs = r.list(), titles = r.list();
        if (hit) return { docs: docs, titles: titles };
      }
      return { docs: [], titles: [] };
    });
  }

  // places: the (unit, offset) places of a 3-gram, as unit * 2^20 + offset.
  function places(t, shift) {
    var want = enc.encode(t);
    return get("p/" + (hash(want) & (meta.posShards - 1)) + ".bin", "bin").then(function (buf) {
      var r = new Reader(buf);
      while (r.i < r.b.length) {
        var hit = r.key(want), nu = r.uv(), unit = 0, out = [];
        for (var u = 0; u < nu; u++) {
          unit += r.uv();
          var np = r.uv(), pos = 0;
          for (var p = 0; p < np; p++) {
            pos += r.uv();
            if (hit && pos >= shift) out.push(unit * 1048576 + pos - shift);
          }
        }
        if (hit) return out;
      }
      return [];
    });
  }

  function loadStructure() {
    if (structure) return Promise.resolve();
    return get("structure.json", "json").then(function (s) {
      structure = s; bases = []; firsts = [];
      var u = 0, p = 0;
      s.forEach(function (n) { bases.push(u); firsts.push(p); u += 2 + n[0] + n[1] + 2 * n[2]; p += n[2]; });
    });
  }

  // term: {docs, titles} of a term of any length.
  function term(t) {
    var cs = Array.from(t), n = cs.length;
    if (n <= 3) return gram(t);
    var starts = [];
    for (var s = 0; s < n - 3; s += 3) starts.push(s);
    starts.push(n - 3);
    return Promise.all(starts.map(function (s) { return places(cs.slice(s, s + 3).join(""), s); }).concat([loadStructure()]))
      .then(function (lists) {
        var set = new Set(lists[0]);
        for (var i = 1; i < starts.length; i++) {
          var next = new Set();
          lists[i].forEach(function (x) { if (set.has(x)) next.add(x); });
          set = next;
        }
        var units = new Set();
        set.forEach(function (x) { units.add(Math.floor(x / 1048576)); });
        return expand(units);
      });
  }

  // expand turns units into documents and title hits (see tools/search).
  function expand(units) {
    var docs = new Set(), titles = [];
    units.forEach(function (u) {
      var lo = 0, hi = bases.length - 1;
      while (lo < hi) { var m = (lo + hi + 1) >> 1; if (bases[m] <= u) lo = m; else hi = m - 1; }
      var s = structure[lo], k = u - bases[lo], first = firsts[lo], nA = s[0], nC = s[1], j;
      function runs(list, v) {
        for (var i = 0, p = first; i < list.length; p += list[i + 1], i += 2)
          if (list[i] === v) for (j = 0; j < list[i + 1]; j++) docs.add(p + j);
      }
      if (k <= 1) docs.add(meta.problems + lo);
      if (k === 0) for (j = 0; j < s[2]; j++) docs.add(first + j);
      else if (k > 1 && k < 2 + nA) runs(s[3], k - 1);
      else if (k >= 2 + nA && k < 2 + nA + nC) runs(s[4], k - 1 - nA);
      else if (k >= 2 + nA + nC) {
        var p = first + ((k - 2 - nA - nC) >> 1);
        docs.add(p);
        if ((k - nA - nC) % 2 === 0) titles.push(p);
      }
    });
    var sorted = function (a) { return a.sort(function (x, y) { return x - y; }); };
    return { docs: sorted(Array.from(docs)), titles: sorted(titles) };
  }

  function state() {
    var s = { q: input.value };
    FILTERS.forEach(function (n) {
      var el = form.elements[n];
      s[n] = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value;
    });
    return s;
  }

  function terms(q) {
    var seen = {};
    return q.normalize("NFKC").split(/\s+/).filter(function (t) {
      if (!t || seen[t]) return false;
      return (seen[t] = true);
    });
  }

  function facet(name) {
    return get("f/" + name + ".bin", "bin").then(function (b) { return b.byteLength ? new Reader(b).list() : []; });
  }

  // find returns the results of a state: {problems: [[id, titleHits]…], notices: [ids]}.
  function find(s) {
    var ts = terms(s.q);
    if (!ts.length) return Promise.resolve(null);
    var jobs = ts.map(term), fs = [];
    if (s.status) fs.push(facet("s-" + meta.statuses.indexOf(s.status)));
    if (s.overdue) fs.push(facet("o-0"));
    if (s.accountability) fs.push(facet("k-" + meta.kinds.indexOf(s.accountability)));
    if (s.area) fs.push(facet("a-" + meta.areas.indexOf(s.area)));
    if (s.category) fs.push(facet("c-" + ("0000000" + hash(enc.encode(s.category)).toString(16)).slice(-8)));
    return Promise.all([Promise.all(jobs), Promise.all(fs)]).then(function (r) {
      var docs = r[0][0].docs;
      r[0].forEach(function (x) { docs = intersect(docs, x.docs); });
      r[1].forEach(function (f) { docs = intersect(docs, f); });
      var hits = {};
      r[0].forEach(function (x) { x.titles.forEach(function (t) { hits[t] = (hits[t] || 0) + 1; }); });
      var keep = null;
      if (s.notice || s.unit) {
        keep = {};
        notices.forEach(function (n, i) { if ((!s.notice || n.id === s.notice) && (!s.unit || n.u === s.unit)) keep[i] = true; });
      }
      var problems = [], ns = [], owner = 0;
      docs.forEach(function (d) {
        if (d >= meta.problems) {
          if (!r[1].length && (!keep || keep[d - meta.problems])) ns.push(d);
          return;
        }
        while (owner + 1 < notices.length && notices[owner + 1].a <= d) owner++;
        if (!keep || keep[owner]) problems.push([d, hits[d] || 0]);
      });
      problems.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return { problems: problems, notices: ns, terms: ts };
    });
  }

  function doc(id) {
    var k = Math.floor(id / meta.docBlock);
    return get("d/" + k + ".json", "json").then(function (b) { return b[id - k * meta.docBlock]; });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // highlight appends to parent a snippet of field f around the first
  // match, the matches marked. Matching runs on each character's NFKC.
  function highlight(parent, f, ts, whole) {
    var cs = Array.from(f), norm = "", at = [];
    cs.forEach(function (c, i) { var n = c.normalize("NFKC"); for (var k = 0; k < n.length; k++) at.push(i); norm += n; });
    at.push(cs.length);
    var marks = [];
    ts.forEach(function (t) {
      for (var i = norm.indexOf(t); i >= 0; i = norm.indexOf(t, i + 1)) marks.push([at[i], at[i + t.length - 1] + 1]);
    });
    if (!marks.length) return false;
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var from = whole ? 0 : Math.max(0, marks[0][0] - 30), to = whole ? cs.length : Math.min(cs.length, marks[0][1] + 50);
    if (from > 0) parent.appendChild(document.createTextNode("…"));
    var i = from;
    marks.forEach(function (m) {
      if (m[0] < i || m[0] >= to) return;
      parent.appendChild(document.createTextNode(cs.slice(i, m[0]).join("")));
      parent.appendChild(el("mark", null, cs.slice(m[0], Math.min(m[1], to)).join("")));
      i = Math.min(m[1], to);
    });
    parent.appendChild(document.createTextNode(cs.slice(i, to).join("")));
    if (to < cs.length) parent.appendChild(document.createTextNode("…"));
    return true;
  }

  function problemItem(d, id, ts) {
    var n = notices[d.n], li = el("li"), h = el("h3"), a = el("a");
    a.href = D.base + "notices/" + n.id + "/issues/" + d.k + "/";
    if (!highlight(a, d.t, ts, true)) a.textContent = d.t;
    h.appendChild(a);
    li.appendChild(h);
    for (var i = 1; i < d.f.length; i++) {
      var p = el("p", "snippet");
      if (highlight(p, d.f[i], ts, false)) { li.appendChild(p); break; }
    }
    var m = el("p", "result-meta"), na = el("a", null, n.t);
    na.href = D.base + "notices/" + n.id + "/";
    var si = meta.statuses.indexOf(d.s) + 1;
    m.appendChild(el("span", "tag s" + si, d.s));
    var prov = d.p === "update" ? D.provUpdate.replace("{date}", d.d) : d.p ? D["prov_" + d.p] : "";
    if (prov) m.appendChild(el("span", "prov", prov));
    if (d.o) m.appendChild(el("span", "tag overdue", D.overdue));
    m.appendChild(document.createTextNode(" " + D.inNotice + " "));
    m.appendChild(na);
    li.appendChild(m);
    return li;
  }

  function noticeItem(d, ts) {
    var n = notices[d.n], li = el("li"), h = el("h3"), a = el("a");
    a.href = D.base + "notices/" + n.id + "/";
    if (!highlight(a, n.t, ts, true)) a.textContent = n.t;
    h.appendChild(a);
    li.appendChild(h);
    var fields = [n.i].concat(d.f.slice(2));
    for (var i = 0; i < fields.length; i++) {
      var p = el("p", "snippet");
      if (highlight(p, fields[i], ts, false)) { li.appendChild(p); break; }
    }
    return li;
  }

  function render(res, my) {
    out.textContent = "";
    if (!res) { status.textContent = ""; return Promise.resolve(); }
    var shown = 0, list = el("ol", "results");
    function more() {
      var ids = res.problems.slice(shown, shown + PAGE);
      return Promise.all(ids.map(function (p) { return doc(p[0]); })).then(function (ds) {
        if (my !== seq) return;
        var first = null;
        ds.forEach(function (d, i) { var li = problemItem(d, ids[i][0], res.terms); list.appendChild(li); first = first || li; });
        shown += ids.length;
        button.hidden = shown >= res.problems.length;
        return first;
      });
    }
    var button = el("button", "more", D.more);
    button.type = "button";
    button.addEventListener("click", function () {
      more().then(function (first) { if (first) first.querySelector("a").focus(); });
    });
    var jobs = [more(), Promise.all(res.notices.map(doc))];
    return Promise.all(jobs).then(function (r) {
      if (my !== seq) return;
      if (r[1].length) {
        out.appendChild(el("h2", null, D.noticesHeading));
        var nl = el("ol", "results");
        r[1].forEach(function (d) { nl.appendChild(noticeItem(d, res.terms)); });
        out.appendChild(nl);
      }
      if (res.problems.length) {
        if (r[1].length) out.appendChild(el("h2", null, D.problemsHeading));
        out.appendChild(list);
        out.appendChild(button);
      }
      status.textContent = (res.problems.length || res.notices.length)
        ? D.count.replace("{problems}", res.problems.length).replace("{notices}", res.notices.length)
        : D.none;
    });
  }

  function toURL(s, push) {
    var p = new URLSearchParams();
    if (s.q.trim()) p.set("q", s.q.trim());
    FILTERS.forEach(function (n) { if (s[n]) p.set(n, s[n]); });
    var qs = p.toString(), url = location.pathname + (qs ? "?" + qs : "");
    if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function run(push) {
    clearTimeout(timer);
    var my = ++seq, s = state();
    toURL(s, push);
    root.setAttribute("aria-busy", "true");
    find(s).then(function (res) { return my === seq && render(res, my); })
      .catch(function (e) { if (my === seq) status.textContent = D.error; console.warn(e); })
      .then(function () { if (my === seq) root.removeAttribute("aria-busy"); });
  }

  function later() { clearTimeout(timer); timer = setTimeout(function () { run(false); }, 120); }

  function option(select, value, label) {
    var o = el("option", null, label || value);
    o.value = value;
    select.appendChild(o);
  }

  // categories fills the category filter: the selected notice's categories.
  function categories(keep) {
    var sel = form.elements.category, idx = -1, v = keep || sel.value;
    notices.forEach(function (n, i) { if (n.id === form.elements.notice.value) idx = i; });
    while (sel.options.length > 1) sel.remove(1);
    var done = idx < 0 ? Promise.resolve({ c: [] }) : get("n/" + idx + ".json", "json");
    return done.then(function (x) {
      x.c.forEach(function (c) { option(sel, c); });
      if (v && x.c.indexOf(v) < 0) option(sel, v);
      sel.value = v;
    });
  }

  function fromURL() {
    var p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    FILTERS.forEach(function (n) {
      var e = form.elements[n], v = p.get(n) || "";
      if (e.type === "checkbox") e.checked = v === "1";
      else if (n !== "category") {
        if (v && !Array.prototype.some.call(e.options, function (o) { return o.value === v; })) option(e, v);
        e.value = v;
      }
    });
    return categories(p.get("category") || "");
  }

  input.addEventListener("compositionstart", function () { composing = true; clearTimeout(timer); });
  input.addEventListener("compositionend", function () { composing = false; later(); });
  input.addEventListener("input", function (e) { if (!composing && !e.isComposing) later(); });
  form.addEventListener("change", function (e) {
    if (e.target === input) return;
    (e.target.name === "notice" ? categories("") : Promise.resolve()).then(function () { run(true); });
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); run(true); });
  window.addEventListener("popstate", function () { fromURL().then(function () { run(false); }); });

  // For the tests (tools/browser): the documents a query finds, without
  // the page around them.
  var ready = get("meta.json", "json").then(function (m) {
    meta = m;
    return get("notices.json", "json");
  }).then(function (ns) {
    notices = ns;
    var units = {};
    ns.forEach(function (n) {
      option(form.elements.notice, n.id, n.t + "（" + n.d + "）");
      if (n.u && !units[n.u]) { units[n.u] = true; option(form.elements.unit, n.u); }
    });
    meta.statuses.forEach(function (v) { option(form.elements.status, v); });
    meta.areas.forEach(function (v) { option(form.elements.area, v); });
    meta.kinds.forEach(function (v) { option(form.elements.accountability, v); });
    return fromURL();
  });
  window.rectifySearch = {
    find: function (q, f) {
      return ready.then(function () {
        var s = { q: q };
        FILTERS.forEach(function (n) { s[n] = (f && f[n]) || ""; });
        return find(s);
      });
    }
  };
  ready.then(function () { run(false); }, function (e) {
    status.textContent = D.unavailable;
    console.warn(e);
  });
})();
