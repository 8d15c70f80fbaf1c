"""The guide's pages (every page of the real site that holds examples and no generated part), read
as readers will, in Chromium: in English, Russian and Japanese every tab opens on its code, a
verdict line per runtime, a script to download and the release grid; the code a reader copies is
the code that ran; and the downloaded script, run in both everyday runtimes, prints what the
page's verdict line for that runtime says. Every page fails its test on a console error
(conftest.watched_context)."""

from __future__ import annotations

import subprocess
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.matrix.examples import examples
from generator.project import Project
from generator.render.evidence import evidence
from generator.verify.runtimes import RuntimeUnavailable, cached_environment, prepare, process_environment

from ...helpers import REPO
from .conftest import address, watched_context

LOCALES = ("en", "ru", "ja")
EVERYDAY = ("legacy", "current")  # the runtimes a reader is most likely to have: TensorFlow 2.15 and 2.21
VISIBLE_BLOCK = ".tabbed-set > .tabbed-content > .tabbed-block:visible"


def guide_pages(served) -> list[str]:
    """The guide's pages whose every example the committed reports cover: an example a writer has
    just added or changed shows "not verified yet" and no grid until `make verify` and `make sweep`,
    which test_report_matches_matrix asks for."""
    project = Project(served.root)
    shown = evidence(served.matrix, project.read_report(), project.read_sweep_report())
    uncovered = [*shown.uncovered, *(shown.sweep.uncovered if shown.sweep else ())]
    waiting = {item.example.place.file for item in uncovered if item.example.place}
    return [
        page.id for page in served.matrix.pages if not page.parts() and page.examples() and page.file not in waiting
    ]


def visible_tab(tab_set):
    """The block of the set's selected tab."""
    return tab_set.locator(":scope > .tabbed-content > .tabbed-block:visible")


@pytest.mark.parametrize("locale", LOCALES)
def test_every_tab_of_the_guide_shows_its_code_verdicts_script_and_grid(browser, real_served, locale):
    pages = guide_pages(real_served)
    assert len(pages) >= 4, pages
    with watched_context(browser) as context:
        page = context.new_page()
        for page_id in pages:
            page.goto(address(real_served, locale, f"{page_id}.md"))
            sets = page.locator(".tabbed-set")
            assert sets.count() > 0, page_id
            for index in range(sets.count()):
                tab_set = sets.nth(index)
                labels = tab_set.locator(":scope > .tabbed-labels > label")
                for number in range(labels.count()):
                    label = labels.nth(number)
                    label.click()
                    block = visible_tab(tab_set)
                    where = f"{locale} {page_id}, set {index + 1}, tab {label.inner_text().strip()!r}"
                    assert block.locator("pre code").first.is_visible(), where
                    verdicts = block.locator(".verdict:not(table .verdict)")
                    assert verdicts.count() >= 1, where
                    classes = verdicts.evaluate_all("spans => spans.map(span => span.className)")
                    unconfirmed = [found for found in classes if "contradicted" in found or "unverified" in found]
                    assert not unconfirmed, where
                    assert block.locator("a[download]").count() == 1, where
                    grid = block.locator("details.releases")
                    assert grid.count() == 1, f"{where}: no release grid (run make sweep)"
                    grid.locator("summary").click()
                    assert grid.locator("tbody td.verdict").first.is_visible(), where


def _in_order(code: str, script: str) -> bool:
    """Whether every line of the code is in the script, in order (the script indents it in a try)."""
    lines = iter(line.strip() for line in script.splitlines())
    wanted = [line.strip() for line in code.splitlines() if line.strip()]
    return all(any(found == line for found in lines) for line in wanted)


def _runtime_python(runtime) -> tuple[Path, dict[str, str]]:
    try:
        environment = cached_environment(REPO, runtime) or prepare(REPO, runtime, print)
    except RuntimeUnavailable as error:
        pytest.skip(f"the everyday runtimes cannot be made here: {error}")
    return environment.python, process_environment(runtime)


def _run(script: str, python: Path, environment: dict[str, str], folder: Path) -> subprocess.CompletedProcess:
    path = folder / f"{python.parent.parent.name}.py"
    path.write_text(script, encoding="utf-8")
    return subprocess.run(
        [str(python), str(path)], cwd=folder, env=environment, capture_output=True, text=True, timeout=600
    )


def _said(lines: list[str], versions) -> str | None:
    """The verdict line of the runtime with these versions, if it ran the tab."""
    mark = (f"TensorFlow {versions.tensorflow} ", f"Keras {versions.keras}")
    return next((line for line in lines if all(part in line for part in mark)), None)


def test_copied_code_is_the_code_that_ran_and_its_script_prints_what_the_page_says(browser, real_served, tmp_path):
    """On each guide page, in one of the three languages in turn, the first tab both everyday runtimes ran."""
    matrix = real_served.matrix
    runtimes = {runtime.id: runtime for runtime in matrix.runtimes.model.runtimes}
    interpreters = {name: _runtime_python(runtimes[name]) for name in EVERYDAY}
    made = {name: cached_environment(REPO, runtimes[name]) for name in EVERYDAY}  # made above
    versions = {name: environment.versions for name, environment in made.items() if environment}
    shown = [example.shown.text.strip() for example in examples(matrix)]
    runs = []
    with watched_context(browser, permissions=["clipboard-read", "clipboard-write"]) as context:
        page = context.new_page()
        for number, page_id in enumerate(guide_pages(real_served)):
            locale = LOCALES[number % len(LOCALES)]
            page.goto(address(real_served, locale, f"{page_id}.md"))
            block, said = _tab_run_by(page, EVERYDAY, versions)
            block.locator("pre").first.hover()
            block.locator("button[data-md-type=copy]").first.click()
            copied = page.evaluate("navigator.clipboard.readText()").strip()
            assert copied in shown, copied
            script = urllib.request.urlopen(block.locator("a[download]").evaluate("a => a.href")).read().decode("utf-8")
            assert _in_order(copied, script), "the script runs the code the page shows"
            folder = tmp_path / f"{page_id}-{locale}"
            folder.mkdir()
            for name in EVERYDAY:
                runs.append((f"{locale} {page_id} [{name}]", said[name], script, *interpreters[name], folder))
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(lambda run: _run(*run[2:]), runs))
    for (where, said, *_), ran in zip(runs, done, strict=True):
        assert ran.returncode == 0 and "OK: " in ran.stdout, (where, ran.stdout, ran.stderr[-2000:])
        error = said.partition(" — ")[2].strip()
        if error:  # the page shows the error the claim expects: the script saw it too
            assert error.split(":")[0] in ran.stdout and "raised" in ran.stdout, (where, said, ran.stdout)
        else:
            assert "ran without an error" in ran.stdout, (where, said, ran.stdout)


def _tab_run_by(page, names: tuple[str, ...], versions: dict):
    """The first tab of the page with a verdict line for each of these runtimes, opened; and those lines."""
    sets = page.locator(".tabbed-set")
    for index in range(sets.count()):
        labels = sets.nth(index).locator(":scope > .tabbed-labels > label")
        for number in range(labels.count()):
            labels.nth(number).click()
            block = visible_tab(sets.nth(index))
            lines = block.locator("p:has(.verdict)").first.inner_text().splitlines()
            said = {name: _said(lines, versions[name]) for name in names}
            if all(said.values()):
                return block, said
    raise AssertionError(f"no tab on {page.url} was run by {', '.join(names)}")
