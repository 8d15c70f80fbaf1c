"""Built sites served on loopback and opened in Debian's Chromium through Playwright.

Every page a test opens fails the test on a console error, an uncaught exception, or a request
that leaves 127.0.0.1 (which is also refused). Without Playwright or /usr/bin/chromium the tests
are skipped with the reason; `.ci/run` installs Chromium where it is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
import yaml

from generator.matrix.documents import Matrix

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage
from generator.project import Project
from generator.website.check import check

from ...helpers import REPO, SMALL_REPORT, copy_project, run_generator, write_yaml
from .harness import CHROMIUM, FLAGS, LOOPBACK, served_folder

ARTIFACTS = Path(__file__).with_name("artifacts")  # screenshots, git-ignored
EXTRA_LOCALES = REPO / "tests" / "fixtures" / "browser" / "locales"
MODELINE = "# yaml-language-server: $schema=schema/site.schema.json"


@dataclass(frozen=True)
class Served:
    """A project whose site/ is served over HTTP on loopback, and its matrix."""

    root: Path
    matrix: Matrix
    url: str  # ends with "/"


def serve(root: Path) -> Iterator[Served]:
    with served_folder(root / "site") as url:
        yield Served(root, check(Project(root)), url)


@pytest.fixture(scope="session")
def browser_project(tmp_path_factory) -> Path:
    """The small project with two more languages of unspaced text, in part translated: the rest
    falls back to English. Built as a writer builds, with its report."""
    project = copy_project(tmp_path_factory.mktemp("browser"), report=SMALL_REPORT)
    site_file = project.root / "matrix" / "site.yaml"
    site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    catalogs = sorted(EXTRA_LOCALES.glob("*.yaml"))
    for catalog in catalogs:
        (project.root / "matrix" / "locales" / catalog.name).write_bytes(catalog.read_bytes())
    site["locales"] += [catalog.stem for catalog in catalogs]
    write_yaml(site_file, site, MODELINE)
    for catalog in catalogs:
        marked = run_generator(project.root, "i18n", "mark", catalog.stem)
        assert marked.returncode == 0, marked.stderr
    run = run_generator(project.root, "build", "--allow-contradicted")
    assert run.returncode == 0, run.stdout + run.stderr
    return project.root


@pytest.fixture(scope="session")
def small_served(browser_project) -> Iterator[Served]:
    yield from serve(browser_project)


@pytest.fixture(scope="session")
def real_served(real_site) -> Iterator[Served]:
    yield from serve(real_site)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests: Playwright is not installed (make installs requirements.txt)")
    if not CHROMIUM.is_file():
        pytest.skip(f"browser tests: no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@contextmanager
def watched_context(browser, **options):
    """A fresh browser profile (nothing remembered). On leaving, fails on any console error,
    uncaught exception or request leaving loopback (refused) that its pages had."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    problems: list[str] = []

    def route(route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == LOOPBACK:
            route.continue_()
        else:
            problems.append(f"request leaving loopback: {url}")
            route.abort()

    context.route("**/*", route)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console error: {message.text} ({message.location.get('url')})")

    context.on("console", console)
    context.on("weberror", lambda error: problems.append(f"uncaught: {error.error}"))
    context.set_default_timeout(15_000)
    try:
        yield context
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(browser):
    with watched_context(browser) as context:
        yield context.new_page()


def address(served: Served, locale: str, file: str = "index.md", anchor: str = "") -> str:
    """The URL of a page of a language's site (directory URLs), with an anchor when given."""
    folder = "" if file == "index.md" else file.removesuffix(".md") + "/"
    return f"{served.url}{locale}/{folder}" + (f"#{anchor}" if anchor else "")


def path_of(url: str) -> str:
    return urlsplit(url).path
