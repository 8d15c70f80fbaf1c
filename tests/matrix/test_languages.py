"""A language is one catalog and one line of site.yaml (CONTRIBUTING.md): adding one breaks nothing."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from .conftest import ProjectCopy, assert_passed, assert_problem

SITE = "matrix/site.yaml"
NEW = "xx"  # a code no theme knows: enough for everything but the theme's own templates


def _themed_code(project: ProjectCopy) -> str:
    """A language the theme has templates for (CONTRIBUTING.md asks for one) and the fixture lacks."""
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    codes = sorted(path.stem for path in folder.glob("*.html") if re.fullmatch(r"[a-z]+", path.stem))
    return next(code for code in codes if code not in project.locales)


def add_language(project: ProjectCopy, code: str) -> ProjectCopy:
    """One more language: a copy of the default catalog, listed in site.yaml."""
    assert code not in project.locales
    catalog = project.data(project.catalog())
    catalog["locale"] = code
    project.write_data(project.catalog(code), catalog)
    with project.edit(SITE) as site:
        site["locales"].append(code)
    return project


@pytest.fixture
def with_new_language(project: ProjectCopy) -> ProjectCopy:
    return add_language(project, NEW)


def test_check_passes_with_a_new_language(with_new_language: ProjectCopy) -> None:
    result = with_new_language.check()
    assert_passed(result)
    assert NEW in result.stdout


def test_build_makes_every_language_with_a_new_one(project: ProjectCopy) -> None:
    code = _themed_code(project)
    add_language(project, code)
    assert_passed(project.build())
    for locale in project.locales:
        assert project.path(f"site/{locale}/index.html").is_file(), locale
    assert f'<html lang="{code}"' in project.path(f"site/{code}/index.html").read_text(encoding="utf-8")


@pytest.mark.xfail(strict=True, reason="a language the theme has no templates for passes `check`, and the "
                                       "build then ends in a traceback (TemplateNotFound) instead of a problem")
def test_a_language_the_theme_lacks_is_refused_cleanly(with_new_language: ProjectCopy) -> None:
    result = with_new_language.build()
    assert "Traceback" not in result.output, result.output
    assert result.code in (0, 1), result.output
    if result.code == 1:
        assert "nothing was written" in result.stderr and NEW in result.stderr, result.stderr


def test_a_new_language_is_checked_like_the_others(with_new_language: ProjectCopy) -> None:
    project = with_new_language
    for file in project.catalogs():
        with project.edit(file) as catalog:
            catalog["messages"]["unused.thing"] = "x"
    result = project.check()
    assert project.catalog(NEW) in project.catalogs()
    for file in project.catalogs():
        assert_problem(result, file, *project.place(file, "messages", "unused.thing", key=True), what="not used")


def test_a_new_language_must_be_listed(project: ProjectCopy) -> None:
    """A catalog that site.yaml does not list is not built: reported, not silently skipped."""
    catalog = project.data(project.catalog())
    catalog["locale"] = NEW
    file = project.catalog(NEW)
    project.write_data(file, catalog)
    assert_problem(project.check(), file, *project.place(file, "locale"), what=(f"'{NEW}'", "not built"),
                   fix="site.yaml")
