"""Every page says what it holds, for the `<meta name="description">` search engines show under its
title: a `description:` in its front matter, translated like the rest of the page."""

from __future__ import annotations

from collections.abc import Iterator

from ...problems import Place, Problem
from ..documents import Matrix, MessageUse
from ..pages import FRONT_MATTER_EXAMPLE


def check(matrix: Matrix, _use: MessageUse) -> Iterator[Problem]:
    for page in matrix.pages:
        if page.description is None:
            yield Problem(Place(page.file, 1, 1), "the page has no description", FRONT_MATTER_EXAMPLE)
