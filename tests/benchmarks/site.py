"""Site benchmark: every language's build, one after another and side by side; search indexing;
the compressed bytes "Your versions" adds to each home page; the compressed bytes a reader downloads
for the compatibility page and a first search, in each language, measured in Chromium; Lighthouse's
four scores for the home and compatibility pages in English, Russian and Japanese.

    python -m tests.benchmarks.site        (make bench-site)

It prints figures and asserts nothing. The build runs in a copy of the project, so docs/ and site/
stay as they are. "Side by side" is how the build runs MkDocs, one process per core; it is timed
against the same languages built one after another, from the same rendered pages, in the same run.
"""

from __future__ import annotations

import gzip
import os
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from tests.benchmarks import lighthouse
from tests.helpers import REPO, copy_project
from tests.website.browser.harness import free_port, served_folder

RUNS = 3
AUDITED = ("en", "ru", "ja")  # Lighthouse's languages: Latin, Cyrillic and unspaced text
AUDITED_PAGES = ("", "compatibility/")  # the home page and the compatibility page
LIGHTHOUSE_RUNS = 3  # its timings vary from run to run; its own advice is to take the median
VERSIONS_CSS = '/* The home page\'s "Your versions"'  # where its block of extra.css starts


def builds(root: Path, locales: list[str]) -> tuple[float, float, int]:
    """Seconds for every language's MkDocs build from the same docs/: one after another, and side by
    side as `build` runs them (best of RUNS each, alternating); and the number of workers."""
    from generator.project import Project
    from generator.render.site_config import language_settings
    from generator.website.build import base_config, build_sites
    from generator.website.check import check

    project = Project(root)
    matrix = check(project)
    workers = min(len(locales), len(os.sched_getaffinity(0)))
    times: dict[int, list[float]] = {1: [], workers: []}
    for _ in range(RUNS):
        for count in times:
            with tempfile.TemporaryDirectory(dir=root) as site:
                sites = {
                    locale: language_settings(
                        matrix, locale, base_config(project), root / "docs" / locale, Path(site) / locale
                    )
                    for locale in locales
                }
                start = time.perf_counter()
                build_sites(project, sites, workers=count)
                times[count].append(time.perf_counter() - start)
    return min(times[1]), min(times[workers]), workers


def page_downloads(site: Path, locales: list[str], queries: dict[str, str]) -> dict[str, dict[str, int]] | None:
    """For each language: its compatibility page opened in Chromium, then one search for a word of
    that page; the bytes of every response, by kind, gzip-compressed as a server would send them
    (Pagefind's index files are compressed already: counted as they are). None without Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    from tests.website.browser.harness import CHROMIUM, FLAGS, served_folder

    if not CHROMIUM.is_file():
        return None
    found: dict[str, dict[str, int]] = {}
    with served_folder(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        for locale in locales:
            counts = found[locale] = {"html": 0, "css": 0, "js": 0, "search": 0}
            page = browser.new_context().new_page()
            page.on("response", partial(_count, counts=counts))
            page.goto(f"{url}{locale}/compatibility/", wait_until="networkidle")
            page.locator("[data-site-search] input").fill(queries[locale])
            page.wait_for_function(
                "() => document.querySelector('[data-site-search]').getAttribute('aria-busy')"
                " === 'false' && document.querySelector('#site-search-results a')"
            )
            page.wait_for_load_state("networkidle")
            page.context.close()
        browser.close()
    return found


def _count(response, counts: dict[str, int]) -> None:
    path = urlsplit(response.url).path
    body = response.body()
    if "/pagefind/" in path:
        counts["search"] += _gz(body) if path.endswith(".js") else len(body)
    elif path.endswith(".css"):
        counts["css"] += _gz(body)
    elif path.endswith(".js"):
        counts["js"] += _gz(body)
    elif response.request.resource_type == "document":
        counts["html"] += _gz(body)


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def versions_bytes(site: Path, locales: list[str]) -> dict[str, tuple[int, int, int]]:
    """For each language, the gzip bytes "Your versions" adds to the home page: its part of the page
    (the form and the data it embeds), its script, and its block of extra.css; each compressed alone,
    so an upper bound of what it adds to the page's own compression."""
    found = {}
    for locale in locales:
        page = (site / locale / "index.html").read_text(encoding="utf-8")
        part = page[
            page.index('<div class="versions-static"') : page.index("</form>", page.index('<form class="versions"'))
        ]
        script = (site / locale / "assets" / "versions.js").read_bytes()
        css = (site / locale / "assets" / "extra.css").read_text(encoding="utf-8")
        found[locale] = (_gz(part.encode()), _gz(script), _gz(css[css.index(VERSIONS_CSS) :].encode()))
    return found


def main() -> int:
    from generator.render.pages import messages
    from generator.website.build import Timings, build

    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder), REPO / "matrix")
        root = project.root
        timings = Timings()
        start = time.perf_counter()
        port = free_port()  # the site's address is the one it is served at, as search engines see it
        matrix = build(project, timings, site_url=f"http://127.0.0.1:{port}/")
        total = time.perf_counter() - start
        locales = list(matrix.locales)
        stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.stages.items())
        print(f"full build of {len(locales)} languages: {total:.2f} s ({stages})")
        print(f"search indexing (Pagefind, every language): {timings.stages.get('search', 0.0):.2f} s")
        sequence, parallel, workers = builds(root, locales)
        print(
            f"MkDocs, {len(locales)} languages, best of {RUNS}: one after another {sequence:.2f} s, "
            f"side by side in {workers} processes (as the build runs them) {parallel:.2f} s "
            f"({sequence / parallel:.2f}x)"
        )
        print('"Your versions" on the home page: gzip bytes it adds, each part compressed alone:')
        print(f"  {'language':<8} {'part':>8} {'js':>8} {'css':>8} {'total':>8}")
        for locale, sizes in versions_bytes(root / "site", locales).items():
            print(f"  {locale:<8} " + " ".join(f"{size:>8}" for size in sizes) + f" {sum(sizes):>8}")
        queries = {locale: messages(matrix, locale).plain("status.supported") for locale in locales}
        downloads = page_downloads(root / "site", locales, queries)
        if downloads is None:
            print("compressed bytes a reader downloads: not measured (needs Playwright and /usr/bin/chromium)")
            return 0
        print("compatibility page in Chromium, then one search for the word shown; gzip bytes it downloaded:")
        print(f"  {'language':<8} {'html':>8} {'css':>8} {'js':>8} {'search':>8} {'total':>8}  query")
        for locale in locales:
            found = downloads[locale]
            print(
                f"  {locale:<8} "
                + " ".join(f"{found[kind]:>8}" for kind in ("html", "css", "js", "search"))
                + f" {sum(found.values()):>8}  {queries[locale]}"
            )
        print_lighthouse(root / "site", port, [locale for locale in AUDITED if locale in locales])
    return 0


def print_lighthouse(site: Path, port: int, locales: list[str]) -> None:
    missing = lighthouse.available()
    if missing:
        print(f"Lighthouse: not run ({missing})")
        return
    print(
        f"Lighthouse (mobile, default throttling), the median of {LIGHTHOUSE_RUNS} runs by performance: "
        "performance, accessibility, best practices, SEO"
    )
    print(f"  {'page':<20} " + " ".join(f"{name[:13]:>13}" for name in lighthouse.CATEGORIES) + "  performance runs")
    with served_folder(site, port, compressed=True) as url, tempfile.TemporaryDirectory() as reports:
        for locale in locales:
            for page in AUDITED_PAGES:
                runs = []
                for number in range(LIGHTHOUSE_RUNS):
                    report = Path(reports) / f"{locale}-{page.strip('/') or 'home'}-{number}.json"
                    runs.append((lighthouse.audit(f"{url}{locale}/{page}", report), report))
                runs.sort(key=lambda run: run[0]["performance"])
                scores, report = runs[len(runs) // 2]
                print(
                    f"  {locale + '/' + page:<20} "
                    + " ".join(f"{scores[name]:>13}" for name in lighthouse.CATEGORIES)
                    + "  "
                    + " ".join(str(run[0]["performance"]) for run in runs)
                )
                for lost in lighthouse.failing(report):
                    print(f"      {lost}")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted: the copy of the project and the servers are gone", file=sys.stderr)
        sys.exit(130)
