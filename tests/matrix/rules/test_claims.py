"""claims: a claim carries what proves it, and its version bounds make sense."""

from __future__ import annotations

import pytest

from generator.matrix.rules import claims

from .inline import FORMAT, MINIMAL, assert_found, assert_none, changed, run, where

# The two cells of the minimal format, as they stand in its text.
UNSUPPORTED = """\
    claim:
      status: unsupported
    counterexample:
      setup: |
        handle = fixture("model")
      code: |
        m = hub.load(handle)
      raises: {type: AttributeError, match: load}
"""
SUPPORTED_CLAIM = """\
    claim:
      status: supported
      tensorflow: {added: "2.9", removed: "2.10"}
    text: cell.load.new
"""
SNIPPETS = """\
    snippets:
      - label: hub.load
        setup: |
          handle = fixture("model")
        code: |
          m = hub.load(handle)
          outputs = m(inputs)
        checks: |
          assert outputs is not None
"""


def _claim_key(text: str, status: str) -> tuple[int, int]:
    """Where the `claim:` key of the cell whose status is `status` stands."""
    line, _ = where(text, f"      status: {status}\n")
    return line - 1, 5


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(claims, inline()))


def test_unsupported_without_counterexample(inline) -> None:
    text = changed(FORMAT, UNSUPPORTED, "    claim:\n      status: unsupported\n")
    problems = run(claims, inline({FORMAT: text}))
    assert_found(
        problems,
        FORMAT,
        *_claim_key(text, "unsupported"),
        what=("unsupported", "counterexample"),
        fix="counterexample:",
    )
    assert len(problems) == 1, problems


def test_unsupported_with_snippets(inline) -> None:
    text = changed(FORMAT, UNSUPPORTED, UNSUPPORTED + SNIPPETS.replace("label: hub.load", "label: tried"))
    problems = run(claims, inline({FORMAT: text}))
    line, _ = where(text, "    snippets:\n      - label: tried")
    assert_found(problems, FORMAT, line, 5, what=("unsupported", "snippets"))
    assert len(problems) == 1, problems


@pytest.mark.parametrize("status", ["supported", "partial"])
def test_supported_or_partial_without_snippet(inline, status: str) -> None:
    text = changed(FORMAT, SNIPPETS, "")
    text = changed(FORMAT, "      status: supported\n", f"      status: {status}\n", text)
    problems = run(claims, inline({FORMAT: text}))
    assert_found(problems, FORMAT, *_claim_key(text, status), what=(status, "snippet"), fix="snippets:")
    assert len(problems) == 1, problems


def test_supported_with_counterexample(inline) -> None:
    counterexample = UNSUPPORTED.split("    counterexample:\n", 1)[1]
    text = changed(FORMAT, SNIPPETS, SNIPPETS + "    counterexample:  # the one too many\n" + counterexample)
    problems = run(claims, inline({FORMAT: text}))
    line, _ = where(text, "counterexample:  # the one too many")
    assert_found(problems, FORMAT, line, 5, what=("supported", "counterexample"), fix="unsupported")
    assert len(problems) == 1, problems


def test_partial_without_text(inline) -> None:
    text = changed(
        FORMAT,
        SUPPORTED_CLAIM,
        SUPPORTED_CLAIM.replace("supported", "partial").replace("    text: cell.load.new\n", ""),
    )
    problems = run(claims, inline({FORMAT: text}))
    assert_found(problems, FORMAT, *_claim_key(text, "partial"), what=("partial", "text"), fix="text:")
    assert len(problems) == 1, problems


def test_partial_with_text_and_snippets_is_fine(inline) -> None:
    text = changed(FORMAT, "      status: supported\n", "      status: partial\n")
    assert_none(run(claims, inline({FORMAT: text})))


@pytest.mark.parametrize("package", ["tensorflow", "tensorflow_hub"])
@pytest.mark.parametrize(
    ("added", "removed"),
    [("2.10", "2.9"), ("2.5", "2.5"), ("0.16.1", "0.16")],
    ids=["later_added", "same", "longer_added"],
)
def test_bounds_out_of_order(inline, package: str, added: str, removed: str) -> None:
    """'removed' must be a later release than 'added', compared as numbers (2.10 is after 2.9)."""
    bound = f'      {package}: {{added: "{added}", removed: "{removed}"}}\n'
    text = changed(FORMAT, '      tensorflow: {added: "2.9", removed: "2.10"}\n', bound)
    problems = run(claims, inline({FORMAT: text}))
    line, column = where(text, f'"{removed}"}}')
    assert_found(problems, FORMAT, line, column, what=(package, removed, added))
    assert len(problems) == 1, problems


@pytest.mark.parametrize("package", ["tensorflow", "tensorflow_hub"])
def test_bounds_in_order_are_fine(inline, package: str) -> None:
    text = changed(
        FORMAT,
        '      tensorflow: {added: "2.9", removed: "2.10"}\n',
        f'      {package}: {{added: "0.9", removed: "0.10.1"}}\n',
    )
    assert_none(run(claims, inline({FORMAT: text})))


@pytest.mark.parametrize("package", ["tensorflow", "tensorflow_hub"])
def test_empty_bound(inline, package: str) -> None:
    text = changed(FORMAT, '      tensorflow: {added: "2.9", removed: "2.10"}\n', f"      {package}: {{}}\n")
    problems = run(claims, inline({FORMAT: text}))
    line, column = where(text, f"{package}: {{}}", len(f"{package}: "))
    assert_found(problems, FORMAT, line, column, what=(package, "empty"), fix=("added", "removed"))
    assert len(problems) == 1, problems


def test_one_sided_bounds_are_fine(inline) -> None:
    text = changed(
        FORMAT,
        '      tensorflow: {added: "2.9", removed: "2.10"}\n',
        '      tensorflow: {added: "2.9"}\n      tensorflow_hub: {removed: "0.16"}\n',
    )
    assert_none(run(claims, inline({FORMAT: text})))


def test_minimal_format_is_as_these_tests_expect() -> None:
    for piece in (UNSUPPORTED, SUPPORTED_CLAIM, SNIPPETS):
        assert MINIMAL[FORMAT].count(piece) == 1


@pytest.mark.parametrize(
    ("bound", "fine"), [('{added: "3"}', False), ('{removed: "3"}', True), ('{added: "2", removed: "4"}', True)]
)
def test_a_keras_bound_must_hold_the_keras_of_some_runtime(inline, bound: str, fine: bool) -> None:
    """The minimal matrix's one runtime has Keras 2: a claim bounded to Keras 3 could never be tested."""
    text = changed(FORMAT, '      tensorflow: {added: "2.9", removed: "2.10"}\n', f"      keras: {bound}\n")
    problems = run(claims, inline({FORMAT: text}))
    if fine:
        assert_none(problems)
        return
    line, column = where(text, f"keras: {bound}", len("keras: "))
    assert_found(problems, FORMAT, line, column, what=("keras added 3", "Keras 2"), fix=("runtimes.yaml", "keras"))
    assert len(problems) == 1, problems


def test_a_snippets_keras_bound_is_checked_too(inline) -> None:
    text = changed(FORMAT, "      - label: hub.load\n", '      - label: hub.load\n        keras: {added: "3"}\n')
    problems = run(claims, inline({FORMAT: text}))
    line, column = where(text, 'keras: {added: "3"}', len("keras: "))
    assert_found(problems, FORMAT, line, column, what=("keras added 3",))
