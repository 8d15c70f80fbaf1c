"""Catalog text is text: HTML in a message shows as written and never becomes markup in the built site.

These run the real build (MkDocs, every language of the fixture copy), a few seconds each. Each
spoiled message gets its own script, `<script>alert(N)</script>`, so that a script that became an
element of a built page names the message it came from.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.render.pages import message_use

from .conftest import ProjectCopy, assert_failed_cleanly, assert_passed

PLAIN = sorted(message_use().plain)
# Put into the page as markup: see test_decimal_separator_is_text.
SEPARATOR = "verification.decimal_separator"


class _Scripts(HTMLParser):
    """The text of every <script> element of a page (a script inside an attribute's text is text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "script":
            self.inside = True
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.found[-1] += data


def _html_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def _spoil(project: ProjectCopy, message_ids: list[str]) -> dict[int, str]:
    """Append a numbered script to each message in every language; returns number -> message id."""
    numbers = {message_id: n for n, message_id in enumerate(message_ids)}
    for file in project.catalogs():
        with project.edit(file) as catalog:
            for message_id, n in numbers.items():
                catalog["messages"][message_id] += f" <script>alert({n})</script>"
    return {n: message_id for message_id, n in numbers.items()}


def _leaks(project: ProjectCopy, spoiled: dict[int, str]) -> dict[str, list[str]]:
    """Message id -> the pages where its script became an element."""
    leaks: dict[str, list[str]] = {}
    for name, page in _html_files(project.path("site")).items():
        parser = _Scripts()
        parser.feed(page)
        for script in parser.found:
            for n in re.findall(r"alert\((\d+)\)", script):
                leaks.setdefault(spoiled[int(n)], []).append(name)
    return leaks


def test_script_in_page_text_is_escaped(project: ProjectCopy) -> None:
    """Every message that may hold markup, in every language, ends with a script: pages show it as text."""
    project.add_report()
    spoiled = _spoil(project, [m for m in project.messages() if m not in PLAIN and m != SEPARATOR])
    result = project.build("--allow-contradicted")
    assert_passed(result)

    for locale in project.locales:
        page = project.path(f"site/{locale}/index.html").read_text(encoding="utf-8")
        assert re.search(r"&lt;script&gt;alert\(\d+\)&lt;/script&gt;", page), f"site/{locale}/index.html"
    assert _leaks(project, spoiled) == {}


def test_decimal_separator_is_text(project: ProjectCopy) -> None:
    project.add_report()
    spoiled = _spoil(project, [SEPARATOR])
    result = project.build("--allow-contradicted")
    if result.code != 0:
        assert_failed_cleanly(result)
        assert any(SEPARATOR in line for line in result.problem_lines()), result.stderr
        return
    assert _leaks(project, spoiled) == {}


@pytest.mark.parametrize("message_id", PLAIN)
def test_script_in_plain_text_message_never_reaches_html(project: ProjectCopy, message_id: str) -> None:
    """Messages the theme shows as plain text (site name, language names, navigation titles).

    Either the build refuses the markup, naming the message, or no built page holds it as markup.
    """
    spoiled = _spoil(project, [message_id])
    result = project.build()

    if result.code != 0:
        assert_failed_cleanly(result)
        assert any(message_id in line for line in result.problem_lines()), result.stderr
        return
    assert _leaks(project, spoiled) == {}
