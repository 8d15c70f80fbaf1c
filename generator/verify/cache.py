"""Confirmed results, kept in .runtimes/results.json under a key made of everything they depend on.

Every entry is validated when read: an entry that does not fit a record, or that did not confirm
its claim, is dropped and its item runs again. Saving merges with what another run saved
meanwhile and replaces the file atomically.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from pydantic import ValidationError

from ..files import write_atomically
from ..matrix.verification import Record


def _read(path: Path) -> dict[str, Record]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    entries = {}
    for key, value in data.items():
        try:
            entry = Record.model_validate(value)
        except ValidationError:
            continue
        if entry.confirmed:
            entries[key] = entry
    return entries


class Cache:
    def __init__(self, runtimes_dir: Path):
        self.path = runtimes_dir / "results.json"
        self.entries = _read(self.path)
        self.added: dict[str, Record] = {}
        self.lock = threading.Lock()

    def get(self, key: str) -> Record | None:
        return self.entries.get(key)

    def put(self, key: str, entry: Record) -> None:
        if entry.confirmed:
            with self.lock:
                self.entries[key] = entry
                self.added[key] = entry

    def save(self) -> int:
        """Write the entries added since the last save; returns how many."""
        with self.lock:
            added, self.added = self.added, {}
            if added:
                merged = {**_read(self.path), **added}
                write_atomically(
                    self.path, json.dumps({key: entry.model_dump(mode="json") for key, entry in merged.items()})
                )
            return len(added)
