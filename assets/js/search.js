// The search page (/search/), loaded only there. It reads the index that
// tools/search builds (see its package doc and encode.go for the files and
// formats) and finds exactly the problems and notices whose text holds
// every term of the query (NFKC, terms split at spaces). Terms of 1 to 3
// characters are looked up as grams; longer ones by the places of their
// 3-grams, which verifies them. A query reads only the shards of its grams;
// the results' texts are read for the page shown. Query and filters live
// in the URL; the result count is announced once per search through the
// live region.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var D = root.dataset;
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var out = document.getElementById("search-results");
  var FILTERS = ["notice", "unit", "level", "year", "status", "area", "category", "accountability", "overdue"];
  var PAGE = 10, FIRST = 4, NOTICE_PAGE = 3, WAIT = 80, UNIT = 16777216;
  var enc = new TextEncoder();
  var meta, bases, firsts, options, cache = {}, seq = 0, timer, composing = false;

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
      cache[key].catch(function () { delete cache[key]; });
    }
    return cache[key];
  }

  // Binary reading: unsigned LEB128 varints, posting lists, records.
  function Reader(buf, i, end) { this.b = new Uint8Array(buf); this.i = i || 0; this.end = end || this.b.length; }
  Reader.prototype.uv = function () {
    var b = this.b, c = b[this.i++], v = c & 127, m = 128;
    while (c >= 128) { c = b[this.i++]; v += (c & 127) * m; m *= 128; }
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
  // record finds the record of key want (bytes) in a shard: a Reader over
  // its body, or null.
  function record(buf, want) {
    var r = new Reader(buf), b = r.b;
    while (r.i < b.length) {
      var n = r.uv(), same = n === want.length;
      for (var k = 0; same && k < n; k++) same = b[r.i + k] === want[k];
      r.i += n;
      var len = r.uv();
      if (same) return new Reader(buf, r.i, r.i + len);
      r.i += len;
    }
    return null;
  }

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
      var r = record(buf, want);
      return r ? { docs: r.list(), titles: r.list() } : { docs: [], titles: [] };
    });
  }

  // places: the record of a 3-gram's places (null: none) and shift, the
  // 3-gram's offset in its term.
  function places(t, shift) {
    var want = enc.encode(t);
    return get("p/" + (hash(want) & (meta.posShards - 1)) + ".bin", "bin").then(function (buf) {
      return { r: record(buf, want), shift: shift };
    });
  }

  // decode returns the places of x whose offset is at least its shift, as
  // unit * UNIT + offset - shift, ascending; given only (ascending), just
  // those that are in it.
  function decode(x, only) {
    var b = x.r.b, i = x.r.i, end = x.r.end, shift = x.shift, out = [], unit = 0, off = 0, v, c, m, key, j = 0;
    while (i < end) {
      c = b[i++]; v = c & 127; m = 128;
      while (c >= 128) { c = b[i++]; v += (c & 127) * m; m *= 128; }
      if (v % 2) off += (v - 1) / 2;
      else {
        unit += v / 2;
        c = b[i++]; off = c & 127; m = 128;
        while (c >= 128) { c = b[i++]; off += (c & 127) * m; m *= 128; }
      }
      if (off < shift) continue;
      key = unit * UNIT + off - shift;
      if (!only) { out.push(key); continue; }
      while (j < only.length && only[j] < key) j++;
      if (j === only.length) break;
      if (only[j] === key) out.push(key);
    }
    return out;
  }

  // term: {docs, titles} of a term of any length: the places of its
  // 3-grams at 0, 3, 6, … and len-3 that line up, the rarest decoded first.
  function term(t) {
    var cs = Array.from(t), n = cs.length;
    if (n <= 3) return gram(t);
    var starts = [];
    for (var s = 0; s < n - 3; s += 3) starts.push(s);
    starts.push(n - 3);
    return Promise.all(starts.map(function (s) { return places(cs.slice(s, s + 3).join(""), s); }))
      .then(function (xs) {
        if (xs.some(function (x) { return !x.r; })) return { docs: [], titles: [] };
        xs.sort(function (a, b) { return (a.r.end - a.r.i) - (b.r.end - b.r.i); });
        var at = decode(xs[0], null);
        for (var i = 1; i < xs.length && at.length; i++) at = decode(xs[i], at);
        return expand(at);
      });
  }

  // expand turns places (ascending) into documents and title hits: a
  // notice's first unit (title, issuer) stands for the notice and all its
  // problems, its second (preamble, closing) for the notice; then each
  // problem has two units, its title and its body.
  function expand(at) {
    var docs = [], notices = [], titles = [], ni = -1, base = 0, all = false, last = -1, i, j;
    for (i = 0; i < at.length; i++) {
      var u = Math.floor(at[i] / UNIT);
      if (u === last) continue;
      last = u;
      if (ni < 0 || ni + 1 < bases.length && bases[ni + 1] <= u) {
        while (ni + 1 < bases.length && bases[ni + 1] <= u) ni++;
        base = bases[ni]; all = false;
      }
      var k = u - base, first = firsts[ni], p = first + ((k - 2) >> 1);
      if (k <= 1 && notices[notices.length - 1] !== meta.problems + ni) notices.push(meta.problems + ni);
      if (k === 0) {
        all = true;
        for (j = 0; j < meta.counts[ni]; j++) docs.push(first + j);
      } else if (k > 1) {
        if (!all && docs[docs.length - 1] !== p) docs.push(p);
        if (k % 2 === 0) titles.push(p);
      }
    }
    return { docs: docs.concat(notices), titles: titles };
  }

  // owner: the notice of problem d.
  function owner(d) {
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) { var m = (lo + hi + 1) >> 1; if (firsts[m] <= d) lo = m; else hi = m - 1; }
    return lo;
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

  // facets: the level and year of each notice (facets.json), loaded once.
  var facets = {};

  function facet(name) {
    return get("f/" + name + ".bin", "bin").then(function (b) { return b.byteLength ? new Reader(b).list() : []; });
  }

  // find returns the results of a state: {problems: [ids], notices: [ids],
  // terms}, the problems whose titles hold more of the terms first.
  function find(s) {
    var ts = terms(s.q);
    if (!ts.length) return Promise.resolve(null);
    var fs = [];
    if (s.status) fs.push(facet("s-" + meta.statuses.indexOf(s.status)));
    if (s.overdue) fs.push(facet("o-0"));
    if (s.accountability) fs.push(facet("k-" + meta.kinds.indexOf(s.accountability)));
    if (s.area) fs.push(facet("a-" + meta.areas.indexOf(s.area)));
    if (s.category) fs.push(facet("c-" + ("0000000" + hash(enc.encode(s.category)).toString(16)).slice(-8)));
    var byNotice = s.notice || s.unit || s.level || s.year;
    var opts = byNotice ? loadOptions() : Promise.resolve();
    // Level and year: from the site's facets.json (by notice id).
    if (s.level || s.year) opts = Promise.all([opts, facets.p || (facets.p = fetch(D.facets).then(function (r) { if (!r.ok) throw new Error(D.facets); return r.json(); }))])
      .then(function (x) { facets.m = x[1]; }, function (e) { facets.p = null; throw e; });
    return Promise.all([Promise.all(ts.map(term)), Promise.all(fs), opts]).then(function (r) {
      var found = r[0].slice().sort(function (a, b) { return a.docs.length - b.docs.length; });
      var docs = found[0].docs, i, j;
      for (i = 1; i < found.length; i++) docs = intersect(docs, found[i].docs);
      r[1].forEach(function (f) { docs = intersect(docs, f); });
      var hits = new Uint8Array(meta.problems);
      r[0].forEach(function (x) { for (var k = 0; k < x.titles.length; k++) hits[x.titles[k]]++; });
      var keep = null;
      if (byNotice) {
        keep = new Uint8Array(meta.notices);
        options.n.forEach(function (n, i) {
          var f = (facets.m && facets.m[n[0]]) || ["", ""];
          if ((!s.notice || n[0] === s.notice) && (!s.unit || options.u[n[3]] === s.unit) && (!s.level || f[0] === s.level) && (!s.year || f[1] === s.year)) keep[i] = 1;
        });
      }
      var ranked = [], ns = [], o = 0, d;
      for (i = 0; i <= ts.length; i++) ranked.push([]);
      for (i = 0; i < docs.length && (d = docs[i]) < meta.problems; i++) {
        if (keep) {
          while (o + 1 < firsts.length && firsts[o + 1] <= d) o++;
          if (!keep[o]) continue;
        }
        ranked[ts.length - hits[d]].push(d);
      }
      for (; i < docs.length && !r[1].length; i++) if (!keep || keep[docs[i] - meta.problems]) ns.push(docs[i]);
      var problems = [].concat.apply([], ranked);
      return { problems: problems, notices: ns, terms: ts };
    });
  }

  // dateText writes a data date as the pages do (func/date-text.html):
  // 2021-06-30 → 2021年6月30日.
  function dateText(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || "");
    return m ? m[1] + "年" + (+m[2]) + "月" + (+m[3]) + "日" : s;
  }

  // notice: notice i as a result.
  function notice(i) {
    var b = Math.floor(i / meta.noticeBlock);
    return get("d/n/" + b + ".json", "json").then(function (x) { return x[i - b * meta.noticeBlock]; });
  }

  // doc: a document to show, with its notice's id and title.
  function doc(id) {
    if (id >= meta.problems) return notice(id - meta.problems);
    var ni = owner(id), j = id - firsts[ni], b = Math.floor(j / meta.docBlock);
    return get("d/" + ni + "/" + b + ".json", "json").then(function (x) {
      var d = x.d[j - b * meta.docBlock];
      d.id = x.id; d.nt = x.t;
      return d;
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // highlight appends to parent a snippet of field f around the first
  // match, the matches marked (whole: all of f). Matching runs on each
  // character's NFKC, for a field whose NFKC holds a term.
  function highlight(parent, f, ts, whole) {
    var nf = f.normalize("NFKC");
    if (!ts.some(function (t) { return nf.indexOf(t) >= 0; })) return false;
    var cs = Array.from(f), norm = nf, at = [], i;
    if (nf.length === f.length && cs.length === f.length) {
      for (i = 0; i <= cs.length; i++) at.push(i);
    } else {
      norm = "";
      cs.forEach(function (c, i) { var n = c.normalize("NFKC"); for (var k = 0; k < n.length; k++) at.push(i); norm += n; });
      at.push(cs.length);
    }
    var marks = [];
    ts.forEach(function (t) {
      for (var i = norm.indexOf(t); i >= 0; i = norm.indexOf(t, i + 1)) marks.push([at[i], at[i + t.length - 1] + 1]);
    });
    if (!marks.length) return false;
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var from = whole ? 0 : Math.max(0, marks[0][0] - 30), to = whole ? cs.length : Math.min(cs.length, marks[0][1] + 50);
    if (from > 0) parent.appendChild(document.createTextNode("…"));
    i = from;
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

  function problemItem(d, ts) {
    var li = el("li"), h = el("h3"), a = el("a");
    a.href = D.base + "notices/" + d.id + "/issues/" + d.k + "/";
    if (!highlight(a, d.t, ts, true)) a.textContent = d.t;
    h.appendChild(a);
    li.appendChild(h);
    for (var i = 1; i < d.f.length; i++) {
      var p = el("p", "snippet");
      if (highlight(p, d.f[i], ts, false)) { li.appendChild(p); break; }
    }
    var m = el("p", "result-meta"), na = el("a", null, d.nt);
    na.href = D.base + "notices/" + d.id + "/";
    var si = meta.statuses.indexOf(d.s) + 1;
    m.appendChild(el("span", "tag s" + si, d.s));
    var prov = d.p === "update" ? D.provUpdate.replace("{date}", dateText(d.d)) : d.p ? D["prov_" + d.p] : "";
    if (prov) m.appendChild(el("span", "prov", prov));
    if (d.o) m.appendChild(el("span", "tag overdue", D.overdue));
    m.appendChild(document.createTextNode(" " + D.inNotice + " "));
    m.appendChild(na);
    li.appendChild(m);
    return li;
  }

  function noticeItem(d, ts) {
    var li = el("li"), h = el("h3"), a = el("a");
    a.href = D.base + "notices/" + d.id + "/";
    if (!highlight(a, d.t, ts, true)) a.textContent = d.t;
    h.appendChild(a);
    li.appendChild(h);
    for (var i = 0; i < d.f.length; i++) {
      var p = el("p", "snippet");
      if (highlight(p, d.f[i], ts, false)) { li.appendChild(p); break; }
    }
    return li;
  }

  // pager shows ids in list, each item made by item, more(n) at a time,
  // then PAGE at a time with a button (text) once shown (ready).
  function pager(ids, list, item, text, my, ts) {
    var shown = 0, button = el("button", "more", text), p = { button: button, ready: false };
    button.type = "button";
    button.hidden = true;
    p.more = function (n) {
      var next = ids.slice(shown, shown + n);
      return Promise.all(next.map(doc)).then(function (ds) {
        if (my !== seq) return null;
        var first = null;
        ds.forEach(function (d) { var li = item(d, ts); list.appendChild(li); first = first || li; });
        shown += next.length;
        button.hidden = !p.ready || shown >= ids.length;
        return first;
      });
    };
    button.addEventListener("click", function () {
      p.more(PAGE).then(function (first) { if (first) first.querySelector("a").focus(); });
    });
    return p;
  }

  // render shows the results: the notices' first page and the first few
  // problems with the count, then the rest of the problems' first page.
  function render(res, my) {
    if (!res) {
      // No words: say so when filters are set (they alone find nothing).
      var s = state();
      out.textContent = "";
      status.textContent = FILTERS.some(function (n) { return s[n]; }) ? D.noQuery : "";
      return Promise.resolve();
    }
    var nl = el("ol", "results"), pl = el("ol", "results");
    var np = pager(res.notices, nl, noticeItem, D.moreNotices, my, res.terms);
    var pp = pager(res.problems, pl, problemItem, D.more, my, res.terms);
    np.ready = true;
    return Promise.all([np.more(NOTICE_PAGE), pp.more(FIRST)]).then(function () {
      if (my !== seq) return;
      out.textContent = "";
      if (res.notices.length) {
        out.appendChild(el("h2", null, D.noticesHeading));
        out.appendChild(nl);
        out.appendChild(np.button);
      }
      if (res.problems.length) {
        out.appendChild(el("h2", null, D.problemsHeading)); // the results are h3
        out.appendChild(pl);
        out.appendChild(pp.button);
      }
      status.textContent = (res.problems.length || res.notices.length)
        ? D.count.replace("{problems}", res.problems.length).replace("{notices}", res.notices.length)
        : D.none;
      pp.ready = true;
      return pp.more(PAGE - FIRST);
    });
  }

  function toURL(s, push) {
    var p = new URLSearchParams();
    if (s.q.trim()) p.set("q", s.q.trim());
    FILTERS.forEach(function (n) { if (s[n]) p.set(n, s[n]); });
    var qs = p.toString(), url = location.pathname + (qs ? "?" + qs : "");
    if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
  }

  // The filters fold into 筛选 on a phone (details#search-filters-box);
  // the summary says how many are set.
  var box = document.getElementById("search-filters-box"), active = document.getElementById("search-filters-active");
  function countActive() {
    var s = state(), n = FILTERS.filter(function (k) { return s[k]; }).length;
    active.textContent = n ? active.getAttribute("data-template").replace("{n}", n) : "";
    return n;
  }

  function run(push) {
    clearTimeout(timer);
    countActive();
    var my = ++seq, s = state();
    root.setAttribute("aria-busy", "true");
    // The URL follows once the results show (history is slow to write).
    find(s).then(function (res) { return my === seq && render(res, my); })
      .catch(function (e) { if (my === seq) status.textContent = D.error; console.warn(e); })
      .then(function () {
        if (my !== seq) return;
        toURL(s, push);
        root.removeAttribute("aria-busy");
      });
  }

  // later runs the search once typing pauses; a search under way for
  // the text before is dropped (its results would be stale).
  function later() {
    clearTimeout(timer);
    seq++;
    timer = setTimeout(function () { run(false); }, WAIT);
  }

  function option(select, value, label) {
    var o = el("option", null, label || value);
    o.value = value;
    select.appendChild(o);
  }

  // loadOptions fills the notice and unit filters (o.json), once: when one
  // of them is used, or the URL sets one.
  function loadOptions() {
    if (!loadOptions.p) {
      loadOptions.p = get("o.json", "json").then(function (o) {
        options = o;
        var sn = form.elements.notice, su = form.elements.unit, vn = sn.value, vu = su.value;
        while (sn.options.length > 1) sn.remove(1);
        while (su.options.length > 1) su.remove(1);
        o.n.forEach(function (n) { option(sn, n[0], n[1] + "（" + n[2] + "）"); });
        o.u.forEach(function (u) { if (u) option(su, u); });
        [[sn, vn], [su, vu]].forEach(function (x) {
          if (x[1] && !Array.prototype.some.call(x[0].options, function (o) { return o.value === x[1]; })) option(x[0], x[1]);
          x[0].value = x[1];
        });
      });
      loadOptions.p.catch(function () { loadOptions.p = null; });
    }
    return loadOptions.p;
  }

  // categories fills the category filter with the selected notice's
  // categories and selects keep ("" for all; the last call wins).
  function categories(keep) {
    var sel = form.elements.category, v = keep, id = form.elements.notice.value, my = ++categories.n;
    var done = !id ? Promise.resolve({ c: [] }) : loadOptions().then(function () {
      var idx = -1;
      options.n.forEach(function (n, i) { if (n[0] === id) idx = i; });
      return idx < 0 ? { c: [] } : notice(idx);
    });
    return done.then(function (x) {
      if (my !== categories.n) return;
      while (sel.options.length > 1) sel.remove(1);
      x.c.forEach(function (c) { option(sel, c); });
      if (v && x.c.indexOf(v) < 0) option(sel, v);
      sel.value = v;
    });
  }
  categories.n = 0;

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
    return Promise.all([p.get("notice") || p.get("unit") ? loadOptions() : null, categories(p.get("category") || "")]);
  }

  input.addEventListener("compositionstart", function () { composing = true; clearTimeout(timer); });
  input.addEventListener("compositionend", function () { composing = false; later(); });
  input.addEventListener("input", function (e) { if (!composing && !e.isComposing) later(); });
  ["notice", "unit"].forEach(function (n) {
    ["focus", "mousedown", "touchstart"].forEach(function (ev) {
      form.elements[n].addEventListener(ev, function () { if (meta) loadOptions(); }, { passive: true });
    });
  });
  form.addEventListener("change", function (e) {
    if (e.target === input) return;
    (e.target.name === "notice" ? categories("") : Promise.resolve()).then(function () { run(true); });
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); run(true); });
  window.addEventListener("popstate", function () { fromURL().then(function () { run(false); }); });

  var ready = get("meta.json", "json").then(function (m) {
    meta = m; bases = []; firsts = [];
    var u = 0, p = 0;
    m.counts.forEach(function (c) { bases.push(u); firsts.push(p); u += 2 + 2 * c; p += c; });
    meta.statuses.forEach(function (v) { option(form.elements.status, v); });
    meta.areas.forEach(function (v) { option(form.elements.area, v); });
    meta.kinds.forEach(function (v) { option(form.elements.accountability, v); });
    return fromURL();
  });
  // For the tests (tools/browser): the documents a query finds, without
  // the page around them.
  window.rectifySearch = {
    find: function (q, f) {
      return ready.then(function () {
        var s = { q: q };
        FILTERS.forEach(function (n) { s[n] = (f && f[n]) || ""; });
        return find(s);
      });
    }
  };
  // The box opens on a wide screen and wherever a filter is set (a shared
  // link): a reader must see what narrows the results. Decided now, from
  // the address, and never closed later: the index may come late, or not.
  var wide = matchMedia("(min-width: 48rem)"), linked = new URLSearchParams(location.search);
  box.open = wide.matches || FILTERS.some(function (n) { return linked.get(n); });
  wide.addEventListener("change", function (m) { if (m.matches) box.open = true; });
  ready.then(function () {
    if (countActive() > 0) box.open = true;
    run(false);
  }, function (e) {
    status.textContent = D.unavailable;
    console.warn(e);
  });
})();
