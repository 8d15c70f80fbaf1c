// "Your versions" on the home page: the reader's TensorFlow, tensorflow_hub and Keras, chosen in the
// lists or read from what `pip freeze` or `pip list` printed, answered from the release sweep's
// results embedded in the page (.versions-data, made by generator/render/your_versions.py). The
// words are the catalog's, as pieces; text is written as text, never as HTML. The choice is kept
// as Material keeps the code tabs' (__md_get/__md_set).
(function () {
  "use strict";

  var KEY = "__versions";
  var FREEZE = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([^\s;#,]+)/;
  var COLUMNS = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s+(\d[0-9A-Za-z.!+_-]*)(?:\s+\S.*)?$/;
  var PINNED_ELSEWHERE = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*@\s*\S/;
  var HEADER = /^package\s+version(\s.*)?$/i;
  var RULE = /^-+(\s+-+)+$/;
  var OPTION = /^-/;
  var RELEASE = /^v?(\d+)\.(\d+)(?:\.(\d+))?/;
  var SHOWN_LINE = 80;
  var SUGGESTIONS = 2;
  var STATUS = { w: "works", f: "fails", i: "unimportable", n: "uninstallable", "?": "unverified" };

  function release(version) {
    var match = RELEASE.exec(version || "");
    return match ? [+match[1], +match[2], +(match[3] || 0)] : null;
  }

  function compare(a, b) {
    for (var i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  }

  function normal(name) {
    return name.toLowerCase().replace(/[-_.]+/g, "-");
  }

  // The swept release answering for a version (releases oldest first): the same one; else, of its
  // minor release, the newest not newer than it or the oldest; else the newest older than it, or
  // the oldest of all.
  function nearest(releases, version) {
    var wanted = release(version);
    var minor = [];
    var older = -1;
    for (var i = 0; i < releases.length; i++) {
      var swept = release(releases[i]);
      var order = compare(swept, wanted);
      if (order === 0) return i;
      if (swept[0] === wanted[0] && swept[1] === wanted[1]) minor.push(i);
      if (order < 0) older = i;
    }
    if (minor.length) return older >= minor[0] ? older : minor[0];
    return older >= 0 ? older : 0;
  }

  function parse(text, data) {
    var found = { packages: {}, order: [], ignored: 0, malformed: [], truncated: text.length > data.limit };
    var wanted = {};
    data.packages.tensorflow.concat([data.packages.hub, data.packages.tf_keras, data.packages.keras])
      .forEach(function (name) { wanted[name] = true; });
    var lines = text.slice(0, data.limit).split(/\r\n|\r|\n/);
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i].trim();
      if (!line || line.charAt(0) === "#" || HEADER.test(line) || RULE.test(line)) continue;
      var match = FREEZE.exec(line) || COLUMNS.exec(line);
      if (!match) {
        var named = PINNED_ELSEWHERE.exec(line);
        if ((named && !wanted[normal(named[1])]) || OPTION.test(line)) found.ignored += 1;
        else found.malformed.push(line);
        continue;
      }
      var name = normal(match[1]);
      if (!wanted[name]) found.ignored += 1;
      else if (!release(match[2])) found.malformed.push(line);
      else if (!(name in found.packages)) {
        found.packages[name] = match[2];
        found.order.push(name);
      }
    }
    found.tensorflow = data.packages.tensorflow.filter(function (name) { return name in found.packages; })[0];
    return found;
  }

  function start() {
    var form = document.querySelector("form.versions");
    var source = form && form.querySelector(".versions-data");
    if (!source) return;
    var data;
    try { data = JSON.parse(source.textContent); } catch (error) { return; }
    if (!data.tensorflow.length || !data.hub.length) return;
    var fields = {
      tensorflow: form.querySelector('select[name="tensorflow"]'),
      hub: form.querySelector('select[name="hub"]'),
      keras: form.querySelector('select[name="keras"]'),
      paste: form.querySelector('textarea[name="paste"]')
    };
    var answer = form.querySelector(".versions-answer");
    var fallback = document.querySelector(".versions-static");
    var compatibility = fallback && fallback.querySelector("a[href]");
    var base = compatibility ? compatibility.getAttribute("href").split("#")[0] : null;
    var keras3 = release(data.keras3);
    var runtimes = {};
    var lang = document.documentElement.lang || undefined;
    var joiner = null;
    try { joiner = new Intl.ListFormat(lang, { type: "conjunction" }); } catch (error) { joiner = null; }
    data.runtimes.forEach(function (runtime) {
      runtimes[runtime.t + ":" + runtime.h + ":" + runtime.k] = runtime;
      var failures = {};
      var next = 0;
      for (var i = 0; i < runtime.r.length; i++) if (runtime.r.charAt(i) === "f") failures[i] = runtime.e[next++];
      runtime.failures = failures;
    });

    function node(tag, className, content) {
      var element = document.createElement(tag);
      if (className) element.className = className;
      if (content !== undefined) element.appendChild(typeof content === "string" ? document.createTextNode(content) : content);
      return element;
    }

    function code(text) {
      return node("code", "", text);
    }

    function say(name, slots) {
      var out = document.createDocumentFragment();
      (data.messages[name] || []).forEach(function (piece) {
        if (piece[0] === "c") out.appendChild(code(piece[1]));
        else if (piece[0] === "s") {
          var value = slots && slots[piece[1]];
          out.appendChild(value && value.nodeType ? value.cloneNode(true) : document.createTextNode(value === undefined ? "" : String(value)));
        } else out.appendChild(document.createTextNode(piece[1]));
      });
      return out;
    }

    // Items joined as the page's language joins a list ("a, b and c"), each kept a node.
    function list(nodes) {
      var out = document.createDocumentFragment();
      var parts = joiner ? joiner.formatToParts(nodes.map(function (item, index) { return String(index); })) : null;
      if (!parts) {
        parts = [];
        nodes.forEach(function (item, index) {
          if (index) parts.push({ type: "literal", value: ", " });
          parts.push({ type: "element", value: String(index) });
        });
      }
      parts.forEach(function (part) {
        out.appendChild(part.type === "element" ? nodes[+part.value] : document.createTextNode(part.value));
      });
      return out;
    }

    function packageName(which) {
      var name = data.names[which];
      return name[1] ? code(name[0]) : document.createTextNode(name[0]);
    }

    function at(t, h, keras) {
      return runtimes[t + ":" + h + ":" + keras] || runtimes[t + ":" + h + ":2"] || runtimes[t + ":" + h + ":3"];
    }

    function usable(runtime) {
      return runtime && runtime.s === "ok";
    }

    // The runtimes where the cell works that are closest to the one answered, with the Keras asked
    // for: one with the same TensorFlow, one with the same tensorflow_hub, else the closest of all.
    function suggestions(cell, runtime, keras) {
      var best = { tensorflow: null, hub: null, any: null };
      function distance(other) {
        return Math.abs(other.t - runtime.t) + Math.abs(other.h - runtime.h) + (other.k === keras ? 0 : 1);
      }
      function better(other, current) {
        if (!current) return true;
        var a = distance(other), b = distance(current);
        if (a !== b) return a < b;
        return other.t !== current.t ? other.t > current.t : other.h > current.h;
      }
      data.runtimes.forEach(function (other) {
        if (other === runtime || other.v.charAt(cell) !== "w") return;
        if (other.t === runtime.t && better(other, best.tensorflow)) best.tensorflow = other;
        if (other.h === runtime.h && better(other, best.hub)) best.hub = other;
        if (better(other, best.any)) best.any = other;
      });
      var chosen = [best.tensorflow, best.hub].filter(Boolean);
      if (!chosen.length && best.any) chosen.push(best.any);
      if (chosen.length === 2 && chosen[0] === chosen[1]) chosen.pop();
      return chosen.slice(0, SUGGESTIONS);
    }

    function label(example, anchor) {
      var text = example[2] ? code(example[1]) : document.createTextNode(example[1]);
      if (!base) return text;
      var link = node("a", "", text);
      link.href = base + "#" + anchor;
      return link;
    }

    function error(index) {
      return code(index >= 0 ? data.errors[index] : "?");
    }

    function releases(runtime) {
      return { tensorflow: data.tensorflow[runtime.t], hub: data.hub[runtime.h], keras: runtime.k };
    }

    function cellItem(cell, index, runtime, keras) {
      var status = runtime.v.charAt(index);
      var item = node("li", "versions-cell");
      item.setAttribute("data-cell", cell[3]);
      item.setAttribute("data-status", status);
      item.appendChild(node("span", "versions-mode", data.modes[cell[2]]));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(node("strong", "versions-status versions-status-" + status, say("status." + STATUS[status])));
      var works = [];
      var fails = [];
      data.examples.forEach(function (example, number) {
        if (example[0] !== index) return;
        var result = runtime.r.charAt(number);
        if (result === "p") works.push(label(example, cell[3]));
        else if (result === "f") fails.push([example, runtime.failures[number]]);
      });
      if (works.length) item.appendChild(node("p", "versions-works", say("works", { labels: list(works) })));
      fails.forEach(function (failure) {
        var what = failure[0][2] ? code(failure[0][1]) : document.createTextNode(failure[0][1]);
        item.appendChild(node("p", "versions-fails", say("fails", { label: what, error: error(failure[1]) })));
      });
      if (status !== "w") {
        var found = suggestions(index, runtime, keras);
        if (!found.length) item.appendChild(node("p", "versions-instead", say("never")));
        found.forEach(function (other) {
          item.appendChild(node("p", "versions-instead", say("would_work", releases(other))));
        });
      }
      return item;
    }

    function cellsOf(runtime, keras) {
      var out = document.createDocumentFragment();
      var format = null;
      var items = null;
      var shown = [-1, -1];
      data.cells.forEach(function (cell, index) {
        if (cell[0] !== shown[0]) {
          format = node("div", "versions-format", node("h3", "", data.formats[cell[0]]));
          out.appendChild(format);
          shown = [cell[0], -1];
        }
        if (cell[1] !== shown[1]) {
          var operation = node("div", "versions-operation", node("h4", "", data.operations[cell[1]]));
          items = node("ul", "versions-cells");
          operation.appendChild(items);
          format.appendChild(operation);
          shown[1] = cell[1];
        }
        items.appendChild(cellItem(cell, index, runtime, keras));
      });
      return out;
    }

    function pairNotes(runtime) {
      var out = document.createDocumentFragment();
      if (runtime.s !== "i" && runtime.s !== "n") return out;
      var where = releases(runtime);
      out.appendChild(node("p", "versions-pair", say(runtime.s === "i" ? "unimportable" : "uninstallable", {
        hub: where.hub, tensorflow: where.tensorflow, error: error(runtime.c)
      })));
      var hubs = [];
      data.hub.forEach(function (hub, h) {
        if (h !== runtime.h && usable(at(runtime.t, h, runtime.k))) hubs.push(h);
      });
      if (hubs.length) {
        out.appendChild(node("p", "versions-instead", say("hub_instead", {
          tensorflow: where.tensorflow,
          releases: list(hubs.map(function (h) { return document.createTextNode(data.hub[h]); }))
        })));
      }
      for (var t = data.tensorflow.length - 1; t >= 0; t--) {
        if (usable(at(t, runtime.h, runtime.k))) {
          out.appendChild(node("p", "versions-instead", say("tensorflow_instead", { hub: where.hub, tensorflow: data.tensorflow[t] })));
          break;
        }
      }
      return out;
    }

    // What to answer for: the releases as given (a paste's exact versions, or the lists'), the Keras
    // asked for, and what a paste said about itself.
    function answerFor(choice) {
      var notes = choice.notes || [];
      var t = nearest(data.tensorflow, choice.tensorflow);
      var h = nearest(data.hub, choice.hub);
      var keras = choice.keras;
      var before3 = compare(release(choice.tensorflow), keras3) < 0;
      if (before3) {
        if (keras === "3") notes.push(["keras_builtin", { version: choice.tensorflow }]);
        keras = "2";
      }
      var runtime = at(t, h, keras);
      var out = document.createDocumentFragment();
      notes.forEach(function (note) { out.appendChild(node("p", "versions-note", say(note[0], note[1]))); });
      answer.removeAttribute("data-runtime");
      if (!runtime) return out;
      if (data.tensorflow[t] !== choice.tensorflow) {
        out.appendChild(node("p", "versions-note", say("nearest", { package: packageName("tensorflow"), version: choice.tensorflow, swept: data.tensorflow[t] })));
      }
      if (data.hub[h] !== choice.hub) {
        out.appendChild(node("p", "versions-note", say("nearest", { package: packageName("hub"), version: choice.hub, swept: data.hub[h] })));
      }
      var answered = releases(runtime);
      if (runtime.k !== keras && !usable(runtime)) answered.keras = keras;
      out.appendChild(node("p", "versions-answered", say("answered", answered)));
      answer.setAttribute("data-runtime", runtime.id);
      out.appendChild(pairNotes(runtime));
      out.appendChild(cellsOf(runtime, keras));
      return out;
    }

    function show(content) {
      while (answer.firstChild) answer.removeChild(answer.firstChild);
      answer.appendChild(content);
    }

    function remember() {
      if (typeof __md_set === "function") {
        __md_set(KEY, { tensorflow: fields.tensorflow.value, hub: fields.hub.value, keras: fields.keras.value });
      }
    }

    function fromLists() {
      show(answerFor({ tensorflow: fields.tensorflow.value, hub: fields.hub.value, keras: fields.keras.value }));
    }

    function pasteNotes(found) {
      var notes = [];
      if (found.truncated) notes.push(["truncated", { limit: data.limit.toLocaleString(lang) }]);
      if (found.order.length) {
        notes.push(["found", { packages: list(found.order.map(function (name) { return code(name + "==" + found.packages[name]); })) }]);
      }
      if (found.ignored) notes.push(["ignored", { count: found.ignored.toLocaleString(lang) }]);
      if (found.malformed.length) {
        var first = found.malformed[0];
        notes.push(["malformed", {
          count: found.malformed.length.toLocaleString(lang),
          line: code(first.length > SHOWN_LINE ? first.slice(0, SHOWN_LINE - 1) + "…" : first)
        }]);
      }
      if (!found.tensorflow) notes.push(["missing_tensorflow", {}]);
      if (!(data.packages.hub in found.packages)) notes.push(["missing_hub", {}]);
      return notes;
    }

    function fromPaste() {
      var text = fields.paste.value;
      if (!/\S/.test(text.slice(0, data.limit))) { fromLists(); return; }
      var found = parse(text, data);
      var notes = pasteNotes(found);
      var tensorflow = found.tensorflow && found.packages[found.tensorflow];
      var hub = found.packages[data.packages.hub];
      if (!tensorflow || !hub) {
        var out = document.createDocumentFragment();
        notes.forEach(function (note) { out.appendChild(node("p", "versions-note", say(note[0], note[1]))); });
        answer.removeAttribute("data-runtime");
        show(out);
        return;
      }
      var keras = "2";
      if (compare(release(tensorflow), keras3) >= 0) {
        var legacy = data.packages.tf_keras in found.packages;
        keras = legacy ? "2" : "3";
        notes.push([legacy ? "keras_legacy" : "keras_3", { version: data.keras3 }]);
      }
      fields.tensorflow.value = data.tensorflow[nearest(data.tensorflow, tensorflow)];
      fields.hub.value = data.hub[nearest(data.hub, hub)];
      fields.keras.value = keras;
      remember();
      show(answerFor({ tensorflow: tensorflow, hub: hub, keras: keras, notes: notes }));
    }

    function restore() {
      var kept = typeof __md_get === "function" ? __md_get(KEY) : null;
      var newest = data.tensorflow[data.tensorflow.length - 1];
      var chosen = {
        tensorflow: newest,
        hub: data.hub[data.hub.length - 1],
        keras: compare(release(newest), keras3) < 0 ? "2" : "3"
      };
      if (kept && typeof kept === "object") {
        if (data.tensorflow.indexOf(kept.tensorflow) >= 0) chosen.tensorflow = kept.tensorflow;
        if (data.hub.indexOf(kept.hub) >= 0) chosen.hub = kept.hub;
        if (kept.keras === "2" || kept.keras === "3") chosen.keras = kept.keras;
      }
      fields.tensorflow.value = chosen.tensorflow;
      fields.hub.value = chosen.hub;
      fields.keras.value = chosen.keras;
    }

    ["tensorflow", "hub", "keras"].forEach(function (name) {
      fields[name].addEventListener("change", function () {
        remember();
        fromLists();
      });
    });
    fields.paste.addEventListener("input", fromPaste);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    restore();
    fromLists();
    form.hidden = false;
    if (fallback) fallback.hidden = true;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
