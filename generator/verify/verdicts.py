"""Claims against observations: what an item showed, judged against what its claim expects."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .items import Item


@dataclass(frozen=True)
class Verdict:
    expected: str  # 'pass' or 'fail'
    observed: str  # 'pass', 'fail', 'error', 'timeout', 'crash' or 'unavailable'
    confirmed: bool
    reason: str  # why a claim was contradicted; empty when confirmed


def first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else ""


def _is_a(declared: str, bases: list[str]) -> bool:
    """'ValueError' or 'tf.errors.NotFoundError' against an exception's class and its bases."""
    name = declared.split(".")[-1]
    return any(base.split(".")[-1] == name for base in bases)


def judge(item: Item, result: dict, versions: dict) -> Verdict:
    observed = result["observed"]
    exception = result.get("exception") or {}
    error = f"{exception.get('type')}: {first_line(exception.get('message', ''))}".rstrip(": ")
    if observed not in ("pass", "fail", "error"):  # timeout, crash, unavailable: nothing was observed
        expected = item.expected(versions) if versions else ("pass" if item.raises is None else "fail")
        return Verdict(expected, observed, False, f"{observed}: {first_line(exception.get('message', ''))}")
    expected = item.expected(versions)
    if observed == "error":
        return Verdict(expected, observed, False, f"the hidden setup failed: {error}")
    if observed != expected:
        if expected == "pass":
            return Verdict(expected, observed, False, f"expected to pass, but raised {error}")
        return Verdict(expected, observed, False, "expected to fail, but it ran without an error")
    if expected == "fail" and item.raises is not None and item.inside(versions):
        if not _is_a(item.raises.type, exception.get("bases", [])):
            return Verdict(expected, observed, False, f"raised {error}, not the declared {item.raises.type}")
        if not re.search(item.raises.match, exception.get("message", ""), re.DOTALL):
            return Verdict(expected, observed, False,
                           f"raised {error}, whose message does not match {item.raises.match!r}")
    return Verdict(expected, observed, True, "")
