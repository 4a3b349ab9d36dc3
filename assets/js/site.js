// The site's only script. It only enhances: every page works without it.
// 1. The larger-text switch (remembered in localStorage). This file is loaded
//    in <head> without defer so the saved size applies before the first paint.
// 2. The filters of /issues/: <form id="filters"> hides non-matching rows
//    (attribute hidden), keeps its state in the URL query (notice, area,
//    category, status, accountability, overdue, q) and announces the result
//    count. The checkbox overdue (value "1") keeps rows with data-overdue="1".
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

  function filters() {
    var form = document.getElementById("filters");
    var count = document.getElementById("result-count");
    if (!form || !count) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-issue]"));
    var template = count.getAttribute("data-template") || "显示 {shown} / {total} 个问题";
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
      var q = s.q.toLowerCase();
      var shown = 0;
      rows.forEach(function (tr) {
        var d = tr.dataset;
        var ok = (!s.notice || d.notice === s.notice) &&
          (!s.area || d.area === s.area) &&
          (!s.category || d.category === s.category) &&
          (!s.status || d.status === s.status) &&
          (!s.accountability || (d.accountability || "").split(" ").indexOf(s.accountability) >= 0) &&
          (!s.overdue || d.overdue === "1") &&
          (!q || (d.text || tr.textContent).toLowerCase().indexOf(q) >= 0);
        tr.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
    }

    var timer;
    form.addEventListener("change", function (e) {
      if (e.target.name === "q") return;
      apply(); toURL(true);
    });
    form.addEventListener("input", function (e) {
      if (e.target.name !== "q") return;
      apply();
      clearTimeout(timer);
      timer = setTimeout(function () { toURL(false); }, 300);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); toURL(true); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(); toURL(true); }, 0);
    });
    window.addEventListener("popstate", function () { fromURL(); apply(); });
    fromURL();
    apply();
  }

  function ready() { textSize(); filters(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
