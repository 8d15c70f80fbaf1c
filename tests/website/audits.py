"""The web's own audit tools, as `make test` installs them from the npm registry (package.json,
package-lock.json): axe-core, injected into pages Chromium opens, and the Nu HTML Checker (vnu.jar),
run with Debian's Java. Without them a test is skipped with the reason; `make test` installs the
packages and `.ci/run` installs Java."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..helpers import REPO

PACKAGES = REPO / "node_modules"
AXE = PACKAGES / "axe-core" / "axe.min.js"
VNU = PACKAGES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL = "`make test` installs it (npm ci, from package-lock.json)"
# WCAG 2.0 and 2.1, A and AA; from 2.2 the 24 px targets (2.5.8); and axe's best practices, which
# hold landmarks, one h1 and one main per page.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")


def required(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path.relative_to(REPO)} is missing: {INSTALL}")
    return path


def java() -> str:
    found = shutil.which("java")
    if found is None:
        pytest.skip("the Nu HTML Checker needs Java 17 or later (apt-get install default-jre-headless)")
    return found


def built_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths under it; the search bundle holds none a reader opens."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if not {"pagefind", "assets"} & set(path.relative_to(site).parts)
    )
