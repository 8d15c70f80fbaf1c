"""The live preview: re-rendering on save, the error page, and MkDocs' server reloading them."""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import markdown
import pytest

from generator.matrix.problems import MatrixError
from generator.render.pages import PAGES, messages
from generator.website.build import Project, check
from generator.website.serve import ERROR_TITLE, error_page, refresh, serve

ROOT = Path(__file__).resolve().parents[2]
FORMAT = "matrix/formats/tf1_hub.yaml"


@pytest.fixture
def project(tmp_path) -> Project:
    """A copy of the project's data; the generator itself is imported from this checkout."""
    shutil.copytree(ROOT / "matrix", tmp_path / "matrix")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return Project(tmp_path)


def half_written(path: Path) -> str:
    """Cut the file mid-way, as an editor caught mid-save would leave it; returns the full text."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    return text


def pages(folder: Path) -> dict[str, str]:
    return {page.file: (folder / page.file).read_text(encoding="utf-8") for page in PAGES}


def test_valid_matrix_renders_every_page(project):
    preview = project.root / ".build" / "serve" / "en"
    result = refresh(project, "en", preview)
    assert result.problems is None
    assert set(pages(preview)) == {page.file for page in PAGES}
    assert all(ERROR_TITLE not in text for text in pages(preview).values())
    assert (preview / "assets" / "extra.css").is_file()
    assert not (project.root / "docs").exists() and not (project.root / "site").exists()


def test_broken_file_turns_every_page_into_the_error_and_back(project):
    preview = project.root / ".build" / "serve" / "en"
    refresh(project, "en", preview)
    good = pages(preview)

    full = half_written(project.root / FORMAT)
    with pytest.raises(MatrixError) as error:
        check(project)
    result = refresh(project, "en", preview)
    assert result.problems == error.value.report().splitlines()
    shown = pages(preview)
    assert len(set(shown.values())) == 1, "every page must be the same error page"
    page = next(iter(shown.values()))
    assert ERROR_TITLE in page
    assert re.search(rf"{re.escape(FORMAT)}:\d+:\d+: ", page), page
    assert all(str(problem) in page for problem in error.value.problems)

    (project.root / FORMAT).write_text(full, encoding="utf-8")
    assert refresh(project, "en", preview).problems is None
    assert pages(preview) == good


def test_unchanged_pages_are_not_rewritten(project):
    preview = project.root / ".build" / "serve" / "en"
    refresh(project, "en", preview)
    files = sorted(path for path in preview.rglob("*") if path.is_file())
    before = {path: path.stat().st_mtime_ns for path in files}
    time.sleep(0.05)  # coarse file-system clocks would hide a rewrite
    result = refresh(project, "en", preview)
    assert result.problems is None and result.written == []
    assert {path: path.stat().st_mtime_ns for path in files} == before
    assert sorted(path for path in preview.rglob("*") if path.is_file()) == files, "no temporary file left"


def test_error_page_shows_problems_as_text_never_as_html():
    problems = ['matrix/x.yaml:1:1: <script>alert("x")</script> & ``` *not emphasis*', "1 problem found"]
    rendered = markdown.markdown(error_page(problems), extensions=["admonition", "pymdownx.superfences"])
    assert "<script>" not in rendered and "<em>" not in rendered
    assert html.escape(problems[0], quote=False) in rendered
    assert 'class="admonition failure"' in rendered


def test_a_failing_render_is_shown_not_raised(project, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("template blew up")

    monkeypatch.setattr("generator.website.serve.render_pages", broken)
    preview = project.root / ".build" / "serve" / "en"
    result = refresh(project, "en", preview)
    assert result.problems and result.problems[-1] == "RuntimeError: template blew up"
    assert all("template blew up" in text for text in pages(preview).values())


def test_unknown_locale_is_refused(project, capsys):
    assert serve(project, "xx", "127.0.0.1:0") == 1
    assert "'xx' is not one of the site's locales (en, ru" in capsys.readouterr().err
    assert not (project.root / ".build").exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_page(url: str, wanted, log: Path, what: str, seconds: float = 30) -> str:
    """Poll url until wanted(html) holds; fails with the server's output after `seconds`."""
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
                if response.status == 200 and wanted(body):
                    return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"no {what} at {url} within {seconds}s\n--- server output ---\n{log.read_text()}")


@contextmanager
def running_server(project: Project) -> Iterator[tuple[str, Path]]:
    """`python -m generator serve` on a free port; stopped with Ctrl+C, which must exit 0."""
    port = free_port()
    log = project.root / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(project.root), "serve", "--address", f"127.0.0.1:{port}"],
            cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
            # A shell may start tests with Ctrl+C ignored; the server must get it like a terminal would.
            preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) if os.name == "posix" else None,
        )
    try:
        yield f"http://127.0.0.1:{port}/compatibility/", log
    finally:
        if os.name == "posix":
            server.send_signal(signal.SIGINT)
        else:
            server.terminate()
        try:
            code = server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            raise
    if os.name == "posix":
        assert code == 0, log.read_text()
    assert not (project.root / "docs").exists() and not (project.root / "site").exists()


def showing(project: Project):
    """Tests of a served page: the real compatibility page, or the error page naming FORMAT."""
    title = html.escape(messages(check(project), "en").plain("compat.title"), quote=False)
    return (lambda body: title in body and ERROR_TITLE not in body,
            lambda body: ERROR_TITLE in body and FORMAT in body)


def test_served_page_follows_the_saved_files(project):
    real, error = showing(project)
    with running_server(project) as (url, log):
        wait_for_page(url, real, log, "compatibility page")
        full = half_written(project.root / FORMAT)
        wait_for_page(url, error, log, "error page")
        (project.root / FORMAT).write_text(full, encoding="utf-8")
        wait_for_page(url, real, log, "compatibility page after the fix")


def test_serving_starts_on_a_broken_matrix(project):
    real, error = showing(project)
    full = half_written(project.root / FORMAT)
    with running_server(project) as (url, log):
        wait_for_page(url, error, log, "error page")
        (project.root / FORMAT).write_text(full, encoding="utf-8")
        wait_for_page(url, real, log, "compatibility page after the fix")
