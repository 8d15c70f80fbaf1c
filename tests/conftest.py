"""What every test session ends with: where the project's translations stand, in one line.

A translation that lags behind the English fails no test: its pages show the English with a notice,
as readers would see them. The session's summary ends with `python -m generator i18n status` in
short, computed by that command's own code from the matrix of the project under test (the
rootdir), so a writer sees what is left for translators without anything failing. It never fails
the session: a matrix that cannot be read is reported in one line, for the tests to fail on.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import pytest

from generator.project import Project
from generator.website.i18n import summary


def translations_line(root: Path) -> str:
    """`i18n status` in one line for the project at `root`, or why it cannot be said; never raises."""
    try:
        return summary(Project(root).load())
    except Exception as error:  # a summary line only: the tests themselves report a broken matrix
        lines = str(error).strip().splitlines() or [type(error).__name__]
        return f"translations: not known, the matrix cannot be read ({lines[0]}; `make check` says more)"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> Generator[None]:
    """After every other part of the summary (failures, warnings, the short summary), before the
    final count."""
    try:
        return (yield)
    finally:
        terminalreporter.write_line(translations_line(config.rootpath))
