"""po/file.py: a PO file written as GNU gettext writes it, so that `msgcat` (and the tools that
save in GNU's layout) give it back byte for byte, and polib reads back every entry as written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from generator.website.po.file import HEADER_FIELDS, PoEntry, PoHeader, po_text

HEADER = PoHeader(
    comments=("A test catalog.", ""),
    fields={
        "Project-Id-Version": "Demo",
        "Language": "ru",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    },
)

# Strings whose layout is decided by a rule of GNU's: each near a width, with escapes, line breaks,
# wide characters, or the punctuation of one of the site's languages.
SAMPLES = [
    "short",
    "x" * 69,  # `msgstr "` and 69 columns and `"`: 78
    "x" * 70,  # 79 columns: still one line
    "x" * 71,  # 80: too wide, but without a place to break
    "word " * 14 + "end",
    "word " * 15 + "end",
    "Some text on these pages is not translated yet and is shown in English.",
    'A "quoted" word, a back\\slash and a tab\there, ' * 3,
    "one line\nthe next line\n",
    "first\n\nthird, after an empty line, and then a long one that goes beyond the width of a page",
    "ends with a line break that must stay on its line: " + "y" * 30 + "\n",
    "Часть текста на этих страницах ещё не переведена и показана на английском.",
    "«Режим совместимости с TF1 в TF2» — это установленный TF2, в котором программа импортирует `tf`.",
    "日本語" * 13,  # 39 wide characters: 78 columns
    "日本語" * 20,
    "このサイトのコード例はすべて、実際の TensorFlow で実行して検証しています。「エミュレーション」と表示。",
    "本网站上的每个示例都通过在真实的 TensorFlow 中运行来验证。没有可用的 TensorFlow 1.x 时，TF1 示例改为模拟运行。",
    "이 사이트의 모든 예제는 실제 TensorFlow 환경에서 실행하여 검증합니다. `tf_keras`가 설치되어 있으므로 답입니다.",
    "Answered for TensorFlow {tensorflow}, `tensorflow_hub` {hub} and Keras {keras}, as the sweep observed.",
    "`tf.disable_v2_behavior()` " * 4,
    "e\u0301" * 80,
]


def sample_entries() -> list[PoEntry]:
    return [
        PoEntry(
            f"sample.{index}", text, text[::-1] if index % 3 else "", fuzzy=index % 4 == 1, brace_format="{" in text
        )
        for index, text in enumerate(SAMPLES)
    ]


def test_a_short_string_is_one_line_and_a_long_one_starts_empty() -> None:
    text = po_text(HEADER, [PoEntry("a", "short", "", fuzzy=True), PoEntry("b", "word " * 16, "")])
    assert "#, fuzzy\n" not in text  # GNU writes no fuzzy flag on an entry without a translation
    assert 'msgctxt "a"\nmsgid "short"\nmsgstr ""\n' in text
    assert 'msgid ""\n"word word word word word word word word word word word word word word word "\n"word "\n' in text


@pytest.mark.parametrize(("length", "lines"), [(70, 1), (71, 2)])
def test_a_string_fits_while_its_line_is_79_columns_or_fewer(length: int, lines: int) -> None:
    text = po_text(HEADER, [PoEntry("a", "b", "x" * (length - 2) + " y")])
    msgstr = text[text.index('msgctxt "a"') :].split("msgstr ", 1)[1]
    assert len(msgstr.splitlines()) == lines


def test_a_wide_character_takes_two_columns() -> None:
    text = po_text(HEADER, [PoEntry("a", "b", "日" * 35), PoEntry("c", "d", "日" * 36)])
    assert f'msgstr "{"日" * 35}"\n' in text
    assert f'msgstr ""\n"{"日" * 36}"\n' in text  # 72 + 9 columns: too wide, so it starts on a line of its own


def test_escapes_and_line_breaks() -> None:
    text = po_text(HEADER, [PoEntry("a", 'say "hi"\\\tnow\nand\nthen', "")])
    assert 'msgid ""\n"say \\"hi\\"\\\\\\tnow\\n"\n"and\\n"\n"then"\n' in text


def test_the_header_has_gnus_order_and_comments() -> None:
    header = PoHeader(comments=("About it.", ""), fields=dict(reversed(list(HEADER.fields.items()))))
    text = po_text(header, [])
    assert text.startswith('# About it.\n#\nmsgid ""\nmsgstr ""\n"Project-Id-Version: Demo\\n"\n"Language: ru\\n"\n')
    names = [line.split(":")[0].strip('"') for line in text.splitlines()[4:]]
    assert names == [name for name in HEADER_FIELDS if name in HEADER.fields]


def test_a_header_field_gnu_does_not_write_is_refused() -> None:
    with pytest.raises(ValueError, match="X-Generator"):
        PoHeader((), {"X-Generator": "me"}).text()


def test_polib_reads_every_entry_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "samples.po"
    path.write_text(po_text(HEADER, sample_entries()), encoding="utf-8")
    read = polib.pofile(str(path))
    assert read.metadata == HEADER.fields
    assert [(entry.msgctxt, entry.msgid, entry.msgstr, entry.fuzzy) for entry in read] == [
        (entry.context, entry.english, entry.translation, entry.fuzzy and bool(entry.translation))
        for entry in sample_entries()
    ]


msgcat = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext's msgcat is not installed")


def gnu_layout(path: Path) -> bytes:
    """The file as GNU gettext writes it back."""
    out = path.with_suffix(".msgcat.po")
    subprocess.run(["msgcat", "-o", str(out), str(path)], check=True, capture_output=True, timeout=60)
    return out.read_bytes()


@msgcat
def test_msgcat_writes_the_samples_back_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "samples.po"
    path.write_bytes(po_text(HEADER, sample_entries()).encode("utf-8"))
    assert gnu_layout(path).decode("utf-8") == path.read_text(encoding="utf-8")


@msgcat
def test_what_polib_saves_is_the_same_file_to_gnu(tmp_path: Path) -> None:
    """polib lays out long strings in its own way (it counts characters, not columns, and breaks at
    spaces only): what it saves holds the same entries, which GNU's tools write as we did."""
    path = tmp_path / "samples.po"
    path.write_bytes(po_text(HEADER, sample_entries()).encode("utf-8"))
    resaved = tmp_path / "resaved.po"
    polib.pofile(str(path)).save(str(resaved))
    assert gnu_layout(resaved) == path.read_bytes()
