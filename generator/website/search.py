"""The site search's index: Pagefind, run over each language's built pages.

MkDocs' own search does not stem; Pagefind does (and segments Chinese and Japanese). Each language's
folder gets its own bundle, <locale>/pagefind/, so a search finds only that language's pages and
every page loads it with a relative URL (assets/search.js imports ../pagefind/pagefind.js). Only
the page text marked data-pagefind-body (overrides/partials/content.html) is indexed.

Tables are not prose, and Pagefind reads one as a run of words: a header row has no sentence break,
so an excerpt read "Example Mode Runtime Expected Observed Verdict Exception ..." and then a row of
values. Two kinds are left out of the index:

- every table's header row: column names, never what a reader searches for;
- whole tables that the generator makes from the matrix or a report ("tabulated", and the grids of
  releases): the compatibility table, the runtimes and every item on the Verification page. Their
  words are on the pages in sentences: each section under the compatibility table says what its
  row says, and the verdict under each example names every runtime it ran in with the exception it
  raised, so a reader who searches "hub.load keras 3" or pastes an exception message is led to the
  section that explains it and shows the code that works.

A row of its own for each item (a Pagefind record, linked to the row) was the other way. It would
answer a search by item id, but every search for an API name or an exception would list dozens of
short, near-identical rows above the guide's sections (Pagefind favours short records). A writer's
own table in a page (matrix/pages/) keeps its rows in the index.

A code block's title (Material's "filename") is left out too: it repeats the tab's label, and with
no space before the code it made one word of both ("hub.Moduleimport").
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
# Not words of the page: the ¶ after each heading, tables and code blocks' titles (see above).
# "tabulated" is the class of the generator's tables (templates/parts/*.md.j2), "releases" that of
# the grids of releases.
LEFT_OUT = (".headerlink", "thead", ".tabulated", ".releases", ".highlight > .filename")
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
                *(option for selector in LEFT_OUT for option in ("--exclude-selectors", selector)),
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
