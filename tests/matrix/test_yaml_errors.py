"""Files that are not good YAML, or not YAML the matrix accepts: each is refused with its place.

Each test writes the small piece of YAML its case needs (a parse error stops the file, so the
rest of it does not matter) or spoils one value of a fixture file, and computes the place it
expects from the text it wrote.
"""

from __future__ import annotations

import pytest

from ..helpers import yaml_text
from .conftest import ProjectCopy, assert_problem, modeline, where

SITE = "matrix/site.yaml"
OPERATIONS = "matrix/operations.yaml"
MODES = "matrix/modes.yaml"

# One cell of a format, as a doc writer lays it out; each case below spoils one thing in it.
CELL = """\
id: demo
cells:
  - operation: load
    column: new
    claim:
      status: supported
    text: cell.load.new
    guide: {link: guide, text: guide.load}
    snippets:
      - label: hub.load
        code: |
          m = hub.load(handle)
    notes: [note.load]
"""


def _spoil(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} is not once in the text"
    return text.replace(old, new)


# --- syntax errors -------------------------------------------------------------------------------


def test_syntax_error_text_after_quoted_value(project: ProjectCopy) -> None:
    file = project.format_file
    text = project.write_yaml(file, _spoil(CELL, "- label: hub.load\n", '- label: "hub.load" x\n'))
    line, column = where(text, '"hub.load" x', len('"hub.load" '))
    assert_problem(project.check(), file, line, column, what="YAML syntax error")


@pytest.mark.parametrize(
    ("old", "new", "opening"),
    [
        ("    notes: [note.load]\n", "    notes: [note.load\n", "["),
        ("    guide: {link: guide, text: guide.load}\n", "    guide: {link: guide, text: guide.load\n", "{"),
    ],
    ids=["bracket", "brace"],
)
def test_syntax_error_unclosed_bracket(project: ProjectCopy, old: str, new: str, opening: str) -> None:
    """Reported where the bracket was opened (the line to fix), not where YAML gave up."""
    file = project.format_file
    text = project.write_yaml(file, _spoil(CELL, old, new))
    bad = new.strip()
    line, column = where(text, bad, bad.index(opening))
    assert_problem(project.check(), file, line, column, what="YAML syntax error", fix="close")


def test_syntax_error_unclosed_quote_at_end_of_file(project: ProjectCopy) -> None:
    """Nothing closes the quote: reported at the opening quote, not past the file's last line."""
    text = project.write_yaml(SITE, 'formats: [demo]\nlocales: [aa]\ndefault_locale: "aa\n')
    line, column = where(text, '"aa')
    assert_problem(project.check(), SITE, line, column, what="YAML syntax error", fix=("close", "quote"))


def test_syntax_error_unclosed_quote_before_a_later_quote(project: ProjectCopy) -> None:
    """The quote runs on to the next '"' many lines down; the report still names the line it opened on."""
    file = project.catalog()
    filler = "".join(f"  filler.m{n}: Plain words.\n" for n in range(60))
    text = project.write_yaml(
        file, 'locale: aa\nmessages:\n  nav.home: "Home\n' + filler + '  nav.later: Say "hello"\n'
    )
    line, _ = where(text, '"Home')
    assert_problem(project.check(), file, line, what="YAML syntax error", fix="quote")


# --- indentation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "fix"),
    [
        # a key of a cell one space too far in: YAML reads it as part of the value above
        ("    column: new\n    claim:\n", "    column: new\n     claim:\n", "indentation"),
        # a key of a cell one space too far in, after a nested mapping
        ("    text: cell.load.new\n", "     text: cell.load.new\n", "indentation"),
        # a key of a cell one space too little
        ("    text: cell.load.new\n", "   text: cell.load.new\n", "indentation"),
        # a tab where spaces belong
        ("    notes: [note.load]\n", "\tnotes: [note.load]\n", "spaces"),
    ],
    ids=["key_one_space_too_far", "key_too_far_after_mapping", "key_one_space_too_little", "tab"],
)
def test_bad_indentation(project: ProjectCopy, old: str, new: str, fix: str) -> None:
    file = project.format_file
    text = project.write_yaml(file, _spoil(CELL, old, new))
    line, _ = where(text, new.splitlines()[-1] + "\n")
    assert_problem(project.check(), file, line, what="YAML syntax error", fix=fix)


# --- empty files, encodings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"",
        (modeline(OPERATIONS) + "\n# only a comment\n").encode(),
        b"\n\n   \n",
    ],
    ids=["zero_bytes", "only_comments", "only_blank_lines"],
)
def test_empty_file(project: ProjectCopy, content: bytes) -> None:
    project.write_bytes(OPERATIONS, content)
    assert_problem(project.check(), OPERATIONS, 1, 1, what="empty")


@pytest.mark.parametrize("words", ["Fine-tuning caf", "Дообучение caf"], ids=["ascii", "cyrillic"])
def test_not_utf8(project: ProjectCopy, words: str) -> None:
    """A Latin-1 'é' (byte 0xE9) on a known line: reported at that line and column. After Cyrillic
    text, the column is in characters (as editors and YAML's own errors count), not bytes."""
    file = project.catalog()
    good = f"  operation.load.name: {words}"
    text = modeline(file) + "\nlocale: aa\nmessages:\n" + good + "!\n  operation.other.name: Other\n"
    project.write_bytes(file, text.encode().replace(good.encode() + b"!", good.encode() + b"\xe9"))
    line, column = where(text, good + "!", len(good))
    assert_problem(project.check(), file, line, column, what=("UTF-8", "0xe9"), fix="UTF-8")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"], ids=["nul", "bell", "escape"])
def test_control_character(project: ProjectCopy, char: str) -> None:
    """A control character YAML does not allow is a reported problem, not a traceback."""
    good = "    name: operation.load.name"
    text = project.write_yaml(OPERATIONS, f"operations:\n  - id: load\n{good}{char}\n  - id: create\n")
    line, column = where(text, good, len(good))
    assert_problem(project.check(), OPERATIONS, line, column, what="character")


# --- tags, anchors and aliases -------------------------------------------------------------------


def _cell_with_snippet(project: ProjectCopy, label: str, code: str) -> None:
    """The format's first cell, with one snippet: the value spoiled below."""
    with project.edit(project.format_file) as fmt:
        fmt["cells"][0]["snippets"] = [{"label": label, "code": code}]


def test_python_object_tag_is_refused_and_never_run(project: ProjectCopy) -> None:
    file = project.format_file
    marker = project.root.parent / "pwned"
    tagged = "!!python/object/apply:os.system"
    _cell_with_snippet(project, "hub.load", "m = hub.load(handle)\n")
    text = project.put_raw(file, {("cells", 0, "snippets", 0, "code"): f'{tagged} ["touch {marker}"]'})
    line, column = where(text, tagged)
    assert_problem(
        project.check(), file, line, column, what=("python/object/apply:os.system", "not allowed"), fix="tag"
    )
    assert not marker.exists(), "the tag was constructed: os.system ran"


def test_custom_tag_is_refused(project: ProjectCopy) -> None:
    file = project.format_file
    _cell_with_snippet(project, "hub.load", "m = hub.load(handle)\n")
    text = project.put_raw(file, {("cells", 0, "snippets", 0, "label"): "!foo hub.load"})
    line, column = where(text, "!foo")
    assert_problem(project.check(), file, line, column, what=("'!foo'", "not allowed"), fix="tag")


def _bomb(indent: str) -> str:
    """Anchors a..i, each a list of 9 aliases of the one before: 9**9 strings if expanded."""
    lines = [f'{indent}a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{indent}{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", ["catalog", "format"])
def test_alias_bomb_is_refused(project: ProjectCopy, kind: str) -> None:
    if kind == "catalog":
        file = project.catalog(project.other_locale)
        data = project.data(file)
        # messages last, so that the bomb's keys join them
        body = yaml_text({"locale": data["locale"], "messages": data["messages"]}) + _bomb("  ")
    else:
        file = project.format_file
        body = yaml_text(project.data(file)) + "extra:\n" + _bomb("  ")
    text = project.write_yaml(file, body)
    line, column = where(text, "&a ")
    assert_problem(project.check(), file, line, column, what=("anchor", "not allowed"), fix="anchors")


def test_alias_is_refused(project: ProjectCopy) -> None:
    with project.edit(MODES) as modes:
        modes["modes"].append({**modes["modes"][0], "id": "another", "label": "Another"})
    text = project.put_raw(MODES, {("modes", 0, "emphasis"): "&lines [1]", ("modes", -1, "emphasis"): "*lines"})
    line, column = where(text, "&lines")
    assert_problem(project.check(), MODES, line, column, what="anchor '&lines'", fix="anchors")


# --- the first-line modeline ---------------------------------------------------------------------


def _drop_first_line(text: str) -> str:
    return text.split("\n", 1)[1]


def test_a_file_without_its_schema_line_is_read(project: ProjectCopy) -> None:
    """The schema line is a comment for editors: a writer who removes it, or writes a comment above
    it, breaks nothing."""
    project.write(OPERATIONS, _drop_first_line(project.text(OPERATIONS)))
    catalog = project.catalog(project.other_locale)
    project.write(catalog, "# A comment first\n" + project.text(catalog))
    result = project.check()
    assert result.code == 0, result.output


@pytest.mark.parametrize("line", [1, 2], ids=["first_line", "after_a_comment"])
def test_a_schema_line_naming_another_schema_is_refused(project: ProjectCopy, line: int) -> None:
    file = project.format_file
    wrong = modeline("matrix/locales/aa.yaml") + "\n"
    text = _drop_first_line(project.text(file))
    project.write(file, wrong + text if line == 1 else "# A comment first\n" + wrong + text)
    assert_problem(project.check(), file, line, 1, what=("names another schema",), fix=modeline(file))
