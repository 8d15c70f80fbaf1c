"""The small fixture project (tests/fixtures/small), read once: its matrix, its reports, their evidence.

Its reports (tests/fixtures/small/verification.json, and sweep.json for its release sweep) sit
beside the matrix, not in it, so that the matrix folder stays a plain valid matrix for the
bad-input tests; `tests.helpers.copy_project` puts them where a project keeps its reports when
asked. The sweep's report holds one contradiction, so a copy that builds a site leaves it out.
"""

from __future__ import annotations

from functools import cache

from generator.matrix.documents import Matrix
from generator.matrix.verification import Report
from generator.project import Project
from generator.render.evidence import Evidence, evidence
from generator.website.check import check

from ..helpers import SMALL, SMALL_REPORT, SMALL_SWEEP


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


def small_sweep_evidence() -> Evidence:
    """The evidence of the small project's sweep."""
    found = small_evidence().sweep
    assert found is not None
    return found
