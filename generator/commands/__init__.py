"""The command line's commands, one module each; `generator/__main__.py` gathers them."""

from __future__ import annotations

from .bounds import bounds
from .build import build
from .check import check
from .ci import ci
from .i18n import i18n
from .report import report
from .schema import schema
from .serve import serve
from .verify import sweep, verify

COMMANDS = (check, build, serve, verify, sweep, bounds, report, ci, schema, i18n)
