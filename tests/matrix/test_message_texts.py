"""message_texts.py: every message of every built language, placed, with the English it translates
when current, and its words as a reader reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.matrix.message_texts import message_texts, reading, without_code

from .rules.inline import DE, EN, MINIMAL, InlineMatrix, changed, file_of, translated_sources, where


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("Use `hub.load`, then call `m`.", "Use x, then call x."),
        ("since {package} {version}", "since x x"),
        ("see [the guide][guide].", "see the guide."),
        ("[Open `it`][guide]{ .md-button .md-button--primary }", "Open x"),
        ("a { b } c", "a { b } c"),
    ],
)
def test_reading(message: str, words: str) -> None:
    assert reading(message) == words


def test_without_code() -> None:
    assert without_code("call `m(x)` with [words][id] and {name}") == "call  with [words][id] and {name}"


def test_every_message_of_every_language_with_the_english_of_a_current_translation(tmp_path: Path) -> None:
    english = changed(EN, "Runs at once.", "Runs right away.")
    stale = MINIMAL[DE] + translated_sources(MINIMAL[DE], MINIMAL[EN])
    matrix = InlineMatrix(tmp_path)({EN: english, DE: stale})
    texts = {(text.locale, text.message_id): text for text in message_texts(matrix)}
    assert len(texts) == sum(len(matrix.catalogs[locale].model.messages) for locale in ("en", "de"))
    assert texts[("en", "mode.eager.summary")].english is None  # the English translates nothing
    assert texts[("de", "mode.eager.summary")].english is None  # stale: the English changed
    assert texts[("de", "mode.graph.summary")].english == "Runs a graph."
    place = texts[("de", "mode.graph.summary")].place
    assert (place.file, place.line, place.column) == (file_of(DE), *where(MINIMAL[DE], "Führt einen"))
