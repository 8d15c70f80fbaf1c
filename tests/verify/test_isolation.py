"""Each snippet runs in a process of its own: nothing one snippet leaves behind (a variable in the
graph, an attribute on a module, an environment variable) reaches the next, although the worker
that runs both imported TensorFlow once.

Two snippets of one cell run one after the other in the same worker (one runtime, one mode). The
first leaves state everywhere it can and checks that it did; the second checks that none of it is
there. Were snippets run in the worker's own process, the second would fail.
"""

from __future__ import annotations

from .conftest import TF1_HUB, VerifyProject

LEAVES = """\
      - label: leaves state
        code: |
          import os, sys
          leaked = tf.Variable(1.0, name="leaked")
          tf.add_to_collection("leaked", leaked)
          sys.modules["tensorflow"].leaked_marker = True
          os.environ["LEAKED_BY_A_SNIPPET"] = "1"
        checks: |
          assert tf.global_variables() and sys.modules["tensorflow"].leaked_marker
      - label: finds none
        code: |
          import os, sys
          assert not tf.global_variables(), tf.global_variables()
          assert not tf.get_collection("leaked")
          assert not hasattr(sys.modules["tensorflow"], "leaked_marker")
          assert "LEAKED_BY_A_SNIPPET" not in os.environ
"""


def test_no_state_passes_from_one_snippet_to_the_next(project: VerifyProject) -> None:
    old = """\
      - label: hub.Module
        code: |
          weights = tf.Variable([1.0, 2.0], trainable=True)
    notes: [note.text]"""
    project.replace(TF1_HUB, old, LEAVES + "    notes: [note.text]")
    run = project.verify("legacy")
    run.assert_no_traceback()
    mine = [item for item in run.ids if item.startswith("tf1_hub/finetune/tf1_compat/")]
    assert mine == [
        "tf1_hub/finetune/tf1_compat/leaves state[legacy]",
        "tf1_hub/finetune/tf1_compat/finds none[legacy]",
    ], mine
    for item in mine:
        assert run.record(item)["confirmed"], (item, run.record(item)["reason"])
