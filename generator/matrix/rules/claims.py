"""A claim carries what proves it: snippets when it holds, a counterexample when it does not; and
every version bound, a cell's or a page example's, is a range that holds some release, and, for
Keras, the Keras of some runtime: a claim no runtime can test is refused."""

from __future__ import annotations

from collections.abc import Iterator

from ...problems import Problem
from ..documents import Matrix, MessageUse
from ..model import Bound, Claim, ExampleTab, PageExample, Snippet, Status
from ..packages import BOUNDED
from ..releases import within
from ..shape import Document
from ..sweep import sweep_runtimes
from ..yaml_source import DataPath


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def check(matrix: Matrix, _use: MessageUse) -> Iterator[Problem]:
    kerases = {runtime.keras for runtime in matrix.runtimes.model.runtimes}
    kerases |= {runtime.keras for runtime in sweep_runtimes(matrix.runtimes.model.sweep)}
    for doc, at, owner in _bounded(matrix):
        yield from bound_problems(doc, at, owner)
        yield from _untestable(doc, at, owner, kerases)
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


def _bounded(matrix: Matrix) -> Iterator[tuple[Document, DataPath, Claim | Snippet | PageExample | ExampleTab]]:
    """Everything that may carry version bounds, with its place: claims, snippets, page examples, tabs."""
    for doc in matrix.formats:
        for i, cell in enumerate(doc.model.cells):
            yield doc, ("cells", i, "claim"), cell.claim
            for j, snippet in enumerate(cell.snippets):
                yield doc, ("cells", i, "snippets", j), snippet
    for _, block in matrix.page_examples():
        example = block.document.model
        yield block.document, (), example
        for i, tab in enumerate(example.tabs):
            yield block.document, ("tabs", i), tab


def _untestable(
    doc: Document, at: DataPath, owner: Claim | Snippet | PageExample | ExampleTab, kerases: set[str]
) -> Iterator[Problem]:
    """A Keras bound that holds no runtime's Keras: nothing can run the claim as stated."""
    bound = owner.keras
    if bound and (bound.added or bound.removed) and not any(within(bound, keras) for keras in kerases):
        yield Problem(
            doc.source.place(at + ("keras",)),
            f"no runtime has a Keras within keras {_words(bound)}: nothing can test the claim "
            f"(the runtimes have Keras {', '.join(sorted(kerases))})",
            "change the bound, or add a runtime with that Keras to matrix/runtimes.yaml (its `keras:`)",
        )


def _words(bound: Bound) -> str:
    return " ".join(f"{edge} {value}" for edge in ("added", "removed") if (value := getattr(bound, edge)))


def bound_problems(doc: Document, at: DataPath, owner: Claim | Snippet | PageExample | ExampleTab) -> Iterator[Problem]:
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
