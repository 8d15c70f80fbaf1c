"""Render every page of every language: the pages written in Markdown (matrix/pages/), with the
parts the generator makes from the matrix where their directives place them. Pure, deterministic,
no I/O beyond templates."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import jinja2

from ..matrix.documents import Matrix, MessageUse
from ..matrix.locale_codes import language_tag
from ..matrix.pages import ExampleBlock, Page, Part
from . import sweep_grid, verdicts, verification_page, views, your_versions
from .evidence import Evidence
from .messages import Messages
from .page_content import render_page
from .views import MESSAGES, chooser_view, example_name_views, example_view, format_view, mode_views

TEMPLATES = Path(__file__).with_name("templates")


# Messages the site needs beyond the pages' own: the site's and the language's names, the titles of
# permalinks, footnote back-links and the palette toggle, the notice of untranslated text, the page for a
# wrong address, the search box's error.
SITE_MESSAGES = frozenset(
    {
        "site.name",
        "language.name",
        "site.permalink",
        "i18n.fallback",
        "notfound.title",
        "notfound.body",
        "palette.dark",
        "palette.light",
        "search.error",
    }
)
FOOTNOTE_BACKLINK = "footnote.backlink"  # plain words and the footnote's {number}


@cache
def environment(autoescape: bool = False) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=autoescape,
    )


# A message a template asks for: msg("id") or msg('id'), the id written out (templates compute none).
MSG_CALL = re.compile(r"""\bmsg\(\s*(["'])([a-z0-9_.]+)\1""")


@cache
def message_use() -> MessageUse:
    """Every message id the rendering asks for: the views' declared ones and the templates' msg() calls."""
    from . import scripts  # scripts render with this module's environment

    plain = (
        SITE_MESSAGES | views.PLAIN | verdicts.PLAIN | verification_page.PLAIN | sweep_grid.PLAIN | your_versions.PLAIN
    )
    found = set(
        plain
        | MESSAGES
        | verdicts.MESSAGES
        | verification_page.MESSAGES
        | sweep_grid.MESSAGES
        | your_versions.MESSAGES
        | scripts.MESSAGES
        | {FOOTNOTE_BACKLINK}
    )
    for path in sorted(TEMPLATES.rglob("*.j2")):
        found |= {match[2] for match in MSG_CALL.finditer(path.read_text(encoding="utf-8"))}
    return MessageUse(frozenset(found), plain)


def messages(matrix: Matrix, locale: str) -> Messages:
    return Messages(matrix.messages(locale), matrix.urls)


def _msg(t: Messages):
    def msg(message_id: str, *, table: bool = False, attribute: bool = False) -> str:
        text = t.markdown(message_id, table=table)
        return text.replace('"', "&quot;") if attribute else text

    return msg


CHOOSER_STYLES = "assets/chooser.css"


def render_pages(matrix: Matrix, locale: str, evidence: Evidence) -> dict[str, str]:
    """The files of one language's site that the matrix decides, keyed by path: every page's
    Markdown, and the chooser's stylesheet (its rules name every choice)."""
    t = messages(matrix, locale)
    footnotes: list[str] = []
    formats = [format_view(matrix, fmt, t, footnotes, evidence) for fmt in matrix.ordered_formats()]
    context = {
        "msg": _msg(t),
        "formats": formats,
        "modes": mode_views(matrix, t),
        "footnotes": [t.markdown(footnote) for footnote in footnotes],
        "example_names": example_name_views(matrix, t),
        "verification": verification_page.page_view(matrix, evidence, t),
        "chooser": chooser_view(matrix, formats, t),
        "versions": your_versions.versions_view(matrix, evidence, t),
        "page_of": {name: f"{page.id}.md" for page in matrix.pages for name in page.parts()},
    }
    env = environment()

    def generated(page: Page) -> Callable[[Part | ExampleBlock], str]:
        def render(block: Part | ExampleBlock) -> str:
            if isinstance(block, Part):
                return env.get_template(f"parts/{block.name}.md.j2").render(context).strip("\n")
            view = example_view(matrix, page, block, t, evidence)
            return env.get_template("example.md.j2").render(context, example=view).strip("\n")

        return render

    pages = {f"{page.id}.md": render_page(page, t, generated(page)) for page in matrix.pages}
    return pages | {CHOOSER_STYLES: env.get_template("chooser.css.j2").render(context)}


def render_language_root(matrix: Matrix, site_url: str | None = None) -> str:
    """The site's root page: sends the reader to the default language and lists the others; its
    canonical address is the default language's, absolute when the site's address is known."""
    return _render_root("language_root.html.j2", matrix, site_url or "")


def render_root_error_page(matrix: Matrix) -> str:
    """The root's page for a wrong address (404.html): in every language, a link to its home page."""
    return _render_root("root_error_page.html.j2", matrix)


def _render_root(template: str, matrix: Matrix, site_url: str = "") -> str:
    languages = []
    for code in matrix.locales:
        t = messages(matrix, code)
        languages.append(
            {
                "code": code,
                "tag": language_tag(code),
                "name": t.plain("language.name"),
                "site": t.plain("site.name"),
                "not_found": t.plain("notfound.title"),
            }
        )
    default = next(language for language in languages if language["code"] == matrix.default_locale)
    return (
        environment(autoescape=True)
        .get_template(template)
        .render(languages=languages, default=default, site_url=site_url)
    )
