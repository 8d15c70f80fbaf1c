"""Downloadable scripts: each example as a complete program that runs as it is and says OK.

A script holds what verification runs, in its order: the fixtures' scripts, the hidden setup, the
code exactly as the page shows it (the mode's prelude, then the snippet), the hidden checks, and a
final `print("OK: ...")`. It reproduces how the verification worker (generator/verify/worker.py)
runs a mode: graph mode from the start in a TF1 mode, and, for TF1 code on TensorFlow 2,
`import tensorflow` giving `tensorflow.compat.v1` in the script's own code. When a claim has
version bounds, the script reads the installed versions and expects the outcome the claim gives
for them, so one script serves every runtime. Scripts are English and the same in every language.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..matrix import markup
from ..matrix.documents import Matrix
from ..matrix.examples import Example
from ..verify.items import Item
from ..verify.worker import GRAPH_MODES
from .evidence import Evidence, Shown
from .fixture_code import build_function, embed
from .pages import environment

PACKAGES = (("tensorflow", "TensorFlow"), ("tensorflow_hub", "tensorflow_hub"), ("tf_keras", "tf-keras"),
            ("python", "Python"))
MODULES = {"tensorflow": "tensorflow", "tensorflow_hub": "tensorflow_hub"}


@dataclass(frozen=True)
class ScriptView:
    header: tuple[str, ...]  # comment lines, each starting with '#'
    example: str  # a Python string literal: the example's id
    fixtures: tuple[tuple[str, str], ...]  # (name, embeddable source)
    fixture_map: str  # a Python dict display: {"name": build_name}
    bounds: str | None  # a Python expression: does the claim hold with the installed versions?
    bounds_comment: str | None
    graph_mode: bool
    emulated: bool
    guarded: bool  # the code runs inside try: the claim expects an error, at least with some versions
    setup: str | None
    prelude: str
    code: str
    checks: str | None
    finish: str


def render_scripts(matrix: Matrix, evidence: Evidence, fixtures: Mapping[str, str]) -> dict[str, str]:
    """Every example's script, keyed by its path under docs/<locale>/; `fixtures` are the fixture scripts' sources."""
    template = environment().get_template("script.py.j2")
    return {evidence.scripts[example.id]: template.render(script=script_view(matrix, example, evidence, fixtures))
            for example in evidence.examples}


def script_view(matrix: Matrix, example: Example, evidence: Evidence, fixtures: Mapping[str, str]) -> ScriptView:
    group = evidence.items[example.id]
    mode = next(mode for mode in matrix.modes.model.modes if mode.id == example.mode)
    names = [name for name in example.fixtures if name in fixtures]
    embedded = embed({name: fixtures[name] for name in names})
    guarded = example.counterexample or bool(example.bounds)
    checks = example.checks.text if example.checks else None
    return ScriptView(
        header=tuple(_comment(text) for text in _header(matrix, example, evidence, evidence.scripts[example.id])),
        example=_literal(f"{example.id} (mode {mode.label})"),
        fixtures=tuple(embedded.items()),
        fixture_map="{" + ", ".join(f"{_literal(name)}: {build_function(name)}" for name in names) + "}",
        bounds=_bounds_expression(example) if example.bounds else None,
        bounds_comment=_claim_sentence(example) if example.bounds else None,
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


def _comment(text: str) -> str:
    # Report text could hold anything: keep each comment on its line, whatever it contains.
    clean = "".join(char if char >= " " else " " for char in text)
    return f"# {clean}".rstrip()


def _bound_words(example: Example) -> str:
    parts = []
    for package, bound in example.bounds:
        if bound.added:
            parts.append(f"{package} {bound.added} or newer")
        if bound.removed:
            parts.append(f"{package} before {bound.removed}")
    return " and ".join(parts)


def _claim_sentence(example: Example) -> str:
    inside = f"With {_bound_words(example)}"
    if example.raises is not None:
        return f"{inside} the code raises {example.raises.type}; with other versions it runs without an error."
    return f"{inside} the code runs without an error; with other versions it raises one."


def _bounds_expression(example: Example) -> str:
    tests = [f"within({MODULES[package]}.__version__, {_literal(bound.added) if bound.added else None}, "
             f"{_literal(bound.removed) if bound.removed else None})" for package, bound in example.bounds]
    return " and ".join(tests)


@lru_cache(maxsize=1024)  # a snippet's code is the same in every mode of its column
def _indented_safely(code: str) -> bool:
    """Indenting changes no string the code holds (a multi-line string would take the indent)."""
    wrapped = "try:\n" + textwrap.indent(code, "    ") + "\nexcept Exception:\n    pass\n"
    return _strings(ast.parse(code).body) == _strings(ast.parse(wrapped).body[0].body)


def _strings(statements: list[ast.stmt]) -> list[str]:
    return [node.value for statement in statements for node in ast.walk(statement)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def _guarded(code: str, checks: str | None) -> str:
    """The snippet (and its checks) inside try, keeping whatever they raise in `raised`."""
    if _indented_safely(code) and (not checks or _indented_safely(checks)):
        body = textwrap.indent(code.rstrip(), "    ")
        if checks:
            body += "\n    # Hidden checks (not on the page): the result is right.\n" + textwrap.indent(checks.rstrip(), "    ")
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


def _header(matrix: Matrix, example: Example, evidence: Evidence, path: str) -> list[str]:
    group = evidence.items[example.id]
    messages = matrix.messages(matrix.default_locale)
    fmt = next(fmt for fmt in matrix.ordered_formats() if fmt.id == example.format)
    operation = next(op for op in matrix.operations.model.operations if op.id == example.operation)
    mode = next(mode for mode in matrix.modes.model.modes if mode.id == example.mode)
    lines = [f"{example.id}: {_plain(messages[operation.name])}, {_plain(messages[fmt.name])}, "
             f"mode {mode.label}", ""]
    if example.raises is not None:
        lines.append(f"The claim: in this mode the operation is not supported; this code raises "
                     f"{example.raises.type}, with a message matching {example.raises.match!r}.")
    else:
        lines.append("The claim: this code runs without an error, and the hidden checks after it pass.")
    if example.bounds:
        lines.append(_claim_sentence(example))
    if any(item.emulated for item in group):
        graph = ", in graph mode," if example.mode in GRAPH_MODES else ""
        lines += [f"Mode {mode.label} on TensorFlow 2 was verified emulated: there `import tensorflow` gives",
                  f"`tensorflow.compat.v1`{graph} and this script does the same. On TensorFlow 1.x the code",
                  "runs as it is."]
    lines.append("Verified:")
    for item in group:
        lines.append(f"  {_verified(item, evidence)}")
    lines += [f"Source: {example.place}; the claim: {example.claim_place}.", "",
              "Generated from the matrix by `python -m generator build`. Run it as it is:",
              f"    python {path.rsplit('/', 1)[-1]}",
              'It prints "OK: ..." and exits with 0 when the outcome is the one claimed, and exits with',
              "an error otherwise. Each model it needs is built first, into a temporary folder."]
    return lines


def _plain(message: str) -> str:
    return "".join(piece.text for piece in markup.flat(message) if piece.kind != "slot")


def _verified(item: Item, evidence: Evidence) -> str:
    record = evidence.record(item)
    found = evidence.versions(item)
    runtime = ", ".join(f"{name} {value}" for key, name in PACKAGES if (value := getattr(found, key))) \
        or f"runtime {item.runtime}"
    if item.emulated:
        runtime += ", emulated"
    kind = evidence.shown(item)
    if kind is Shown.unverified:
        return f"{runtime}: not verified yet"
    when = f"{record.date}, {runtime}"
    if kind is Shown.passed:
        return f"{when}: ran without an error, as claimed"
    exception = record.exception
    error = f"{exception.type}: {exception.message}".rstrip(": ") if exception else "?"
    if kind is Shown.failed:
        return f"{when}: raised {error}, as claimed"
    return f"{when}: CONTRADICTED, {record.reason or record.observed.value}"
