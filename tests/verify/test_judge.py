"""Judging an observation where the releases are declared not to import together: every item is
expected to fail there, and a counterexample of that failure, bounded around those releases, must
fail with the exception it declares (and bounds are read off where it did). On the small matrix's
sweep (tests/fixtures/small), where tensorflow_hub 0.15.0 does not import on TensorFlow 2.16;
nothing runs.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.matrix.examples import _of_import
from generator.matrix.model import Bound, Raises
from generator.matrix.sweep import sweep_runtimes
from generator.matrix.verification import Observation, Outcome, RaisedException, Versions
from generator.verify.bounds import holds
from generator.verify.items import Item, items
from generator.verify.judge import judge
from generator.verify.report import record

from ..helpers import SMALL_REPORT, copy_project

LOAD = "tiny/load/compat/hub.load"
IMPORT_ERROR = RaisedException(
    type="ImportError", bases=("ImportError", "Exception"), message="cannot import name 'estimator'"
)
AROUND = (("tensorflow", Bound(added="2.16")), ("tensorflow_hub", Bound(removed="0.16.0")))  # 0.15.0 on 2.16


def _unimportable(tmp_path: Path, raises: Raises, bounds=AROUND) -> tuple[Item, Versions]:
    """LOAD, made a counterexample, in the sweep runtime whose releases do not import together."""
    matrix = copy_project(tmp_path, report=SMALL_REPORT).load()
    swept = sweep_runtimes(matrix.runtimes.model.sweep)
    runtime = next(found for found in swept if not found.runtime.imports)
    item = next(iter(items(matrix, (runtime.runtime,), only=(LOAD,))))
    versions = Versions(python="3.11.7", tensorflow=runtime.tensorflow, tensorflow_hub=runtime.hub.version, keras="3")
    example = replace(item.example, raises=raises, bounds=bounds, supported=False)
    example = replace(example, import_failure=_of_import(example, swept))  # as examples() marks it
    return replace(item, example=example), versions


def _verdict(item: Item, versions: Versions):
    return judge(item, Observation(outcome=Outcome.failed, phase="import", exception=IMPORT_ERROR), versions)


def test_a_counterexample_of_the_import_failure_is_confirmed_by_the_declared_exception(tmp_path):
    item, versions = _unimportable(tmp_path, Raises(type="ImportError", match="cannot import name 'estimator'"))
    assert _verdict(item, versions).confirmed


@pytest.mark.parametrize(
    ("raises", "reason"),
    [
        (Raises(type="ImportError", match="Descriptors"), "does not match"),
        (Raises(type="TypeError", match="estimator"), "not the declared TypeError"),
    ],
)
def test_another_import_failure_contradicts_it(tmp_path, raises, reason):
    item, versions = _unimportable(tmp_path, raises)
    verdict = _verdict(item, versions)
    assert not verdict.confirmed and reason in verdict.reason, verdict


def test_a_counterexample_whose_bounds_hold_releases_that_import_is_about_its_code(tmp_path):
    """Its exception is the code's: where the releases do not import, they fail as declared for them."""
    elsewhere = (("tensorflow_hub", Bound(removed="0.16.0")),)  # holds 0.15.0 on 2.15, which imports
    item, versions = _unimportable(tmp_path, Raises(type="TypeError", match="Descriptors"), elsewhere)
    assert _verdict(item, versions).confirmed


def test_bounds_read_where_the_import_raised_the_declared_exception(tmp_path):
    item, versions = _unimportable(tmp_path, Raises(type="ImportError", match="cannot import name 'estimator'"))
    observation = Observation(outcome=Outcome.failed, phase="import", exception=IMPORT_ERROR)
    made = record(item, observation, versions, judge(item, observation, versions), "2026-12-05")
    assert holds(item.example, made) is True
    assert holds(replace(item.example, raises=Raises(type="ImportError", match="Descriptors")), made) is False
    assert holds(replace(item.example, import_failure=False), made) is None  # the code's claim: nothing ran
