"""Live preview of one language: MkDocs' own dev server over pages re-rendered on every save.

The pages are rendered into a private folder (.build/serve/<locale>), never into docs/ or site/,
so a preview can never leave a half-made site behind. A small polling thread watches matrix/ and
the templates; on each save it re-validates and re-renders, writing only the pages whose text
changed, each atomically. MkDocs watches that folder, rebuilds and reloads the browser. When the
matrix does not validate, every page becomes an error page listing the problems, so whichever
page the browser shows turns into the error, and back into the page once the file is fixed.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..matrix.documents import Matrix
from ..matrix.problems import MatrixError, Place, Problem, display_path
from ..render.pages import PAGES, TEMPLATES, render_pages, message_use
from ..render.scripts import render_scripts
from ..render.site_config import THEME_OVERRIDES, language_settings
from ..verify.models import BUILDERS
from .build import ASSETS, Project, base_config, check, read_builders, read_report

POLL_SECONDS = 0.3
ERROR_TITLE = "The matrix has problems"


@dataclass(frozen=True)
class Refresh:
    """What one re-render showed: the problems (None when the real pages are shown) and what changed."""

    problems: list[str] | None
    matrix: Matrix | None = None
    written: list[str] = field(default_factory=list)


def refresh(project: Project, locale: str, preview_dir: Path) -> Refresh:
    """Re-validate and re-render once into preview_dir; a broken matrix shows as an error page.

    Never raises for a bad matrix or a failing render: a preview must outlive a half-saved file.
    """
    try:
        message_use.cache_clear()  # a saved template may ask for new messages
        matrix = check(project)
        if locale not in matrix.locales:
            site = display_path(project.matrix_dir / "site.yaml", project.root)
            raise MatrixError([Problem(Place(site), f"'{locale}' is no longer one of the site's locales",
                                       "add it back, or restart serve with another --locale")])
        files = preview_files(matrix, locale, read_report(project), read_builders())
        problems = None
    except MatrixError as error:
        matrix, problems = None, error.report().splitlines()
    except Exception:  # a bug or a template error: show it rather than stop the preview
        matrix, problems = None, traceback.format_exc().rstrip().splitlines()
    if problems is not None:
        files = {page.file: error_page(problems) for page in PAGES} | _asset_files()
    return Refresh(problems, matrix, write_changed(preview_dir, files))


def preview_files(matrix: Matrix, locale: str, report: Any = None,
                  builders: dict[str, str] | None = None) -> dict[str, str]:
    """Every file of one language's docs folder, keyed by its path inside it."""
    return render_pages(matrix, locale, report) | render_scripts(matrix, report, builders or {}) | _asset_files()


def _asset_files() -> dict[str, str]:
    return {f"assets/{asset.name}": asset.read_text(encoding="utf-8") for asset in sorted(ASSETS.iterdir())}


def error_page(problems: list[str]) -> str:
    """A page showing the problems verbatim: in a code block, so no line is read as Markdown or HTML."""
    lines = [_printable(line) for line in problems]
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)  # no line can close the block early
    body = "\n".join(f"    {line}" if line else "" for line in lines)
    return (
        f"# {ERROR_TITLE}\n\n"
        '!!! failure "This preview shows the problems instead of the page"\n\n'
        f"    {fence}text\n{body}\n    {fence}\n\n"
        "Fix the files and save: the page comes back by itself. The same list is in the terminal.\n"
    )


def _printable(line: str) -> str:
    # Control characters could collide with Markdown's internal placeholders.
    return "".join(char if char == "\t" or ord(char) >= 0x20 else "\ufffd" for char in line)


def write_changed(folder: Path, files: dict[str, str]) -> list[str]:
    """Make folder hold exactly `files`; returns the names written or removed.

    Only changed files are touched, so MkDocs rebuilds only when something shows; each is written
    to a temporary file and renamed over the old one, so MkDocs never reads half a page.
    """
    changed = []
    for name, text in files.items():
        path = folder / name
        data = text.encode("utf-8")
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        changed.append(name)
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in files:
                path.unlink(missing_ok=True)
                changed.append(name)
    return changed


def snapshot(project: Project) -> dict[str, tuple[int, int]]:
    """mtime and size of every file a re-render reads; a difference means something was saved."""
    found = {}
    for folder in (project.matrix_dir, TEMPLATES, ASSETS, BUILDERS):
        for path in folder.rglob("*"):
            try:
                stat = path.stat()
            except OSError:  # removed between listing and stat: the next poll sees it gone
                continue
            if not path.is_dir():
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def serve(project: Project, locale: str | None, address: str) -> int:
    """Preview one language (default: the site's default) at address until Ctrl+C."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    base = base_config(project)
    languages = _site_languages(project)
    if languages is not None:
        locales, default = languages
        locale = locale or default
        if locale not in locales:
            print(f"'{locale}' is not one of the site's locales ({', '.join(locales)}, "
                  f"from {display_path(project.matrix_dir / 'site.yaml', project.root)})", file=sys.stderr)
            return 1
    locale = locale or base["theme"].get("language", "en")  # site.yaml itself is unreadable

    _show_mkdocs_log()
    preview_dir = project.staging_parent / "serve" / locale
    seen = snapshot(project)
    first = refresh(project, locale, preview_dir)
    _report(first, None, display_path(preview_dir, project.root))
    if first.matrix is not None:
        settings = language_settings(first.matrix, locale, base, preview_dir, preview_dir)
    else:
        settings = _fallback_settings(base, locale, preview_dir)
        print("the preview starts on the error page; the site's name and navigation come from the "
              "matrix once serve is restarted on a valid matrix", file=sys.stderr)

    stop = threading.Event()
    watcher = threading.Thread(target=_watch, name="matrix-watcher", daemon=True,
                               args=(project, locale, preview_dir, seen, first, _shown(settings), stop))
    watcher.start()
    try:
        mkdocs_serve(str(project.base_config), livereload=True, dev_addr=address, **_reloadable(settings))
    except MkDocsException as error:
        print(f"the {locale} preview stopped: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # most often: the port is taken
        print(f"cannot serve on {address}: {error}", file=sys.stderr)
        return 1
    finally:
        stop.set()
        watcher.join(timeout=2)
    return 0


def _watch(project: Project, locale: str, preview_dir: Path, seen: dict, last: Refresh,
           shown: tuple, stop: threading.Event) -> None:
    """Poll for saves and re-render; survives anything so the server keeps running."""
    noticed = shown
    while not stop.wait(POLL_SECONDS):
        try:
            now = snapshot(project)
            if now == seen:
                continue
            seen = now
            result = refresh(project, locale, preview_dir)
            _report(result, last, display_path(preview_dir, project.root))
            last = result
            if result.matrix is not None:
                settings = _shown(language_settings(result.matrix, locale, base_config(project),
                                                    preview_dir, preview_dir))
                if settings != noticed:
                    noticed = settings
                    if settings != shown:
                        _say("the site's name, navigation or languages changed: restart serve to see them")
        except Exception:
            traceback.print_exc()
            _say("the preview could not re-render; it keeps watching for the next save")


def _report(result: Refresh, last: Refresh | None, where: str) -> None:
    """Tell the terminal what the browser is about to show."""
    if result.problems is not None:
        if last is None or result.problems != last.problems:
            print("\n".join(result.problems), file=sys.stderr)
            _say("the preview shows these problems until the files are fixed")
        return
    if last is not None and last.problems is not None:
        _say("the matrix is valid again; the pages are back")
    if result.written:
        _say(f"re-rendered into {where}: {', '.join(result.written)}")
    elif last is not None:
        _say("saved, but no page changed")


def _say(message: str) -> None:
    print(time.strftime("[%H:%M:%S] ") + message, file=sys.stderr, flush=True)


def _site_languages(project: Project) -> tuple[tuple[str, ...], str] | None:
    """Locales and default locale from site.yaml alone, so a broken file elsewhere does not block serve."""
    from ..matrix.model import SCHEMAS
    from ..matrix.shape import validate
    from ..matrix.yaml_source import read_source

    path = project.matrix_dir / "site.yaml"
    if not path.is_file():
        return None
    source, problems = read_source(path, display_path(path, project.root))
    if source is None or problems:
        return None
    model, problems = validate(source, SCHEMAS["site"])
    if model is None or problems:
        return None
    return tuple(model.locales), model.default_locale


def _fallback_settings(base: dict[str, Any], locale: str, docs_dir: Path) -> dict[str, Any]:
    """Settings for starting on a broken matrix: no catalog names the pages, so their files do."""
    return {
        "docs_dir": str(docs_dir),
        "theme": {**base["theme"], "language": locale, "custom_dir": str(THEME_OVERRIDES)},
        "plugins": {"search": {"lang": locale}},
        "nav": [{page.file.removesuffix(".md"): page.file} for page in PAGES],
        "extra": {**base.get("extra", {}), "alternate": []},
    }


def _reloadable(settings: dict[str, Any]) -> dict[str, Any]:
    """site_dir is left out: MkDocs' serve builds into its own temporary folder and passes site_dir itself."""
    return {key: value for key, value in settings.items() if key != "site_dir"}


def _shown(settings: dict[str, Any]) -> tuple:
    """The parts of the settings that come from the matrix and that MkDocs reads only at start."""
    toc = (settings.get("markdown_extensions") or {}).get("toc", {}).get("permalink_title")
    return settings.get("site_name"), repr(settings.get("nav")), repr(settings["extra"].get("alternate")), toc


def _show_mkdocs_log() -> None:
    """MkDocs' messages (address, rebuilds, warnings) in the terminal, as `mkdocs serve` shows them."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_serve_preview", False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        handler._serve_preview = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False

