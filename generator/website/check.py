"""The whole check of the project's input: the matrix with every message the pages ask for, and
how much of it the committed verification report covers."""

from __future__ import annotations

from dataclasses import dataclass

from ..matrix.documents import Matrix
from ..matrix.verification import Record, Report
from ..project import Project
from ..render.pages import message_use
from ..verify.items import Item, items


def check(project: Project) -> Matrix:
    """Load and validate the matrix; raises MatrixError with every problem."""
    return project.load(message_use())


@dataclass(frozen=True)
class Coverage:
    """The matrix's items against a report: which have a current record, which contradict their claim."""

    items: tuple[Item, ...]
    uncovered: tuple[Item, ...]  # no record made for the item as it is now
    contradicted: tuple[Record, ...]


def coverage(matrix: Matrix, report: Report | None) -> Coverage:
    records = report.by_id() if report else {}
    every = tuple(items(matrix))
    current = [(item, records.get(item.id)) for item in every]
    current = [(item, record if record is not None and record.digest == item.digest else None)
               for item, record in current]
    return Coverage(every, tuple(item for item, record in current if record is None),
                    tuple(record for _, record in current if record is not None and not record.confirmed))
