// The filters of the lists of many notices, loaded only by /issues/ and the
// notices index (/notices/). They only enhance: without JavaScript the
// pages list a page at a time and link their filter pages.
//
// Both read the index of the notices, in pieces (the form's data-index:
// /notices/index.json, then /notices/page/N/index.json; see
// layouts/_partials/func/notices-index.html), find what matches the
// filters, and show it a page at a time (data-page-size) in place of the
// page's own rows, with a button for more. The state is in the URL query;
// the count is announced (aria-live). The filters fold into a <details>,
// open on wide screens and when a filter is set; the index is loaded when
// it opens (the choices of the filters come with it) or a filter is set.
//
// /issues/ (<form id="filters">): notice, unit, level, year (the
// notice's), area, category (once a notice is chosen: categories are each
// notice's own), status, accountability, overdue ("1"). The rows are those
// of the notices' rows.json (the markup of issue-row.html). The keyword box
// leads to the search page with the filters it knows.
//
// /notices/ (<form id="notice-filters">): unit, level, year, body, round,
// and the order (sort).
(function () {
  "use strict";
  var index;

  function json(u) {
    return fetch(u).then(function (r) {
      if (!r.ok) throw new Error(u + ": " + r.status);
      return r.json();
    });
  }

  // pairs turns a flat list number, value, number, value… into a map.
  function pairs(a) {
    var m = {};
    for (var i = 0; i + 1 < a.length; i += 2) m[a[i]] = a[i + 1];
    return m;
  }

  function load(url) {
    return index || (index = json(url).then(function (first) {
      var rest = [];
      for (var k = 2; k <= first.pages; k++) rest.push(json(url.replace(/index\.json$/, "page/" + k + "/index.json")));
      return Promise.all(rest).then(function (pieces) {
        first.notices = first.notices.concat.apply(first.notices, pieces.map(function (p) { return p.notices; }));
        first.notices.forEach(function (n) {
          n.areaOf = pairs(n.areas);
          n.kindOf = pairs(n.k);
          n.late = {};
          n.o.forEach(function (x) { n.late[x] = 1; });
        });
        return first;
      });
    }));
  }

  function value(el) {
    return el.type === "checkbox" ? (el.checked ? el.value : "") : el.value.trim() || el.getAttribute("data-pending") || "";
  }

  // set sets a control to v; a select without that option yet keeps it for
  // when the option comes (data-pending).
  function set(el, v) {
    if (el.type === "checkbox") { el.checked = v === el.value; return; }
    el.removeAttribute("data-pending");
    el.value = v;
    if (v && el.value !== v) { el.value = ""; el.setAttribute("data-pending", v); }
  }

  function option(el, v, text) {
    if (v && !Array.prototype.some.call(el.options, function (o) { return o.value === v; })) {
      el.add(new Option(text || v, v));
      if (el.getAttribute("data-pending") === v) set(el, v);
    }
  }

  function fill(t, o) { return t.replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }

  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }

  // Filters runs a form of filters (o: form, count, table, more, pager,
  // names, find(state, ix, done(list)), rows(list items, done(html)),
  // options(ix), before(state, ix, done)).
  function Filters(o) {
    var form = o.form, D = form.dataset, size = +D.pageSize || 100;
    var tbody = o.table.tBodies[0], own = Array.prototype.slice.call(tbody.children), said = o.count.textContent;
    // The title says that filters are set ("全部问题（已选 2 项） - …"), so
    // that tabs, history and bookmarks tell a filtered list apart.
    var title = document.title, cut = title.lastIndexOf(" - ");
    if (cut < 0) cut = title.length;
    var ix, list = [], upto = 0, seq = 0, ignored = [];
    var el = function (n) { return form.elements[n]; };
    form.hidden = false;

    function state() {
      var s = {};
      o.names.forEach(function (n) { s[n] = value(el(n)); });
      if (o.fix) o.fix(s);
      return s;
    }
    function url() {
      var s = state(), p = new URLSearchParams();
      o.names.forEach(function (n) { if (s[n]) p.set(n, s[n]); });
      return location.pathname + (p.toString() ? "?" + p : "") + location.hash;
    }
    function fromURL() {
      var p = new URLSearchParams(location.search);
      o.names.forEach(function (n) { set(el(n), p.get(n) || ""); });
    }
    // busy marks the table aria-busy from a change until its rows are in
    // (assistive technology waits; so do the tests), and while a change
    // waits to be applied (resting).
    var resting, waiting = false;
    function busy(on) { if (on) o.table.setAttribute("aria-busy", "true"); else if (!waiting) o.table.removeAttribute("aria-busy"); }
    function fail() { o.count.textContent = D.error; busy(false); }
    function resized() { dispatchEvent(new Event("resize")); } // site.js marks tables that scroll
    function clear() { while (tbody.firstChild) tbody.removeChild(tbody.firstChild); }
    function counted(n) { return fill(D.filtered, { matched: n, shown: upto, total: D.total || (ix && ix.notices.length) }) + note(); }

    // unknown drops the values of a link that no choice has, once the
    // choices are in (they wait in data-pending until then): an old or
    // mistyped link must not show 0 rows with every filter reading 全部.
    // note says which were dropped, beside the count.
    function unknown() {
      var dropped = false;
      o.names.forEach(function (n) {
        var e = el(n), v = e.getAttribute("data-pending");
        if (!v) return;
        ignored.push(form.querySelector('label[for="' + e.id + '"]').textContent.trim() + "“" + v + "”");
        e.removeAttribute("data-pending");
        dropped = true;
      });
      if (dropped) history.replaceState(null, "", url());
      return dropped;
    }
    function note() { return ignored.length ? " " + fill(D.ignored, { what: ignored.join("、") }) : ""; }

    // more shows the next rows; asked by the 显示更多 button (focus), it
    // moves the focus to the first new row, as the search page does: the
    // button moves below them, or hides after the last.
    function more(my, focus) {
      var page = list.slice(upto, upto + size);
      busy(true);
      o.rows(page, function (html) {
        if (my !== seq) return;
        busy(false);
        var first = tbody.children.length;
        tbody.insertAdjacentHTML("beforeend", html);
        var a = focus && tbody.children[first] && tbody.children[first].querySelector("a");
        if (a) a.focus();
        upto += page.length;
        o.more.hidden = upto >= list.length;
        o.count.textContent = counted(list.length);
        resized();
      }, fail);
    }

    function ready(then) {
      if (ix) { then(); return; }
      load(D.index).then(function (x) { if (!ix) { ix = x; o.options(ix, el); } then(); }, fail);
    }

    function apply() {
      var s = state(), my = ++seq;
      var n = o.names.filter(function (k) { return s[k]; }).length;
      // An order is not a filter: sorted alone, the list is still all of it.
      var m = n - !!s.sort;
      busy(true);
      var active = m && o.active ? fill(o.active.getAttribute("data-template"), { n: m }) : "";
      if (o.active) o.active.textContent = active;
      document.title = title.slice(0, cut) + active + title.slice(cut);
      if (!n) {
        clear();
        o.table.hidden = false;
        own.forEach(function (r) { tbody.appendChild(r); });
        o.more.hidden = true;
        if (o.pager) o.pager.hidden = false;
        o.count.textContent = said + note();
        if (o.before && ix) o.before(s, ix, el, function () {});
        busy(false);
        return 0;
      }
      if (!ix) o.count.textContent = D.loading || "";
      ready(function () {
        o.before(s, ix, el, function () {
          if (my !== seq) return;
          if (unknown()) { apply(); return; }
          list = o.find(state(), ix);
          upto = 0;
          clear();
          // No rows: no table head over nothing; the count says 0.
          o.table.hidden = !list.length;
          if (o.pager) o.pager.hidden = true;
          if (list.length) more(my);
          else { o.more.hidden = true; o.count.textContent = counted(0); busy(false); resized(); }
        }, fail);
      });
      return n;
    }

    // The box folds on phones; it opens on wide screens and wherever a
    // filter is set (a shared link): a reader must see what hides rows.
    // The choices come with the index, loaded when the box opens.
    function fold(on) {
      var box = form.querySelector("details"), wide = matchMedia("(min-width: 48rem)");
      box.addEventListener("toggle", function () { if (box.open) ready(apply); });
      box.open = on > 0 || wide.matches;
      wide.addEventListener("change", function (m) { if (m.matches) box.open = true; });
    }

    o.more.addEventListener("click", function () { more(seq, true); });
    // A keyboard steps through a closed select's choices one change at a
    // time: the rows, the count (a live region) and the history follow once
    // it rests, not at every step.
    form.addEventListener("change", function (e) {
      if (o.change) o.change(e.target, el);
      if (e.target.name === "q") return;
      e.target.removeAttribute("data-pending");
      ignored = [];
      busy(true);
      waiting = true;
      clearTimeout(resting);
      resting = setTimeout(function () {
        waiting = false;
        apply();
        var u = url();
        if (u !== location.pathname + location.search + location.hash) history.pushState(null, "", u);
      }, e.target.tagName === "SELECT" ? 300 : 0);
    });
    form.addEventListener("reset", function () {
      ignored = [];
      o.names.forEach(function (n) { el(n).removeAttribute("data-pending"); });
      setTimeout(function () { apply(); history.pushState(null, "", url()); }, 0);
    });
    window.addEventListener("popstate", function () { ignored = []; fromURL(); apply(); });
    fromURL();
    fold(apply());
    return { state: state, el: el };
  }

  function issues() {
    var form = document.getElementById("filters");
    if (!form) return;
    var D = form.dataset, rowsOf = {}, catsOf = {};
    var hint = document.getElementById("f-category-hint");
    function rows(n) { return rowsOf[n.id] || (rowsOf[n.id] = json(n.rows)); }
    function byId(ix, id) { return ix.notices.filter(function (n) { return n.id === id; })[0]; }
    var f = Filters({
      form: form, count: document.getElementById("result-count"), table: document.getElementById("issues"),
      more: document.getElementById("issues-more"), pager: document.getElementById("issues-pager"),
      active: document.getElementById("filters-active"),
      names: ["notice", "unit", "level", "year", "area", "category", "status", "accountability", "overdue"],
      fix: function (s) { if (!s.notice) s.category = ""; },
      change: function (t, el) { if (t.name === "notice") set(el("category"), ""); },
      options: function (ix, el) {
        var years = [];
        ix.notices.forEach(function (n) {
          // Two rounds of one unit may give their notices one title: the
          // date tells them apart.
          option(el("notice"), n.id, n.date ? n.title + "（" + n.date + "）" : n.title);
          option(el("unit"), n.unit);
          if (years.indexOf(n.year) < 0) years.push(n.year);
          for (var a in n.areaOf) option(el("area"), n.areaOf[a]);
        });
        years.sort().reverse().forEach(function (y) { option(el("year"), y); });
      },
      // before fills the category filter with the chosen notice's.
      before: function (s, ix, el, done, fail) {
        var c = el("category"), n = s.notice && byId(ix, s.notice), id = n ? n.id : "";
        c.disabled = !n;
        if (hint) hint.hidden = !!n;
        (n ? rows(n) : Promise.resolve({ categories: [] })).then(function (r) {
          catsOf[id] = pairs(r.categories);
          if (c.getAttribute("data-for") !== id) {
            c.setAttribute("data-for", id);
            while (c.options.length > 1) c.remove(1);
            for (var i = 1; i < r.categories.length; i += 2) option(c, r.categories[i]);
          }
          done();
        }, fail);
      },
      find: function (s, ix) {
        var out = [], si = ix.statuses.indexOf(s.status), ki = ix.kinds.indexOf(s.accountability);
        ix.notices.forEach(function (n) {
          if ((s.notice && n.id !== s.notice) || (s.unit && n.unit !== s.unit) || (s.level && n.level !== s.level) || (s.year && n.year !== s.year)) return;
          var cats = catsOf[n.id] || {};
          for (var i = 0; i < n.n; i++) {
            var k = i + 1;
            if ((s.status && +n.s.charAt(i) !== si) || (s.area && n.areaOf[n.a[i]] !== s.area) || (s.category && cats[n.c[i]] !== s.category) ||
              (s.overdue && !n.late[k]) || (s.accountability && !((n.kindOf[k] || 0) & (1 << ki)))) continue;
            out.push([n, k]);
          }
        });
        return out;
      },
      rows: function (page, done, fail) {
        Promise.all(page.map(function (m) { return rows(m[0]).then(function (r) { return r.rows[m[1] - 1]; }); }))
          .then(function (rs) { done(rs.join("")); }, fail);
      }
    });
    // The keyword box: to the search page, with the filters.
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var s = f.state(), p = new URLSearchParams(), q = f.el("q").value.trim();
      if (q) p.set("q", q);
      for (var n in s) if (s[n]) p.set(n, s[n]);
      location.href = D.search + (p.toString() ? "?" + p : "");
    });
  }

  function notices() {
    var form = document.getElementById("notice-filters");
    if (!form) return;
    var D = form.dataset, table = document.getElementById("notices");
    var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return esc(c.textContent); });
    var zh = function (a, b) { return (a || "\uffff").localeCompare(b || "\uffff", "zh-Hans-CN"); };
    // prov: the words that say where an inferred value comes from, as the
    // pages show them (notice-row.html), or nothing.
    function prov(words) {
      return words ? '<span class="prov">' + esc(words) + "</span>" : "";
    }
    function td(i, href, text, extra) {
      text = esc(text || D.unstated);
      return '<td data-label="' + heads[i] + '"' + (i === 6 ? ' class="n"' : "") + ">" + (href ? '<a href="' + esc(href) + '">' + text + "</a>" : text) + (extra || "") + "</td>";
    }
    var f = Filters({
      form: form, count: document.getElementById("notice-count"), table: table,
      more: document.getElementById("notices-more"), pager: form.parentNode.querySelector(".pager"),
      active: form.querySelector(".filters-active"),
      names: ["unit", "level", "year", "body", "round", "sort"],
      options: function (ix, el) {
        var years = [];
        ix.notices.forEach(function (n) {
          ["unit", "body", "round"].forEach(function (k) { option(el(k), n[k]); });
          if (years.indexOf(n.year) < 0) years.push(n.year);
        });
        years.sort().reverse().forEach(function (y) { option(el("year"), y); });
      },
      before: function (s, ix, el, done) { done(); },
      find: function (s, ix) {
        var out = ix.notices.filter(function (n) {
          return ["unit", "level", "year", "body", "round"].every(function (k) { return !s[k] || n[k] === s[k]; });
        });
        var k = s.sort, at = function (n) { var i = ix.levels.indexOf(n.level); return i < 0 ? 99 : i; };
        var pos = function (n) { return ix.notices.indexOf(n); };
        return out.sort(function (a, b) {
          return (k === "level" ? at(a) - at(b) : k === "year" ? zh(b.year, a.year) : k ? zh(a[k], b[k]) : 0) || pos(a) - pos(b);
        });
      },
      rows: function (page, done) {
        done(page.map(function (n) {
          return '<tr data-notice="' + esc(n.id) + '">' +
            td(0, n.url, n.title, "<br><small>" + esc(n.issuer + " · " + n.date) + "</small>") +
            td(1, n.unitUrl, n.unit) +
            td(2, n.levelUrl, n.level, prov(n.levelWords)) +
            td(3, n.yearUrl, n.year) + td(4, n.bodyUrl, n.body) + td(5, n.roundUrl, n.round, prov(n.roundWords)) + td(6, n.issues, String(n.n)) + "</tr>";
        }).join(""));
      }
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  }

  issues();
  notices();
})();
