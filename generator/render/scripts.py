"""Downloadable scripts: each example as a complete program that runs as it is and says OK.

A script holds what verification runs, in its order: the fixtures' scripts, the hidden setup, the
code exactly as the page shows it (the mode's prelude, then the snippet), the hidden checks, and a
final `print("OK: ...")`. It reproduces how the verification worker (generator/verify/worker.py)
runs a mode: graph mode from the start in a TF1 mode, and, for TF1 code on TensorFlow 2,
`import tensorflow` giving `tensorflow.compat.v1` in the script's own code. When a claim has
version bounds, the script reads the installed versions and expects the outcome the claim gives
for them, so one script serves every runtime. Its opening comment (what it shows, the claim, where
it was verified, how to run it) is in the page's language; the code, its comments and its output are
the same in every language.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..matrix.documents import Matrix
from ..matrix.examples import Example
from ..matrix.packages import PACKAGES
from ..verify.items import Item
from ..verify.worker import GRAPH_MODES
from .evidence import Evidence, Shown
from .fixture_code import build_function, embed
from .messages import Messages
from .pages import environment

# The versions a script's opening comment names: (field of Versions, name).
VERSIONS = (*((module, package.name) for module, package in PACKAGES.items()), ("python", "Python"))
COMMENT_WIDTH = 96
# The messages of a script's opening comment (shown as plain text, code in backticks).
MESSAGES = frozenset(
    {
        "script.title",
        "script.page_title",
        "script.claim.works",
        "script.claim.fails",
        "script.bounds.works",
        "script.bounds.fails",
        "script.emulated",
        "script.emulated_graph",
        "script.verified",
        "script.source",
        "script.run",
        "script.outcome",
        "bound.added",
        "bound.removed",
        "verdict.emulated",
        *(f"verdict.{kind.value}" for kind in Shown),
    }
)


@dataclass(frozen=True)
class ScriptView:
    example: str  # a Python string literal: the example's id
    fixtures: tuple[tuple[str, str], ...]  # (name, embeddable source)
    fixture_map: str  # a Python dict display: {"name": build_name}
    bounds: str | None  # a Python expression: does the claim hold with the installed versions?
    before: str | None  # the shown code's first lines, run before TensorFlow is imported
    requires: str | None  # a Python list display of the distributions the code needs
    graph_mode: bool
    emulated: bool
    guarded: bool  # the code runs inside try: the claim expects an error, at least with some versions
    setup: str | None
    prelude: str
    code: str
    checks: str | None
    finish: str


def render_scripts(
    matrix: Matrix, evidence: Evidence, fixtures: Mapping[str, str], languages: Mapping[str, Messages]
) -> dict[str, dict[str, str]]:
    """Every example's script for each language (by locale), keyed by its path under docs/<locale>/:
    the program is rendered once, its opening comment in each language. `fixtures` are the fixture
    scripts' sources."""
    template = environment().get_template("script.py.j2")
    programs = {
        example.id: template.render(script=script_view(matrix, example, evidence, fixtures))
        for example in evidence.examples
    }
    return {
        locale: {
            evidence.scripts[example.id]: "".join(
                [
                    "#!/usr/bin/env python3\n",
                    *(
                        _comment(line) + "\n"
                        for text in _header(matrix, example, evidence, t)
                        for line in _wrapped(text)
                    ),
                    "\n",
                    programs[example.id],
                ]
            )
            for example in evidence.examples
        }
        for locale, t in languages.items()
    }


def script_view(matrix: Matrix, example: Example, evidence: Evidence, fixtures: Mapping[str, str]) -> ScriptView:
    group = evidence.items[example.id]
    mode = next(mode for mode in matrix.modes.model.modes if mode.id == example.mode)
    names = [name for name in example.fixtures if name in fixtures]
    embedded = embed({name: fixtures[name] for name in names})
    guarded = example.counterexample or bool(example.bounds)
    checks = example.checks.text if example.checks else None
    return ScriptView(
        example=_literal(f"{example.id} (mode {mode.label})"),
        fixtures=tuple(embedded.items()),
        fixture_map="{" + ", ".join(f"{_literal(name)}: {build_function(name)}" for name in names) + "}",
        bounds=_bounds_expression(example) if example.bounds else None,
        before=example.before.text if example.before else None,
        requires=repr(list(example.requires)) if example.requires else None,
        graph_mode=example.mode in GRAPH_MODES,
        emulated=any(item.emulated for item in group),
        guarded=guarded,
        setup=example.setup.text if example.setup else None,
        prelude=example.prelude.text,
        code=_guarded(example.snippet.text, checks) if guarded else example.snippet.text,
        checks=None if guarded else checks,
        finish=_finish(example) if guarded else "",
    )


def _literal(text: str) -> str:
    """A Python string literal; double-quoted where repr() allows."""
    text = repr(text)
    if text.startswith("'") and '"' not in text[1:-1] and "\\'" not in text:
        text = f'"{text[1:-1]}"'
    return text


_CONTROLS = {code: " " for code in range(ord(" "))}  # control characters, line breaks among them


def _comment(text: str) -> str:
    # Report text could hold anything: keep each comment on its line, whatever it contains.
    return f"# {text.translate(_CONTROLS)}".rstrip()


def _bound_words(example: Example, t: Messages) -> str:
    return " · ".join(
        _say(t, f"bound.{edge}", package=PACKAGES[package].markdown, version=getattr(bound, edge))
        for package, bound in example.bounds
        for edge in ("added", "removed")
        if getattr(bound, edge)
    )


def _claim_sentence(example: Example, t: Messages) -> str:
    if example.raises is not None:
        return _say(t, "script.bounds.fails", bounds=_bound_words(example, t), error=example.raises.type)
    return _say(t, "script.bounds.works", bounds=_bound_words(example, t))


def _bounds_expression(example: Example) -> str:
    tests = [
        f"within({_release_of(package)}, {_literal(bound.added) if bound.added else None}, "
        f"{_literal(bound.removed) if bound.removed else None})"
        for package, bound in example.bounds
    ]
    return " and ".join(tests)


def _release_of(package: str) -> str:
    """The script's expression for the installed release of a bounded package."""
    return "keras_release()" if package == "keras" else f"{PACKAGES[package].module}.__version__"


@lru_cache(maxsize=1024)  # a snippet's code is the same in every mode of its column
def _indented_safely(code: str) -> bool:
    """Indenting changes no string the code holds (a multi-line string would take the indent)."""
    wrapped = "try:\n" + textwrap.indent(code, "    ") + "\nexcept Exception:\n    pass\n"
    handler = ast.parse(wrapped).body[0]
    assert isinstance(handler, ast.Try)
    return _strings(ast.parse(code).body) == _strings(handler.body)


def _strings(statements: list[ast.stmt]) -> list[str]:
    return [
        node.value
        for statement in statements
        for node in ast.walk(statement)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def _guarded(code: str, checks: str | None) -> str:
    """The snippet (and its checks) inside try, keeping whatever they raise in `raised`."""
    if _indented_safely(code) and (not checks or _indented_safely(checks)):
        body = textwrap.indent(code.rstrip(), "    ")
        if checks:
            body += "\n    # Hidden checks (not on the page): the result is right.\n" + textwrap.indent(
                checks.rstrip(), "    "
            )
    else:  # run as written, from the text
        body = f"    exec(compile({_literal(code + chr(10))}, '<code>', 'exec'))"
        if checks:
            body += f"\n    exec(compile({_literal(checks)}, '<checks>', 'exec'))"
    return f"try:\n{body}\nexcept Exception as error:\n    raised = error\nelse:\n    raised = None"


def _finish(example: Example) -> str:
    if example.raises is not None:
        claimed = f"expect_error(raised, {_literal(example.raises.type)}, {_literal(example.raises.match)})"
        otherwise = "expect_no_error(raised)"
    else:
        claimed, otherwise = "expect_no_error(raised)", "expect_error(raised)"
    if not example.bounds:
        return claimed
    return f"if CLAIM_HOLDS:\n    {claimed}\nelse:\n    {otherwise}"


def _header(matrix: Matrix, example: Example, evidence: Evidence, t: Messages) -> list[str]:
    """The opening comment's paragraphs and lines ("" between paragraphs)."""
    group = evidence.items[example.id]
    mode = next(mode for mode in matrix.modes.model.modes if mode.id == example.mode)
    section = example.section
    if section.page:
        page = next(page for page in matrix.pages if page.id == section.owner)
        title = _say(t, "script.page_title", example=example.id, page=t.plain(page.title.id), mode=mode.label)
    else:
        fmt = next(fmt for fmt in matrix.ordered_formats() if fmt.id == section.owner)
        operation = next(op for op in matrix.operations.model.operations if op.id == section.name)
        title = _say(
            t,
            "script.title",
            example=example.id,
            operation=t.plain(operation.name),
            format=t.plain(fmt.name),
            mode=mode.label,
        )
    lines = [title, ""]
    if example.raises is not None:
        lines.append(_say(t, "script.claim.fails", error=example.raises.type, pattern=repr(example.raises.match)))
    else:
        lines.append(_say(t, "script.claim.works"))
    if example.bounds:
        lines.append(_claim_sentence(example, t))
    if any(item.emulated for item in group):
        graph = example.mode in GRAPH_MODES
        lines.append(_say(t, "script.emulated_graph" if graph else "script.emulated", mode=mode.label))
    lines.append(_say(t, "script.verified"))
    lines += [f"  {_verified(item, evidence, t)}" for item in group]
    path = evidence.scripts[example.id]
    lines += [
        _say(t, "script.source", source=str(example.place), claim=str(example.claim_place)),
        "",
        _say(t, "script.run"),
        f"    python {path.rsplit('/', 1)[-1]}",
        _say(t, "script.outcome"),
    ]
    return lines


def _say(t: Messages, message_id: str, **slots: str) -> str:
    """A message for a comment: plain text, code in backticks."""
    return t.plain(message_id, quote_code=True, **slots)


def _wrapped(text: str) -> list[str]:
    """A paragraph as comment lines; an indented line (a command, a result) stays whole."""
    if not text or text.startswith(" "):
        return [text]
    return textwrap.wrap(text, COMMENT_WIDTH, break_long_words=False, break_on_hyphens=False)


def _verified(item: Item, evidence: Evidence, t: Messages) -> str:
    record = evidence.record(item)
    found = evidence.versions(item)
    runtime = ", ".join(f"{name} {value}" for key, name in VERSIONS if (value := getattr(found, key))) or item.runtime
    if item.emulated:
        runtime += f", {t.plain('verdict.emulated')}"
    kind = evidence.shown(item)
    verdict = t.plain(f"verdict.{kind.value}")
    if record is None or kind is Shown.unverified:
        return f"{runtime}: {verdict}"
    when = f"{record.date}, {runtime}"
    if kind in (Shown.passed, Shown.inapplicable):
        return f"{when}: {verdict}"
    exception = record.exception
    error = f"{exception.type}: {exception.message}".rstrip(": ") if exception else "?"
    if kind is Shown.failed:
        return f"{when}: {verdict} ({error})"
    return f"{when}: {verdict}: {record.reason or record.observed.value}"
