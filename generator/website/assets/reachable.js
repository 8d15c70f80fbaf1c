// What the theme's script adds to a page after it loads, made reachable and named for assistive
// technology: each code block's copy button sits in a <nav> of its own, which would make dozens of
// unnamed landmarks, so it is not a landmark; a table wider than its column scrolls inside a box
// that the keyboard can reach, a group named by the table's heading (a heading may have several
// tables, and landmarks need names of their own). Boxes are measured as the browser lays them out
// (a grid of releases when it is opened, every box when the window is resized), never before.
(function () {
  "use strict";
  function heading(element) {
    for (var node = element; node && node !== document.body; node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[1-6]$/.test(before.tagName) && before.id) return before;
      }
    }
    return null;
  }
  function reach(wrap) {
    var wide = wrap.scrollWidth > wrap.clientWidth;
    if (wide === wrap.hasAttribute("tabindex")) return;
    if (wide) {
      var named = heading(wrap);
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "group");
      if (named) wrap.setAttribute("aria-labelledby", named.id);
    } else {
      ["tabindex", "role", "aria-labelledby"].forEach(function (name) { wrap.removeAttribute(name); });
    }
  }
  var sizes = new ResizeObserver(function (changes) {
    changes.forEach(function (change) { reach(change.target); });
  });
  function fix() {
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
    document.querySelectorAll(".md-typeset__scrollwrap:not([data-measured])").forEach(function (wrap) {
      wrap.setAttribute("data-measured", "");
      sizes.observe(wrap);
    });
  }
  var pending = false;
  function later() {  // once per frame, however many changes the theme makes
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; fix(); });
  }
  function start() {
    fix();
    new MutationObserver(later).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
