// The site's script, on every page. It only enhances: every page works
// without it.
// 1. The larger-text switch (remembered in localStorage). This file is loaded
//    in <head> without defer so the saved size applies before the first paint.
// 2. Tables wider than their box scroll sideways in it; the box is then
//    made focusable and named, so that keyboards and screen readers reach
//    the columns out of sight (again on resize: filters.js, which shows
//    other rows, sends one).
// The filters of /issues/ and the notices index are in filters.js, loaded
// by those pages alone; the search in search.js, loaded by /search/.
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

  function ready() { textSize(); watchScrollables(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
