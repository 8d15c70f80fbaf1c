"""Files that are not good YAML, or not YAML the matrix accepts: each is refused with its place."""

from __future__ import annotations

import pytest

from .conftest import ProjectCopy, assert_problem

SITE = "matrix/site.yaml"
OPERATIONS = "matrix/operations.yaml"
MODES = "matrix/modes.yaml"
TF1_HUB = "matrix/formats/tf1_hub.yaml"
EN = "matrix/locales/en.yaml"
RU = "matrix/locales/ru.yaml"


# --- syntax errors -------------------------------------------------------------------------------


def test_syntax_error_text_after_quoted_value(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "      - label: hub.Module\n", '      - label: "hub.Module" x\n')
    result = project.check()
    line = project.line_of(TF1_HUB, '"hub.Module" x')
    column = project.column_of(TF1_HUB, '"hub.Module" x') + len('"hub.Module" ')
    assert_problem(result, TF1_HUB, line, column, what="YAML syntax error")


@pytest.mark.parametrize(
    ("old", "new", "opening"),
    [
        ("    modes: [tf1, tf1_compat]\n", "    modes: [tf1, tf1_compat\n", "["),
        ("    guide: {link: tf1_hub_using, text: guide.tf1_hub.load}\n",
         "    guide: {link: tf1_hub_using, text: guide.tf1_hub.load\n", "{"),
    ],
    ids=["bracket", "brace"],
)
def test_syntax_error_unclosed_bracket(project: ProjectCopy, old: str, new: str, opening: str) -> None:
    """Reported where the bracket was opened (the line to fix), not where YAML gave up."""
    project.replace(TF1_HUB, old, new)
    result = project.check()
    line = project.line_of(TF1_HUB, new.strip())
    column = project.column_of(TF1_HUB, new.strip()) + new.strip().index(opening)
    assert_problem(result, TF1_HUB, line, column, what="YAML syntax error", fix="close")


def test_syntax_error_unclosed_quote_at_end_of_file(project: ProjectCopy) -> None:
    """Nothing closes the quote: reported at the opening quote, not past the file's last line."""
    project.replace(SITE, "default_locale: en\n", 'default_locale: "en\n')
    result = project.check()
    line = project.line_of(SITE, 'default_locale: "en')
    column = project.column_of(SITE, '"en')
    assert_problem(result, SITE, line, column, what="YAML syntax error", fix=("close", "quote"))


def test_syntax_error_unclosed_quote_before_a_later_quote(project: ProjectCopy) -> None:
    """The quote runs on to the next '"' a hundred lines down; the report still names the line it opened on."""
    project.replace(EN, "  nav.home: Home\n", '  nav.home: "Home\n')
    result = project.check()
    line = project.line_of(EN, 'nav.home: "Home')
    assert_problem(result, EN, line, what="YAML syntax error", fix="quote")


# --- indentation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "bad_line", "fix"),
    [
        # a key of a cell one space too far in: YAML reads it as part of the value above
        ("    column: tf2\n    claim:\n      status: supported\n    text: cell.tf1_hub.load.tf2\n",
         "    column: tf2\n     claim:\n      status: supported\n    text: cell.tf1_hub.load.tf2\n",
         "     claim:", "indentation"),
        # a key of a cell one space too far in, after a nested mapping
        ("    text: cell.tf1_hub.load.tf2\n", "     text: cell.tf1_hub.load.tf2\n",
         "     text: cell.tf1_hub.load.tf2", "indentation"),
        # a key of a cell one space too little
        ("    text: cell.tf1_hub.load.tf2\n", "   text: cell.tf1_hub.load.tf2\n",
         "   text: cell.tf1_hub.load.tf2", "indentation"),
        # a tab where spaces belong
        ("    notes: [note.tf1_hub.train_tag, note.tf1_hub.needs_old_hub]\n",
         "\tnotes: [note.tf1_hub.train_tag, note.tf1_hub.needs_old_hub]\n",
         "\tnotes:", "spaces"),
    ],
    ids=["key_one_space_too_far", "key_too_far_after_mapping", "key_one_space_too_little", "tab"],
)
def test_bad_indentation(project: ProjectCopy, old: str, new: str, bad_line: str, fix: str) -> None:
    project.replace(TF1_HUB, old, new)
    result = project.check()
    assert_problem(result, TF1_HUB, project.line_of(TF1_HUB, bad_line), what="YAML syntax error", fix=fix)


# --- empty files, encodings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"# yaml-language-server: $schema=schema/operations.schema.json\n# only a comment\n",
        b"\n\n   \n",
    ],
    ids=["zero_bytes", "only_comments", "only_blank_lines"],
)
def test_empty_file(project: ProjectCopy, content: bytes) -> None:
    project.write_bytes(OPERATIONS, content)
    result = project.check()
    assert_problem(result, OPERATIONS, 1, 1, what="the file is empty")


def test_not_utf8(project: ProjectCopy) -> None:
    """A Latin-1 'é' (byte 0xE9) on a known line: reported at that line and column."""
    good = "  operation.finetune.name: Fine-tuning caf"
    project.replace(EN, "  operation.finetune.name: Fine-tuning\n", good + "!\n")
    line = project.line_of(EN, good)
    project.write_bytes(EN, project.path(EN).read_bytes().replace(good.encode() + b"!", good.encode() + b"\xe9"))
    result = project.check()
    assert_problem(result, EN, line, len(good) + 1, what=("not UTF-8", "0xe9"), fix="UTF-8")


def test_not_utf8_column_counts_characters(project: ProjectCopy) -> None:
    """After Cyrillic text, the column is in characters (as editors and YAML's own errors count), not bytes."""
    good = "  operation.finetune.name: Дообучение caf"
    project.replace(RU, "  operation.finetune.name: Дообучение\n", good + "!\n")
    line = project.line_of(RU, good)
    project.write_bytes(RU, project.path(RU).read_bytes().replace(good.encode() + b"!", good.encode() + b"\xe9"))
    result = project.check()
    assert_problem(result, RU, line, len(good) + 1, what=("not UTF-8", "0xe9"), fix="UTF-8")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"], ids=["nul", "bell", "escape"])
def test_control_character(project: ProjectCopy, char: str) -> None:
    """A control character YAML does not allow is a reported problem, not a traceback."""
    good = "    name: operation.load.name"
    project.replace(OPERATIONS, good + "\n", good + char + "\n")
    result = project.check()
    assert_problem(result, OPERATIONS, project.line_of(OPERATIONS, good), len(good) + 1, what="character")


# --- tags, anchors and aliases -------------------------------------------------------------------


def test_python_object_tag_is_refused_and_never_run(project: ProjectCopy) -> None:
    marker = project.root.parent / "pwned"
    project.replace(
        TF1_HUB,
        "        code: |\n          m = hub.Module(handle)\n          outputs = m(inputs)\n",
        f'        code: !!python/object/apply:os.system ["touch {marker}"]\n',
    )
    result = project.check()
    tagged = "!!python/object/apply:os.system"
    assert_problem(result, TF1_HUB, project.line_of(TF1_HUB, tagged), project.column_of(TF1_HUB, tagged),
                   what=("python/object/apply:os.system", "not allowed"), fix="tag")
    assert not marker.exists(), "the tag was constructed: os.system ran"


def test_custom_tag_is_refused(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "      - label: hub.Module\n", "      - label: !foo hub.Module\n")
    result = project.check()
    assert_problem(result, TF1_HUB, project.line_of(TF1_HUB, "!foo"), project.column_of(TF1_HUB, "!foo"),
                   what=("'!foo'", "not allowed"), fix="tag")


def _bomb(indent: str) -> str:
    """Anchors a..i, each a list of 9 aliases of the one before: 9**9 strings if expanded."""
    lines = [f'{indent}a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{indent}{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("file", "addition"),
    [(RU, _bomb("  ")), (TF1_HUB, "extra:\n" + _bomb("  "))],
    ids=["catalog", "format"],
)
def test_alias_bomb_is_refused(project: ProjectCopy, file: str, addition: str) -> None:
    project.append(file, addition)
    result = project.check()  # the subprocess timeout only guards against a hang
    assert_problem(result, file, project.line_of(file, "a: &a"), project.column_of(file, "&a"),
                   what=("anchor", "not allowed"), fix="anchors")


def test_alias_is_refused(project: ProjectCopy) -> None:
    project.replace(MODES, "    emphasis: [1, 2]\n", "    emphasis: &lines [1, 2]\n")
    project.replace(MODES, "  - id: tf2\n", "  - id: tf2\n    emphasis: *lines\n")
    result = project.check()
    assert_problem(result, MODES, project.line_of(MODES, "&lines"), project.column_of(MODES, "&lines"),
                   what="anchor '&lines'", fix="anchors")


# --- the first-line modeline ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (OPERATIONS, "# yaml-language-server: $schema=schema/operations.schema.json\n", "",
         "# yaml-language-server: $schema=schema/operations.schema.json"),
        (TF1_HUB, "$schema=../schema/format.schema.json", "$schema=../schema/catalog.schema.json",
         "# yaml-language-server: $schema=../schema/format.schema.json"),
        (RU, "# yaml-language-server: $schema=../schema/catalog.schema.json\n",
         "# Русский\n# yaml-language-server: $schema=../schema/catalog.schema.json\n",
         "# yaml-language-server: $schema=../schema/catalog.schema.json"),
    ],
    ids=["missing", "wrong_schema", "not_on_first_line"],
)
def test_modeline(project: ProjectCopy, file: str, old: str, new: str, expected: str) -> None:
    project.replace(file, old, new)
    result = project.check()
    assert_problem(result, file, 1, 1, what=("first line", "schema"), fix=expected)
