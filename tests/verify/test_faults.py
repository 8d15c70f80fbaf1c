"""Faults in the matrix and in the runtimes, each in one cell of a tiny copy: the runner reports
each at its claim's place in the YAML, keeps going, and ends with exit code 1, never a traceback.

Each test puts one fault in its copy and runs `python -m generator verify --runtime legacy`; the
items it did not change come from the cache of the session's baseline run (conftest.py).
"""

from __future__ import annotations

from .conftest import TF1_HUB, TF2_SAVEDMODEL, VerifyProject

LEGACY_ITEMS = 19  # items of the tiny matrix in the legacy runtime: 3 modes, tf1 emulated

HUB_LOAD = "tf1_hub/load/tf2/hub.load[legacy]"
KERAS_LAYER = "tf1_hub/load/tf2/hub.KerasLayer[legacy]"  # the next item in the same worker
HUB_LOAD_CODE = "          outputs = tf.constant(inputs) + 1.0\n"
COUNTEREXAMPLE = "tf1_hub/finetune/tf2/counterexample[legacy]"
COUNTEREXAMPLE_CODE = "        value = int(text)\n"


def _assert_only_fault(run, *faulty: str) -> None:
    """Every legacy item is reported; all but `faulty` are confirmed."""
    assert len(run.ids) == LEGACY_ITEMS, run.output
    wrong = sorted(r["id"] for r in run.report["items"] if not r["confirmed"])
    assert wrong == sorted(faulty), run.output


def test_hanging_snippet_is_killed_at_the_timeout_and_the_run_goes_on(project: VerifyProject) -> None:
    project.set_timeout(5)
    project.replace(TF1_HUB, HUB_LOAD_CODE, "          while True:\n              pass\n")
    project.forget(KERAS_LAYER)  # so that the same runtime and mode has one more item to run after it

    run = project.verify("legacy")

    run.assert_no_traceback()
    assert run.code == 1, run.output
    hung = run.record(HUB_LOAD)
    assert (hung["observed"], hung["confirmed"]) == ("timeout", False), hung
    assert "still running after 5 s; killed" in hung["reason"], hung
    after = run.record(KERAS_LAYER)
    assert (after["observed"], after["confirmed"]) == ("pass", True), after
    assert run.counts() == (2, LEGACY_ITEMS - 2), run.output
    _assert_only_fault(run, HUB_LOAD)
    claim = project.claim_place(TF1_HUB, "load", "tf2")
    assert run.contradiction_line(HUB_LOAD).startswith(f"{claim}: claim contradicted by {HUB_LOAD} ("), run.output


def test_crashing_worker_is_reported_and_replaced(project: VerifyProject) -> None:
    project.replace(TF1_HUB, HUB_LOAD_CODE, "          import os; os._exit(3)\n")
    project.forget(KERAS_LAYER)

    run = project.verify("legacy")

    run.assert_no_traceback()
    assert run.code == 1, run.output
    crashed = run.record(HUB_LOAD)
    assert (crashed["observed"], crashed["confirmed"]) == ("crash", False), crashed
    assert "exit code 3" in crashed["reason"], crashed
    after = run.record(KERAS_LAYER)  # ran in a new worker: the first one is dead
    assert (after["observed"], after["confirmed"]) == ("pass", True), after
    assert run.counts() == (2, LEGACY_ITEMS - 2), run.output
    _assert_only_fault(run, HUB_LOAD)
    claim = project.claim_place(TF1_HUB, "load", "tf2")
    assert run.contradiction_line(HUB_LOAD).startswith(f"{claim}: claim contradicted by {HUB_LOAD} ("), run.output


def test_counterexample_raising_another_type_is_contradicted(project: VerifyProject) -> None:
    """Declared `raises: {type: ValueError, match: trainable}`; the code raises KeyError('trainable')."""
    project.replace(TF1_HUB, COUNTEREXAMPLE_CODE, "        value = {}[text]\n")

    run = project.verify("legacy")

    run.assert_no_traceback()
    assert run.code == 1, run.output
    entry = run.record(COUNTEREXAMPLE)
    assert (entry["expected"], entry["observed"], entry["confirmed"]) == ("fail", "fail", False), entry
    assert "KeyError" in entry["reason"] and "ValueError" in entry["reason"], entry["reason"]
    assert entry["reason"] == "raised KeyError: 'trainable', not the declared ValueError", entry["reason"]
    assert run.counts() == (1, LEGACY_ITEMS - 1), run.output
    _assert_only_fault(run, COUNTEREXAMPLE)
    claim = project.claim_place(TF1_HUB, "finetune", "tf2")
    assert run.contradiction_line(COUNTEREXAMPLE).startswith(f"{claim}: claim contradicted by"), run.output


def test_counterexample_that_runs_is_contradicted(project: VerifyProject) -> None:
    project.replace(TF1_HUB, COUNTEREXAMPLE_CODE, "        value = len(text)\n")

    run = project.verify("legacy")

    run.assert_no_traceback()
    assert run.code == 1, run.output
    entry = run.record(COUNTEREXAMPLE)
    assert (entry["expected"], entry["observed"], entry["confirmed"]) == ("fail", "pass", False), entry
    assert entry["reason"] == "expected to fail, but it ran without an error", entry["reason"]
    _assert_only_fault(run, COUNTEREXAMPLE)
    line = run.contradiction_line(COUNTEREXAMPLE)
    assert line.startswith(f"{project.claim_place(TF1_HUB, 'finetune', 'tf2')}: claim contradicted by"), line
    assert line.endswith(": expected to fail, but it ran without an error"), line


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
"""
ELSEWHERE = """\
  - id: elsewhere
    interpreter: /nonexistent/python3.7/bin/python
    modes: [tf2]
"""


def _assert_runtime_unavailable(project: VerifyProject, run, runtime: str, said: tuple[str, ...]) -> None:
    run.assert_no_traceback()
    assert run.code == 1, run.output
    for words in said:
        assert words in run.stderr, f"{words!r} is not said:\n{run.output}"
    theirs = [r for r in run.report["items"] if r["runtime"] == runtime]
    assert len(theirs) == 7, run.output  # the tiny matrix's tf2 items
    assert all(r["observed"] == "unavailable" and not r["confirmed"] for r in theirs), theirs
    assert all(r["reason"].startswith(f"unavailable: runtime '{runtime}': ") for r in theirs), theirs
    legacy = [r for r in run.report["items"] if r["runtime"] == "legacy"]
    assert len(legacy) == LEGACY_ITEMS and all(r["confirmed"] for r in legacy), run.output
    assert f"claim contradicted by {theirs[0]['id']}" in run.stdout, run.output
    assert not (project.root / ".runtimes" / runtime / "lock.json").exists()


def test_runtime_that_cannot_be_made(project: VerifyProject) -> None:
    project.add_runtime(BROKEN)
    # Offline: uv fails on its own cache at once instead of asking the registry each run.
    run = project.verify("legacy", "broken", extra_env={"UV_OFFLINE": "1"})
    _assert_runtime_unavailable(project, run, "broken", (
        "runtime 'broken': could not install its requirements",
        "Check its requirements in matrix/runtimes.yaml and that the package registry is reachable.",
    ))


def test_runtime_whose_interpreter_does_not_exist(project: VerifyProject) -> None:
    project.add_runtime(ELSEWHERE)
    run = project.verify("legacy", "elsewhere")
    _assert_runtime_unavailable(project, run, "elsewhere", (
        "runtime 'elsewhere': the interpreter /nonexistent/python3.7/bin/python does not exist "
        "(fix its path in matrix/runtimes.yaml, or remove the runtime)",
    ))


def test_wrong_version_bound_is_contradicted_at_the_claim(project: VerifyProject) -> None:
    """The claim says the cell stopped working in tensorflow_hub 0.15.0; legacy has 0.15.0 and it works."""
    cell = "  - operation: load\n    column: tf2\n    claim:\n      status: supported\n"
    project.replace(TF2_SAVEDMODEL, cell, cell + '      tensorflow_hub: {removed: "0.15.0"}\n')
    item = "tf2_savedmodel/load/tf2/hub.load[legacy]"

    run = project.verify("legacy")

    run.assert_no_traceback()
    assert run.code == 1, run.output
    entry = run.record(item)
    assert (entry["expected"], entry["observed"], entry["confirmed"]) == ("fail", "pass", False), entry
    assert entry["versions"]["tensorflow_hub"] == "0.15.0", entry["versions"]
    _assert_only_fault(run, item)
    claim = project.claim_place(TF2_SAVEDMODEL, "load", "tf2")
    snippet = project.snippet_place(TF2_SAVEDMODEL, "load", "tf2")
    assert run.contradiction_line(item) == (
        f"{claim}: claim contradicted by {item} ({snippet}): expected to fail, but it ran without an error"
    ), run.output

