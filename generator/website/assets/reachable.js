// What the theme's script adds to a page after it loads, made reachable and named for assistive
// technology: each code block's copy button sits in a <nav> of its own, which would make dozens of
// unnamed landmarks, so it is not a landmark; a table wider than the screen scrolls inside a box
// that the keyboard can reach, a group named by the table's heading (a heading may have several
// tables, and landmarks need names of their own). A release grid is measured when it is opened.
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
  function fix(root) {
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
    root.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (wrap) {
      if (wrap.scrollWidth <= wrap.clientWidth) return;
      var named = heading(wrap);
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "group");
      if (named) wrap.setAttribute("aria-labelledby", named.id);
    });
  }
  var pending = false;
  function later() {  // once per frame, however many changes the theme makes
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; fix(document); });
  }
  function start() {
    fix(document);
    new MutationObserver(later).observe(document.body, { childList: true, subtree: true });
    window.addEventListener("resize", later);
    document.addEventListener("toggle", later, true);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
