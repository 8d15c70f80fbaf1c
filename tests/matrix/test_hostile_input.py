"""Hostile input: each case once ended in a traceback, a hang, or a crash in a later stage.

Every test spoils one file of a throw-away copy of the small fixture project (tests/fixtures/small)
as data: it writes the YAML it needs, or loads a fixture file, changes the data and dumps it. It
then runs `python -m generator --root <copy> check` as a doc writer does and expects a clean
refusal (exit code 1, no traceback) with a problem at the place it computed from what it wrote.
Each case is also loaded in-process, to show the refusal is quick.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.matrix.documents import MessageUse
from generator.matrix.load import load_matrix
from generator.problems import Failure

REPO = Path(__file__).resolve().parents[2]
SMALL = REPO / "tests" / "fixtures" / "small"
TIMEOUT = 20  # guards against a hang only
QUICK = 1.0  # seconds an in-process check of any case may take

SITE = "matrix/site.yaml"
OPERATIONS = "matrix/operations.yaml"
RUNTIMES = "matrix/runtimes.yaml"
GLOSSARY = "matrix/glossary.yaml"
MODES = "matrix/modes.yaml"
FORMAT = "matrix/formats/tiny.yaml"
PROBLEM = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<column>\d+): (?P<rest>.*)$")


# --- the copy and its runs -------------------------------------------------------------------------


class _BlockDumper(yaml.SafeDumper):
    """Matrix layout: list items indented under their key, multi-line strings as '|' blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_BlockDumper.add_representer(str, _represent_str)


@dataclass
class Run:
    code: int
    stderr: str
    output: str


@dataclass
class Copy:
    root: Path

    def path(self, file: str) -> Path:
        return self.root / file

    def text(self, file: str) -> str:
        return self.path(file).read_text(encoding="utf-8")

    def write(self, file: str, text: str) -> str:
        self.path(file).write_text(text, encoding="utf-8", newline="")
        return text

    def data(self, file: str) -> Any:
        return yaml.safe_load(self.text(file))

    def dump(self, file: str, data: Any) -> str:
        """Write data as the file's content, under its first line (the schema modeline)."""
        modeline = self.text(file).splitlines()[0]
        body = yaml.dump(data, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=10**9)
        return self.write(file, f"{modeline}\n{body}")

    def append(self, file: str, line: str) -> int:
        """Add a line at the end; returns its number."""
        text = self.text(file)
        text += "" if text.endswith("\n") else "\n"
        self.write(file, text + line + "\n")
        return text.count("\n") + 1

    def check(self) -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "generator", "--root", str(self.root), "check"],
            cwd=REPO,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
        )
        return Run(done.returncode, done.stderr, done.stdout + done.stderr)

    def seconds_to_refuse(self) -> float:
        """The time an in-process check takes; it must refuse the copy."""
        start = time.perf_counter()
        with pytest.raises(Failure):
            load_matrix(self.root / "matrix", self.root, MessageUse())
        return time.perf_counter() - start


@pytest.fixture
def small(tmp_path: Path) -> Copy:
    root = tmp_path / "project"
    shutil.copytree(SMALL / "matrix", root / "matrix")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return Copy(root)


def place_of(text: str, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    """(line, column), from 1, where the value (or key) at a data path starts in YAML text; for a
    '|' block, where its first line of text starts."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    key_node = None
    for part in path:
        if isinstance(part, int):
            node = node.value[part]
        else:
            key_node, node = next((k, v) for k, v in node.value if k.value == part)
    if key:
        node = key_node
    elif isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        first = text.splitlines()[node.start_mark.line + 1]
        return node.start_mark.line + 2, len(first) - len(first.lstrip(" ")) + 1
    return node.start_mark.line + 1, node.start_mark.column + 1


def position_of(text: str, character: str) -> tuple[int, int]:
    """(line, column), from 1, of the only occurrence of a character the test wrote itself."""
    assert text.count(character) == 1
    before = text[: text.index(character)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def refused(
    copy: Copy,
    file: str,
    line: int,
    column: int | None = None,
    *,
    what: tuple[str, ...] = (),
    fix: tuple[str, ...] = (),
) -> str:
    """The check failed cleanly and quickly, with a problem at file:line[:column] holding the words."""
    run = copy.check()
    assert "Traceback" not in run.output, run.output
    assert run.code == 1, f"exit code {run.code}\n{run.output}"
    seconds = copy.seconds_to_refuse()
    assert seconds < QUICK, f"the check took {seconds:.2f}s"
    lines = []
    for text in run.stderr.splitlines():
        found = PROBLEM.match(text)
        if not found or found["file"] != file or int(found["line"]) != line:
            continue
        if column is not None and int(found["column"]) != column:
            continue
        lines.append(text)
        said, hint = _split(found["rest"])
        if all(word.lower() in said.lower() for word in what) and all(word.lower() in hint.lower() for word in fix):
            return text
    raise AssertionError(
        f"no problem at {file}:{line}:{column} with {what!r} / {fix!r}; at that place: {lines!r}\n{run.stderr[:3000]}"
    )


def _split(rest: str) -> tuple[str, str]:
    """'what (fix)' -> (what, fix): the fix is the last balanced group in parentheses."""
    if rest.endswith(")"):
        depth = 0
        for i in range(len(rest) - 1, 0, -1):
            depth += {")": 1, "(": -1}.get(rest[i], 0)
            if depth == 0:
                if rest[i - 1] == " ":
                    return rest[: i - 1], rest[i + 1 : -1]
                break
    return rest, ""


def _cell_with_counterexample(data: Any) -> int:
    return next(i for i, cell in enumerate(data["cells"]) if cell.get("counterexample"))


PLACEHOLDER = "\u2603"  # a snowman: no fixture file holds one


# --- 1. deep nesting --------------------------------------------------------------------------------


@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("{a: ", "}")], ids=["lists", "mappings"])
def test_deep_flow_nesting(small: Copy, opening: str, closing: str) -> None:
    prefix = "extra: "
    line = small.append(OPERATIONS, prefix + opening * 600 + "1" + closing * 600)
    # The file's own mapping is level 1, so the 50th opening is level 51, the first one refused.
    refused(small, OPERATIONS, line, len(prefix) + 49 * len(opening) + 1, what=("nested", "50"))


def test_deep_block_nesting(small: Copy) -> None:
    levels = 600
    small.write(
        MODES,
        small.text(MODES).splitlines()[0]
        + "\n"
        + "".join(f"{'  ' * depth}k:\n" for depth in range(levels))
        + "  " * levels
        + "v\n",
    )
    # Line 1 is the modeline; the key of level n (from 1) is on line n + 1 and starts that level's mapping.
    refused(small, MODES, 51 + 1, 2 * 50 + 1, what=("nested", "50"))


# --- 2. a megabyte of digits --------------------------------------------------------------------------


def test_huge_unquoted_number(small: Copy) -> None:
    line = small.append(RUNTIMES, "timeout: " + "9" * 1_000_000)
    refused(small, RUNTIMES, line, len("timeout: ") + 1, what=("number", "too long"))


def test_long_number_just_over_the_limit(small: Copy) -> None:
    line = small.append(RUNTIMES, "timeout: " + "9" * 5000)
    refused(small, RUNTIMES, line, len("timeout: ") + 1, what=("number", "too long"))


# --- 3. explicit tags that do not fit their value --------------------------------------------------------


@pytest.mark.parametrize("value", ["!!int abc", "!!float abc", "!!bool maybe", "!!int ''", "!!str [a, b]"])
def test_explicit_tag_that_does_not_fit(small: Copy, value: str) -> None:
    line = small.append(RUNTIMES, f"timeout: {value}")
    tag = value.split()[0]
    refused(small, RUNTIMES, line, len("timeout: ") + 1, what=(f"'{tag}'",), fix=("tag",))


# --- 4. glossary patterns ------------------------------------------------------------------------------


def _glossary_with(small: Copy, pattern: str) -> tuple[int, int]:
    data = small.data(GLOSSARY)
    data["wrong"].append({"pattern": pattern, "instead": "something else"})
    text = small.dump(GLOSSARY, data)
    return place_of(text, ("wrong", len(data["wrong"]) - 1, "pattern"))


def test_glossary_pattern_that_does_not_compile(small: Copy) -> None:
    line, column = _glossary_with(small, "(")
    refused(small, GLOSSARY, line, column, what=("pattern", "regular expression"))


@pytest.mark.parametrize(
    "pattern",
    ["(a|aa)+$", "(a+)+b", r"\w*\w*\w*\w*!", r"(\w+)\1x"],
    ids=["alternation_under_repeat", "nested_repeat", "adjacent_repeats", "backreference"],
)
def test_glossary_pattern_that_could_take_forever(small: Copy, pattern: str) -> None:
    """Refused for its shape, before it ever runs: against a message of 40 a's, '(a|aa)+$' takes minutes."""
    en = "matrix/locales/en.yaml"
    catalog = small.data(en)
    first = next(iter(catalog["messages"]))
    catalog["messages"][first] = "a" * 40 + " " + "a" * 40
    small.dump(en, catalog)
    line, column = _glossary_with(small, pattern)
    refused(small, GLOSSARY, line, column, what=("pattern", "too long"))


# --- 5. version bounds ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "version",
    [".".join(["1"] * 2500), "9" * 5000, "1.2.3.4.5", "1234567"],
    ids=["many_parts", "many_digits", "five_parts", "seven_digits"],
)
def test_version_bound_out_of_bounds(small: Copy, version: str) -> None:
    file = FORMAT
    data = small.data(file)
    data["cells"][0]["claim"]["tensorflow"] = {"added": version}
    text = small.dump(file, data)
    line, column = place_of(text, ("cells", 0, "claim", "tensorflow", "added"))
    refused(small, file, line, column, what=("added",), fix=("digits",))


# --- 6. a counterexample's raises.match ---------------------------------------------------------------------


def test_raises_match_that_does_not_compile(small: Copy) -> None:
    file = FORMAT
    data = small.data(file)
    index = _cell_with_counterexample(data)
    data["cells"][index]["counterexample"]["raises"]["match"] = "unbalanced (paren"
    text = small.dump(file, data)
    line, column = place_of(text, ("cells", index, "counterexample", "raises", "match"))
    refused(small, file, line, column, what=("match", "regular expression"))


# --- 7. the timeout -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [".inf", ".nan", "-5", "0.5", "86400", "'60'"])
def test_timeout_out_of_range(small: Copy, value: str) -> None:
    line = small.append(RUNTIMES, f"timeout: {value}")
    refused(small, RUNTIMES, line, len("timeout: ") + 1, what=("timeout",))


def test_sane_timeout_is_accepted(small: Copy) -> None:
    small.append(RUNTIMES, "timeout: 90")
    run = small.check()
    assert "timeout" not in run.stderr, run.stderr


# --- 8. control characters in a runtime's environment ----------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["a\x00b", "a\x1bb", "first\nsecond", "a\x7fb"], ids=["nul", "escape", "newline", "delete"]
)
def test_environment_value_with_a_control_character(small: Copy, value: str) -> None:
    data = small.data(RUNTIMES)
    data["runtimes"][0]["environment"] = {"SOME_SETTING": value}
    text = small.dump(RUNTIMES, data)
    line, column = place_of(text, ("runtimes", 0, "environment", "SOME_SETTING"))
    refused(small, RUNTIMES, line, column, what=("SOME_SETTING",), fix=("control characters",))


# --- 9. a missing colon ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "path"),
    [(SITE, ("default_locale",)), (FORMAT, ("cells", 0, "column"))],
    ids=["top_level", "inside_a_cell"],
)
def test_missing_colon_is_reported_on_its_line(small: Copy, file: str, path: tuple) -> None:
    """'key value' followed by more keys: YAML notices only on the next line; the report names this one."""
    text = small.text(file)
    line, column = place_of(text, path, key=True)
    lines = text.splitlines(keepends=True)
    key = str(path[-1])
    assert lines[line - 1][column - 1 :].startswith(key + ": ")
    lines[line - 1] = lines[line - 1][: column - 1] + key + " " + lines[line - 1][column - 1 + len(key) + 2 :]
    small.write(file, "".join(lines))
    refused(small, file, line, what=("YAML syntax error",), fix=("colon",))


# --- 10. invisible and direction-changing characters ------------------------------------------------------------


CODE_FIELDS = {
    "snippet_code": (FORMAT, lambda data: ("cells", 0, "snippets", 0, "code")),
    "snippet_setup": (FORMAT, lambda data: ("cells", 0, "snippets", 0, "setup")),
    "snippet_checks": (FORMAT, lambda data: ("cells", 0, "snippets", 0, "checks")),
    "counterexample_code": (FORMAT, lambda data: ("cells", _cell_with_counterexample(data), "counterexample", "code")),
    "counterexample_setup": (
        FORMAT,
        lambda data: ("cells", _cell_with_counterexample(data), "counterexample", "setup"),
    ),
    "mode_prelude": (MODES, lambda data: ("modes", 0, "prelude")),
}


def _set(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _with_raw(small: Copy, file: str, path: tuple, value: str, raw: dict[str, str]) -> str:
    """Write `value` at `path`, then replace each key of `raw` by its text in the file: a dumper
    would escape some characters, and the point is what stands in the file."""
    data = small.data(file)
    _set(data, path, value)
    text = small.dump(file, data)
    for placeholder, written in raw.items():
        assert text.count(placeholder) == 1
        text = text.replace(placeholder, written)
    return small.write(file, text)


def _with_character(small: Copy, file: str, path: tuple, value: str, character: str) -> tuple[int, int]:
    text = _with_raw(small, file, path, value.replace(character, PLACEHOLDER), {PLACEHOLDER: character})
    return position_of(text, character)


@pytest.mark.parametrize(
    "character",
    ["\u202e", "\u2066", "\u061c", "\u200b", "\ufeff", "\u00ad"],
    ids=["RLO", "LRI", "ALM", "ZWSP", "BOM", "soft_hyphen"],
)
def test_invisible_character_in_code(small: Copy, character: str) -> None:
    file, at = CODE_FIELDS["snippet_code"]
    path = at(small.data(file))
    code = f"access = 'user'\nif access != 'none{character}':\n    pass\n"
    line, column = _with_character(small, file, path, code, character)
    refused(small, file, line, column, what=(f"U+{ord(character):04X}",), fix=("delete",))


@pytest.mark.parametrize("field", list(CODE_FIELDS))
def test_direction_control_in_every_code_field(small: Copy, field: str) -> None:
    file, at = CODE_FIELDS[field]
    path = at(small.data(file))
    code = "x = 1\ny = x  # \u202e reversed comment\n"
    line, column = _with_character(small, file, path, code, "\u202e")
    refused(small, file, line, column, what=("U+202E",), fix=("delete",))


def test_direction_control_in_a_message(small: Copy) -> None:
    file = "matrix/locales/en.yaml"
    data = small.data(file)
    message_id = next(iter(data["messages"]))
    line, column = _with_character(small, file, ("messages", message_id), "Read \u2067this\u2069 backwards", "\u2067")
    refused(small, file, line, column, what=("U+2067", message_id), fix=("delete",))


def test_escaped_direction_control_is_placed_at_its_value(small: Copy) -> None:
    """Written as an escape in double quotes, the character is not in the file: the value is named."""
    file, at = CODE_FIELDS["snippet_code"]
    path = at(small.data(file))
    text = _with_raw(small, file, path, PLACEHOLDER, {PLACEHOLDER: "\"x = '\\u202e'\""})
    assert "\\u202e" in text and "\u202e" not in text
    line, column = place_of(text, path)
    refused(small, file, line, column, what=("U+202E",), fix=("delete",))


# --- and: code Python cannot compile for its depth ------------------------------------------------------------


@pytest.mark.parametrize("code", ["x = " + "+".join(["1"] * 5000), "x = " + "-" * 3000 + "1"], ids=["sum", "unary"])
def test_code_nested_too_deeply_to_compile(small: Copy, code: str) -> None:
    """Python's compiler gives up with a RecursionError (or its parser with a MemoryError)."""
    file, at = CODE_FIELDS["snippet_code"]
    path = at(small.data(file))
    data = small.data(file)
    _set(data, path, code + "\n")
    text = small.dump(file, data)
    line, column = place_of(text, path)
    refused(small, file, line, column, what=("not valid Python", "nested"))
