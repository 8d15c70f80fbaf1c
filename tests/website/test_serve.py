"""The live preview: every language re-rendered on save, the error page, and MkDocs' server serving them.

Each test works on a copy of the small project; the generator itself is imported from this checkout.
"""

from __future__ import annotations

import html
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

import markdown
import pytest

from generator.matrix.pages import Page
from generator.problems import Failure
from generator.project import Project
from generator.render.site_config import theme_languages_known
from generator.website.check import check
from generator.website.preview import (
    ERROR_TITLE,
    TRACEBACK_LINES,
    error_page,
    fallback_settings,
    page_files,
    preview_docs,
    refresh,
)
from generator.website.serve import serve

from ..helpers import SMALL_REPORT, ProjectFiles, copy_project
from ..render.small import small_matrix
from .conftest import start_generator

FORMAT = "matrix/formats/tiny.yaml"
NESTED_LINE = "table_note: format.tiny.table_note"
SERVER_SECONDS = 60  # for any one page to appear


@pytest.fixture
def project(tmp_path) -> Project:
    return copy_project(tmp_path, report=SMALL_REPORT)


@pytest.fixture(scope="module")
def locales() -> tuple[str, ...]:
    return tuple(small_matrix().locales)


def half_written(path: Path) -> str:
    """Cut the file mid-way, as an editor caught mid-save would leave it; returns the full text."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    return text


def deeply_nested(path: Path) -> tuple[str, int]:
    """Nest one value 600 lists deep; returns the full text and the edited line's number."""
    text = path.read_text(encoding="utf-8")
    assert NESTED_LINE in text
    line = text[: text.index(NESTED_LINE)].count("\n") + 1
    path.write_text(text.replace(NESTED_LINE, "table_note: " + "[" * 600 + "]" * 600), encoding="utf-8")
    return text, line


def text_page() -> Page:
    """The small project's page of text alone (no part the generator makes)."""
    return next(page for page in small_matrix().pages if not page.parts())


def pages(project: Project, locales: tuple[str, ...]) -> dict[str, str]:
    folder = preview_docs(project)
    return {
        f"{locale}/{file}": (folder / locale / file).read_text(encoding="utf-8")
        for locale in locales
        for file in page_files(project)
    }


def written_page() -> str:
    """The file, relative to the project, of the small project's page written in Markdown."""
    return text_page().file


def test_every_language_is_rendered(project, locales):
    result = refresh(project, locales)
    assert result.problems is None
    shown = pages(project, locales)
    assert all(ERROR_TITLE not in text for text in shown.values())
    assert all((preview_docs(project) / locale / "assets" / "extra.css").is_file() for locale in locales)
    assert (preview_docs(project) / "index.html").is_file()
    assert not project.docs_dir.exists() and not project.site_dir.exists()


def test_a_broken_file_turns_every_page_of_every_language_into_the_error_and_back(project, locales):
    refresh(project, locales)
    good = pages(project, locales)

    full = half_written(project.root / FORMAT)
    with pytest.raises(Failure) as error:
        check(project)
    result = refresh(project, locales)
    assert result.problems == error.value.report().splitlines()
    shown = pages(project, locales)
    assert len(set(shown.values())) == 1, "every page must be the same error page"
    page = next(iter(shown.values()))
    assert ERROR_TITLE in page
    assert re.search(rf"{re.escape(FORMAT)}:\d+:\d+: ", page), page
    assert all(str(problem) in page for problem in error.value.problems)

    (project.root / FORMAT).write_text(full, encoding="utf-8")
    assert refresh(project, locales).problems is None
    assert pages(project, locales) == good


def test_saving_a_page_file_re_renders_that_page_in_every_language(project, locales):
    refresh(project, locales)
    page = text_page()
    paragraph = next(text for text in page.texts() if text.id != page.title.id)
    ProjectFiles(project.root).replace(written_page(), paragraph.english, "Reworded in the preview.")
    result = refresh(project, locales)
    assert result.problems is None
    # The other languages' translation is stale now: they show the new English too.
    assert sorted(result.written) == sorted(f"{locale}/{page.id}.md" for locale in locales)
    for locale in locales:
        assert "Reworded in the preview." in (preview_docs(project) / locale / f"{page.id}.md").read_text("utf-8")


def test_a_broken_page_file_turns_every_page_into_the_error_and_back(project, locales):
    """Pages written in Markdown become the error page too: the one the browser shows is among them."""
    refresh(project, locales)
    good = pages(project, locales)
    files = ProjectFiles(project.root)
    full = files.text(written_page())
    files.write(written_page(), full + "\n```{chart}\n```\n")
    line = len(full.splitlines()) + 2

    result = refresh(project, locales)
    assert result.problems is not None and result.problems[0].startswith(f"{written_page()}:{line}:1: ")
    shown = pages(project, locales)
    assert len(set(shown.values())) == 1 and ERROR_TITLE in next(iter(shown.values()))
    assert "unknown directive 'chart'" in next(iter(shown.values()))

    files.write(written_page(), full)
    assert refresh(project, locales).problems is None
    assert pages(project, locales) == good


def test_deep_nesting_is_one_placed_problem_not_a_traceback(project, locales):
    _, line = deeply_nested(project.root / FORMAT)
    result = refresh(project, locales)
    assert result.problems is not None
    assert len(result.problems) <= 3, result.problems
    assert result.problems[0].startswith(f"{FORMAT}:{line}:"), result.problems
    assert not any("Traceback" in problem for problem in result.problems)


def test_unchanged_pages_are_not_rewritten(project, locales):
    refresh(project, locales)
    folder = preview_docs(project)
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    before = {path: path.stat().st_mtime_ns for path in files}
    time.sleep(0.05)  # coarse file-system clocks would hide a rewrite
    result = refresh(project, locales)
    assert result.problems is None and result.written == []
    assert {path: path.stat().st_mtime_ns for path in files} == before
    assert sorted(path for path in folder.rglob("*") if path.is_file()) == files, "no temporary file left"


def test_error_page_shows_problems_as_text_never_as_html():
    problems = ['matrix/x.yaml:1:1: <script>alert("x")</script> & ``` *not emphasis*', "1 problem found"]
    rendered = markdown.markdown(error_page(problems), extensions=["admonition", "pymdownx.superfences"])
    assert "<script>" not in rendered and "<em>" not in rendered
    assert html.escape(problems[0], quote=False) in rendered
    assert 'class="admonition failure"' in rendered


def test_a_failing_render_is_shown_not_raised(project, locales, monkeypatch):
    def broken(*args, **kwargs):
        def deeper(depth):
            if depth:
                deeper(depth - 1)
            raise RuntimeError("template blew up")

        deeper(100)

    monkeypatch.setattr("generator.website.preview.render_pages", broken)
    result = refresh(project, locales)
    assert result.problems and result.problems[-1] == "RuntimeError: template blew up"
    assert len(result.problems) <= TRACEBACK_LINES, "only the end of a long traceback"
    assert all("template blew up" in text for text in pages(project, locales).values())


def test_an_unknown_locale_is_refused(project, locales):
    unknown = "x" * 8
    with pytest.raises(Failure) as refused:
        serve(project, unknown, "127.0.0.1:0")
    assert refused.value.code == 2
    assert f"'{unknown}' is not one of the site's locales" in refused.value.report()
    assert f"lists {', '.join(locales)}" in refused.value.report()
    assert not project.work_dir.exists()


@pytest.mark.parametrize("locale", ["pt-br", "zh-cn", "es-419", "xx"])
def test_the_error_preview_has_a_theme_language_for_any_locale(tmp_path, locale):
    """With the matrix broken no catalog is read: the theme still gets a language it has words for."""
    settings = fallback_settings(
        {"theme": {"name": "material"}}, locale, tmp_path / "docs", tmp_path / "site", (locale,), ["index.md"]
    )
    assert settings["theme"]["language"] in theme_languages_known()


# --- the server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_for_page(url: str, wanted, log: Path, what: str, seconds: float = SERVER_SECONDS) -> str:
    """Poll url until wanted(html) holds; fails with the server's output after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, body = fetch(url)
            if status == 200 and wanted(body):
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"no {what} at {url} within {seconds}s\n--- server output ---\n{log.read_text()}")


@contextmanager
def running_server(project: Project) -> Iterator[tuple[str, Path]]:
    """`python -m generator serve` on a free port; stopped with Ctrl+C, which must exit 130, as every
    command does, and leave no process."""
    port = free_port()
    log = project.root / "serve.log"
    with log.open("w") as output:
        server = start_generator(
            project.root, "serve", "--address", f"127.0.0.1:{port}", stdout=output, stderr=subprocess.STDOUT
        )
    try:
        yield f"http://127.0.0.1:{port}/", log
    finally:
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            raise
    assert code == 130, log.read_text()
    assert not project.docs_dir.exists() and not project.site_dir.exists()


def real_page(locale: str):
    title = html.escape(small_matrix().messages(locale)["page.compatibility.title"], quote=False)
    return lambda body: f'<html lang="{locale}"' in body and title in body and ERROR_TITLE not in body


def error_page_naming(line: int):
    def shown(body: str) -> bool:
        return ERROR_TITLE in body and f"{FORMAT}:{line}:" in body

    return shown


def test_the_language_selector_works_on_the_served_site(project, locales):
    default = small_matrix().default_locale
    with running_server(project) as (root, log):
        url = f"{root}{default}/compatibility/"
        body = wait_for_page(url, real_page(default), log, "compatibility page")
        others = [locale for locale in locales if locale != default]
        assert others, "the small project should have more than one language"
        for other in others:
            links = re.findall(rf'<a href="([^"]+)" hreflang="{other}"[^>]*class="md-select__link"', body)
            assert len(links) == 1, f"no selector link to {other}"
            target = urljoin(url, links[0])
            assert target == f"{root}{other}/compatibility/"
            status, page = fetch(target)
            assert status == 200 and real_page(other)(page), f"{target}: {status}"


def test_the_served_page_follows_the_saved_files(project):
    default = small_matrix().default_locale
    with running_server(project) as (root, log):
        url = f"{root}{default}/compatibility/"
        wait_for_page(url, real_page(default), log, "compatibility page")
        full, line = deeply_nested(project.root / FORMAT)
        body = wait_for_page(url, error_page_naming(line), log, "error page")
        assert "Traceback" not in body
        problems = re.search(r"<code>(.*?)</code>", body, re.DOTALL)
        assert problems and len(html.unescape(problems.group(1)).strip().splitlines()) <= 3, body
        (project.root / FORMAT).write_text(full, encoding="utf-8")
        wait_for_page(url, real_page(default), log, "compatibility page after the fix")


def test_serving_starts_on_a_broken_matrix(project):
    default = small_matrix().default_locale
    full = half_written(project.root / FORMAT)
    with pytest.raises(Failure) as error:
        check(project)
    place = error.value.problems[0].place
    assert place is not None
    line = place.line
    with running_server(project) as (root, log):
        url = f"{root}{default}/compatibility/"
        wait_for_page(url, error_page_naming(line), log, "error page")
        (project.root / FORMAT).write_text(full, encoding="utf-8")
        wait_for_page(url, real_page(default), log, "compatibility page after the fix")


def test_the_served_page_written_in_markdown_follows_its_file(project):
    default = small_matrix().default_locale
    page = text_page()
    paragraph = next(text for text in page.texts() if text.id != page.title.id)
    title = html.escape(small_matrix().messages(default)[page.title.id], quote=False)
    files = ProjectFiles(project.root)
    full = files.text(written_page())
    with running_server(project) as (root, log):
        url = f"{root}{default}/{page.id}/"
        wait_for_page(url, lambda body: title in body and ERROR_TITLE not in body, log, "page")
        files.write(written_page(), full.replace(paragraph.english, "Reworded while served."))
        wait_for_page(url, lambda body: "Reworded while served." in body, log, "page after the save")
        files.write(written_page(), full + "\n```{chart}\n```\n")
        line = len(full.splitlines()) + 2
        body = wait_for_page(
            url, lambda body: ERROR_TITLE in body and f"{written_page()}:{line}:1: " in body, log, "error page"
        )
        assert "Traceback" not in body
        files.write(written_page(), full)
        wait_for_page(
            url, lambda body: title in body and "Reworded" not in body and ERROR_TITLE not in body, log, "page again"
        )
