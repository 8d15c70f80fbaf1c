"""Random damage to every kind of matrix file never crashes `check`.

A seeded mutation fuzz over the small fixture project (tests/fixtures/small): lines deleted,
duplicated, swapped, re-indented; characters inserted (control and direction characters, quotes,
colons, brackets, tabs); values replaced with other YAML (numbers huge and odd, null, lists,
mappings, tags, anchors, dates, deep nesting); in a page written in Markdown, lines of Markdown
put in or put in place of others (ids good and bad, directives, fences, lists, tables, HTML, links);
files truncated or replaced. Whatever the damage,
the check either accepts the matrix or refuses it with problems that name files of the copy, each
quickly; no other exception escapes. Hypothesis is derandomized, so every run tries the same cases.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.matrix.documents import MessageUse
from generator.matrix.load import load_matrix
from generator.matrix.rules.patterns import compile_error, unsafe
from generator.problems import Failure

from ..helpers import SMALL, copy_project, run_generator

# One file of each kind the matrix has.
FILES = {
    "site": "matrix/site.yaml",
    "modes": "matrix/modes.yaml",
    "operations": "matrix/operations.yaml",
    "links": "matrix/links.yaml",
    "runtimes": "matrix/runtimes.yaml",
    "glossary": "matrix/glossary.yaml",
    "format": "matrix/formats/tiny.yaml",
    "catalog": "matrix/locales/ru.yaml",
    "page": "matrix/pages/notes.md",
}
EXAMPLES = 60  # per kind of file
PAGE_EXAMPLES = 200  # a page is Markdown, which the YAML damage mostly leaves readable: it gets more
SLOW = 2.0  # seconds; a check of the small project takes a few hundredths

# Every message of the fixture counts as used, so the untouched copy passes and a problem is news.
_MESSAGES = yaml.safe_load((SMALL / "matrix" / "locales" / "en.yaml").read_text(encoding="utf-8"))["messages"]
USE = MessageUse(used=frozenset(_MESSAGES))

TRICKY = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f\xa0\xad\u2028\u2029\ufeff\ufffe"  # control and odd characters
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"  # direction marks
    "\u200b\u200c\u200d\u2060"  # zero-width
    "\t\r\n '\"`:#-?[]{},&*!|>%@\\"  # YAML's own characters
)
VALUES = (
    "0",
    "-1",
    "1.5",
    "1e999",
    "-1e999",
    ".inf",
    "-.inf",
    ".nan",
    "0x1F",
    "0o17",
    "0b101",
    "1_000",
    "._",
    "1:30",
    "9" * 40,
    "9" * 5000,
    "1." * 3000 + "1",
    '"' + "9" * 5000 + '"',
    "null",
    "~",
    "",
    "true",
    "no",
    "yes",
    "[]",
    "{}",
    "[a, [b, {c: d}]]",
    "{a: 1, a: 2}",
    "{? [x] : y}",
    "[1, 2.5, true, null]",
    "!!int abc",
    "!!float x",
    "!!bool maybe",
    "!!null x",
    "!!str [a]",
    "!!seq x",
    "!!map x",
    "!!binary aGk=",
    "!!timestamp 2020-01-01",
    "!!python/object/apply:os.getcwd []",
    "!custom x",
    "! x",
    "!<tag:x> y",
    "&anchor x",
    "*alias",
    "<<",
    "=",
    "2020-01-01",
    "2001-12-14t21:59:43.10-05:00",
    "'quoted'",
    '"\\0"',
    '"\\u202e"',
    '"\\x1b"',
    '"a\\nb"',
    '"\\ud800"',
    "|",
    ">-",
    "|\n  a\n b",
    "---",
    "...",
    "%YAML 1.1",
    "[" * 120 + "]" * 120,
    "{a: " * 80 + "1" + "}" * 80,
    "- " * 60 + "x",
    "a" * 200_000,
    # values of the right type that the rules must judge
    "compat",
    "eager",
    "tiny",
    "load",
    "create",
    "old",
    "new",
    "en",
    "ru",
    "guide",
    "only",
    "note.load",
    "x.y",
    "unsupported",
    "partial",
    "[compat, compat]",
    "[]",
    "https://example.org/x",
    "0.16.0",
    '"1.2.3"',
    '"9999999.1"',
    '"1.2.3.4.5"',
    "'(unclosed'",
    "'(a|aa)+$'",
    "'\\w*\\w*!'",
    "'x?'",
    "'[Хх]аб'",
    "'x = ('",
    "'x = 1\u202e'",
    "'import os\u200b'",
    "'" + "-" * 3000 + "1'",
    "'x = " + "+1" * 5000 + "'",
    "'" + "(" * 300 + "'",
    "hub.load {x} `code",
    "[broken][nolink]",
    "{placeholder}",
    "`unclosed",
    "Lead <b>x</b>",
)
# Lines of Markdown a page may or may not hold, put into a page or in place of one of its lines.
MARKDOWN = (
    "# Another title {#another}",
    "## A section {#section}",
    "## A section {#Bad-Id}",
    "## A section {#}",
    "### {#empty}",
    "####### seven",
    "A section\n---------",
    "{#intro}",
    "{#fresh}",
    "{#}",
    "{#a #b}",
    "{.class}",
    "{#fresh .class key=value}",
    "{",
    "```{note} A title",
    "```{tip}",
    "```{warning} ",
    "```{example} load",
    "```{note",
    "```{}",
    "```python",
    "```",
    "````",
    "~~~",
    "`" * 60 + "{note}",
    "- an item",
    "1. an item",
    "2) an item",
    "  - nested",
    "-",
    "- ",
    "| a | b |",
    "| - | - |",
    "| :-- | --: | :-: |",
    "|",
    "||",
    "> quoted",
    "> " * 200 + "deep",
    "- " * 200 + "deep",
    "    indented code",
    "<div>",
    "</div>",
    "<!-- a comment",
    "-->",
    "<b>bold</b>",
    "<script>alert(1)</script>",
    "[x][nowhere]",
    "[x][notes#nowhere]",
    "[x][notes#before]",
    "[x][guide]",
    "[x][]",
    "[x](https://example.org)",
    "[guide]: https://example.org",
    "![i](x.png)",
    "<https://example.org>",
    "{version}",
    "`unclosed",
    "hub.load outside code",
    "***",
    "---",
    "===",
    "&amp; &#0; &#x110000; &nosuch;",
    "\\",
    "$$",
    ":::{note}",
    "[" * 1000,
    "*a" * 1000,
    "```{note}\n" * 20,
    "```{note}\n{#inner}\nText.\n```",
)
WHOLE_FILES = (
    "",
    "\n",
    "[]",
    "- a",
    "a",
    "null",
    "{}",
    "---\n---\n",
    "%YAML 1.1\n---\n",
    "...\n",
    "\ufeff",
    "a: 1\nb 2\nc: 3\n",
    "? a\n: b\n",
    "!!map {}\n",
    "*x\n",
    "%TAG !! tag:evil.example,2000:\n--- !!str x\n",
)


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("fuzz") / "project").root
    load_matrix(root / "matrix", root, USE)  # the untouched copy is valid
    return root


# --- mutations: each takes the file's text and returns the damaged text --------------------------------

Mutation = Callable[[str], str]


@st.composite
def _mutation(draw: st.DrawFn, markdown: bool = False) -> Mutation:
    # Edits that keep most of the file readable come more often, so that the rules see damage too.
    kind = draw(
        st.sampled_from(
            ["value"] * 4
            + ["insert"] * 2
            + ["line"] * 2
            + ["delete", "duplicate", "swap", "indent", "nest", "truncate", "whole"]
            + ["markdown"] * (8 if markdown else 0)
        )
    )
    at, other = draw(st.integers(0, 10_000)), draw(st.integers(0, 10_000))
    tricky = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(codec="utf-8"), min_size=1, max_size=6)

    def lines_of(text: str) -> list[str]:
        return text.split("\n")

    if kind == "delete":

        def delete(text: str) -> str:
            lines = lines_of(text)
            del lines[at % len(lines)]
            return "\n".join(lines)

        return delete
    if kind == "duplicate":

        def duplicate(text: str) -> str:
            lines = lines_of(text)
            i = at % len(lines)
            return "\n".join(lines[: i + 1] + lines[i:])

        return duplicate
    if kind == "swap":

        def swap(text: str) -> str:
            lines = lines_of(text)
            i, j = at % len(lines), other % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
            return "\n".join(lines)

        return swap
    if kind == "insert":
        inserted = draw(tricky)
        return lambda text: text[: at % (len(text) + 1)] + inserted + text[at % (len(text) + 1) :]
    if kind == "value":
        value = draw(st.sampled_from(VALUES))

        def replace_value(text: str) -> str:
            lines = lines_of(text)
            candidates = [i for i, line in enumerate(lines) if ": " in line or line.lstrip().startswith("- ")]
            if not candidates:
                return text
            i = candidates[at % len(candidates)]
            line = lines[i]
            cut = line.index(": ") + 2 if ": " in line else line.index("- ") + 2
            lines[i] = line[:cut] + value
            return "\n".join(lines)

        return replace_value
    if kind == "indent":
        change = draw(st.sampled_from(["+1", "-1", "+2", "-2", "tab", "none"]))

        def indent(text: str) -> str:
            lines = lines_of(text)
            i = at % len(lines)
            line = lines[i]
            if change == "tab":
                lines[i] = "\t" + line
            elif change == "none":
                lines[i] = line.lstrip()
            elif change.startswith("+"):
                lines[i] = " " * int(change[1:]) + line
            else:
                lines[i] = line[min(int(change[1:]), len(line) - len(line.lstrip(" "))) :]
            return "\n".join(lines)

        return indent
    if kind == "nest":
        depth = draw(st.sampled_from([10, 49, 51, 300, 2000]))
        style = draw(st.sampled_from(["flow_list", "flow_map", "block"]))
        if style == "flow_list":
            extra = "nested: " + "[" * depth + "]" * depth
        elif style == "flow_map":
            extra = "nested: " + "{a: " * depth + "1" + "}" * depth
        else:
            extra = "".join(f"{'  ' * level}k{level}:\n" for level in range(depth)) + "  " * depth + "v"
        return lambda text: text.rstrip("\n") + "\n" + extra + "\n"
    if kind == "line":
        indent_width = draw(st.integers(0, 8))
        key = draw(
            st.sampled_from(
                [
                    "id",
                    "code",
                    "modes",
                    "messages",
                    "timeout",
                    "environment",
                    "pattern",
                    "x",
                    "cells",
                    "claim",
                    "snippets",
                    "notes",
                    "added",
                    "match",
                    "prelude",
                    "1",
                    "null",
                ]
            )
        )
        value = draw(st.sampled_from(VALUES))

        def add_line(text: str) -> str:
            lines = lines_of(text)
            i = at % (len(lines) + 1)
            return "\n".join(lines[:i] + [" " * indent_width + f"{key}: {value}"] + lines[i:])

        return add_line
    if kind == "markdown":
        written, instead = draw(st.sampled_from(MARKDOWN)), draw(st.booleans())

        def markdown_line(text: str) -> str:
            lines = lines_of(text)
            i = at % (len(lines) + 1)
            return "\n".join(lines[:i] + [written] + lines[i + instead :])

        return markdown_line
    if kind == "truncate":
        return lambda text: text[: at % (len(text) + 1)]
    content = draw(st.sampled_from(WHOLE_FILES))
    return lambda text: content


def _check(root: Path, file: str, text: str) -> None:
    path = root / file
    original = path.read_bytes()
    path.write_text(text, encoding="utf-8", errors="surrogatepass", newline="")
    try:
        start = time.perf_counter()
        try:
            load_matrix(root / "matrix", root, USE)
        except Failure as error:
            assert error.problems
            lines = max(len(text.splitlines()), text.count("\n")) + 1
            for problem in error.problems:
                assert problem.place is not None, str(problem)
                assert (root / problem.place.file).exists(), str(problem)
                assert problem.place.line >= 1 and problem.place.column >= 1, str(problem)
                if problem.place.file == file:
                    assert problem.place.line <= lines, f"{problem} (the file has {lines} lines)"
        seconds = time.perf_counter() - start
        assert seconds < SLOW, f"the check took {seconds:.2f}s"
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize("kind", list(FILES))
def test_damaged_file_never_crashes_check(copy: Path, kind: str) -> None:
    file = FILES[kind]
    pristine = (copy / file).read_text(encoding="utf-8")

    @settings(
        derandomize=True,
        max_examples=PAGE_EXAMPLES if kind == "page" else EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(_mutation(markdown=kind == "page"), min_size=1, max_size=4))
    def damaged(mutations: list[Mutation]) -> None:
        text = pristine
        for mutate in mutations:
            text = mutate(text)
        _check(copy, file, text)

    damaged()


# --- glossary patterns ------------------------------------------------------------------------------------

PATTERN_PIECES = [
    *"()[]{}|*+?.\\^$ab -,019wdsSbB:=!<>Pix#",
    "(?:",
    "(?i)",
    "(?=",
    "(?<=",
    "(?!",
    "\\w",
    "\\d",
    "\\s",
    "{2}",
    "{0,5}",
    "{1,}",
    "[^a]",
    "[a-z]",
    "аб",
    "\\1",
    "(?P<n>",
    "(?P=n)",
    "(?(1)a|b)",
    "*?",
    "+?",
    "(?>",
    "*+",
    "(a|aa)",
    "(a+)",
]
# Messages built to make a backtracking pattern struggle, as long as a message may be.
SUBJECTS = ["a" * 2000, "ab" * 1000, "a " * 1000, "а" * 2000, "1" * 2000, ("aab" * 700)[:2000], "\n" * 2000]
PATTERN_EXAMPLES = 300


@settings(
    derandomize=True,
    max_examples=PATTERN_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=30).map("".join))
def test_a_pattern_the_check_accepts_runs_in_bounded_time(pattern: str) -> None:
    """Whatever the glossary's pattern, judging it never raises; if it is accepted, running it over
    any message is quick."""
    if compile_error(pattern) or unsafe(pattern):
        return
    compiled = re.compile(pattern)
    for subject in SUBJECTS:
        start = time.perf_counter()
        for _ in compiled.finditer(subject):
            pass
        seconds = time.perf_counter() - start
        assert seconds < SLOW, f"{pattern!r} took {seconds:.2f}s over {subject[:10]!r}..."


@settings(derandomize=True, max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=30).map("".join),
    st.sampled_from(["glossary", "raises"]),
)
def test_any_pattern_in_the_matrix_is_checked_quickly(copy: Path, pattern: str, where: str) -> None:
    written = json.dumps(pattern)  # a JSON string is a double-quoted YAML string
    if where == "glossary":
        file = FILES["glossary"]
        text = (copy / file).read_text(encoding="utf-8") + f"  - pattern: {written}\n    instead: x\n"
    else:
        file = FILES["format"]
        text = (copy / file).read_text(encoding="utf-8")
        text = re.sub(r"match: [^}]*\}", lambda _: f"match: {written}}}", text, count=1)
    _check(copy, file, text)


def test_damaged_files_through_the_command_line(copy: Path) -> None:
    """A few damaged files through `python -m generator check`: a clean exit, never a traceback."""
    cases = [
        ("matrix/formats/tiny.yaml", lambda text: text + "extra: " + "[" * 5000 + "\n"),
        ("matrix/runtimes.yaml", lambda text: text + "timeout: " + "7" * 300_000 + "\n"),
        ("matrix/locales/ru.yaml", lambda text: text[: len(text) // 2] + "\u202e\x00"),
        ("matrix/site.yaml", lambda text: "- a\n- b\n"),
        ("matrix/pages/notes.md", lambda text: text + "\n{#more}\n```{example}\n" + "[" * 5000 + "\n```\n"),
        ("matrix/pages/notes.md", lambda text: text[: len(text) // 2] + "\udcff<div>\n"),  # a byte that is not UTF-8
    ]
    for file, damage in cases:
        path = copy / file
        original = path.read_bytes()
        path.write_text(damage(original.decode("utf-8")), encoding="utf-8", errors="surrogateescape", newline="")
        try:
            done = run_generator(copy, "check", timeout=20)
        finally:
            path.write_bytes(original)
        output = done.stdout + done.stderr
        assert "Traceback" not in output, f"{file}:\n{output}"
        assert done.returncode == 1, f"{file}: exit code {done.returncode}\n{output}"
        assert f"{file}:" in done.stderr, f"{file}:\n{output}"
