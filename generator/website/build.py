"""Build docs/ and site/ for every language without ever leaving them half-written.

Everything is made in a staging folder next to docs/ and site/; only when every language has
built cleanly do the new folders replace the old ones. A failure removes the staging folder and
leaves docs/ and site/ exactly as they were.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..matrix.documents import Matrix
from ..matrix.load import load_matrix
from ..render.pages import render_language_root, render_pages, message_use
from ..render.scripts import render_scripts
from ..render.site_config import language_settings
from ..verify.models import BUILDERS

ASSETS = Path(__file__).with_name("assets")
DOCS_README = Path(__file__).with_name("docs_readme.md")


class SiteBuildError(Exception):
    """MkDocs refused a language's site; the message says which and why."""


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def matrix_dir(self) -> Path:
        return self.root / "matrix"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def base_config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def staging_parent(self) -> Path:
        return self.root / ".build"

    @property
    def report(self) -> Path:
        """The committed verification report the site shows (`make verify` writes it)."""
        return self.matrix_dir / "verification.json"


@dataclass
class Timings:
    """Seconds spent in each stage, for the build benchmark."""

    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start


def check(project: Project) -> Matrix:
    """Load and validate the matrix; raises MatrixError with every problem."""
    return load_matrix(project.matrix_dir, project.root, message_use())


def read_report(project: Project) -> Any:
    """The verification report's parsed JSON; None when there is none or it cannot be read.

    A report is never a reason not to build: what it cannot tell shows as "not verified yet".
    """
    try:
        return json.loads(project.report.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        print(f"{project.report.name} cannot be read ({error}); the site shows every example as not verified yet",
              file=sys.stderr)
        return None


def read_builders() -> dict[str, str]:
    """The source of every model builder (generator/verify/fixtures/<name>.py), for the scripts."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(BUILDERS.glob("*.py"))
            if not path.name.startswith("_")}


def write_docs(matrix: Matrix, docs_dir: Path, report: Any = None,
               builders: Mapping[str, str] | None = None) -> list[Path]:
    """Write every language's pages, scripts and assets under docs_dir; returns the files written.

    `report` is the verification report's parsed JSON (None: nothing is verified yet); `builders`
    the model builders' sources (default: read from generator/verify/fixtures/).
    """
    written = []
    scripts = render_scripts(matrix, report, read_builders() if builders is None else builders)
    for locale in matrix.locales:
        folder = docs_dir / locale
        for name, text in render_pages(matrix, locale, report).items():
            written.append(_write(folder / name, text))
        for name, text in scripts.items():
            written.append(_write(folder / name, text))
        for asset in sorted(ASSETS.iterdir()):
            written.append(_write(folder / "assets" / asset.name, asset.read_text(encoding="utf-8")))
    written.append(_write(docs_dir / "README.md", DOCS_README.read_text(encoding="utf-8")))
    return written


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def base_config(project: Project) -> dict:
    """mkdocs.yml as MkDocs reads it (its Python tags constructed), for layering a language over it."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with project.base_config.open(encoding="utf-8") as handle:
            return yaml_load(handle)
    except (OSError, ConfigurationError) as error:
        raise SiteBuildError(f"{project.base_config.name} cannot be read: {error}") from None


def build_site(project: Project, settings: dict, locale: str) -> None:
    """Run MkDocs in strict mode for one language; any warning aborts the build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    handler = _LanguageLogHandler(locale)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        build(load_config(str(project.base_config), strict=True, **settings))
    except (Abort, ConfigurationError) as error:
        details = "\n".join(handler.messages) or str(error)
        raise SiteBuildError(f"the {locale} site did not build:\n{details}") from None
    finally:
        logger.removeHandler(handler)


class _LanguageLogHandler(logging.Handler):
    def __init__(self, locale: str):
        super().__init__(logging.WARNING)
        self.locale = locale
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"  [{self.locale}] {record.levelname}: {record.getMessage()}")


def build(project: Project, timings: Timings | None = None) -> Matrix:
    """Validate, render and build every language, then swap the results into place."""
    timings = timings or Timings()
    with timings.stage("validate"):
        matrix = check(project)
    project.staging_parent.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="staging-", dir=project.staging_parent))
    try:
        docs, site = staging / "docs", staging / "site"
        with timings.stage("render"):
            write_docs(matrix, docs, read_report(project), read_builders())
            _write(site / "index.html", render_language_root(matrix))
        with timings.stage("mkdocs"):
            base = base_config(project)
            for locale in matrix.locales:
                settings = language_settings(matrix, locale, base, docs / locale, site / locale)
                build_site(project, settings, locale)
        swap(docs, project.docs_dir)
        swap(site, project.site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return matrix


def swap(new: Path, target: Path) -> None:
    """Put `new` where `target` is; the old folder is kept until the new one is in place."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        if old.exists():
            os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
