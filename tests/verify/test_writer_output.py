"""What `verify` tells a writer about a contradicted claim: the claim's place, the snippet's place,
the reason, the root cause of an error that wraps another, and the example's lines the error passed,
each as `matrix/formats/<file>.yaml:<line>: <code>`; `--verbose` adds the whole traceback, its
example frames placed in the YAML files; `--only` runs the items it names and nothing else.

Every line number is found in the text the test wrote, never written down here.

One copy holds every fault (module fixture `wrong`), all in the TF2 mode:

- a snippet that catches a KeyError and raises a RuntimeError `from None`, as Keras does (the real
  error is the wrapper's hidden __context__),
- a snippet that raises a ValueError `from` a NameError (the real error is its __cause__),
- a snippet that raises a RuntimeError while it handles a ValueError, without `from`: the new
  error is what went wrong (there is no root cause to tell), yet the lines of both are shown,
- a hidden check that fails, and a counterexample's hidden setup that fails,
- hub.KerasLayer called on inputs of the wrong shape: Keras wraps TensorFlow's ValueError in its own
  "Exception encountered when calling layer".

It is verified in the legacy runtime (one run, one worker), then the Keras item alone in the
current runtime with --verbose --only.
"""

from __future__ import annotations

import fnmatch

import pytest

from .conftest import TF1_HUB, TF2_SAVEDMODEL, Baseline, Run, VerifyProject, tiny_copy

WRAPPED = "tf1_hub/load/tf2/hub.load[legacy]"
WRAPPED_CODE = """\
          def read(values):
              return values["outputs"]
          try:
              outputs = read({})
          except KeyError:
              raise RuntimeError("the outputs could not be read") from None
"""
CHECKS = "tf1_hub/load/tf2/hub.KerasLayer[legacy]"
CHECKS_LINE = 'assert outputs.shape.as_list() == [1, 3], "the outputs have the wrong shape"'
SETUP = "tf1_hub/finetune/tf2/counterexample[legacy]"
SETUP_LINE = 'text = "trainable".split()[1]'
CAUSED = "tf2_savedmodel/finetune/tf2/hub.KerasLayer[legacy]"
CAUSED_CODE = """\
          try:
              weights = tf.Variable(1.0) + undefined_name
          except NameError as error:
              raise ValueError("the weights could not be made") from error
"""
CONTEXT = "tf2_savedmodel/create/tf2/tf.saved_model.save[legacy]"
CONTEXT_CODE = """\
          try:
              size = int("not a number")
          except ValueError:
              raise RuntimeError("the size could not be read")
"""
KERAS = "tf2_savedmodel/load/tf2/hub.KerasLayer[{runtime}]"
KERAS_LINE = "outputs = layer(tf.constant([[1.0, 2.0, 3.0]]))"


@pytest.fixture(scope="module")
def wrong(pristine, baseline: Baseline, tmp_path_factory: pytest.TempPathFactory) -> tuple[VerifyProject, Run]:
    project = tiny_copy(tmp_path_factory.mktemp("wrong"), pristine, baseline)
    project.replace(TF1_HUB, "          outputs = tf.constant(inputs) + 1.0\n", WRAPPED_CODE)
    keras_checks = (
        "          outputs = tf.constant(inputs) - 1.0\n        checks: |\n"
        "          assert outputs.shape.as_list() == [1, 2]\n"
    )
    project.replace(
        TF1_HUB, keras_checks, keras_checks.replace("assert outputs.shape.as_list() == [1, 2]", CHECKS_LINE)
    )
    project.replace(TF1_HUB, '        text = "trainable"\n', f"        {SETUP_LINE}\n")
    finetune = (
        "  - operation: finetune\n    column: tf2\n    claim:\n      status: supported\n    snippets:\n"
        "      - label: hub.KerasLayer\n        code: |\n"
    )
    project.replace(TF2_SAVEDMODEL, finetune + "          weights = tf.Variable(1.0)\n", finetune + CAUSED_CODE)
    project.replace(
        TF2_SAVEDMODEL, "          outputs = layer(tf.constant([[1.0, 2.0]]))\n", f"          {KERAS_LINE}\n"
    )
    create = (
        "  - operation: create\n    column: tf2\n    claim:\n      status: supported\n    snippets:\n"
        "      - label: tf.saved_model.save\n        code: |\n"
    )
    project.replace(TF2_SAVEDMODEL, create + "          module = tf.Module()\n", create + CONTEXT_CODE)
    run = project.verify("legacy")
    print(f"legacy run: {run.seconds:.1f}s")
    return project, run


def _place(project: VerifyProject, file: str, needle: str) -> str:
    """How the summary shows the example's line that holds `needle`: '    file:line: code'."""
    line = project.line_of(file, needle)
    return f"    {file}:{line}: {project.text(file).splitlines()[line - 1].strip()}"


def test_only_the_faults_are_contradicted(wrong: tuple[VerifyProject, Run], baseline: Baseline) -> None:
    project, run = wrong
    run.assert_no_traceback()
    assert run.code == 1, run.output
    faults = [WRAPPED, CHECKS, SETUP, CAUSED, CONTEXT, KERAS.format(runtime="legacy")]
    assert run.counts() == (len(faults), len(baseline.ids("legacy")) - len(faults)), run.output
    assert sorted(r["id"] for r in run.report["records"] if not r["confirmed"]) == sorted(faults), run.output
    assert "add --verbose for whole tracebacks, and --only PATTERN to run some items alone" in run.stderr
    assert "  traceback:" not in run.stderr.splitlines() and 'File "' not in run.stderr, run.stderr  # --verbose only


def test_an_error_hidden_by_a_wrapper_is_told_by_its_root_cause(wrong: tuple[VerifyProject, Run]) -> None:
    project, run = wrong
    block = run.contradiction(WRAPPED)
    assert block[0] == f"{project.claim_place(TF1_HUB, 'load', 'tf2')}: claim contradicted by {WRAPPED}", block
    assert block[1].startswith(
        f"  {project.snippet_place(TF1_HUB, 'load', 'tf2', 0)}: hub.load, mode tf2, runtime legacy (TensorFlow "
    ), block
    assert block[2] == "  expected to pass, but raised KeyError: 'outputs'", block
    assert block[3] == "  root cause: KeyError: 'outputs'", block
    # Every example line the error passed: the wrapper's raise, then the call and the line that failed.
    assert block[4:8] == [
        "  in the example:",
        _place(project, TF1_HUB, 'raise RuntimeError("the outputs could not be read") from None'),
        _place(project, TF1_HUB, "outputs = read({})"),
        _place(project, TF1_HUB, 'return values["outputs"]'),
    ], block
    assert block[8:] == [f"  whole traceback: python -m generator verify --verbose --only '{WRAPPED}'"], block
    exception = run.record(WRAPPED)["exception"]
    assert exception["type"] == "RuntimeError" and exception["message"] == "the outputs could not be read"
    assert exception["root"] == {"type": "KeyError", "message": "'outputs'"}, exception
    assert "traceback" not in exception and "frames" not in exception, exception  # the report keeps neither


def test_an_error_raised_from_another_is_told_by_its_root_cause(wrong: tuple[VerifyProject, Run]) -> None:
    project, run = wrong
    block = run.contradiction(CAUSED)
    assert block[0] == f"{project.claim_place(TF2_SAVEDMODEL, 'finetune', 'tf2')}: claim contradicted by {CAUSED}"
    assert block[1].startswith(
        f"  {project.snippet_place(TF2_SAVEDMODEL, 'finetune', 'tf2')}: hub.KerasLayer, mode tf2, runtime legacy"
    ), block
    assert block[2] == "  expected to pass, but raised NameError: name 'undefined_name' is not defined", block
    assert block[3] == "  root cause: NameError: name 'undefined_name' is not defined", block
    assert block[4] == "  in the example:", block
    assert block[5:7] == [
        _place(project, TF2_SAVEDMODEL, 'raise ValueError("the weights could not be made")'),
        _place(project, TF2_SAVEDMODEL, "weights = tf.Variable(1.0) + undefined_name"),
    ], block


def test_an_error_raised_while_handling_another_is_told_as_raised(wrong: tuple[VerifyProject, Run]) -> None:
    project, run = wrong
    block = run.contradiction(CONTEXT)
    assert block[0] == f"{project.claim_place(TF2_SAVEDMODEL, 'create', 'tf2')}: claim contradicted by {CONTEXT}"
    assert block[2] == "  expected to pass, but raised RuntimeError: the size could not be read", block
    assert not any(line.startswith("  root cause:") for line in block), block
    # The lines of both errors: the new one's raise, and the line that raised the one being handled.
    assert block[3:6] == [
        "  in the example:",
        _place(project, TF2_SAVEDMODEL, 'raise RuntimeError("the size could not be read")'),
        _place(project, TF2_SAVEDMODEL, 'size = int("not a number")'),
    ], block
    assert run.record(CONTEXT)["exception"]["root"] is None, run.record(CONTEXT)


def test_a_failing_hidden_check_is_placed_at_its_line(wrong: tuple[VerifyProject, Run]) -> None:
    project, run = wrong
    block = run.contradiction(CHECKS)
    assert block[0] == f"{project.claim_place(TF1_HUB, 'load', 'tf2')}: claim contradicted by {CHECKS}", block
    assert block[1].startswith(f"  {project.snippet_place(TF1_HUB, 'load', 'tf2', 1)}: hub.KerasLayer, "), block
    assert block[2] == "  expected to pass, but raised AssertionError: the outputs have the wrong shape", block
    assert not any(line.startswith("  root cause:") for line in block), block  # nothing wrapped
    assert block[3:5] == ["  in the example:", _place(project, TF1_HUB, CHECKS_LINE)], block
    assert run.record(CHECKS)["observed"] == "fail", run.record(CHECKS)


def test_a_failing_hidden_setup_is_placed_at_its_line(wrong: tuple[VerifyProject, Run]) -> None:
    project, run = wrong
    block = run.contradiction(SETUP)
    assert block[0] == f"{project.claim_place(TF1_HUB, 'finetune', 'tf2')}: claim contradicted by {SETUP}", block
    assert block[1].startswith(f"  {project.snippet_place(TF1_HUB, 'finetune', 'tf2')}: counterexample, "), block
    assert block[2] == "  the hidden setup failed: IndexError: list index out of range", block
    assert block[3:5] == ["  in the example:", _place(project, TF1_HUB, SETUP_LINE)], block
    assert run.record(SETUP)["observed"] == "error", run.record(SETUP)


def test_verbose_only_runs_the_item_and_shows_its_traceback_in_yaml_lines(wrong: tuple[VerifyProject, Run]) -> None:
    """The Keras wrapper in the current runtime, alone: 1 run, nothing else, no report written."""
    project, _ = wrong
    item = KERAS.format(runtime="current")

    run = project.verify(verbose=True, only=(item,))

    assert run.code == 1, run.output
    assert run.counts() == (1, 0), run.output
    assert run.report_written() == "not written (--only runs a part)", run.stdout
    assert run.report is None, "--only must not write the report"
    assert "0 confirmed, 1 contradicted" in run.stdout, run.stdout
    assert run.stderr.count("claim contradicted by") == 1, run.stderr
    block = run.contradiction(item)
    assert block[0] == f"{project.claim_place(TF2_SAVEDMODEL, 'load', 'tf2')}: claim contradicted by {item}"
    assert block[1].startswith(
        f"  {project.snippet_place(TF2_SAVEDMODEL, 'load', 'tf2', 1)}: hub.KerasLayer, "
        "mode tf2, runtime current (TensorFlow "
    ), block
    # Keras's own words wrap TensorFlow's: the root cause is TensorFlow's ValueError.
    assert block[2].startswith(
        "  expected to pass, but raised ValueError: Could not find matching concrete function"
    ), block
    root = block.index("  root cause: ValueError: ")
    assert block[root + 1].startswith("    Could not find matching concrete function"), block
    shown = block.index("  in the example:")
    assert block[shown + 1] == _place(project, TF2_SAVEDMODEL, KERAS_LINE), block
    # The whole traceback, its example frames named by their YAML file and line.
    line = project.line_of(TF2_SAVEDMODEL, KERAS_LINE)
    traceback = block[block.index("  traceback:") :]
    assert any(text.strip().startswith(f'File "{TF2_SAVEDMODEL}", line {line}') for text in traceback), block
    assert any("Exception encountered when calling layer" in text for text in traceback), block
    assert "whole traceback: python -m generator" not in run.stderr, run.stderr  # it is shown already
    assert run.stderr.strip().splitlines()[-1].startswith("1 problem found; "), run.stderr  # and not a crash


def test_only_with_shell_patterns_runs_the_matching_items(wrong: tuple[VerifyProject, Run], baseline: Baseline) -> None:
    """Items of a pattern that are cached stay cached; only the matching items are reported."""
    project, _ = wrong
    patterns = ("tf2_savedmodel/finetune/tf1*", "tf1_hub/load/tf1/")  # cells the faults left alone
    matching = [
        item_id for item_id in baseline.ids() if fnmatch.fnmatchcase(item_id, patterns[0]) or patterns[1] in item_id
    ]

    run = project.verify(only=patterns)

    run.assert_no_traceback()
    assert run.code == 0, run.output
    assert run.counts() == (0, len(matching)), run.output
    assert f"{len(matching)} confirmed, 0 contradicted" in run.stdout, run.stdout


def test_only_matching_nothing_says_so(project: VerifyProject) -> None:
    run = project.verify(only=("no/such/item",))

    run.assert_no_traceback()
    assert run.code == 2, run.output
    assert run.stderr.strip().splitlines()[0].startswith("no item matches no/such/item (item ids look like "), (
        run.stderr
    )
    assert run.report is None and " run, " not in run.stdout, run.output
