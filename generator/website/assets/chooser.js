// The home page's chooser works with CSS alone; this only shares the mode with the code tabs:
// it starts on the mode the reader last chose in a tab, and a mode chosen here selects those tabs.
// Material keeps that choice as a list of tab labels, the latest first (__md_get/__md_set).
(function () {
  "use strict";
  function start() {
    var chooser = document.querySelector(".chooser");
    if (!chooser || typeof __md_get !== "function") return;
    var modes = Array.prototype.slice.call(chooser.querySelectorAll('input[name="mode"]'));
    var chosen = __md_get("__tabs") || [];
    for (var i = 0; i < chosen.length; i++) {
      var match = modes.filter(function (input) { return input.value === chosen[i]; })[0];
      if (match) { match.checked = true; break; }
    }
    modes.forEach(function (input) {
      input.addEventListener("change", function () {
        var rest = (__md_get("__tabs") || []).filter(function (label) { return label !== input.value; });
        __md_set("__tabs", [input.value].concat(rest));
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
