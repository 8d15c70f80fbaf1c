"""Bounds read off the sweep: on the small matrix (tests/fixtures/small), whose sweep pairs
TensorFlow 2.15 and 2.16 with tensorflow_hub 0.15.0 (declared not to import on 2.16) and 0.16.1;
tf.keras is Keras 2 on 2.15 and Keras 3 on 2.16, unless a test adds the tf_keras rule.

Sweep reports are made here from observations, as a sweep would record them; nothing runs.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.matrix.sweep import sweep_runtimes
from generator.matrix.verification import (
    Observation,
    Outcome,
    RaisedException,
    RuntimeStatus,
    RuntimeVersions,
    Versions,
)
from generator.project import Project
from generator.verify.bounds import disagreements
from generator.verify.items import items
from generator.verify.judge import judge
from generator.verify.report import SWEEP_ONLY, record, report_of, write_report

from ..helpers import SMALL_REPORT, copy_project

LOAD = "tiny/load/compat/hub.load"  # claim: tensorflow_hub removed 0.16.0
IMPORT_ERROR = RaisedException(type="ImportError", bases=("ImportError", "Exception"), message="no estimator")


def sweep_report(project: Project, works, only: str = LOAD, keras: bool = False) -> Path:
    """A sweep report of LOAD in every sweep runtime: works(tensorflow, hub) says whether it ran.
    With `only`, of the items it matches: works(tensorflow, hub, example id) then; with `keras`,
    works(tensorflow, hub, keras)."""
    matrix = project.load()
    swept = sweep_runtimes(matrix.runtimes.model.sweep)
    found = items(matrix, tuple(runtime.runtime for runtime in swept), only=(only,))
    records, runtimes = [], {}
    for runtime in swept:
        versions = Versions(
            python="3.11.7", tensorflow=runtime.tensorflow, tensorflow_hub=runtime.hub.version, keras=runtime.keras
        )
        usable = runtime.runtime.imports
        runtimes[runtime.runtime.id] = RuntimeVersions(
            **versions.model_dump(),
            status=RuntimeStatus.usable if usable else RuntimeStatus.unimportable,
            cause=None if usable else IMPORT_ERROR,
        )
        for item in (item for item in found if item.runtime == runtime.runtime.id):
            extra = [runtime.keras] if keras else [item.example.id] if only != LOAD else []
            ran = works(runtime.tensorflow, runtime.hub.version, *extra)
            if not usable:
                observation = Observation(outcome=Outcome.failed, phase="import", exception=IMPORT_ERROR)
            elif ran:
                observation = Observation(outcome=Outcome.passed)
            else:
                observation = Observation(
                    outcome=Outcome.failed,
                    phase="code",
                    exception=RaisedException(type="AttributeError", bases=("AttributeError",), message="no load"),
                )
            records.append(record(item, observation, versions, judge(item, observation, versions), "2026-11-30"))
    path = project.sweep_report
    write_report(path, report_of(records, {item.id: item for item in found}, runtimes), SWEEP_ONLY)
    return path


def run(project: Project, *args: str) -> int:
    return main(["--root", str(project.root), "bounds", *args])


def test_a_missing_bound_is_reported_placed_and_written_keeping_the_file_as_it_was(tmp_path, capsys):
    """It works with tensorflow_hub 0.15.0 only, which cannot be imported on TensorFlow 2.16: so
    nobody on 2.16 can use it, and the claim needs that TensorFlow bound too."""
    project = copy_project(tmp_path, report=SMALL_REPORT)
    sweep_report(project, lambda tf, hub: tf.startswith("2.15") and hub.startswith("0.15"))
    before = (project.matrix_dir / "formats" / "tiny.yaml").read_text(encoding="utf-8")
    found = disagreements(project.load(), project.read_sweep_report())
    assert [(d.package, d.observed.removed if d.observed else None) for d in found] == [("tensorflow", "2.16")]
    assert run(project) == 1
    out = capsys.readouterr().err
    claim_line = before.splitlines().index("    claim:") + 1
    assert f"matrix/formats/tiny.yaml:{claim_line}:" in out and "2.16" in out, out

    assert run(project, "--write") == 0
    after = (project.matrix_dir / "formats" / "tiny.yaml").read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ['      tensorflow: {removed: "2.16"}'], added
    assert [line for line in before.splitlines() if line not in after.splitlines()] == []
    assert disagreements(project.load(), project.read_sweep_report()) == []
    assert run(project) == 0


def test_observations_no_bounds_can_describe_are_reported_and_nothing_is_written(tmp_path, capsys):
    project = copy_project(tmp_path, report=SMALL_REPORT)
    # Works with hub 0.15.0 on TensorFlow 2.15 and with 0.16.1 on 2.16, but not with 0.16.1 on 2.15.
    sweep_report(project, lambda tf, hub: (tf, hub) != ("2.15.1", "0.16.1"))
    before = (project.matrix_dir / "formats" / "tiny.yaml").read_bytes()
    found = disagreements(project.load(), project.read_sweep_report())
    assert len(found) == 1 and found[0].package is None and "2.15.1" in str(found[0].problem)
    assert run(project, "--write") == 1
    assert (project.matrix_dir / "formats" / "tiny.yaml").read_bytes() == before


def test_a_hub_release_that_imports_where_it_is_declared_not_to_is_reported(tmp_path, capsys):
    project = copy_project(tmp_path, report=SMALL_REPORT)
    path = sweep_report(project, lambda tf, hub: hub.startswith("0.15"))
    report = project.read_sweep_report()
    assert report is not None
    imports_everywhere = {
        runtime: found.model_copy(update={"status": RuntimeStatus.usable, "cause": None})
        for runtime, found in report.runtimes.items()
    }
    write_report(path, report.model_copy(update={"runtimes": imports_everywhere}), SWEEP_ONLY)
    found = [
        d for d in disagreements(project.load(), project.read_sweep_report()) if d.place.file == "matrix/runtimes.yaml"
    ]
    assert len(found) == 1 and found[0].declared and found[0].declared.removed == "2.16", found
    assert found[0].observed is None, found
    run(project, "--write")
    text = (project.matrix_dir / "runtimes.yaml").read_text(encoding="utf-8")
    assert '- {version: "0.15.0"}' in text, text


def test_no_sweep_report_says_how_to_make_one(tmp_path, capsys):
    project = copy_project(tmp_path, report=SMALL_REPORT)
    assert run(project) == 2
    assert "make sweep" in capsys.readouterr().err


@pytest.mark.parametrize(
    "damage",
    [
        b"{",  # not compressed
        gzip.compress(b"{"),
        gzip.compress(b'{"version": 1}'),
        gzip.compress(b"\xff"),
        gzip.compress(b'{"version": 1}')[:-6],  # cut short
    ],
)
def test_an_unreadable_sweep_report_is_refused(tmp_path, capsys, damage):
    project = copy_project(tmp_path, report=SMALL_REPORT)
    project.sweep_report.write_bytes(damage)
    assert run(project) == 2
    assert "make sweep" in capsys.readouterr().err


# An example on a page, its bounds read off the sweep like a cell's and written into the page.
NOTES = "matrix/pages/notes.md"
PAGE_EXAMPLE = """
```{example} bounded
tabs:
  - mode: compat
    code: |
      m = hub.load(handle)
  - mode: eager
    code: |
      m = hub.load(handle)
```
"""


def test_an_example_on_a_page_gets_its_bounds_written_into_the_page(tmp_path, capsys):
    """Its compat tab works with tensorflow_hub 0.15.0 only, its eager tab everywhere: the compat tab
    gets the bound; then both work with 0.15.0 only, and the example as a whole gets it, above its tabs."""
    project = copy_project(tmp_path, report=SMALL_REPORT)
    page = project.matrix_dir / "pages" / "notes.md"
    page.write_text(page.read_text(encoding="utf-8") + PAGE_EXAMPLE, encoding="utf-8")
    before = page.read_text(encoding="utf-8").splitlines()

    sweep_report(project, lambda tf, hub, example: "/eager/" in example or hub == "0.15.0", only="pages/notes/bounded")
    assert run(project) == 1
    out = capsys.readouterr().err
    tab_line = before.index("  - mode: compat", before.index("```{example} bounded")) + 1
    assert f"{NOTES}:{tab_line}:5:" in out and "0.16" in out, out
    assert run(project, "--write") == 0
    after = page.read_text(encoding="utf-8").splitlines()
    # hub 0.15.0 does not import on TensorFlow 2.16: so TensorFlow is bounded too, under the tab's first line.
    bounds = ['    tensorflow: {removed: "2.16"}', '    tensorflow_hub: {removed: "0.16.1"}']
    assert [line for line in after if line not in before] == bounds, after
    assert after[tab_line : tab_line + 2] == bounds
    assert run(project) == 0

    sweep_report(project, lambda tf, hub, example: hub == "0.15.0", only="pages/notes/bounded")
    assert run(project, "--write") == 0
    written = page.read_text(encoding="utf-8").splitlines()
    tabs = written.index("tabs:", written.index("```{example} bounded"))
    assert written[tabs - 2 : tabs] == [line.strip() for line in bounds], written  # above the example's tabs
    assert not set(bounds) & set(written)  # the tab's own bounds say nothing more now
    assert disagreements(project.load(), project.read_sweep_report()) == []


# Keras, the third axis: the small sweep with the tf_keras rule and its Keras 3 twins.
TF_KERAS = """\
  tf_keras:
    tensorflow: {added: "2.16"}
    environment: {TF_USE_LEGACY_KERAS: "1"}
    keras_3: true
"""


def with_keras_3(project: Project) -> None:
    """TensorFlow 2.16 swept with tf-keras (Keras 2) and, where tensorflow_hub imports, as Keras 3."""
    path = project.matrix_dir / "runtimes.yaml"
    path.write_text(path.read_text(encoding="utf-8") + TF_KERAS, encoding="utf-8")


def test_the_sweep_runs_each_importing_pair_from_tensorflow_2_16_with_both_keras(tmp_path):
    project = copy_project(tmp_path, report=SMALL_REPORT)
    with_keras_3(project)
    swept = sweep_runtimes(project.load().runtimes.model.sweep)
    assert [(runtime.runtime.id, runtime.keras) for runtime in swept] == [
        ("tf2_15_hub0_15_0", "2"),
        ("tf2_15_hub0_16_1", "2"),
        ("tf2_16_hub0_15_0", "2"),  # does not import: swept once, whatever the Keras
        ("tf2_16_hub0_16_1", "2"),
        ("tf2_16_hub0_16_1_keras3", "3"),
    ]
    twin = swept[-1].runtime
    assert twin.environment == {} and twin.requirements == swept[-2].runtime.requirements


def test_a_keras_bound_is_read_off_the_sweep_and_written(tmp_path, capsys):
    """Works wherever tf.keras is Keras 2, fails with Keras 3: the claim gets `keras: {removed: "3"}`,
    and its tensorflow_hub bound, which the sweep contradicts, goes."""
    project = copy_project(tmp_path, report=SMALL_REPORT)
    with_keras_3(project)
    sweep_report(project, lambda tf, hub, keras: keras == "2", keras=True)
    found = disagreements(project.load(), project.read_sweep_report())
    assert sorted((d.package, d.observed and d.observed.removed) for d in found) == [
        ("keras", "3"),
        ("tensorflow_hub", None),
    ], found
    assert run(project, "--write") == 0
    text = (project.matrix_dir / "formats" / "tiny.yaml").read_text(encoding="utf-8")
    assert '      keras: {removed: "3"}' in text.splitlines(), text
    assert disagreements(project.load(), project.read_sweep_report()) == []
