"""A whole matrix written inline, small enough to read at a glance, for testing one rule at a time.

`MINIMAL` is a valid matrix: every rule finds nothing in it. A test overrides one file (or a few)
with its own text, usually `MINIMAL`'s with one change (`changed`), builds the Matrix exactly as the
loader does (read, shape-checked against the models, assembled) and calls one rule's `check` on it.
The places it expects come from the text it wrote (`where`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import yaml

from generator.matrix.documents import Document, Matrix, MessageUse
from generator.matrix.load import assemble
from generator.matrix.model import SCHEMAS
from generator.matrix.shape import validate
from generator.matrix.translations import source_hash
from generator.matrix.yaml_source import read_source
from generator.problems import Problem

from ..conftest import says, where

__all__ = [
    "DE",
    "EN",
    "FORMAT",
    "GLOSSARY",
    "LINKS",
    "MINIMAL",
    "MODES",
    "OPERATIONS",
    "RUNTIMES",
    "SITE",
    "USE",
    "InlineMatrix",
    "assert_found",
    "assert_none",
    "changed",
    "file_of",
    "run",
    "translated_sources",
    "where",
]

SITE = "site.yaml"
MODES = "modes.yaml"
OPERATIONS = "operations.yaml"
LINKS = "links.yaml"
RUNTIMES = "runtimes.yaml"
GLOSSARY = "glossary.yaml"
FORMAT = "formats/demo.yaml"
EN = "locales/en.yaml"
DE = "locales/de.yaml"

MINIMAL: dict[str, str] = {
    SITE: """\
formats: [demo]
default_locale: en
locales: [en, de]
""",
    MODES: """\
modes:
  - id: graph
    label: Graph
    name: mode.graph.name
    summary: mode.graph.summary
    when: mode.graph.when
    prelude: |
      import tensorflow.compat.v1 as tf
      tf.disable_v2_behavior()
    emphasis: [2]
  - id: eager
    label: Eager
    name: mode.eager.name
    summary: mode.eager.summary
    when: mode.eager.when
    prelude: |
      import tensorflow as tf
""",
    OPERATIONS: """\
operations:
  - id: load
    name: operation.load.name
""",
    LINKS: """\
links:
  - id: guide
    url: https://example.org/guide
""",
    RUNTIMES: """\
runtimes:
  - id: current
    requirements: [tensorflow-cpu==2.15.1]
    modes: [eager]
    emulates: [graph]
    keras: "2"
""",
    GLOSSARY: """\
terms:
  - term: SavedModel
  - term: hub.load
    code: true
wrong:
  - pattern: "ТФ ?2"
    locales: [de]
    instead: TF2 in Latin letters
""",
    FORMAT: """\
id: demo
name: format.demo.name
summary: format.demo.summary
table_title: format.demo.title
columns:
  - id: old
    modes: [graph]
    heading: column.old
    footnote: column.old.footnote
  - id: new
    modes: [eager]
    heading: column.new
cells:
  - operation: load
    column: old
    claim:
      status: unsupported
    counterexample:
      setup: |
        handle = fixture("model")
      code: |
        m = hub.load(handle)
      raises: {type: AttributeError, match: load}
  - operation: load
    column: new
    claim:
      status: supported
      tensorflow: {added: "2.9", removed: "2.10"}
    text: cell.load.new
    guide: {link: guide, text: guide.load}
    snippets:
      - label: hub.load
        setup: |
          handle = fixture("model")
        code: |
          m = hub.load(handle)
          outputs = m(inputs)
        checks: |
          assert outputs is not None
    notes: [note.load]
""",
    EN: """\
locale: en
messages:
  site.name: Demo site
  bound.added: since {package} {version}
  mode.graph.name: Graph mode
  mode.graph.summary: Runs a graph.
  mode.graph.when: You build graphs.
  mode.eager.name: Eager mode
  mode.eager.summary: Runs at once.
  mode.eager.when: You run at once.
  operation.load.name: Loading
  format.demo.name: Demo format
  format.demo.summary: A TF2 SavedModel, see [the guide][guide].
  format.demo.title: Demo table
  column.old: Old
  column.old.footnote: Graph mode only.
  column.new: New
  cell.load.new: Use `hub.load`, then call `m`.
  guide.load: The loading guide
  note.load: Call `m` on `inputs`.
  example_name.handle: the model's path
""",
    DE: """\
locale: de
messages:
  site.name: Demo-Seite
  bound.added: seit {package} {version}
  mode.graph.name: Graph-Modus
  mode.graph.summary: Führt einen Graphen aus.
  mode.graph.when: Sie bauen Graphen.
  mode.eager.name: Eager-Modus
  mode.eager.summary: Läuft sofort.
  mode.eager.when: Sie rechnen sofort.
  operation.load.name: Laden
  format.demo.name: Demo-Format
  format.demo.summary: Ein TF2 SavedModel, siehe [die Anleitung][guide].
  format.demo.title: Demo-Tabelle
  column.old: Alt
  column.old.footnote: Nur im Graph-Modus.
  column.new: Neu
  cell.load.new: Verwenden Sie `hub.load`, dann rufen Sie `m` auf.
  guide.load: Die Anleitung zum Laden
  note.load: Rufen Sie `m` mit `inputs` auf.
  example_name.handle: der Pfad des Modells
""",
}

# What the templates would ask for: one message beyond the matrix's, shown as plain text.
USE = MessageUse(used=frozenset({"site.name", "bound.added"}), plain=frozenset({"site.name"}))

_SINGLE = {
    SITE: "site",
    MODES: "modes",
    OPERATIONS: "operations",
    LINKS: "links",
    RUNTIMES: "runtimes",
    GLOSSARY: "glossary",
}
_FOLDERS = {"formats": "format", "locales": "catalog"}


def _kind(relative: str) -> str:
    """The kind of file (a key of SCHEMAS) a path under matrix/ holds."""
    return _SINGLE.get(relative) or _FOLDERS[PurePosixPath(relative).parts[0]]


def file_of(relative: str) -> str:
    """The name problems give a file: relative to the project, as a doc writer types it."""
    return f"matrix/{relative}"


def changed(relative: str, old: str, new: str, text: str | None = None) -> str:
    """`MINIMAL`'s text of a file (or `text`), with `old` (there once) replaced by `new`."""
    text = MINIMAL[relative] if text is None else text
    assert text.count(old) == 1, f"{old!r} is {text.count(old)} times in {relative}"
    return text.replace(old, new)


def translated_sources(catalog: str, english_catalog: str) -> str:
    """A `sources:` block saying that each of the catalog's messages translates the English as it
    is: current translations, unless a test writes its own block."""
    english = yaml.safe_load(english_catalog)["messages"]
    messages = yaml.safe_load(catalog)["messages"]
    lines = [f"  {key}: {source_hash(english[key])}\n" for key in messages if key in english]
    return "sources:\n" + "".join(lines) if lines else ""


class InlineMatrix:
    """Builds matrices from inline texts under a scratch folder, one folder per matrix."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    def __call__(self, files: Mapping[str, str | None] | None = None) -> Matrix:
        """`MINIMAL` with `files` laid over it (None drops a file), read and assembled as the loader does.

        The texts must be good YAML of the right shape: these tests are about the rules.
        """
        self.count += 1
        matrix_dir = self.folder / f"matrix{self.count}"
        documents: dict[Path, Document] = {}
        texts = {**MINIMAL, **(files or {})}
        for relative, text in texts.items():
            if text is None:
                continue
            english = texts.get(EN)
            if relative.startswith("locales/") and relative != EN and english and "\nsources:" not in text:
                text += translated_sources(text, english)
            path = matrix_dir / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            source, problems = read_source(path, file_of(relative))
            assert source is not None and not problems, f"{relative}: {[str(p) for p in problems]}"
            model, problems = validate(source, SCHEMAS[_kind(relative)])
            assert model is not None and not problems, f"{relative}: {[str(p) for p in problems]}"
            documents[path] = Document(source, model)
        return assemble(matrix_dir, documents)


def run(rule, matrix: Matrix, use: MessageUse | None = USE) -> list[Problem]:
    return list(rule.check(matrix, use))


def assert_found(
    problems: list[Problem],
    relative: str,
    line: int,
    column: int | None = None,
    *,
    what: tuple[str, ...] | str = (),
    fix: tuple[str, ...] | str = (),
) -> Problem:
    """A problem at `relative`:line[:column] whose message and fix hold the given words."""
    file = file_of(relative)
    for problem in problems:
        place = problem.place
        if (
            place is not None
            and place.file == file
            and place.line == line
            and column in (None, place.column)
            and says(problem.what, problem.fix, what, fix)
        ):
            return problem
    raise AssertionError(
        f"expected a problem at {file}:{line}:{column or ''} with what={what!r} fix={fix!r}; "
        f"found:\n" + "\n".join(str(p) for p in problems)
    )


def assert_none(problems: list[Problem], *, what: tuple[str, ...] | str = ()) -> None:
    """No problem at all, or none whose message holds the given words."""
    unwanted = [str(p) for p in problems if says(p.what, p.fix, what)]
    assert unwanted == [], "\n".join(unwanted)
