"""A format's table is whole: its columns cover every mode once, and every operation has a cell per column."""

from __future__ import annotations

from collections.abc import Iterator

from ...problems import Problem
from ..documents import Matrix, MessageUse


def check(matrix: Matrix, _use: MessageUse) -> Iterator[Problem]:
    modes = [mode.id for mode in matrix.modes.model.modes]
    operations = [op.id for op in matrix.operations.model.operations]
    for doc in matrix.formats:
        fmt = doc.model
        covered: dict[str, str] = {}
        for i, column in enumerate(fmt.columns):
            for j, mode in enumerate(column.modes):
                if mode in covered:
                    yield Problem(
                        doc.source.place(("columns", i, "modes", j)),
                        f"mode '{mode}' is already in column '{covered[mode]}'",
                        "list each mode in one column only",
                    )
                covered.setdefault(mode, column.id)
        for mode in modes:
            if mode not in covered:
                yield Problem(
                    doc.source.place(("columns",), key=True),
                    f"no column covers mode '{mode}'",
                    f"add '{mode}' to the modes of one column",
                )
        present = {(cell.operation, cell.column) for cell in fmt.cells}
        for operation in operations:
            for column in fmt.columns:
                if (operation, column.id) not in present:
                    yield Problem(
                        doc.source.place(("cells",), key=True),
                        f"no cell for operation '{operation}' in column '{column.id}'",
                        f"add a cell with 'operation: {operation}' and 'column: {column.id}'",
                    )
