"""Site benchmark: every language's build, one after another and side by side; search indexing;
the compressed bytes a reader downloads for the compatibility page in each language.

    python -m tests.benchmarks.site        (make bench-site)

It prints figures and asserts nothing. The build runs in a copy of the project, so docs/ and site/
stay as they are. "Side by side" builds the languages from the same rendered pages in a pool of
processes, one per core, against the same languages built in sequence in the same run.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urljoin, urlsplit

REPO = Path(__file__).resolve().parents[2]
RUNS = 3


def _build_one(args: tuple[str, str, str, str]) -> float:
    """One language's MkDocs build (in a worker process); its seconds."""
    from generator.project import Project
    from generator.render.site_config import language_settings
    from generator.website.build import base_config, build_site
    from generator.website.check import check

    root, locale, docs, site = args
    project = Project(Path(root))
    matrix = check(project)
    settings = language_settings(matrix, locale, base_config(project), Path(docs) / locale, Path(site) / locale)
    start = time.perf_counter()
    build_site(project, settings, locale)
    return time.perf_counter() - start


def builds(root: Path, locales: list[str]) -> tuple[float, float]:
    """Seconds for every language built in sequence, and side by side, from the same docs/."""
    docs = root / "docs"
    sequence, parallel = [], []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory(dir=root) as site:
            start = time.perf_counter()
            with ProcessPoolExecutor(max_workers=1) as pool:
                list(pool.map(_build_one, [(str(root), locale, str(docs), site) for locale in locales]))
            sequence.append(time.perf_counter() - start)
        with tempfile.TemporaryDirectory(dir=root) as site:
            start = time.perf_counter()
            with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                list(pool.map(_build_one, [(str(root), locale, str(docs), site) for locale in locales]))
            parallel.append(time.perf_counter() - start)
    return min(sequence), min(parallel)


def page_bytes(site: Path, locale: str) -> dict[str, int]:
    """Gzip-compressed bytes of the compatibility page and what it loads from the site, by kind;
    'search' is the search script and the language's index files a first search reads."""
    page = site / locale / "compatibility" / "index.html"
    html = page.read_text(encoding="utf-8")
    found = {"html": _gz(page.read_bytes()), "css": 0, "js": 0, "search": 0}
    base = f"/{locale}/compatibility/"
    for ref in re.findall(r'(?:href|src)="([^"#]+\.(?:css|js))(?:\?[^"]*)?"', html):
        path = site / urlsplit(urljoin(base, ref)).path.lstrip("/")
        if path.is_file():
            found["css" if ref.endswith(".css") else "js"] += _gz(path.read_bytes())
    bundle = site / locale / "pagefind"
    for path in [*bundle.glob("pagefind*.js"), *bundle.glob("*.pf_meta"), *bundle.glob("wasm.*.pagefind"),
                 *(bundle / "index").glob("*.pf_index")]:
        found["search"] += len(path.read_bytes())  # Pagefind's files are compressed already
    return found


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def main() -> int:
    from generator.project import Project
    from generator.website.build import Timings, build

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(REPO / "matrix", root / "matrix")
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        timings = Timings()
        start = time.perf_counter()
        matrix = build(Project(root), timings)
        total = time.perf_counter() - start
        locales = list(matrix.locales)
        stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.stages.items())
        print(f"full build of {len(locales)} languages: {total:.2f} s ({stages})")
        print(f"search indexing (Pagefind, every language): {timings.stages.get('search', 0.0):.2f} s")
        sequence, parallel = builds(root, locales)
        print(f"MkDocs, {len(locales)} languages, best of {RUNS}: one after another {sequence:.2f} s, "
              f"side by side on {os.cpu_count()} cores {parallel:.2f} s ({sequence / parallel:.2f}x)")
        print("compatibility page, compressed bytes a reader downloads (search: the first search's files):")
        print(f"  {'language':<8} {'html':>8} {'css':>8} {'js':>8} {'search':>8} {'total':>8}")
        for locale in locales:
            found = page_bytes(root / "site", locale)
            print(f"  {locale:<8} " + " ".join(f"{found[kind]:>8}" for kind in ("html", "css", "js", "search"))
                  + f" {sum(found.values()):>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
