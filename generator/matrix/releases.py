"""Releases and bounds: a version as a comparable tuple, and whether a bound holds it."""

from __future__ import annotations

import re

from .model import Bound


def release(version: str | None) -> tuple[int, ...]:
    """'2.15.1' -> (2, 15, 1); pre-release and local suffixes are ignored."""
    core = (version or "").split("rc")[0].split("+")[0]
    return tuple(int(part) for part in re.findall(r"\d{1,9}", core)[:3])


def within(bound: Bound, version: str | None) -> bool:
    if version is None:
        return False
    have = release(version)
    return (not bound.added or have >= release(bound.added)) and (not bound.removed or have < release(bound.removed))
