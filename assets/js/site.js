// The site's only script (besides search.js on /search/). It only enhances:
// every page works without it.
// 1. The larger-text switch (remembered in localStorage). This file is loaded
//    in <head> without defer so the saved size applies before the first paint.
// 2. The filters of /issues/ (<form id="filters">) over the whole site. The
//    page holds one page of problems (Hugo's pagination); with a filter set,
//    the script reads the index of the notices in pieces (data-index:
//    /notices/index.json, then /notices/page/N/index.json; see
//    layouts/notices/section.noticesindex.json), finds the matching
//    problems there, and shows them a page at a time in the table, with the
//    rows of their notices (/notices/<id>/issues/rows.json, the markup of
//    issue-row.html). Filters: notice, unit, level, year (the notice's),
//    area, category (once a notice is chosen: categories are each
//    notice's own), status, accountability, overdue ("1"). Their state is
//    in the URL query; the count is announced. The keyword box leads to
//    the search page (/search/) with the same filters. The filters fold
//    into 筛选 (<details>), open on wide screens and when a filter is set.
// 3. The filters and sorting of the notices index (<form
//    id="notice-filters">) over the same index: unit, level, year,
//    inspecting body, round, and the order.
// 4. Tables wider than their box scroll sideways in it; the box is then
//    made focusable and named, so that keyboards and screen readers reach
//    the columns out of sight.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "textSize";

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  if (stored() === "large") root.classList.add("large");

  function textSize() {
    var b = document.getElementById("text-size");
    if (!b) return;
    b.hidden = false;
    b.setAttribute("aria-pressed", String(root.classList.contains("large")));
    b.addEventListener("click", function () {
      var on = root.classList.toggle("large");
      b.setAttribute("aria-pressed", String(on));
      try {
        if (on) localStorage.setItem(KEY, "large"); else localStorage.removeItem(KEY);
      } catch (e) { /* private mode: the switch still works for this page */ }
    });
  }

  // The value of a control: a checkbox's value when checked, else "".
  function value(el) {
    if (!el) return "";
    if (el.type === "checkbox") return el.checked ? el.value : "";
    return el.value.trim();
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  // The index of the notices, loaded once per page, in pieces. Each piece
  // is {page, pages, size, total, statuses, kinds, levels, notices}; load
  // calls back with all notices in order once every piece has arrived.
  var index = null;
  function loadIndex(url, done, failed) {
    if (index) { index.then(done, failed); return; }
    function get(u) {
      return fetch(u).then(function (r) {
        if (!r.ok) throw new Error(u + ": " + r.status);
        return r.json();
      });
    }
    index = get(url).then(function (first) {
      var rest = [];
      var base = url.replace(/index\.json$/, "");
      for (var k = 2; k <= first.pages; k++) rest.push(get(base + "page/" + k + "/index.json"));
      return Promise.all(rest).then(function (pieces) {
        var all = first.notices.slice();
        pieces.forEach(function (p) { all = all.concat(p.notices); });
        all.forEach(function (n) {
          n.areaTitles = {};
          for (var i = 0; i + 1 < n.areas.length; i += 2) n.areaTitles[n.areas[i]] = n.areas[i + 1];
          n.overdue = {};
          n.o.forEach(function (x) { n.overdue[x] = true; });
          n.kindMask = {};
          for (var j = 0; j + 1 < n.k.length; j += 2) n.kindMask[n.k[j]] = n.k[j + 1];
        });
        return { statuses: first.statuses, kinds: first.kinds, levels: first.levels, notices: all };
      });
    });
    index.then(done, failed);
  }

  // option adds an option to a select unless it has it.
  function option(select, val, text) {
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === val) return;
    var o = document.createElement("option");
    o.value = val;
    o.textContent = text || val;
    select.appendChild(o);
  }

  // setValue sets a select to v when it has that option; else keeps it for
  // when the option arrives (data-pending).
  function setValue(el, v) {
    if (el.type === "checkbox") { el.checked = v === el.value; return; }
    if (el.tagName === "SELECT") {
      var has = Array.prototype.some.call(el.options, function (o) { return o.value === v; });
      if (v && !has) { el.setAttribute("data-pending", v); el.value = ""; return; }
      el.removeAttribute("data-pending");
    }
    el.value = v;
  }

  function pending(el) { return el.getAttribute("data-pending") || ""; }

  // A list shown a page at a time by the script, in place of the page's
  // own rows (kept to come back to when the filters are cleared).
  function Shown(tbody, more, pager) {
    this.tbody = tbody;
    this.more = more;
    this.pager = pager;
    this.own = Array.prototype.slice.call(tbody.children);
  }
  Shown.prototype.restore = function () {
    var t = this.tbody;
    while (t.firstChild) t.removeChild(t.firstChild);
    this.own.forEach(function (r) { t.appendChild(r); });
    this.more.hidden = true;
    if (this.pager) this.pager.hidden = false;
  };
  Shown.prototype.clear = function () {
    var t = this.tbody;
    while (t.firstChild) t.removeChild(t.firstChild);
    if (this.pager) this.pager.hidden = true;
  };

  function issueFilters() {
    var form = document.getElementById("filters");
    var count = document.getElementById("result-count");
    var table = document.getElementById("issues");
    if (!form || !count || !table) return;
    var D = form.dataset;
    var NAMES = ["notice", "unit", "level", "year", "area", "category", "status", "accountability", "overdue"];
    var SEARCH = ["notice", "unit", "status", "area", "category", "accountability", "overdue"];
    var size = +D.pageSize || 100;
    var shown = new Shown(table.tBodies[0], document.getElementById("issues-more"), document.getElementById("issues-pager"));
    var ownCount = count.textContent;
    var box = document.getElementById("filters-box");
    var active = document.getElementById("filters-active");
    var hint = document.getElementById("f-category-hint");
    var el = function (n) { return form.elements[n]; };
    var ix = null, rowsOf = {}, catsOf = {}, matches = [], upto = 0, seq = 0;
    form.hidden = false;

    function state() {
      var s = {};
      NAMES.forEach(function (n) { s[n] = value(el(n)) || pending(el(n)); });
      if (!s.notice) s.category = "";
      return s;
    }

    function fromURL() {
      var p = new URLSearchParams(location.search);
      NAMES.forEach(function (n) { setValue(el(n), p.get(n) || ""); });
      el("q").value = p.get("q") || "";
    }

    function toURL(push) {
      var s = state();
      var p = new URLSearchParams();
      NAMES.forEach(function (n) { if (s[n]) p.set(n, s[n]); });
      var qs = p.toString();
      var url = location.pathname + (qs ? "?" + qs : "") + location.hash;
      if (url === location.pathname + location.search + location.hash) return;
      history[push ? "pushState" : "replaceState"](null, "", url);
    }

    function rows(n) {
      if (!rowsOf[n.id]) {
        rowsOf[n.id] = fetch(n.rows).then(function (r) {
          if (!r.ok) throw new Error(n.rows + ": " + r.status);
          return r.json();
        });
      }
      return rowsOf[n.id];
    }

    // categories fills the category filter with the chosen notice's.
    function categories(s, then) {
      var c = el("category");
      var keep = value(c) || pending(c);
      while (c.options.length > 1) c.remove(1);
      c.disabled = !s.notice;
      if (hint) hint.hidden = !!s.notice;
      if (!s.notice || !ix) { then(); return; }
      var n = ix.notices.filter(function (x) { return x.id === s.notice; })[0];
      if (!n) { then(); return; }
      rows(n).then(function (r) {
        for (var i = 0; i + 1 < r.categories.length; i += 2) option(c, r.categories[i + 1]);
        setValue(c, keep);
        then();
      }, fail);
    }

    function options() {
      var years = [], units = {}, areas = {};
      ix.notices.forEach(function (n) {
        option(el("notice"), n.id, n.title);
        if (n.unit && !units[n.unit]) { units[n.unit] = true; option(el("unit"), n.unit); }
        if (n.year && years.indexOf(n.year) < 0) years.push(n.year);
        for (var i = 1; i < n.areas.length; i += 2) {
          if (!areas[n.areas[i]]) { areas[n.areas[i]] = true; option(el("area"), n.areas[i]); }
        }
      });
      years.sort().reverse().forEach(function (y) { option(el("year"), y); });
      NAMES.forEach(function (n) { var e = el(n); if (pending(e)) setValue(e, pending(e)); });
    }

    function fail() {
      count.textContent = D.error;
    }

    function filtered(s) {
      return NAMES.some(function (n) { return s[n]; });
    }

    function announce(s) {
      var n = NAMES.filter(function (k) { return s[k]; }).length;
      if (active) active.textContent = n ? (active.getAttribute("data-template") || "（{n}）").replace("{n}", n) : "";
      return n;
    }

    function find(s) {
      var out = [];
      var si = s.status ? ix.statuses.indexOf(s.status) : -1;
      var ki = s.accountability ? ix.kinds.indexOf(s.accountability) : -1;
      var cat = 0;
      ix.notices.forEach(function (n, ni) {
        if ((s.notice && n.id !== s.notice) || (s.unit && n.unit !== s.unit) ||
          (s.level && n.level !== s.level) || (s.year && n.year !== s.year)) return;
        if (s.category) {
          var r = catsOf[n.id];
          cat = r ? r[s.category] || -1 : -1;
        }
        for (var i = 0; i < n.n; i++) {
          var num = i + 1;
          if (s.status && +n.s.charAt(i) !== si) continue;
          if (s.area && n.areaTitles[n.a[i]] !== s.area) continue;
          if (s.category && n.c[i] !== cat) continue;
          if (s.overdue && !n.overdue[num]) continue;
          if (ki >= 0 && !((n.kindMask[num] || 0) & (1 << ki))) continue;
          out.push([ni, num]);
        }
      });
      return out;
    }

    // show renders the matches from upto on, a page of them.
    function show(my) {
      var page = matches.slice(upto, upto + size);
      var need = [];
      page.forEach(function (m) { var n = ix.notices[m[0]]; if (need.indexOf(n) < 0) need.push(n); });
      Promise.all(need.map(rows)).then(function () {
        if (my !== seq) return;
        var waits = page.map(function (m) {
          var n = ix.notices[m[0]];
          return rowsOf[n.id].then(function (r) { return r.rows[m[1] - 1]; });
        });
        return Promise.all(waits).then(function (rs) {
          if (my !== seq) return;
          shown.tbody.insertAdjacentHTML("beforeend", rs.join(""));
          upto += page.length;
          shown.more.hidden = upto >= matches.length;
          count.textContent = fill(D.filtered || "{matched}", { matched: matches.length, shown: upto, total: D.total });
          scrollables();
        });
      }).catch(fail);
    }

    function apply() {
      var s = state();
      var my = ++seq;
      var n = announce(s);
      if (!filtered(s)) {
        shown.restore();
        count.textContent = ownCount;
        categories(s, function () {});
        return n;
      }
      if (!ix) {
        count.textContent = D.loading;
        loadIndex(D.index, function (x) {
          if (!ix) { ix = x; options(); }
          if (my === seq) apply();
        }, fail);
        return n;
      }
      categories(s, function () {
        if (my !== seq) return;
        var go = function () {
          matches = find(s);
          upto = 0;
          shown.clear();
          if (!matches.length) {
            shown.more.hidden = true;
            count.textContent = fill(D.filtered || "{matched}", { matched: 0, shown: 0, total: D.total });
            return;
          }
          show(my);
        };
        var nt = s.category && ix.notices.filter(function (x) { return x.id === s.notice; })[0];
        if (!nt) { go(); return; }
        rows(nt).then(function (r) {
          var cats = {};
          for (var i = 0; i + 1 < r.categories.length; i += 2) cats[r.categories[i + 1]] = r.categories[i];
          catsOf[nt.id] = cats;
          if (my === seq) go();
        }, fail);
      });
      return n;
    }

    shown.more.addEventListener("click", function () { show(seq); });
    form.addEventListener("change", function (e) {
      if (e.target.name === "q") return;
      if (e.target.name === "notice") { el("category").value = ""; el("category").removeAttribute("data-pending"); }
      if (e.target.tagName === "SELECT") e.target.removeAttribute("data-pending");
      apply(); toURL(true);
    });
    // The keyword box: to the search page, with the filters it knows.
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var s = state();
      var p = new URLSearchParams();
      var q = value(el("q"));
      if (q) p.set("q", q);
      SEARCH.forEach(function (n) { if (s[n]) p.set(n, s[n]); });
      location.href = D.search + (p.toString() ? "?" + p.toString() : "");
    });
    form.addEventListener("reset", function () {
      NAMES.forEach(function (n) { el(n).removeAttribute("data-pending"); });
      setTimeout(function () { apply(); toURL(true); }, 0);
    });
    window.addEventListener("popstate", function () { fromURL(); apply(); });
    fromURL();
    var set = apply();
    // Open on wide screens, and wherever a filter is set (a shared link):
    // a reader must see what hides rows.
    if (box) {
      var wide = window.matchMedia ? window.matchMedia("(min-width: 48rem)") : null;
      box.open = set > 0 || (wide ? wide.matches : true);
      if (wide && wide.addEventListener) {
        wide.addEventListener("change", function (m) { if (m.matches) box.open = true; });
      }
      // The choices of the filters come with the index: load it when the
      // reader opens them.
      var load = function () {
        if (box.open && !ix) loadIndex(D.index, function (x) { if (!ix) { ix = x; options(); categories(state(), function () {}); } }, fail);
      };
      box.addEventListener("toggle", load);
      load();
    }
  }

  function noticeFilters() {
    var form = document.getElementById("notice-filters");
    var count = document.getElementById("notice-count");
    var table = document.getElementById("notices");
    if (!form || !count || !table) return;
    var D = form.dataset;
    var NAMES = ["unit", "level", "year", "body", "round", "sort"];
    var size = +D.pageSize || 100;
    var shown = new Shown(table.tBodies[0], document.getElementById("notices-more"), form.parentNode.querySelector(".pager"));
    var ownCount = count.textContent;
    var el = function (n) { return form.elements[n]; };
    var ix = null, list = [], upto = 0;
    var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return c.textContent; });
    form.hidden = false;

    function state() {
      var s = {};
      NAMES.forEach(function (n) { s[n] = value(el(n)) || pending(el(n)); });
      return s;
    }
    function fromURL() {
      var p = new URLSearchParams(location.search);
      NAMES.forEach(function (n) { setValue(el(n), p.get(n) || ""); });
    }
    function toURL(push) {
      var s = state();
      var p = new URLSearchParams();
      NAMES.forEach(function (n) { if (s[n]) p.set(n, s[n]); });
      var qs = p.toString();
      var url = location.pathname + (qs ? "?" + qs : "") + location.hash;
      if (url === location.pathname + location.search + location.hash) return;
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
    function fail() { count.textContent = D.error; }

    function options() {
      var seen = { unit: {}, body: {}, round: {} }, years = [];
      ix.notices.forEach(function (n) {
        ["unit", "body", "round"].forEach(function (f) {
          if (n[f] && !seen[f][n[f]]) { seen[f][n[f]] = true; option(el(f), n[f]); }
        });
        if (n.year && years.indexOf(n.year) < 0) years.push(n.year);
      });
      years.sort().reverse().forEach(function (y) { option(el("year"), y); });
      NAMES.forEach(function (n) { var e = el(n); if (pending(e)) setValue(e, pending(e)); });
    }

    var zh = function (a, b) { return a.localeCompare(b, "zh-Hans-CN"); };
    function order(key) {
      var levels = ix.levels;
      return function (a, b) {
        var x = a.n, y = b.n, c = 0;
        if (key === "level") {
          var i = levels.indexOf(x.level), j = levels.indexOf(y.level);
          c = (i < 0 ? 99 : i) - (j < 0 ? 99 : j);
        } else if (key === "year") {
          c = zh(y.year, x.year);
        } else if (key) {
          if (!x[key] !== !y[key]) c = x[key] ? -1 : 1;
          else c = zh(x[key] || "", y[key] || "");
        }
        return c || a.i - b.i;
      };
    }

    function cell(tr, label) {
      var td = document.createElement("td");
      td.setAttribute("data-label", label);
      tr.appendChild(td);
      return td;
    }
    function link(td, href, text) {
      if (!href) { td.appendChild(document.createTextNode(text)); return; }
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      td.appendChild(a);
    }
    function row(n) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-notice", n.id);
      var td = cell(tr, heads[0]);
      link(td, n.url, n.title);
      td.appendChild(document.createElement("br"));
      var sm = document.createElement("small");
      sm.textContent = n.issuer + " · " + n.date;
      td.appendChild(sm);
      link(cell(tr, heads[1]), n.unit ? n.unitUrl : "", n.unit || D.unstated);
      td = cell(tr, heads[2]);
      link(td, n.level ? n.levelUrl : "", n.level || D.unstated);
      if (n.levelWords) {
        var pv = document.createElement("span");
        pv.className = "prov";
        pv.textContent = n.levelWords;
        td.appendChild(pv);
      }
      link(cell(tr, heads[3]), n.yearUrl, n.year || D.unstated);
      link(cell(tr, heads[4]), n.body ? n.bodyUrl : "", n.body || D.unstated);
      link(cell(tr, heads[5]), n.round ? n.roundUrl : "", n.round || D.unstated);
      td = cell(tr, heads[6]);
      td.className = "n";
      link(td, n.issues, String(n.n));
      return tr;
    }

    function show() {
      var page = list.slice(upto, upto + size);
      page.forEach(function (x) { shown.tbody.appendChild(row(x.n)); });
      upto += page.length;
      shown.more.hidden = upto >= list.length;
      count.textContent = fill(D.filtered || "{matched}", { matched: list.length, shown: upto, total: ix.notices.length });
      scrollables();
    }

    function apply() {
      var s = state();
      var any = NAMES.some(function (n) { return s[n]; });
      if (!any) { shown.restore(); count.textContent = ownCount; return; }
      if (!ix) {
        loadIndex(D.index, function (x) { if (!ix) { ix = x; options(); } apply(); }, fail);
        return;
      }
      list = [];
      ix.notices.forEach(function (n, i) {
        if ((s.unit && n.unit !== s.unit) || (s.level && n.level !== s.level) || (s.year && n.year !== s.year) ||
          (s.body && n.body !== s.body) || (s.round && n.round !== s.round)) return;
        list.push({ n: n, i: i });
      });
      list.sort(order(s.sort));
      upto = 0;
      shown.clear();
      show();
    }

    shown.more.addEventListener("click", show);
    form.addEventListener("change", function (e) {
      if (e.target.tagName === "SELECT") e.target.removeAttribute("data-pending");
      apply(); toURL(true);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); toURL(true); });
    form.addEventListener("reset", function () {
      NAMES.forEach(function (n) { el(n).removeAttribute("data-pending"); });
      setTimeout(function () { apply(); toURL(true); }, 0);
    });
    window.addEventListener("popstate", function () { fromURL(); apply(); });
    fromURL();
    apply();
    loadIndex(D.index, function (x) { if (!ix) { ix = x; options(); } }, fail);
  }

  // A table wider than its .table-wrap scrolls in it: make the box a
  // focusable, named region then (and only then), named by the table's
  // caption or the heading before it.
  var wraps = [];
  function label(w) {
    var c = w.querySelector("caption");
    if (c && c.textContent.trim()) return c.textContent.trim();
    for (var e = w.previousElementSibling; e; e = e.previousElementSibling) {
      if (/^H[1-6]$/.test(e.tagName)) return e.textContent.trim();
    }
    var s = w.closest("section");
    var h = s && s.querySelector("h1, h2, h3");
    if (h) return h.textContent.trim();
    var h1 = document.querySelector("h1");
    return h1 ? h1.textContent.trim() : "";
  }
  function scrollables() {
    wraps.forEach(function (w) {
      if (w.scrollWidth > w.clientWidth + 1) {
        w.setAttribute("tabindex", "0");
        w.setAttribute("role", "region");
        w.setAttribute("aria-label", label(w) + "（表格，可左右滑动）");
        w.classList.add("scrolls");
      } else if (w.classList.contains("scrolls")) {
        w.removeAttribute("tabindex");
        w.removeAttribute("role");
        w.removeAttribute("aria-label");
        w.classList.remove("scrolls");
      }
    });
  }
  function watchScrollables() {
    wraps = Array.prototype.slice.call(document.querySelectorAll(".table-wrap"));
    if (!wraps.length) return;
    scrollables();
    var pending;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(scrollables, 100);
    });
    // The larger-text switch changes widths without a resize.
    new MutationObserver(scrollables).observe(root, { attributes: true, attributeFilter: ["class"] });
  }

  function ready() { textSize(); watchScrollables(); issueFilters(); noticeFilters(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
