"""All code in the matrix is valid Python: snippets, hidden setup and checks, counterexamples, preludes."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

from ...problems import Place, Problem
from ..documents import Document, Matrix, MessageUse
from ..yaml_source import DataPath


def syntax(doc: Document, path: DataPath, code: str | None) -> Iterator[Problem]:
    if code is None:
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an odd escape in a string is the code's business, not the check's
            compile(code, doc.source.file, "exec", dont_inherit=True)
    except SyntaxError as error:
        start = doc.source.code_line(path, error.lineno or 1)
        column = start.column + max((error.offset or 1) - 1, 0)
        yield Problem(
            Place(start.file, start.line, column),
            f"not valid Python: {error.msg}",
            "fix the code; it runs exactly as written",
        )
    except (RecursionError, MemoryError):
        # Python's parser and compiler give up on expressions nested a few thousand levels deep.
        yield Problem(
            doc.source.place(path),
            "not valid Python: the code is nested too deeply to compile",
            "write the code with fewer nested brackets or operators",
        )
    except ValueError as error:  # such as a NUL character, in Pythons that do not call it a SyntaxError
        yield Problem(doc.source.place(path), f"not valid Python: {error}", "fix the code; it runs exactly as written")


def check(matrix: Matrix, _use: MessageUse) -> Iterator[Problem]:
    for i, mode in enumerate(matrix.modes.model.modes):
        yield from syntax(matrix.modes, ("modes", i, "prelude"), mode.prelude)
    for doc in matrix.formats:
        for i, cell in enumerate(doc.model.cells):
            for j, snippet in enumerate(cell.snippets):
                for key in ("code", "setup", "checks"):
                    yield from syntax(doc, ("cells", i, "snippets", j, key), getattr(snippet, key))
            if cell.counterexample:
                for key in ("code", "setup"):
                    yield from syntax(doc, ("cells", i, "counterexample", key), getattr(cell.counterexample, key))
    for _, block in matrix.page_examples():
        example = block.document.model
        for key in ("setup", "checks"):
            yield from syntax(block.document, (key,), getattr(example, key))
        for i, tab in enumerate(example.tabs):
            for key in ("code", "setup", "checks"):
                yield from syntax(block.document, ("tabs", i, key), getattr(tab, key))
