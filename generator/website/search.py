"""The site search's index: Pagefind, run over each language's built pages.

MkDocs' own search does not stem; Pagefind does (and segments Chinese and Japanese). Each language's
folder gets its own bundle, <locale>/pagefind/, so a search finds only that language's pages and
every page loads it with a relative URL (assets/search.js imports ../pagefind/pagefind.js). Only
the page text marked data-pagefind-body (overrides/partials/content.html) is indexed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from ..problems import failure
from .children import die_with_parent

BUNDLE = "pagefind"
PERMALINKS = ".headerlink"  # the ¶ after each heading: not words of the page
TIMEOUT = 300  # seconds for one language; Pagefind takes well under one


def index_languages(folders: Iterable[Path]) -> None:
    """Write a Pagefind bundle into each built language folder; the runs go side by side.

    `python -m pagefind` execs Pagefind's binary, so each run is one process to wait for or kill.
    """
    runs = {
        folder: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                str(folder),
                "--output-subdir",
                BUNDLE,
                "--exclude-selectors",
                PERMALINKS,
                "--quiet",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=die_with_parent,
        )
        for folder in folders
    }
    try:
        problems = [problem for folder, run in runs.items() if (problem := _finish(folder, run))]
    finally:  # Ctrl+C, or any failure here: no Pagefind is left running
        for run in runs.values():
            if run.poll() is None:
                run.kill()
                run.wait()
    if problems:  # Pagefind failed, or wrote an index that is not one language's pages
        raise failure("the search index was not built", details=tuple(problems))


def _finish(folder: Path, run: subprocess.Popen) -> str | None:
    try:
        output, _ = run.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        run.kill()
        run.communicate()
        return f"{folder.name}: Pagefind did not finish in {TIMEOUT}s"
    if run.returncode != 0:
        return f"{folder.name}: Pagefind failed (exit {run.returncode}):\n{output.strip()}"
    languages = indexed_languages(folder)
    # "unknown" is Pagefind's name for pages without <html lang>: indexed without their language's rules.
    if len(languages) != 1 or "unknown" in languages or not all(languages.values()):
        return f"{folder.name}: expected one language's pages in the index, found {languages or 'none'}"
    return None


def indexed_languages(folder: Path) -> dict[str, int]:
    """The languages of a folder's Pagefind index, each with its number of pages ({} for no index)."""
    entry = folder / BUNDLE / "pagefind-entry.json"
    if not entry.is_file():
        return {}
    languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    return {language: found["page_count"] for language, found in languages.items()}
