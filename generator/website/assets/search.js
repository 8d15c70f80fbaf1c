// The site's search box: this language's Pagefind index (../pagefind/, written by the build),
// loaded on first use and shown in Material's header dropdown. Keys as in Material: "/", "s" or
// "f" focus the box; Up and Down pick a result, Enter opens it, Escape closes the list.
// Tab goes on from the box into the list (one stop: the picked result, or the first), where Up and
// Down move between results, Enter opens one, Escape closes the list and returns to the box, and
// typing goes back to the box. Results come from `input` events, which also fire for text
// inserted without key presses.

const RESULTS = 10;  // pages listed, each with up to SECTIONS of its sections
const SECTIONS = 3;

const box = document.querySelector("[data-site-search]");
const opener = document.querySelector("[data-site-search-open]");
const toggle = document.getElementById("__search");  // Material's: checked shows the dropdown

if (box && toggle) {
  const input = box.querySelector("input");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  let engine = null;
  let ready = false;
  let latest = 0;
  let options = [];
  let selected = -1;
  let returning = false;  // focus comes back to the box from the list: the list stays closed

  const load = () => {
    engine ??= import("../pagefind/pagefind.js").then(async (pagefind) => {
      await pagefind.init();
      ready = true;
      return pagefind;
    }, (error) => {
      engine = null;  // the next search tries again
      throw error;
    });
    return engine;
  };

  const open = (shown) => {
    toggle.checked = shown;
    input.setAttribute("aria-expanded", String(shown));
    if (!shown) select(-1);
    reachable();
  };

  // While the list is open, Tab reaches one result: the picked one, or the first. A closed list is
  // only faded out by the theme, so its results must leave the tab order.
  const reachable = () => {
    const stop = toggle.checked ? Math.max(selected, 0) : -1;
    options.forEach((option, index) => { option.tabIndex = index === stop ? 0 : -1; });
  };

  // `focus`: the result takes the keyboard focus (the reader is in the list); otherwise the box
  // keeps it and points at the result.
  const select = (index, focus = false) => {
    options[selected]?.setAttribute("aria-selected", "false");
    selected = index;
    const option = options[selected];
    if (option) {
      option.setAttribute("aria-selected", "true");
      option.scrollIntoView({ block: "nearest" });
      if (focus) option.focus();
    }
    if (option && !focus) input.setAttribute("aria-activedescendant", option.id);
    else input.removeAttribute("aria-activedescendant");
    reachable();
  };

  const back = () => {
    returning = true;
    input.focus();
    returning = false;
  };

  const counted = (count) => {
    if (count === 0) return box.dataset.none;
    if (count === 1) return box.dataset.one;
    return box.dataset.other.replace("#", String(count));
  };

  // Pagefind's excerpts are escaped text with <mark> around matched words: only marks become elements.
  const marked = (excerpt) => {
    const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html").body.firstChild;
    const paragraph = document.createElement("p");
    for (const node of parsed.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.append(mark);
      } else {
        paragraph.append(node.textContent);
      }
    }
    return paragraph;
  };

  const link = (url, title, excerpt, heading) => {
    const anchor = document.createElement("a");
    anchor.className = "md-search-result__link";
    anchor.href = url;
    anchor.tabIndex = -1;
    anchor.id = `site-search-option-${options.length}`;
    anchor.setAttribute("role", "option");
    anchor.setAttribute("aria-selected", "false");
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (heading === "h1") {
      const icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.append(icon);
    }
    const name = document.createElement(heading);
    name.textContent = title;
    article.append(name);
    if (excerpt) article.append(marked(excerpt));
    anchor.append(article);
    options.push(anchor);
    return anchor;
  };

  // A page, then the sections with the most matches, in page order; the text above the first
  // section heading (Pagefind's section of the page itself, or of its h1) goes with the page.
  const item = (page) => {
    const own = (section) => section.url === page.url || section.anchor?.element === "h1";
    const top = page.sub_results.find(own);
    const sections = page.sub_results.filter((section) => !own(section));
    const best = new Set([...sections].sort((a, b) => b.locations.length - a.locations.length).slice(0, SECTIONS));
    const entry = document.createElement("li");
    entry.className = "md-search-result__item";
    entry.setAttribute("role", "presentation");
    entry.append(link(page.url, page.meta.title, top?.excerpt ?? (best.size ? "" : page.excerpt), "h1"));
    for (const section of sections.filter((section) => best.has(section))) {
      entry.append(link(section.url, section.title, section.excerpt, "h2"));
    }
    return entry;
  };

  const show = (pages, count) => {
    options = [];
    selected = -1;
    input.removeAttribute("aria-activedescendant");
    list.replaceChildren(...pages.map(item));
    meta.textContent = count === null ? box.dataset.placeholder : counted(count);
    reachable();
  };

  // aria-busy stays "true" until the results of the latest query are shown.
  const search = async (query) => {
    const ticket = ++latest;
    box.setAttribute("aria-busy", "true");
    try {
      if (!query.trim()) return show([], null);
      if (!ready) meta.textContent = box.dataset.loading;
      const pagefind = await load();
      const found = await pagefind.search(query);
      const pages = await Promise.all(found.results.slice(0, RESULTS).map((result) => result.data()));
      if (ticket === latest) show(pages, found.results.length);
    } catch {
      if (ticket === latest) {  // the index did not load: say so, and try again on the next search
        show([], null);
        meta.textContent = box.dataset.error;
      }
    } finally {
      if (ticket === latest) box.setAttribute("aria-busy", "false");
    }
  };

  const typing = (element) =>
    element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement || element?.isContentEditable;

  document.addEventListener("keydown", (event) => {
    if (!["/", "s", "f"].includes(event.key) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(document.activeElement)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  input.addEventListener("focus", () => {
    load().catch(() => {});  // a failure shows when the reader searches
    if (!returning) open(true);
  });
  input.addEventListener("input", () => {
    open(true);
    search(input.value);
  });
  input.addEventListener("keydown", (event) => {
    if (event.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open(true);
      if (options.length) {  // round the list, both ways; Up from the box goes to the last result
        const step = event.key === "ArrowDown" ? 1 : -1;
        const from = selected < 0 && step < 0 ? 0 : selected;
        select((from + step + options.length) % options.length);
      }
    } else if (event.key === "Enter") {
      event.preventDefault();
      (options[selected] ?? options[0])?.click();
    } else if (event.key === "Escape") {
      event.preventDefault();
      open(false);
      input.blur();
    }
  });
  list.addEventListener("keydown", (event) => {
    const at = options.indexOf(document.activeElement);
    if (at < 0 || event.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();  // Up from the first result goes back to the box
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) {
        select(-1);
        back();
      } else {
        select(next % options.length, true);
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      open(false);
      back();
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      back();  // the key's character goes into the box
    }
  });
  list.addEventListener("focusin", (event) => {
    const at = options.indexOf(event.target);
    if (at >= 0 && at !== selected) select(at, true);
  });
  // Tab (or Shift+Tab) out of the box and its list closes the list; a click outside is the theme's.
  box.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) open(false);
  });

  box.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
  box.querySelector("form").addEventListener("reset", () => {
    setTimeout(() => search(""));
    input.focus();
  });
  list.addEventListener("click", () => open(false));
  toggle.addEventListener("change", () => {
    if (toggle.checked) input.focus();
  });

  box.hidden = false;
  if (opener) opener.hidden = false;
}
