"""The project: where its files are, its checked matrix, and its verification report.

Every stage (verify, render, website, the command line) starts here; this module imports the
matrix's own code only, so the stages above it never need each other to find their inputs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .files import unpacked
from .matrix.documents import Matrix, MessageUse
from .matrix.load import load_matrix
from .matrix.verification import REPORT_VERSION, Report
from .problems import Place, display_path, failure


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def matrix_dir(self) -> Path:
        return self.root / "matrix"

    @property
    def report(self) -> Path:
        """The committed verification report the site shows (`make verify` writes it)."""
        return self.matrix_dir / "verification.json"

    @property
    def sweep_report(self) -> Path:
        """The committed report of the release sweep (`make sweep` writes it), which bounds are read from;
        compressed, as it holds a record for every example in every runtime of the sweep."""
        return self.matrix_dir / "sweep.json.gz"

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
    def work_dir(self) -> Path:
        """Scratch space of builds, previews and verification runs (.build/, ignored by git)."""
        return self.root / ".build"

    @property
    def runtimes_dir(self) -> Path:
        """Made runtimes, built fixtures and cached results (.runtimes/, ignored by git)."""
        return self.root / ".runtimes"

    def show(self, path: Path) -> str:
        return display_path(path, self.root)

    def load(self, use: MessageUse | None = None) -> Matrix:
        """The checked matrix; raises Failure listing every problem found.

        `use` names the messages the pages ask for; without it the catalogs are not checked, which
        is all verification needs (it shows no page)."""
        return load_matrix(self.matrix_dir, self.root, use)

    def read_report(self, path: Path | None = None) -> Report | None:
        """The verification report (default: the committed one); None when there is none yet."""
        return read_report(path or self.report, self.show(path or self.report))

    def read_sweep_report(self) -> Report | None:
        """The committed sweep report; None when there is none yet."""
        return read_report(self.sweep_report, self.show(self.sweep_report), "make sweep")


def read_report(path: Path, shown: str, remedy: str = "make verify") -> Report | None:
    """The report at path, validated as a whole; None when there is none. Raises Failure (exit 2),
    placed in the file where it can be, when the file cannot be used."""
    fix = f"run {remedy} to make it again"
    try:
        text = unpacked(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise failure(
            f"the report cannot be read ({getattr(error, 'strerror', None) or error})", fix, place=Place.whole(shown)
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise failure(
            f"the report is not valid JSON ({error.msg})", fix, place=Place(shown, error.lineno, error.colno)
        ) from None
    if not isinstance(data, dict) or data.get("version") != REPORT_VERSION:
        raise failure(
            f"the report was made by another version of the generator (this one reads version {REPORT_VERSION})",
            fix,
            place=Place.whole(shown),
        ) from None
    try:
        return Report.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise failure(
            f"the report does not fit its schema ({where}: {first['msg']})", fix, place=Place.whole(shown)
        ) from None
