"""Rule tests build small inline matrices (see inline.py) under their own scratch folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from .inline import InlineMatrix


@pytest.fixture
def inline(tmp_path: Path) -> InlineMatrix:
    return InlineMatrix(tmp_path)
