"""The whole check of the project's input: the matrix, with every message the pages ask for and
every language the theme can show."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..matrix.documents import Matrix
from ..matrix.locale_codes import theme_language
from ..problems import Failure, Problem
from ..project import Project
from ..render.pages import message_use
from ..render.site_config import theme_languages_known


def check(project: Project) -> Matrix:
    """Load and validate the matrix; raises Failure with every problem."""
    matrix = project.load(message_use())
    problems = list(theme_languages(matrix))
    if problems:
        raise Failure(problems)
    return matrix


def theme_languages(matrix: Matrix) -> Iterator[Problem]:
    """Each language must be one the theme has words for (its menus, search, dates)."""
    known = sorted(theme_languages_known())
    site = matrix.site
    for i, locale in enumerate(site.model.locales):
        if theme_language(locale, known) is None:
            close = difflib.get_close_matches(locale, known, n=3, cutoff=0.5)
            fix = (
                f"did you mean {' or '.join(close)}?"
                if close
                else f"use one of its codes ({', '.join(known[:10])}, ...; see material/templates/partials/languages/)"
            )
            yield Problem(site.source.place(("locales", i)), f"the theme has no language '{locale}'", fix)
