"""ids: what names a thing is unique; each repeat is reported where it stands, naming the first's line."""

from __future__ import annotations

import pytest

from generator.matrix.rules import ids

from .inline import (
    FORMAT,
    GLOSSARY,
    LINKS,
    MINIMAL,
    MODES,
    OPERATIONS,
    SITE,
    assert_found,
    assert_none,
    changed,
    file_of,
    run,
    where,
)


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(ids, inline()))


# (file, the text with a repeat, the repeated value, the first one's text, the repeat's text, what it is)
CASES = {
    "mode_id": (
        MODES,
        changed(MODES, "  - id: eager\n", "  - id: graph\n"),
        "graph",
        "  - id: graph\n    label: Graph",
        "  - id: graph\n    label: Eager",
        "mode id",
    ),
    "tab_label": (
        MODES,
        changed(MODES, "    label: Eager\n", "    label: Graph\n"),
        "Graph",
        "label: Graph\n    name: mode.graph",
        "label: Graph\n    name: mode.eager",
        "tab label",
    ),
    "operation_id": (
        OPERATIONS,
        MINIMAL[OPERATIONS] + "  - id: load\n    name: operation.other.name\n",
        "load",
        "load\n    name: operation.load",
        "load\n    name: operation.other",
        "operation id",
    ),
    "link_id": (
        LINKS,
        MINIMAL[LINKS] + "  - id: guide\n    url: https://example.org/other\n",
        "guide",
        "guide\n    url: https://example.org/guide",
        "guide\n    url: https://example.org/other",
        "link id",
    ),
    "locale": (SITE, changed(SITE, "locales: [en, de]\n", "locales: [en, de, en]\n"), "en", "[en,", " en]", "locale"),
    "format": (
        SITE,
        changed(SITE, "formats: [demo]\n", "formats: [demo, demo]\n"),
        "demo",
        "[demo,",
        " demo]",
        "format",
    ),
    "term": (
        GLOSSARY,
        changed(GLOSSARY, "  - term: hub.load\n", "  - term: SavedModel\n"),
        "SavedModel",
        "SavedModel\n  - term: SavedModel",
        "SavedModel\n    code",
        "term",
    ),
    "column_id": (
        FORMAT,
        changed(FORMAT, "  - id: new\n", "  - id: old\n"),
        "old",
        "old\n    modes: [graph]",
        "old\n    modes: [eager]",
        "column id",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_duplicate(inline, case: str) -> None:
    relative, text, value, first, repeat, what = CASES[case]
    problems = run(ids, inline({relative: text}))
    first_line, _ = where(text, first)
    line, column = where(text, repeat, repeat.index(value))
    assert_found(problems, relative, line, column, what=(f"duplicate {what}", f"'{value}'", f"line {first_line}"))
    assert len(problems) == 1, [str(p) for p in problems]


def test_duplicate_cell(inline) -> None:
    """Two cells for one operation in one column (each column's modes are otherwise covered)."""
    text = changed(FORMAT, "    column: old\n", "    column: new\n")
    problems = run(ids, inline({FORMAT: text}))
    first, _ = where(text, "  - operation: load\n    column: new\n    claim:\n      status: unsupported")
    line, column = where(text, "  - operation: load\n    column: new\n    claim:\n      status: supported", 4)
    assert_found(problems, FORMAT, line, column, what=("duplicate cell", "load", "new", f"line {first}"))
    assert len(problems) == 1, [str(p) for p in problems]


def test_duplicate_snippet_label_in_a_cell(inline) -> None:
    again = "      - label: hub.load\n        code: |\n          m = hub.load(handle)\n"
    text = changed(FORMAT, "    notes: [note.load]\n", again + "    notes: [note.load]\n")
    problems = run(ids, inline({FORMAT: text}))
    first, _ = where(text, "      - label: hub.load\n        setup")
    line, column = where(text, again, len("      - label: "))
    assert_found(problems, FORMAT, line, column, what=("duplicate snippet label", "'hub.load'", f"line {first}"))
    assert len(problems) == 1, [str(p) for p in problems]


def test_one_label_in_two_cells_is_fine(inline) -> None:
    """Labels are unique within a cell only."""
    text = changed(
        FORMAT,
        "    counterexample:\n",
        "    snippets:\n      - label: hub.load\n        code: |\n          m = 1\n    counterexample:\n",
    )
    assert_none(run(ids, inline({FORMAT: text})))


def test_duplicate_format_id_in_two_files(inline) -> None:
    """Reported in the file that comes second, naming the first file."""
    problems = run(ids, inline({"formats/zz_copy.yaml": MINIMAL[FORMAT]}))
    line, column = where(MINIMAL[FORMAT], "id: demo\n", len("id: "))
    assert_found(
        problems, "formats/zz_copy.yaml", line, column, what=("duplicate format id", "'demo'", file_of(FORMAT))
    )
    assert len(problems) == 1, [str(p) for p in problems]
