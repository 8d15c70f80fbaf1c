"""Faults in the matrix and in the runtimes, each in its own cell of a tiny copy: the runner reports
each at its claim's place in the YAML, keeps going, and ends with exit code 1, never a traceback.

The faults that need running share one copy and one run of `python -m generator verify --runtime
legacy` (module fixture `faulty`): all of them fall in the legacy runtime's worker, in this page
order, so that each one's effect is seen by the next item (each runs in a child process of the
worker, forked for it):

1. a snippet that never ends (killed at the timeout),
2. the next snippet (its cached result forgotten): it runs,
3. a counterexample that raises another type than declared,
4. a counterexample that runs without an error,
5. a snippet that ends its process (os._exit(3)),
6. a claim with a wrong version bound: it runs, and is contradicted.

The items not changed come from the cache of the session's baseline run (conftest.py). Faults
found before anything runs (a syntax error, a runtime that cannot be had) get a copy each.
"""

from __future__ import annotations

import pytest

from .conftest import TF1_HUB, TF2_SAVEDMODEL, Baseline, Run, VerifyProject, tiny_copy

TIMEOUT = 8
HUB_LOAD = "tf1_hub/load/tf2/hub.load[legacy]"
KERAS_LAYER = "tf1_hub/load/tf2/hub.KerasLayer[legacy]"  # the next item in the same worker
HUB_LOAD_CODE = "          outputs = tf.constant(inputs) + 1.0\n"
COUNTEREXAMPLE = "tf1_hub/finetune/tf2/counterexample[legacy]"
COUNTEREXAMPLE_CODE = "        value = int(text)\n"
RUNNING_COUNTEREXAMPLE = "tf1_hub/create/tf2/counterexample[legacy]"
RUNNING_COUNTEREXAMPLE_CODE = '        raise RuntimeError("not supported when eager execution is enabled")\n'
CRASH = "tf2_savedmodel/finetune/tf2/hub.KerasLayer[legacy]"
CRASH_CELL = (
    "  - operation: finetune\n    column: tf2\n    claim:\n      status: supported\n    snippets:\n"
    "      - label: hub.KerasLayer\n        code: |\n"
)
BOUND = "tf2_savedmodel/create/tf2/tf.saved_model.save[legacy]"  # after CRASH, in the same runtime and mode
BOUND_CELL = "  - operation: create\n    column: tf2\n    claim:\n      status: supported\n"
FAULTS = (HUB_LOAD, COUNTEREXAMPLE, RUNNING_COUNTEREXAMPLE, CRASH, BOUND)


@pytest.fixture(scope="module")
def faulty(pristine, baseline: Baseline, tmp_path_factory: pytest.TempPathFactory) -> tuple[VerifyProject, Run]:
    project = tiny_copy(tmp_path_factory.mktemp("faulty"), pristine, baseline)
    project.set_timeout(TIMEOUT)
    project.replace(TF1_HUB, HUB_LOAD_CODE, "          while True:\n              pass\n")
    project.forget(KERAS_LAYER)  # so that the same runtime and mode has one more item to run after it
    project.replace(TF1_HUB, COUNTEREXAMPLE_CODE, "        value = {}[text]\n")
    project.replace(
        TF1_HUB, RUNNING_COUNTEREXAMPLE_CODE, '        message = "not supported when eager execution is enabled"\n'
    )
    project.replace(TF2_SAVEDMODEL, CRASH_CELL, CRASH_CELL + "          import os; os._exit(3)\n")
    hub_version = baseline.run.record(BOUND)["versions"]["tensorflow_hub"]
    project.replace(TF2_SAVEDMODEL, BOUND_CELL, BOUND_CELL + f'      tensorflow_hub: {{removed: "{hub_version}"}}\n')
    # The faults are in this order in their worker's queue (the order of the items in the report).
    tf2 = [item_id for item_id in baseline.ids("legacy") if "/tf2/" in item_id]
    assert [tf2.index(item_id) for item_id in (HUB_LOAD, KERAS_LAYER, CRASH, BOUND)] == sorted(
        tf2.index(item_id) for item_id in (HUB_LOAD, KERAS_LAYER, CRASH, BOUND)
    ), tf2
    assert tf2.index(BOUND) == tf2.index(CRASH) + 1, tf2

    run = project.verify("legacy")
    print(f"faulty run: {run.seconds:.1f}s")
    return project, run


def _assert_only_fault(run: Run, baseline: Baseline, *faulty: str) -> None:
    """Every legacy item is reported; all but `faulty` are confirmed."""
    assert run.ids == baseline.ids("legacy"), run.output
    wrong = sorted(r["id"] for r in run.report["records"] if not r["confirmed"])
    assert wrong == sorted(faulty), run.output


def _versions(entry: dict) -> str:
    """How a contradiction names the versions it ran with."""
    found = entry["versions"]
    return f"TensorFlow {found['tensorflow']}, tensorflow_hub {found['tensorflow_hub']}, Keras {found['keras']}"


def _assert_placed(
    run: Run, project: VerifyProject, item_id: str, file: str, operation: str, column: str, index: int = 0
) -> list[str]:
    """The contradiction is told at the claim's place, then at the snippet's; returns its lines."""
    block = run.contradiction(item_id)
    assert block[0] == f"{project.claim_place(file, operation, column)}: claim contradicted by {item_id}", block
    assert block[1].startswith(f"  {project.snippet_place(file, operation, column, index)}: "), block
    return block


def test_every_fault_is_reported_and_nothing_else(faulty: tuple[VerifyProject, Run], baseline: Baseline) -> None:
    project, run = faulty
    run.assert_no_traceback()
    assert run.code == 1, run.output
    assert run.counts() == (6, len(baseline.ids("legacy")) - 6), run.output
    _assert_only_fault(run, baseline, *FAULTS)
    assert f"{len(baseline.ids('legacy')) - len(FAULTS)} confirmed, {len(FAULTS)} contradicted" in run.stdout


def test_hanging_snippet_is_killed_at_the_timeout_and_the_run_goes_on(faulty: tuple[VerifyProject, Run]) -> None:
    project, run = faulty
    hung = run.record(HUB_LOAD)
    assert (hung["observed"], hung["confirmed"]) == ("timeout", False), hung
    assert f"still running after {TIMEOUT} s; killed" in hung["reason"], hung
    after = run.record(KERAS_LAYER)
    assert (after["observed"], after["confirmed"]) == ("pass", True), after
    block = _assert_placed(run, project, HUB_LOAD, TF1_HUB, "load", "tf2")
    assert f"  timeout: still running after {TIMEOUT} s; killed" in block, block


def test_crashing_snippet_is_reported_and_the_run_goes_on(faulty: tuple[VerifyProject, Run]) -> None:
    project, run = faulty
    crashed = run.record(CRASH)
    assert (crashed["observed"], crashed["confirmed"]) == ("crash", False), crashed
    assert "exit code 3" in crashed["reason"], crashed
    after = run.record(BOUND)  # the next item of the same runtime still runs
    assert after["observed"] == "pass", after
    block = _assert_placed(run, project, CRASH, TF2_SAVEDMODEL, "finetune", "tf2")
    assert any(line.startswith("  crash: ") and "(exit code 3)" in line for line in block), block


def test_counterexample_raising_another_type_is_contradicted(faulty: tuple[VerifyProject, Run]) -> None:
    """Declared `raises: {type: ValueError, match: trainable}`; the code raises KeyError('trainable')."""
    project, run = faulty
    entry = run.record(COUNTEREXAMPLE)
    assert (entry["expected"], entry["observed"], entry["confirmed"]) == ("fail", "fail", False), entry
    assert entry["reason"] == "raised KeyError: 'trainable', not the declared ValueError", entry["reason"]
    assert entry["exception"]["type"] == "KeyError" and entry["exception"]["message"] == "'trainable'", entry
    block = _assert_placed(run, project, COUNTEREXAMPLE, TF1_HUB, "finetune", "tf2")
    assert block[1].endswith(f": counterexample, mode tf2, runtime legacy ({_versions(entry)})"), block
    assert "  raised KeyError: 'trainable', not the declared ValueError" in block, block
    line = project.line_of(TF1_HUB, "value = {}[text]")
    assert f"    {TF1_HUB}:{line}: value = {{}}[text]" in block, block


def test_counterexample_that_runs_is_contradicted(faulty: tuple[VerifyProject, Run]) -> None:
    project, run = faulty
    entry = run.record(RUNNING_COUNTEREXAMPLE)
    assert (entry["expected"], entry["observed"], entry["confirmed"]) == ("fail", "pass", False), entry
    assert entry["reason"] == "expected to fail, but it ran without an error", entry["reason"]
    assert entry["exception"] is None, entry
    block = _assert_placed(run, project, RUNNING_COUNTEREXAMPLE, TF1_HUB, "create", "tf2")
    assert block[2:] == ["  expected to fail, but it ran without an error"], block  # nothing raised: no lines


def test_wrong_version_bound_is_contradicted_at_the_claim(
    faulty: tuple[VerifyProject, Run], baseline: Baseline
) -> None:
    """The claim says the cell stopped working in legacy's tensorflow_hub release; there it works."""
    project, run = faulty
    entry = run.record(BOUND)
    assert (entry["expected"], entry["observed"], entry["confirmed"]) == ("fail", "pass", False), entry
    assert entry["versions"]["tensorflow_hub"] == baseline.run.record(BOUND)["versions"]["tensorflow_hub"]
    block = _assert_placed(run, project, BOUND, TF2_SAVEDMODEL, "create", "tf2")
    assert block[1].endswith(f": tf.saved_model.save, mode tf2, runtime legacy ({_versions(entry)})"), block
    assert block[2:] == ["  expected to fail, but it ran without an error"], block


def test_syntax_error_is_refused_before_any_runtime_starts(project: VerifyProject) -> None:
    project.replace(TF1_HUB, HUB_LOAD_CODE, "          outputs = tf.constant(inputs) +\n")
    cache_before = project.cache_path.read_bytes()

    run = project.verify("legacy")

    run.assert_no_traceback()
    assert run.code == 1, run.output
    line = project.line_of(TF1_HUB, "outputs = tf.constant(inputs) +")
    problems = [text for text in run.stderr.splitlines() if text.startswith(f"{TF1_HUB}:{line}:")]
    assert len(problems) == 1 and ": not valid Python" in problems[0], run.stderr
    assert run.stderr.strip().splitlines()[-1] == "1 problem found; nothing was written.", run.stderr
    # Nothing ran: no report, no worker's folder or log, the cache untouched.
    assert run.report is None and "run, " not in run.stdout, run.output
    assert not (project.root / ".build" / "verify").exists()
    assert project.cache_path.read_bytes() == cache_before
    print(f"refused in {run.seconds:.2f}s (interpreter start included)")


BROKEN = """\
  - id: broken
    requirements: [tensorflow-cpu==0.0.1]
    modes: [tf2]
    keras: "2"
"""
ELSEWHERE = """\
  - id: elsewhere
    interpreter: /nonexistent/python3.7/bin/python
    modes: [tf2]
    keras: "2"
"""


def _assert_runtime_unavailable(
    project: VerifyProject, baseline: Baseline, run: Run, runtime: str, said: tuple[str, ...]
) -> None:
    run.assert_no_traceback()
    assert run.code == 1, run.output
    for words in said:
        assert words in run.stderr, f"{words!r} is not said:\n{run.output}"
    theirs = [r for r in run.report["records"] if r["runtime"] == runtime]
    tf2_examples = [item_id for item_id in baseline.ids("legacy") if "/tf2/" in item_id]
    assert [r["id"] for r in theirs] == [item_id.replace("[legacy]", f"[{runtime}]") for item_id in tf2_examples]
    assert all(r["observed"] == "unavailable" and not r["confirmed"] for r in theirs), theirs
    assert all(r["reason"].startswith(f"unavailable: runtime '{runtime}': ") for r in theirs), theirs
    legacy = [r for r in run.report["records"] if r["runtime"] == "legacy"]
    assert [r["id"] for r in legacy] == baseline.ids("legacy") and all(r["confirmed"] for r in legacy), run.output
    assert f"claim contradicted by {theirs[0]['id']}" in run.stderr, run.output
    assert not (project.root / ".runtimes" / runtime / "lock.json").exists()


def test_runtime_that_cannot_be_made(project: VerifyProject, baseline: Baseline) -> None:
    project.add_runtime(BROKEN)
    # Offline: uv fails on its own cache at once instead of asking the registry each run.
    run = project.verify("legacy", "broken", extra_env={"UV_OFFLINE": "1"})
    _assert_runtime_unavailable(
        project,
        baseline,
        run,
        "broken",
        (
            "runtime 'broken': could not ",
            "Check its requirements in matrix/runtimes.yaml and that the package registry is reachable.",
        ),
    )


def test_runtime_whose_interpreter_does_not_exist(project: VerifyProject, baseline: Baseline) -> None:
    project.add_runtime(ELSEWHERE)
    run = project.verify("legacy", "elsewhere")
    _assert_runtime_unavailable(
        project,
        baseline,
        run,
        "elsewhere",
        (
            "runtime 'elsewhere': the interpreter /nonexistent/python3.7/bin/python does not exist "
            "(fix its path in matrix/runtimes.yaml, or remove the runtime)",
        ),
    )
