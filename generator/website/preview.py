"""What the live preview shows: every language's pages, re-rendered and rebuilt after each save.

The pages are rendered into .build/serve/docs/<locale> and built into .build/serve/site/<locale>,
never into docs/ or site/. Only pages whose text changed are rewritten, each atomically. When the
matrix does not validate, every page of every language becomes an error page listing the
problems, so whichever page the browser shows turns into the error, and back into the page once
the file is fixed. Contradicted claims are shown on their pages, as the committed report has them.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from ..files import write_atomically
from ..matrix.documents import Matrix
from ..matrix.locale_codes import language_tag, theme_language
from ..matrix.pages import HOME
from ..problems import Failure
from ..project import Project
from ..render.evidence import evidence
from ..render.pages import message_use, messages, render_language_root, render_pages, render_root_error_page
from ..render.scripts import render_scripts
from ..render.site_config import language_settings
from .build import ASSETS, base_config, build_site, index_search, read_fixtures, read_reports
from .check import check
from .page_language import tag_pages

ERROR_TITLE = "The matrix has problems"
TRACEBACK_LINES = 40  # of an unexpected error: its end says what happened


@dataclass(frozen=True)
class Refresh:
    """What one re-render showed: the problems (None when the real pages are shown) and what changed."""

    problems: list[str] | None
    matrix: Matrix | None = None
    written: list[str] = field(default_factory=list)


def preview_docs(project: Project) -> Path:
    return project.work_dir / "serve" / "docs"


def preview_site(project: Project) -> Path:
    return project.work_dir / "serve" / "site"


def refresh(project: Project, locales: tuple[str, ...]) -> Refresh:
    """Re-validate and re-render every language once; a broken matrix shows as an error page.

    Never raises for a bad matrix or a failing render: a preview must outlive a half-saved file.
    `locales` are the languages to show error pages in when the matrix cannot say which it has.
    """
    try:
        message_use.cache_clear()  # a saved template may ask for new messages
        matrix = check(project)
        shown = evidence(matrix, *read_reports(project))
        scripts = render_scripts(
            matrix, shown, read_fixtures(), {locale: messages(matrix, locale) for locale in matrix.locales}
        )
        files = {"index.html": render_language_root(matrix), "404.html": render_root_error_page(matrix)}
        for locale in matrix.locales:
            pages = render_pages(matrix, locale, shown) | scripts[locale] | asset_files()
            files |= {f"{locale}/{name}": text for name, text in pages.items()}
        problems = None
    except Failure as error:
        matrix, problems = None, error.report().splitlines()
    except Exception:  # a bug or a template error: show it rather than stop the preview
        matrix, problems = None, traceback.format_exc().rstrip().splitlines()[-TRACEBACK_LINES:]
    if problems is not None:
        files = {
            f"{locale}/{name}": text
            for locale in locales
            for name, text in ({file: error_page(problems) for file in page_files(project)} | asset_files()).items()
        }
    return Refresh(problems, matrix, write_changed(preview_docs(project), files))


def page_files(project: Project) -> list[str]:
    """The pages' files, found on disk: a broken matrix cannot say which pages it has."""
    folder = project.matrix_dir / "pages"
    written = sorted(path.name for path in folder.glob("*.md")) if folder.is_dir() else []
    return [f"{HOME}.md", *(name for name in written if name != f"{HOME}.md")]


def asset_files() -> dict[str, str]:
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

    Only changed files are touched, so MkDocs rebuilds only when something shows.
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
        write_atomically(path, data)
        changed.append(name)
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in files:
                path.unlink(missing_ok=True)
                changed.append(name)
    return changed


def build_preview(project: Project, result: Refresh, locales: tuple[str, ...], site_url: str) -> None:
    """Build every language of the preview's pages into its site folder, each with its search index
    (MkDocs empties the folder on every build, and indexing takes a fraction of a second)."""
    base = base_config(project)
    docs, site = preview_docs(project), preview_site(project)
    site.mkdir(parents=True, exist_ok=True)
    if result.matrix is not None:
        for name in ("index.html", "404.html"):
            (site / name).write_text((docs / name).read_text(encoding="utf-8"), encoding="utf-8")
    shown = result.matrix.locales if result.matrix is not None else locales
    for locale in shown:
        if result.matrix is not None:
            settings = language_settings(result.matrix, locale, base, docs / locale, site / locale)
        else:
            settings = fallback_settings(base, locale, docs / locale, site / locale, locales, page_files(project))
        settings["site_url"] = f"{site_url}{locale}/"  # the page for a wrong address links from here
        build_site(project, settings, locale)
        tag_pages(site / locale, language_tag(locale))
    index_search(site, shown)


def fallback_settings(
    base: dict, locale: str, docs_dir: Path, site_dir: Path, locales: tuple[str, ...], files: list[str]
) -> dict:
    """Settings for a broken matrix: no catalog names the pages, so their files do."""
    from ..render.site_config import THEME_OVERRIDES, theme_languages_known

    return {
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": {
            **base["theme"],
            "language": theme_language(locale, theme_languages_known()) or "en",
            "custom_dir": str(THEME_OVERRIDES),
        },
        "plugins": {},
        "nav": [{file.removesuffix(".md"): file} for file in files],
        "extra": {
            **base.get("extra", {}),
            "alternate": [{"name": code, "link": f"../{code}/", "lang": language_tag(code)} for code in locales],
            "not_found": {"title": "404", "body": "", "home": "index"},
        },
    }
