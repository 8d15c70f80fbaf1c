"""The committed report (matrix/verification.json) was made for the matrix as it is now.

The site shows this report; an item without a current record shows as "not verified yet", and a
contradicted claim stops `make site`. After any change to a snippet, its setup, checks, claim or
the runtimes, `make verify` runs the examples again and rewrites the report. This is the one test
that a change to the real matrix's examples is expected to break, until `make verify` is run.
"""

from __future__ import annotations

from generator.problems import Failure
from generator.project import Project
from generator.render.evidence import evidence
from generator.verify.contradictions import contradiction

from ..helpers import REPO

FIX = "run make verify to run every example again and rewrite matrix/verification.json"


def test_report_covers_every_example_and_contradicts_none(real_matrix):
    project = Project(REPO)
    try:
        report = project.read_report()
    except Failure as error:
        raise AssertionError(f"{error}\n{FIX}") from None
    assert report is not None, f"matrix/verification.json is missing: {FIX}"
    found = evidence(real_matrix, report)
    current = {item.id for item in found.every}
    problems = [f"  no current record for {item.id} ({item.example.place})" for item in found.uncovered]
    problems += [f"  {contradiction(record, item.example)}" for item, record in found.contradicted]
    problems += [
        f"  a record for {record.id}, which the matrix no longer has"
        for record in report.records
        if record.id not in current
    ]
    assert not problems, "matrix/verification.json does not match the matrix:\n" + "\n".join(problems) + f"\n{FIX}"


def test_sweep_report_supports_every_declared_bound_and_contradicts_no_claim(real_matrix):
    """The committed sweep report (matrix/sweep.json.gz), judged against the claims as they are now:
    every declared TensorFlow and tensorflow_hub bound agrees with what ran, and no observation
    contradicts a claim. Observations of code that changed since the sweep are not judged."""
    from generator.verify.bounds import disagreements

    project = Project(REPO)
    fix = "run python -m generator bounds (--write makes the matrix agree), or make sweep"
    try:
        report = project.read_sweep_report()
    except Failure as error:
        raise AssertionError(f"{error}\n{fix}") from None
    if real_matrix.runtimes.model.sweep is None:
        return
    assert report is not None, "matrix/sweep.json.gz is missing: run make sweep"
    problems = [f"  {disagreement.problem}" for disagreement in disagreements(real_matrix, report)]
    sweep = evidence(real_matrix, None, report).sweep
    assert sweep is not None
    problems += [f"  {contradiction(record, item.example)}" for item, record in sweep.contradicted]
    assert not problems, "matrix/sweep.json.gz does not support the matrix:\n" + "\n".join(problems) + f"\n{fix}"
