"""What verification showed for an example, as finished Markdown for one locale.

One line per runtime that ran the example: its icon and versions, the error that confirmed a
claimed failure, or the reason a claim was contradicted. Everything that comes from a report
(versions, exception messages, places) is text from outside: it is shown as code, never read as
Markdown or HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..matrix.examples import Example
from ..matrix.packages import PACKAGES
from ..matrix.verification import Expected, Outcome, RaisedException, Record, Versions
from ..verify.items import Item
from .evidence import Evidence, Shown, download_name
from .messages import Messages, attribute, code_span

# The page explaining "emulated", relative to every page of a language.
EMULATED_LINK = "modes.md#emulated"
# Messages shown as plain text (in attributes): no markup allowed.
PLAIN = frozenset(f"verdict.{kind.value}" for kind in Shown)
# Messages asked for by computed id.
MESSAGES = frozenset(
    {
        *(f"verdict.{kind.value}" for kind in Shown),
        "verdict.emulated",
        "verdict.emulated_title",
        "verdict.date",
        "verdict.dates",
        "verdict.details",
        "verdict.script",
        "reason.setup",
        "reason.expected_pass",
        "reason.expected_fail",
        "reason.wrong_error",
        "reason.timeout",
        "reason.crash",
        "reason.unavailable",
    }
)


@dataclass(frozen=True)
class VerdictView:
    """Under an example: a line per runtime and the link to its script; the contradicted lines apart."""

    lines: tuple[str, ...]
    contradictions: tuple[str, ...]


def icon(kind: Shown, t: Messages) -> str:
    """A verdict's icon as inline HTML, safe in a table cell: an image named by its title, the
    verdict's word (what a screen reader reads and hovering shows), drawn by its classes
    (assets/grid.css), one shape per kind, so that pages of many verdicts carry no SVG of their own."""
    word = _attribute(t.plain(f"verdict.{kind.value}"))
    return f'<span class="verdict verdict-{kind.value}" role="img" title="{word}"></span>'


def mark(kind: Shown) -> str:
    """A verdict's icon beside its word (a legend): the word names it, so screen readers skip it."""
    return f'<span class="verdict verdict-{kind.value}" aria-hidden="true"></span>'


def _attribute(text: str) -> str:
    # A pipe would end a Markdown table's cell even inside HTML.
    return html.escape(text).replace("|", "&#124;")


def emulated(t: Messages, *, table: bool = False) -> str:
    """The word "emulated", linked to its explanation, which its title also gives."""
    title = attribute(t.plain("verdict.emulated_title"), table=table)
    return f'[{t.markdown("verdict.emulated", table=table)}]({EMULATED_LINK}){{ title="{title}" }}'


def runtime_text(item: Item, found: Versions, t: Messages) -> str:
    """'TensorFlow 2.21.0 · `tensorflow_hub` 0.16.1 · Keras 3.15.1 · Python 3.11.7', and whether it was
    emulated; Keras from the tf-keras package says so: 'Keras 2.21.0 (`tf_keras`)'."""
    parts = [
        f"{name} {_version(version)}{suffix}"
        for version, name, suffix in (
            (found.tensorflow, PACKAGES["tensorflow"].markdown, ""),
            (found.tensorflow_hub, PACKAGES["tensorflow_hub"].markdown, ""),
            (found.keras, PACKAGES["keras"].markdown, keras_source(found)),
            (found.python, "Python", ""),
        )
        if version
    ]
    if not parts:  # a runtime the report knows nothing about: its id is all there is
        parts = [code_span(item.runtime)]
    if item.emulated:
        parts.append(emulated(t))
    return " · ".join(parts)


def keras_source(found: Versions) -> str:
    """' (`tf_keras`)' where tf.keras is the tf-keras package, else ''."""
    return f" ({code_span('tf_keras')})" if found.keras_package == "tf_keras" else ""


def _version(version: str) -> str:
    # Versions are text from a report: keep only what a version is made of.
    return re.sub(r"[^0-9A-Za-z.+\-]", "", version) or "?"


def error_text(exception: RaisedException | None) -> str | None:
    """'`Type: message`' of a recorded exception: its innermost cause, the one that says what went wrong."""
    if exception is None:
        return None
    cause = exception.cause
    return code_span(f"{cause.type}: {cause.message}" if cause.message else cause.type)


def reason(example: Example, record: Record, t: Messages) -> str:
    """Why a record contradicts its claim, in the reader's language."""
    observed, error = record.observed, error_text(record.exception) or code_span("?")
    if observed in (Outcome.timeout, Outcome.crash, Outcome.unavailable):
        return t.markdown(f"reason.{observed.value}", error=error)
    if observed is Outcome.setup_failed:
        return t.markdown("reason.setup", error=error)
    if record.expected is Expected.passed:
        return t.markdown("reason.expected_pass", error=error)
    if observed is Outcome.passed:
        return t.markdown("reason.expected_fail")
    declared = example.raises
    return t.markdown(
        "reason.wrong_error",
        error=error,
        type=code_span(declared.type if declared else "?"),
        pattern=code_span(declared.match if declared else "?"),
    )


def line(item: Item, evidence: Evidence, t: Messages) -> tuple[Shown, str]:
    record = evidence.record(item)
    kind = evidence.shown(item)
    text = f"{icon(kind, t)} {runtime_text(item, evidence.versions(item), t)}"
    if record is not None and kind is Shown.failed and (error := error_text(record.exception)):
        text += f" — {error}"
    elif record is not None and kind is Shown.contradicted:
        text += f" — {reason(item.example, record, t)}"
    elif kind is Shown.unverified:
        text += f" — {t.markdown('verdict.unverified')}"
    elif kind is Shown.inapplicable:
        text += f" — {t.markdown('verdict.inapplicable')}"
    return kind, text


def script_link(path: str, t: Messages) -> str:
    return f':material-download: [{t.markdown("verdict.script")}]({path}){{ download="{download_name(path)}" }}'


def verdict_view(example: Example, evidence: Evidence, t: Messages) -> VerdictView:
    """The lines under one example; a single 'not verified yet' when none of its runtimes has a record."""
    shown_lines = [line(item, evidence, t) for item in evidence.items[example.id]]
    link = [script_link(evidence.scripts[example.id], t)]
    if all(kind is Shown.unverified for kind, _ in shown_lines):
        return VerdictView((f"{icon(Shown.unverified, t)} {t.markdown('verdict.unverified')}", *link), ())
    lines = tuple(text for kind, text in shown_lines if kind is not Shown.contradicted)
    contradictions = tuple(text for kind, text in shown_lines if kind is Shown.contradicted)
    return VerdictView((*lines, *link), contradictions)


def verified_on(found: list[Item], evidence: Evidence, anchor: str, t: Messages) -> str | None:
    """'Verified on <date> · All results', once per tab; None when nothing in it was verified."""
    dates = evidence.dates(found)
    if not dates:
        return None
    when = (
        t.markdown("verdict.date", date=date_text(dates[0]))
        if len(dates) == 1
        else t.markdown("verdict.dates", first=date_text(dates[0]), last=date_text(dates[-1]))
    )
    return f":material-calendar-check: {when} · [{t.markdown('verdict.details')}](verification.md#{anchor})"


def date_text(date: str) -> str:
    """A date from a report ('2026-11-25'), keeping only what a date is made of."""
    return re.sub(r"[^0-9\-]", "", date) or "?"
