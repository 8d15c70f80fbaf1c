"""An example written on a page is verified in the real runtimes like a matrix cell's: one item per
(tab, runtime), its claim confirmed or contradicted, and everything told at the page's own lines.

The tiny project gets a home page holding one example: a snippet that works and a counterexample
whose exception is its claim, both in TF2, which both of the tiny project's runtimes run.
"""

from __future__ import annotations

import subprocess
from textwrap import dedent

from ..helpers import REPO, clean_env
from .conftest import RUN_TIMEOUT, VerifyProject

PAGE = "matrix/pages/index.md"
SITE = "matrix/site.yaml"
SECTION = "pages/index/call"
WORKS = f"{SECTION}/tf2/code"
FAILS = f"{SECTION}/tf2/Unknown signature"

TEXT = dedent(
    """\
    ---
    description: Calling a model.
    ---

    # Calling a model {#title}

    {#intro}
    Load the model, then call it.

    ```{example} call
    setup: |
      handle = fixture("tf2_savedmodel")
    tabs:
      - mode: tf2
        code: |
          model = hub.load(handle)
          outputs = model(tf.constant([[1.0, 2.0]]))
        checks: |
          assert outputs.numpy().tolist() == [[5.0]]
      - mode: tf2
        label: Unknown signature
        code: |
          model = hub.load(handle)
          model.signatures["nowhere"]
        raises: {type: KeyError, match: nowhere}
    ```
    """
)


def _with_page(project: VerifyProject) -> None:
    project.write(PAGE, TEXT)
    project.write(SITE, project.text(SITE) + "pages: [index]\n")


def test_each_tab_is_an_item_confirmed_in_every_runtime_and_placed_in_the_page(project: VerifyProject) -> None:
    _with_page(project)

    run = project.verify()

    run.assert_no_traceback()
    assert run.code == 0, run.output
    assert run.counts() == (4, len(run.ids) - 4), run.output  # the page's items alone run: the rest is cached
    assert sorted(i for i in run.ids if i.startswith("pages/")) == sorted(
        f"{item}[{runtime}]" for item in (WORKS, FAILS) for runtime in ("legacy", "current")
    )
    for runtime in ("legacy", "current"):
        works, fails = run.record(f"{WORKS}[{runtime}]"), run.record(f"{FAILS}[{runtime}]")
        assert works["confirmed"] and (works["expected"], works["observed"]) == ("pass", "pass"), works
        assert fails["confirmed"] and (fails["expected"], fails["observed"]) == ("fail", "fail"), fails
        assert fails["exception"]["type"] == "KeyError" and "nowhere" in fails["exception"]["message"], fails
        assert works["section"] == fails["section"] == SECTION
        # A tab's claim and code are its own place in the page: the line of its first key.
        assert works["claim"] == works["source"] == f"{PAGE}:{project.line_of(PAGE, 'tabs:') + 1}:5"
        assert fails["claim"] == f"{PAGE}:{project.line_of(PAGE, 'label: Unknown signature') - 1}:5"


def test_a_contradicted_tab_is_told_at_the_page_lines(project: VerifyProject) -> None:
    _with_page(project)
    project.replace(PAGE, "== [[5.0]]", "== [[6.0]]")
    contradicted = f"{WORKS}[current]"

    run = project.verify("current")

    run.assert_no_traceback()
    assert run.code == 1, run.output
    assert run.record(contradicted)["confirmed"] is False
    assert run.record(f"{FAILS}[current]")["confirmed"] is True
    block = run.contradiction(contradicted)
    assert block[0].startswith(f"{PAGE}:"), block
    checks = project.line_of(PAGE, "== [[6.0]]")
    assert any(line.strip().startswith(f"{PAGE}:{checks}:") for line in block), "\n".join(block)


def test_pytest_collects_the_page_examples_at_the_page(project: VerifyProject) -> None:
    _with_page(project)

    done = subprocess.run(
        project.pytest_command("--collect-only", "-q", "matrix/pages"),
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env=clean_env({"PYTHONPATH": str(REPO)}),
    )

    assert done.returncode == 0, done.stdout + done.stderr
    collected = {line for line in done.stdout.splitlines() if "::" in line}
    assert collected == {
        f"{PAGE}::{item}[{runtime}]" for item in (WORKS, FAILS) for runtime in ("legacy", "current")
    }, done.stdout


FIRST_LINES = dedent(
    """\

    ```{example} first
    setup: |
      import sys
      assert "tensorflow" in sys.modules, "the hidden setup runs after the first lines"
    tabs:
      - mode: tf2
        requires: [tf-keras]
        before: |
          import os
          import sys

          assert "tensorflow" not in sys.modules, "TensorFlow was imported before the first lines"
          os.environ["EXAMPLE_SET_FIRST"] = "yes"
        code: |
          assert os.environ["EXAMPLE_SET_FIRST"] == "yes"
          assert tf.executing_eagerly()
    ```
    """
)


def test_first_lines_run_before_tensorflow_is_imported_where_the_required_package_is(project: VerifyProject) -> None:
    """An example with `before` runs in a process of its own, its first lines before TensorFlow is
    imported; one that requires tf-keras is not run where tf-keras is not installed (legacy), and that
    is no contradiction."""
    _with_page(project)
    project.write(PAGE, project.text(PAGE) + FIRST_LINES)

    run = project.verify()

    run.assert_no_traceback()
    assert run.code == 0, run.output
    ran = run.record(f"{SECTION.replace('call', 'first')}/tf2/code[current]")
    assert ran["confirmed"] and ran["observed"] == "pass", ran
    skipped = run.record(f"{SECTION.replace('call', 'first')}/tf2/code[legacy]")
    assert skipped["confirmed"] and (skipped["observed"], skipped["phase"]) == ("unavailable", "install"), skipped
    assert skipped["exception"]["type"] == "NotInstalled" and "tf-keras" in skipped["exception"]["message"]
