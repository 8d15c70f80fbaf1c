"""Build docs/ and site/ for every language without ever leaving them half-written or mixed.

Everything is made in a staging folder under .build/; only when every language has built cleanly
do the new folders replace the old ones. The replacement is journalled: a journal naming the new
and the old folders is written before the first rename, so a build killed in the middle of it is
finished by the next build, which always ends with both new folders in place; Ctrl+C is held back
for the few renames it takes. One build runs at a time (a lock under .build/); a second one waits
for it. A failure before the replacement leaves docs/ and site/ exactly as they were.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..matrix.documents import Matrix
from ..matrix.locale_codes import language_tag
from ..matrix.translations import translation_status
from ..matrix.verification import Report
from ..problems import CONTENT, Failure, Place, Problem, failure
from ..project import Project
from ..render.evidence import Evidence, evidence
from ..render.pages import messages, render_language_root, render_pages, render_root_error_page
from ..render.scripts import render_scripts
from ..render.site_config import language_settings
from ..verify.contradictions import contradiction
from ..verify.fixture_store import fixture_names, fixture_script
from .anchors import broken_anchors
from .check import check
from .children import build_worker_start
from .error_page import root_error_page
from .page_language import tag_pages
from .search import index_languages
from .swap import build_lock, replace_folders

ASSETS = Path(__file__).with_name("assets")
DOCS_README = Path(__file__).with_name("docs_readme.md")


@dataclass
class Timings:
    """Seconds spent in each stage, for the build benchmark."""

    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start


def read_reports(project: Project) -> tuple[Report | None, Report | None]:
    """The committed reports, everyday and sweep; None for one that is missing (its examples show as
    not verified yet). Raises Failure (exit 2) for one that cannot be read."""
    return project.read_report(), project.read_sweep_report()


def read_fixtures() -> dict[str, str]:
    """The source of every fixture script (generator/verify/fixtures/<name>.py), for the downloadable scripts."""
    return {name: fixture_script(name).read_text(encoding="utf-8") for name in fixture_names()}


def refuse_contradicted(shown: Evidence) -> None:
    """A site that publishes a contradicted claim is not built; each is a problem, placed."""
    contradicted = [*shown.contradicted, *(shown.sweep.contradicted if shown.sweep else ())]
    if contradicted:
        raise Failure(
            [contradiction(record, item.example) for item, record in contradicted],
            outcome="nothing was written: fix the claims or the code (make verify, make bounds), "
            "or preview with --allow-contradicted",
        )


def write_docs(matrix: Matrix, docs_dir: Path, shown: Evidence, fixtures: Mapping[str, str]) -> list[Path]:
    """Write every language's pages, scripts and assets under docs_dir; returns the files written."""
    written = []
    scripts = render_scripts(matrix, shown, fixtures, {locale: messages(matrix, locale) for locale in matrix.locales})
    for locale in matrix.locales:
        folder = docs_dir / locale
        for name, text in render_pages(matrix, locale, shown).items():
            written.append(_write(folder / name, text))
        for name, text in scripts[locale].items():
            written.append(_write(folder / name, text))
        for asset in sorted(ASSETS.iterdir()):
            written.append(_write(folder / "assets" / asset.name, asset.read_text(encoding="utf-8")))
    written.append(_write(docs_dir / "README.md", DOCS_README.read_text(encoding="utf-8")))
    return written


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")  # inside the staging folder: nobody reads it yet
    return path


def base_config(project: Project) -> dict:
    """mkdocs.yml as MkDocs reads it (its Python tags constructed), for layering a language over it."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with project.base_config.open(encoding="utf-8") as handle:
            return yaml_load(handle)
    except (OSError, ConfigurationError) as error:
        raise failure(
            f"cannot be read: {error}", place=Place.whole(project.show(project.base_config)), code=CONTENT
        ) from None


def build_sites(project: Project, sites: Mapping[str, dict], workers: int | None = None) -> None:
    """Every language's MkDocs build (settings by locale), side by side in up to `workers` processes
    (default: one per core): about 1.7x faster than one after another with 2 cores and seven
    languages (`make bench-site`). The first failure stops them all; so does Ctrl+C."""
    workers = min(len(sites), workers or len(os.sched_getaffinity(0)))
    if workers < 2:
        for locale, settings in sites.items():
            build_site(project, settings, locale)
        return
    # Imported once, here, so that every worker forks with them loaded.
    import material  # noqa: F401
    import mkdocs.commands.build  # noqa: F401

    jobs = [(project, settings, locale) for locale, settings in sites.items()]
    with multiprocessing.get_context("fork").Pool(workers, initializer=build_worker_start) as pool:
        for _ in pool.imap_unordered(_build_site_job, jobs):
            pass  # a language that failed raises here; leaving the block terminates the others


def _build_site_job(job: tuple[Project, dict, str]) -> None:
    build_site(*job)


def build_site(project: Project, settings: dict, locale: str) -> None:
    """Run MkDocs in strict mode for one language; any warning aborts the build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    handler = _LanguageLogHandler(locale)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        build(load_config(str(project.base_config), strict=True, **settings))
    except (Abort, ConfigurationError) as error:
        details = handler.messages or [str(error)]
        raise failure(f"the {locale} site did not build", details=tuple(details), code=CONTENT) from None
    finally:
        logger.removeHandler(handler)


class _LanguageLogHandler(logging.Handler):
    def __init__(self, locale: str):
        super().__init__(logging.WARNING)
        self.locale = locale
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"[{self.locale}] {record.levelname}: {record.getMessage()}")


def index_search(site: Path, locales: Iterable[str]) -> None:
    """Each language's search index, beside its built pages (website/search.py); a failure stops the build."""
    index_languages(site / locale for locale in locales)


def refuse_broken_anchors(folder: Path, locale: str) -> None:
    """A link to a place no page has stops the build, as MkDocs' own strict checks do."""
    broken = broken_anchors(folder)
    if broken:
        raise failure(
            f"the {locale} site did not build: links to places no page has", details=tuple(broken), code=CONTENT
        )


def refuse_untranslated(matrix: Matrix) -> None:
    """`build --strict`: a language with a message missing or stale (shown in English) is not built."""
    problems = []
    for locale in matrix.locales:
        found = translation_status(matrix, locale)
        if not found.complete:
            problems.append(
                Problem(
                    Place.whole(matrix.catalogs[locale].source.file),
                    f"{len(found.missing)} missing and {len(found.stale)} stale message(s): "
                    f"{', '.join([*found.missing, *found.stale][:8])}"
                    f"{', ...' if len(found.missing) + len(found.stale) > 8 else ''}",
                    "translate them (python -m generator i18n status lists each), "
                    "or build without --strict to show them in English",
                )
            )
    if problems:
        raise Failure(problems)


def build(
    project: Project,
    timings: Timings | None = None,
    *,
    allow_contradicted: bool = False,
    strict: bool = False,
    site_url: str | None = None,
) -> Matrix:
    """Validate, render and build every language, then put the results in place. `strict` refuses a
    language whose translation is incomplete; `site_url` replaces the address matrix/site.yaml gives."""
    timings = timings or Timings()
    with timings.stage("validate"):
        matrix = check(project)
        if strict:
            refuse_untranslated(matrix)
        shown = evidence(matrix, *read_reports(project))
        if not allow_contradicted:
            refuse_contradicted(shown)
    with build_lock(project):
        staging = Path(tempfile.mkdtemp(prefix="staging-", dir=project.work_dir))
        try:
            docs, site = staging / "docs", staging / "site"
            with timings.stage("render"):
                write_docs(matrix, docs, shown, read_fixtures())
                _write(site / "index.html", render_language_root(matrix, site_url or matrix.site.model.url))
                _write(site / "404.html", render_root_error_page(matrix))
            with timings.stage("mkdocs"):
                base = base_config(project)
                build_sites(
                    project,
                    {
                        locale: language_settings(
                            matrix, locale, base, docs / locale, site / locale, site_url or matrix.site.model.url
                        )
                        for locale in matrix.locales
                    },
                )
                for locale in matrix.locales:
                    tag_pages(site / locale, language_tag(locale))
                    root_error_page(site / locale, locale)
                    refuse_broken_anchors(site / locale, locale)
            with timings.stage("search"):
                index_search(site, matrix.locales)
            replace_folders(project, {project.docs_dir: docs, project.site_dir: site})
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return matrix
