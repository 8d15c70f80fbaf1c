"""A language is one catalog and one line of site.yaml (CONTRIBUTING.md): adding one breaks nothing."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from .conftest import ProjectCopy, assert_passed, assert_problem

SITE = "matrix/site.yaml"
UNKNOWN = "xx"  # a code the theme does not know


def _themed_code(project: ProjectCopy) -> str:
    """A language the theme has templates for (CONTRIBUTING.md asks for one) and the fixture lacks."""
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    codes = sorted(path.stem for path in folder.glob("*.html") if re.fullmatch(r"[a-z]+", path.stem))
    return next(code for code in codes if code not in project.locales)


def add_language(project: ProjectCopy, code: str) -> ProjectCopy:
    """One more language: a copy of the default catalog with a name of its own, listed in site.yaml."""
    assert code not in project.locales
    catalog = project.data(project.catalog())
    catalog["locale"] = code
    catalog["messages"]["language.name"] = f"[{code}]"
    project.write_data(project.catalog(code), catalog)
    with project.edit(SITE) as site:
        site["locales"].append(code)
    return project


@pytest.fixture
def with_new_language(project: ProjectCopy) -> ProjectCopy:
    return add_language(project, _themed_code(project))


def new_language(project: ProjectCopy) -> str:
    return project.locales[-1]


def test_check_passes_with_a_new_language(with_new_language: ProjectCopy) -> None:
    result = with_new_language.check()
    assert_passed(result)
    assert new_language(with_new_language) in result.stdout


def test_build_makes_every_language_with_a_new_one(project: ProjectCopy) -> None:
    code = _themed_code(project)
    add_language(project, code)
    assert_passed(project.build())
    for locale in project.locales:
        assert project.path(f"site/{locale}/index.html").is_file(), locale
    assert f'<html lang="{code}"' in project.path(f"site/{code}/index.html").read_text(encoding="utf-8")


def test_a_language_the_theme_lacks_is_refused_cleanly(project: ProjectCopy) -> None:
    add_language(project, UNKNOWN)
    for result in (project.check(), project.build()):
        assert_problem(
            result, SITE, *project.place(SITE, "locales", len(project.locales) - 1), what=(f"'{UNKNOWN}'", "theme")
        )


def test_a_new_language_is_checked_like_the_others(with_new_language: ProjectCopy) -> None:
    project = with_new_language
    for file in project.catalogs():
        with project.edit(file) as catalog:
            catalog["messages"]["unused.thing"] = "x"
    result = project.check()
    assert project.catalog(new_language(project)) in project.catalogs()
    for file in project.catalogs():
        assert_problem(result, file, *project.place(file, "messages", "unused.thing", key=True), what="not used")


def test_a_new_language_must_be_listed(project: ProjectCopy) -> None:
    """A catalog that site.yaml does not list is not built: reported, not silently skipped."""
    catalog = project.data(project.catalog())
    catalog["locale"] = _themed_code(project)
    file = project.catalog(catalog["locale"])
    project.write_data(file, catalog)
    assert_problem(
        project.check(),
        file,
        *project.place(file, "locale"),
        what=(f"'{catalog['locale']}'", "not built"),
        fix="site.yaml",
    )
