"""Claims against observations: what an item showed, judged against what its claim expects."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..matrix.model import Raises
from ..matrix.verification import Expected, Observation, Outcome, RaisedException, Versions
from .items import Item


@dataclass(frozen=True)
class Verdict:
    expected: Expected
    observed: Outcome
    confirmed: bool
    reason: str  # why a claim was contradicted; empty when confirmed


def first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else ""


def error_words(exception: RaisedException | None) -> str:
    """'Type: first line of the message' of the innermost exception, the one that says what went wrong."""
    if exception is None:
        return "?"
    cause = exception.cause
    return f"{cause.type}: {first_line(cause.message)}".rstrip(": ")


def _is_a(declared: str, bases: tuple[str, ...]) -> bool:
    """'ValueError' or 'tf.errors.NotFoundError' against an exception's class and its bases."""
    name = declared.split(".")[-1]
    return any(base.split(".")[-1] == name for base in bases)


def _matches(pattern: str, exception: RaisedException) -> bool:
    """The declared pattern against the error's message, or its innermost cause's."""
    return any(re.search(pattern, message, re.DOTALL) for message in (exception.message, exception.cause.message))


RUNTIME_PHASES = ("install", "import")  # a runtime that cannot be used: nothing of the example ran
NOT_INSTALLED = "NotInstalled"  # the type recorded for an example whose runtime lacks a package it requires


def not_applicable(phase: str | None, exception: RaisedException | None) -> bool:
    """Whether the example was not run, as it requires a package its runtime does not have."""
    return phase == "install" and exception is not None and exception.type == NOT_INSTALLED


def fails_as_declared(declared: Raises, exception: RaisedException) -> bool:
    return not _unlike(declared, exception)


def judge(item: Item, observation: Observation, versions: Versions | None) -> Verdict:
    example = item.example
    observed = observation.outcome
    exception = observation.exception
    if not item.imports and (observation.phase in RUNTIME_PHASES or observed.tested):
        # releases declared not to work together: every item fails to install or import, and a
        # counterexample of that failure with the exception it declares
        if observation.phase in RUNTIME_PHASES:
            declared = example.raises if example.import_failure and versions and example.inside(versions) else None
            wrong = _unlike(declared, exception) if declared and exception else ""
            return Verdict(Expected.failed, observed, not wrong, wrong)
        return Verdict(
            Expected.failed,
            observed,
            False,
            "matrix/runtimes.yaml declares that these releases do not install or import together, but they did",
        )
    if not_applicable(observation.phase, exception):
        return Verdict(example.expected(versions) if versions else Expected.passed, observed, True, "")
    if versions is None:  # nothing ran: the claim as stated inside its bounds
        expected = Expected.failed if example.counterexample else Expected.passed
    else:
        expected = example.expected(versions)
    if not observed.tested and observed is not Outcome.setup_failed:
        return Verdict(
            expected, observed, False, f"{observed.value}: {first_line(exception.message if exception else '')}"
        )
    if observed is Outcome.setup_failed:
        return Verdict(expected, observed, False, f"the hidden setup failed: {error_words(exception)}")
    if observed.value != expected.value:
        if expected is Expected.passed:
            return Verdict(expected, observed, False, f"expected to pass, but raised {error_words(exception)}")
        return Verdict(expected, observed, False, "expected to fail, but it ran without an error")
    declared = example.raises
    inside = versions is None or example.inside(versions)
    if expected is Expected.failed and declared is not None and exception is not None and inside:
        wrong = _unlike(declared, exception)
        return Verdict(expected, observed, not wrong, wrong)
    return Verdict(expected, observed, True, "")


def _unlike(declared: Raises, exception: RaisedException) -> str:
    """How the exception differs from the declared one; empty when it is the one declared."""
    if not _is_a(declared.type, exception.bases):
        return f"raised {error_words(exception)}, not the declared {declared.type}"
    if not _matches(declared.match, exception):
        return f"raised {error_words(exception)}, whose message does not match {declared.match!r}"
    return ""
