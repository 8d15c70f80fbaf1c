"""The small fixture project (tests/fixtures/small): its matrix, its report, and copies of it to build.

Its reports (tests/fixtures/small/verification.json, and sweep.json for its release sweep) sit
beside the matrix, not in it, so that the matrix folder stays a plain valid matrix for the
bad-input tests; `copy_project` puts them where a project keeps its reports. The sweep's report
holds one contradiction, so a copy that builds a site leaves it out unless asked.
"""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from generator.matrix.documents import Matrix
from generator.matrix.verification import Report
from generator.project import Project
from generator.render.evidence import Evidence, evidence
from generator.website.check import check

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "small"
SMALL_REPORT = SMALL / "verification.json"
SMALL_SWEEP = SMALL / "sweep.json"


@cache
def small_matrix() -> Matrix:
    return check(Project(SMALL))


@cache
def small_report() -> Report:
    report = Project(SMALL).read_report(SMALL_REPORT)
    assert report is not None
    return report


@cache
def small_sweep_report() -> Report:
    report = Project(SMALL).read_report(SMALL_SWEEP)
    assert report is not None
    return report


@cache
def small_evidence() -> Evidence:
    return evidence(small_matrix(), small_report(), small_sweep_report())


def copy_project(
    target: Path, *, matrix: Path = SMALL / "matrix", report: Path | None = SMALL_REPORT, sweep: Path | None = None
) -> Project:
    """A project folder holding a copy of `matrix`, its reports (when given) and the shared mkdocs.yml."""
    shutil.copytree(matrix, target / "matrix")
    if report is not None:
        shutil.copy(report, target / "matrix" / "verification.json")
    if sweep is not None:
        shutil.copy(sweep, target / "matrix" / "sweep.json")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return Project(target)
