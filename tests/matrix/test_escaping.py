"""Catalog text is text: HTML in a message shows as written and never becomes markup in the built site.

These run the real build (MkDocs, every language), a few seconds each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ProjectCopy, assert_failed_cleanly

EN = "matrix/locales/en.yaml"
RU = "matrix/locales/ru.yaml"

LEAD_EN = """\
  home.lead: >-
    A model from TF Hub comes in one of two formats, and your code runs TensorFlow in one of
    three modes. Whether you can load a model, fine-tune it or create one depends on both.
    This site answers that question for each combination, with code you can copy.
"""
LEAD_RU = """\
  home.lead: >-
    Модель из TF Hub хранится в одном из двух форматов, а ваш код запускает TensorFlow в одном
    из трёх режимов. От обоих зависит, сможете ли вы загрузить модель, дообучить её или создать
    свою. Здесь для каждого сочетания есть ответ и код, который можно скопировать.
"""


def _html_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_script_in_page_text_is_escaped(project: ProjectCopy) -> None:
    project.replace(EN, LEAD_EN, "  home.lead: <script>alert(1)</script>\n")
    project.replace(RU, LEAD_RU, "  home.lead: <script>alert(1)</script>\n")
    result = project.build()
    assert result.code == 0, result.output

    for locale in ("en", "ru"):
        page = project.path(f"site/{locale}/index.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, f"site/{locale}/index.html"
        assert "<script>alert(1)" not in page, f"site/{locale}/index.html"


@pytest.mark.parametrize(
    ("en_line", "ru_line"),
    [
        ("  site.name: TF Hub model compatibility\n", "  site.name: Совместимость моделей TF Hub\n"),
        ("  language.name: English\n", "  language.name: Русский\n"),
        ("  nav.modes: TensorFlow modes\n", "  nav.modes: Режимы TensorFlow\n"),
    ],
    ids=["site_name", "language_name", "nav_title"],
)
def test_script_in_plain_text_message_never_reaches_html(project: ProjectCopy, en_line: str, ru_line: str) -> None:
    """Messages the theme shows as plain text (site name, language names, navigation titles).

    Either the build refuses the markup, naming the message, or no built page contains it raw.
    """
    message_id = en_line.split(":")[0].strip()
    project.replace(EN, en_line, en_line.rstrip("\n") + " <script>alert(7)</script>\n")
    project.replace(RU, ru_line, ru_line.rstrip("\n") + " <script>alert(7)</script>\n")
    result = project.build()

    if result.code != 0:
        assert_failed_cleanly(result)
        assert any(message_id in line for line in result.problem_lines()), result.stderr
        return
    raw = {name: page.count("<script>alert(7)") for name, page in _html_files(project.path("site")).items()}
    raw = {name: count for name, count in raw.items() if count}
    assert raw == {}, f"'{message_id}' reaches the HTML unescaped: {raw}"
