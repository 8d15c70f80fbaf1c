"""po/line_breaks.py: where GNU gettext may break a line of a PO string, and how wide characters are."""

from __future__ import annotations

import pytest

from generator.website.po.line_breaks import columns, line_class, opportunities


def breaks(text: str) -> list[str]:
    """The text cut at each opportunity."""
    pieces = [""]
    for char, allowed in zip(text, opportunities(text), strict=True):
        if allowed:
            pieces.append("")
        pieces[-1] += char
    return pieces


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("two words", ["two ", "words"]),
        ("two  spaces", ["two  ", "spaces"]),
        (" leading", [" leading"]),  # never before the first character
        ("a, b. c: d; e! f?", ["a, ", "b. ", "c: ", "d; ", "e! ", "f?"]),
        ("(inside) out", ["(inside) ", "out"]),
        ("three-four", ["three-", "four"]),
        ("pip -U", ["pip ", "-", "U"]),
        ("version -2", ["version ", "-2"]),
        ("v-2", ["v-2"]),  # a hyphen before a number stays with it
        ("`tf.disable_v2_behavior()`", ["`tf.", "disable_v2_behavior()`"]),  # libunistring breaks after a dot
        ("2.16 and 1.x", ["2.16 ", "and ", "1.", "x"]),
        ("[words][link]", ["[words]", "[link]"]),
        ("{package} {version}", ["{package} ", "{version}"]),
        ('a "quoted" word', ["a ", '"quoted" ', "word"]),
        ("Keras 3 — это", ["Keras ", "3 ", "— ", "это"]),
        ("«Режим» работает", ["«Режим» ", "работает"]),
        ("日本語です。", ["日", "本", "語", "で", "す。"]),
        ("「エミュレーション」と表示", ["「エ", "ミュ", "レー", "ショ", "ン」", "と", "表", "示"]),
        ("（次の節）を参照", ["（次", "の", "節）", "を", "参", "照"]),
        ("模拟”的结果", ["模", "拟”的", "结", "果"]),  # no break after a quotation mark
        ("`tf_keras`가 설치", ["`tf_keras`", "가 ", "설", "치"]),
        ("TensorFlow 2에서", ["TensorFlow ", "2", "에", "서"]),
    ],
)
def test_opportunities(text: str, pieces: list[str]) -> None:
    assert breaks(text) == pieces


def test_a_line_separator_breaks_what_follows_from_what_came_before() -> None:
    assert line_class("\u2028") == "BK"
    assert opportunities("a\u2028b") == [False, False, False]


def test_a_combining_mark_stays_with_its_letter() -> None:
    assert breaks("e\u0301 e\u0301") == ["e\u0301 ", "e\u0301"]


@pytest.mark.parametrize(
    ("char", "width"),
    [
        ("a", 1),
        ("я", 1),
        ("—", 1),
        ("·", 1),
        ("日", 2),
        ("す", 2),
        ("한", 2),
        ("。", 2),
        ("（", 2),
        ("\u0301", 0),
        ("\x07", 0),
    ],
)
def test_columns(char: str, width: int) -> None:
    assert columns(char) == width
