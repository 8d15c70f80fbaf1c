"""A claim carries what proves it: snippets when it holds, a counterexample when it does not; and
every version bound, a cell's or a page example's, is a range that holds some release."""

from __future__ import annotations

from collections.abc import Iterator

from ...problems import Problem
from ..documents import Matrix, MessageUse
from ..model import Claim, ExampleTab, PageExample, Status
from ..packages import BOUNDED
from ..shape import Document
from ..yaml_source import DataPath


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def check(matrix: Matrix, _use: MessageUse) -> Iterator[Problem]:
    for doc in matrix.formats:
        for i, cell in enumerate(doc.model.cells):
            at = ("cells", i)
            status = cell.claim.status
            if status is Status.unsupported:
                if cell.counterexample is None:
                    yield Problem(
                        doc.source.place(at + ("claim",), key=True),
                        "an unsupported claim needs a counterexample",
                        "add 'counterexample:' with the code a reader would try and what it raises",
                    )
                if cell.snippets:
                    yield Problem(
                        doc.source.place(at + ("snippets",), key=True),
                        "an unsupported claim cannot have snippets",
                        "remove the snippets, or change the claim's status",
                    )
            else:
                if not cell.snippets:
                    yield Problem(
                        doc.source.place(at + ("claim",), key=True),
                        f"a {status.value} claim needs at least one snippet",
                        "add 'snippets:' with code that shows the operation working",
                    )
                if cell.counterexample is not None:
                    yield Problem(
                        doc.source.place(at + ("counterexample",), key=True),
                        f"a {status.value} claim cannot have a counterexample",
                        "remove it, or change the claim's status to 'unsupported'",
                    )
            if status is Status.partial and cell.text is None:
                yield Problem(
                    doc.source.place(at + ("claim",), key=True),
                    "a partial claim needs 'text' saying what works and what does not",
                    "add 'text:' with a message id",
                )
            yield from bound_problems(doc, at + ("claim",), cell.claim)
    for _, block in matrix.page_examples():
        example = block.document.model
        yield from bound_problems(block.document, (), example)
        for i, tab in enumerate(example.tabs):
            yield from bound_problems(block.document, ("tabs", i), tab)


def bound_problems(doc: Document, at: DataPath, owner: Claim | PageExample | ExampleTab) -> Iterator[Problem]:
    """A bound must say something, and a range must not be empty."""
    for package in BOUNDED:
        bound = getattr(owner, package)
        if bound and bound.added and bound.removed and _release(bound.added) >= _release(bound.removed):
            yield Problem(
                doc.source.place(at + (package, "removed")),
                f"{package} removed {bound.removed} is not after added {bound.added}",
                "'removed' must be a later release than 'added'",
            )
        if bound and not (bound.added or bound.removed):
            yield Problem(
                doc.source.place(at + (package,)),
                f"{package} bound is empty",
                "give 'added', 'removed' or both, or remove the bound",
            )
