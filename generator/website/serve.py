"""The live preview server: every language on http://127.0.0.1:8000/, rebuilt on each save.

MkDocs' own live-reload server serves .build/serve/site/ and watches the matrix, the templates,
the theme and the fixtures; on a save it re-renders every language (generator/website/preview.py)
and the browser reloads. The language selector works as on the built site, since every language
is served under one root.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from ..problems import Failure, display_path, failure
from ..project import Project
from ..render.pages import TEMPLATES
from ..render.site_config import THEME_OVERRIDES
from ..verify.fixture_store import FIXTURES
from .build import ASSETS
from .preview import Refresh, build_preview, preview_site, refresh


def serve(project: Project, locale: str | None, address: str) -> None:
    """Preview every language at address until Ctrl+C (which is raised again once the server has
    stopped); the printed address opens `locale`. A bad address or locale raises Failure."""
    from mkdocs.livereload import LiveReloadServer

    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise failure(f"'{address}' is not host:port", "for example 127.0.0.1:8000")
    _show_mkdocs_log()
    locales = _site_languages(project) or ("en",)
    if locale is not None and locale not in locales:
        raise failure(
            f"'{locale}' is not one of the site's locales",
            f"{display_path(project.matrix_dir / 'site.yaml', project.root)} lists {', '.join(locales)}",
        )
    url = f"http://{address}/"
    state: dict[str, Refresh | None] = {"last": None}

    def rebuild() -> None:
        shown = _site_languages(project) or locales
        result = refresh(project, shown)
        _report(result, state["last"])
        state["last"] = result
        try:
            build_preview(project, result, shown, url)
        except Failure as error:
            _say(error.report())

    rebuild()
    site = preview_site(project)
    server = LiveReloadServer(builder=rebuild, host=host, port=int(port), root=str(site))
    server.error_handler = lambda code: _error_page(site / (locale or locales[0]), code)
    for path in (project.matrix_dir, TEMPLATES, ASSETS, THEME_OVERRIDES, FIXTURES, project.base_config):
        server.watch(str(path))
    _say(f"previewing {', '.join(locales)}: open {url}{locale or locales[0]}/")
    try:
        server.serve()
    except OSError as error:  # most often: the port is taken
        raise failure(f"cannot serve on {address}: {error}", "choose another port with --address") from None
    finally:
        server.shutdown()


def _error_page(language: Path, code: int) -> bytes | None:
    page = language / "404.html"
    return page.read_bytes() if code == 404 and page.is_file() else None


def _site_languages(project: Project) -> tuple[str, ...] | None:
    """The locales from site.yaml alone, so that a broken file elsewhere still shows every language."""
    from ..matrix.model import SCHEMAS, SiteFile
    from ..matrix.shape import validate
    from ..matrix.yaml_source import read_source

    path = project.matrix_dir / "site.yaml"
    if not path.is_file():
        return None
    source, problems = read_source(path, display_path(path, project.root))
    if source is None or problems:
        return None
    model, problems = validate(source, SCHEMAS["site"])
    return tuple(model.locales) if isinstance(model, SiteFile) and not problems else None


def _report(result: Refresh, last: Refresh | None) -> None:
    """Tell the terminal what the browser is about to show."""
    if result.problems is not None:
        if last is None or result.problems != last.problems:
            print("\n".join(result.problems), file=sys.stderr)
            _say("the preview shows these problems until the files are fixed")
        return
    if last is not None and last.problems is not None:
        _say("the matrix is valid again; the pages are back")
    if result.written:
        _say(f"re-rendered: {', '.join(result.written[:8])}" + (" ..." if len(result.written) > 8 else ""))
    elif last is not None:
        _say("saved, but no page changed")


def _say(message: str) -> None:
    print(time.strftime("[%H:%M:%S] ") + message, file=sys.stderr, flush=True)


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
