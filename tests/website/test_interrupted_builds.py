"""docs/ and site/ are always one build's, both of them: whatever stops a build, and however many run.

Two versions of the small project (A and B: one message differs in every language) are built once
as references. A tree "is" a version when docs/ and site/ both hold exactly that version's files.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from generator.project import Project
from generator.website.swap import JOURNAL, repair

from .. import helpers
from ..helpers import REPO, copy_project, run_generator
from ..render.small import small_matrix
from .conftest import start_generator

VERSIONS = ("A", "B")
Tree = dict[str, dict[str, bytes]]


def set_version(project: Project, version: str) -> None:
    """Version A or B of the project: the home page's title differs, in every language."""
    home = project.matrix_dir / "pages" / "index.md"
    text, found = re.subn(r"^# .* \{#title\}$", f"# Home of version {version} {{#title}}", home.read_text(), flags=re.M)
    assert found == 1, home
    home.write_text(text, encoding="utf-8")
    for catalog in (project.matrix_dir / "locales").glob("*.yaml"):
        text = catalog.read_text(encoding="utf-8")
        # The first one is the message; a translation's `sources:` at the end may name it again.
        text = re.sub(
            r"^  page\.index\.title: .*$", f"  page.index.title: Home of version {version}", text, count=1, flags=re.M
        )
        catalog.write_text(text, encoding="utf-8")


def tree(root: Path) -> Tree:
    """docs/ and site/ with every file's bytes (the sitemaps' dates aside: a build on another day differs)."""
    return {
        folder: {
            name: b"" if name.rsplit("/", 1)[-1].startswith("sitemap.xml") else data
            for name, data in helpers.tree(root / folder).items()
        }
        for folder in ("docs", "site")
    }


def version_of(root: Path, references: dict[str, Tree]) -> str:
    """'A' or 'B' when docs/ and site/ are wholly that version; otherwise what each of them is."""
    now = tree(root)
    for version, reference in references.items():
        if now == reference:
            return version

    def each(folder: str) -> str:
        if not (root / folder).exists():
            return "missing"
        return next((v for v, reference in references.items() if now[folder] == reference[folder]), "partial")

    return f"docs {each('docs')}, site {each('site')}"


def leftovers(project: Project) -> list[str]:
    found = [
        *project.work_dir.glob("staging-*"),
        project.work_dir / "old",
        project.work_dir / JOURNAL,
        *project.root.glob(".docs.old-*"),
        *project.root.glob(".site.old-*"),
    ]
    return [project.show(path) for path in found if path.exists()]


@pytest.fixture(scope="module")
def references(tmp_path_factory) -> dict[str, Tree]:
    """Each version built once, strictly, in a project of its own."""
    found = {}
    for version in VERSIONS:
        project = copy_project(tmp_path_factory.mktemp(f"version-{version}"))
        set_version(project, version)
        run = run_generator(project.root, "build")
        assert run.returncode == 0, run.stderr
        found[version] = tree(project.root)
    assert found["A"]["docs"] != found["B"]["docs"] and found["A"]["site"] != found["B"]["site"]
    # The search index names its files by their content; every other file is in both versions.
    assert {name for name in found["A"]["site"] if "/pagefind/" not in name} == {
        name for name in found["B"]["site"] if "/pagefind/" not in name
    }
    return found


def place(reference: Tree, root: Path, folder: str) -> None:
    """Write one version's docs/ or site/ at root/<folder>."""
    for name, data in reference[folder].items():
        path = root / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def project_at(tmp_path: Path, references: dict[str, Tree], version: str) -> Project:
    """A project whose matrix is `version` and whose docs/ and site/ are the other version's."""
    project = copy_project(tmp_path / "project")
    set_version(project, version)
    old = next(v for v in VERSIONS if v != version)
    for folder in ("docs", "site"):
        place(references[old], project.root, folder)
    return project


# --- (a) a replacement killed halfway, as it leaves the disk ------------------------------------

# How far the replacement got: the renames done, in the order the build does them.
HALFWAY = {
    "journal written, nothing moved": [],
    "docs moved aside, not replaced": ["docs to old"],
    "docs replaced, site not": ["docs to old", "docs from staging"],
    "site moved aside, not replaced": ["docs to old", "docs from staging", "site to old"],
    "both replaced, journal left": ["docs to old", "docs from staging", "site to old", "site from staging"],
}


def killed_halfway(tmp_path: Path, references: dict[str, Tree], done: list[str]) -> Project:
    """The disk as a build killed during its replacement of A by B leaves it."""
    project = project_at(tmp_path, references, "B")
    staging = project.work_dir / "staging-killed"
    for folder in ("docs", "site"):
        place(references["B"], staging, folder)
    old = project.work_dir / "old"
    old.mkdir(parents=True)
    steps = [
        {"target": str(project.root / folder), "new": str(staging / folder), "old": str(old / folder)}
        for folder in ("docs", "site")
    ]
    (project.work_dir / JOURNAL).write_text(json.dumps(steps), encoding="utf-8")
    for step in done:
        folder, _, where = step.partition(" ")
        if where == "to old":
            os.replace(project.root / folder, old / folder)
        else:
            os.replace(staging / folder, project.root / folder)
    return project


@pytest.mark.parametrize("case", list(HALFWAY))
def test_a_replacement_killed_halfway_is_finished(tmp_path, references, case):
    project = killed_halfway(tmp_path, references, HALFWAY[case])
    repair(project)
    assert version_of(project.root, references) == "B"
    assert leftovers(project) == []


@pytest.mark.parametrize("case", ["docs moved aside, not replaced", "docs replaced, site not"])
def test_the_next_build_finishes_it_and_builds(tmp_path, references, case):
    project = killed_halfway(tmp_path, references, HALFWAY[case])
    run = run_generator(project.root, "build")
    assert run.returncode == 0, run.stderr
    assert version_of(project.root, references) == "B"
    assert leftovers(project) == []


# --- (b) a real build stopped by Ctrl+C or killed, at many moments -------------------------------


def in_mkdocs(project: Project) -> bool:
    """MkDocs is writing a language's site in the staging folder."""
    return any(
        (staging / "site" / locale).is_dir()
        for staging in project.work_dir.glob("staging-*")
        for locale in small_matrix().locales
    )


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_a_stopped_build_leaves_one_whole_tree(tmp_path, references):
    project = project_at(tmp_path, references, "A")
    start = time.monotonic()
    first = run_generator(project.root, "build")
    duration = time.monotonic() - start
    assert first.returncode == 0, first.stderr
    assert version_of(project.root, references) == "A"
    # Moments across the whole build (start-up, validation, rendering, MkDocs, the replacement),
    # scaled to this machine's speed, and one seen from the disk to be inside MkDocs.
    moments = [duration * fraction for fraction in (0.15, 0.4, 0.65, 0.9)] + ["mkdocs"]
    outcomes = []
    for sent in (signal.SIGINT, signal.SIGKILL):
        for moment in moments:
            before = version_of(project.root, references)
            assert before in VERSIONS, before
            target = next(v for v in VERSIONS if v != before)
            set_version(project, target)
            build = start_generator(project.root, "build", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            try:
                if moment == "mkdocs":
                    assert wait_until(lambda build=build: in_mkdocs(project) or build.poll() is not None, 120)
                else:
                    time.sleep(float(moment))
                build.send_signal(sent)
                _, err = build.communicate(timeout=120)
            finally:
                if build.poll() is None:
                    build.kill()
                    build.wait()
            where = f"{sent.name} at {moment if moment == 'mkdocs' else f'{moment:.2f}s'}"
            after = version_of(project.root, references)
            if sent is signal.SIGINT:
                # 130 when the generator stopped; killed by the signal itself before Python's handler was set.
                assert build.returncode in (0, 130, -signal.SIGINT), f"{where}: exit {build.returncode}\n{err}"
                assert after in (before, target), f"{where}: {after}"
                if build.returncode == 130:
                    assert "Traceback" not in err, f"{where}:\n{err}"
            elif after not in (before, target):
                # Killed inside the replacement: the journal says how to finish it.
                assert (project.work_dir / JOURNAL).is_file(), f"{where}: {after}, and no journal"
            outcomes.append((where, after))
            # What the next build does first, under its lock: finish the replacement, remove leftovers.
            journal = (project.work_dir / JOURNAL).is_file()
            repair(project)
            assert version_of(project.root, references) in ((target,) if journal else (before, target)), (
                f"after {where}"
            )
            assert leftovers(project) == [], f"after {where}"
    # Whatever the machine's speed, the moments must have caught builds before their end.
    assert any(after != target for _, after in outcomes), outcomes
    final = run_generator(project.root, "build")
    assert final.returncode == 0, final.stderr
    assert version_of(project.root, references) == target and leftovers(project) == []


# --- (c) two builds at once ----------------------------------------------------------------------


def test_two_builds_at_once_both_succeed_one_after_the_other(tmp_path, references):
    project = project_at(tmp_path, references, "B")
    builds = [
        start_generator(project.root, "build", stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = []
    try:
        for build in builds:
            outputs.append(build.communicate(timeout=300))
    finally:
        for build in builds:
            if build.poll() is None:
                build.kill()
                build.wait()
    assert [build.returncode for build in builds] == [0, 0], outputs
    assert sum("another build of this project is running" in err for _, err in outputs) == 1, outputs
    assert version_of(project.root, references) == "B"
    assert leftovers(project) == []


# --- (d) leftovers of older builds ----------------------------------------------------------------


def test_leftovers_of_older_builds_are_removed(tmp_path, references):
    project = project_at(tmp_path, references, "B")
    stale = [
        project.root / ".docs.old-1234" / "a" / "index.md",
        project.root / ".site.old-1234" / "a" / "x.html",
        project.root / ".site.old-abcd" / "deep" / "er" / "y.css",
        project.work_dir / "staging-old" / "docs" / "a" / "index.md",
        project.work_dir / "staging-x" / "site" / "z",
        project.work_dir / "old" / "site" / "index.html",
    ]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("left by an older build", encoding="utf-8")
    (project.work_dir / JOURNAL).write_text("{ half a journal", encoding="utf-8")
    assert len(leftovers(project)) == 7

    run = run_generator(project.root, "build")

    assert run.returncode == 0, run.stderr
    assert leftovers(project) == []
    assert version_of(project.root, references) == "B"


@pytest.mark.skipif(not (REPO / ".git").exists() or shutil.which("git") is None, reason="needs the git checkout")
def test_git_ignores_every_leftover():
    names = [
        ".build/staging-abc/docs/x",
        ".build/old/site/x",
        f".build/{JOURNAL}",
        ".docs.old-123/a/x",
        ".site.old-123/a/x",
        "docs/a/index.md",
        "site/a/index.html",
    ]
    run = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=REPO, capture_output=True, text=True)
    assert sorted(run.stdout.split()) == sorted(names)
