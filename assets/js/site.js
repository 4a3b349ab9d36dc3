// The site's only script. It only enhances: every page works without it.
// 1. The larger-text switch (remembered in localStorage). This file is loaded
//    in <head> without defer so the saved size applies before the first paint.
// 2. The filters of /issues/: <form id="filters"> hides non-matching rows
//    (attribute hidden), keeps its state in the URL query (notice, area,
//    category, status, accountability, overdue, q) and announces the result
//    count. The checkbox overdue (value "1") keeps rows with data-overdue="1".
//    The keyword box takes words separated by spaces, each to be found in
//    the problem's title, measures, area or category (all of them: AND),
//    compared after NFKC (full-width digits and letters match their ASCII
//    forms); it waits while an input method composes (拼音 is not yet the
//    word). The filters fold into 筛选 (<details>), open on wide screens.
// 3. Tables wider than their box scroll sideways in it; the box is then
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

  var NAMES = ["notice", "area", "category", "status", "accountability", "overdue", "q"];

  // The value of a control: a checkbox's value when checked, else "".
  function value(el) {
    if (!el) return "";
    if (el.type === "checkbox") return el.checked ? el.value : "";
    return el.value.trim();
  }

  // fold is how the keyword box compares texts: NFKC, then lower case.
  function fold(s) {
    s = String(s || "");
    if (s.normalize) s = s.normalize("NFKC");
    return s.toLowerCase();
  }

  // words splits a query into its words (NFKC makes a full-width space a
  // space).
  function words(q) {
    return fold(q).split(/\s+/).filter(function (w) { return w !== ""; });
  }

  function filters() {
    var form = document.getElementById("filters");
    var count = document.getElementById("result-count");
    if (!form || !count) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-issue]"));
    var template = count.getAttribute("data-template") || "显示 {shown} / {total} 个问题";
    // What the keyword box searches in each row, folded once.
    var texts = rows.map(function (tr) {
      var d = tr.dataset;
      return fold([d.text || tr.textContent, d.area, d.category].join(" "));
    });
    var box = document.getElementById("filters-box");
    var active = document.getElementById("filters-active");
    form.hidden = false;

    function state() {
      var s = {};
      NAMES.forEach(function (n) { s[n] = value(form.elements[n]); });
      return s;
    }

    function fromURL() {
      var p = new URLSearchParams(location.search);
      NAMES.forEach(function (n) {
        var el = form.elements[n];
        if (!el) return;
        var v = p.get(n) || "";
        if (el.type === "checkbox") { el.checked = v === el.value; return; }
        if (el.tagName === "SELECT" && v && !Array.prototype.some.call(el.options, function (o) { return o.value === v; })) v = "";
        el.value = v;
      });
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

    function apply() {
      var s = state();
      var q = words(s.q);
      var shown = 0;
      rows.forEach(function (tr, i) {
        var d = tr.dataset;
        var ok = (!s.notice || d.notice === s.notice) &&
          (!s.area || d.area === s.area) &&
          (!s.category || d.category === s.category) &&
          (!s.status || d.status === s.status) &&
          (!s.accountability || (d.accountability || "").split(" ").indexOf(s.accountability) >= 0) &&
          (!s.overdue || d.overdue === "1") &&
          q.every(function (w) { return texts[i].indexOf(w) >= 0; });
        tr.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
      var n = NAMES.filter(function (k) { return s[k]; }).length;
      if (active) active.textContent = n ? (active.getAttribute("data-template") || "（{n}）").replace("{n}", n) : "";
      return n;
    }

    var timer;
    var composing = false;
    function keyword() {
      apply();
      clearTimeout(timer);
      timer = setTimeout(function () { toURL(false); }, 300);
    }
    form.addEventListener("change", function (e) {
      if (e.target.name === "q") return;
      apply(); toURL(true);
    });
    // An input method sends input events while the reader is still
    // choosing (拼音 letters, candidates): the rows and the count wait for
    // compositionend, which some browsers send after the last input event.
    form.addEventListener("compositionstart", function (e) {
      if (e.target.name === "q") composing = true;
    });
    form.addEventListener("compositionend", function (e) {
      if (e.target.name !== "q") return;
      composing = false;
      keyword();
    });
    form.addEventListener("input", function (e) {
      if (e.target.name !== "q" || composing || e.isComposing) return;
      keyword();
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); toURL(true); });
    form.addEventListener("reset", function () {
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
    }
  }

  // A table wider than its .table-wrap scrolls in it: make the box a
  // focusable, named region then (and only then), named by the table's
  // caption or the heading before it.
  function scrollables() {
    var wraps = Array.prototype.slice.call(document.querySelectorAll(".table-wrap"));
    if (!wraps.length) return;
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
    function mark() {
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
    mark();
    var pending;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(mark, 100);
    });
    // The larger-text switch changes widths without a resize.
    new MutationObserver(mark).observe(root, { attributes: true, attributeFilter: ["class"] });
  }

  function ready() { textSize(); filters(); scrollables(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
