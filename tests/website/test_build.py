"""`python -m generator build` refuses to publish a claim its report contradicts, and writes nothing then."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.render.evidence import evidence

from ..helpers import SMALL_REPORT, copy_project, run_generator
from ..render.small import small_matrix, small_report
from .page_text import read_page


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under docs/ and site/, with its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for folder in ("docs", "site")
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


def test_a_contradicting_report_is_refused_and_nothing_is_written(tmp_path):
    project = copy_project(tmp_path, report=SMALL_REPORT)
    # Lines added above every claim: the places named must be the matrix's as it is now.
    tiny = project.matrix_dir / "formats" / "tiny.yaml"
    modeline, _, rest = tiny.read_text(encoding="utf-8").partition("\n")
    tiny.write_text(f"{modeline}\n# a comment\n# and another\n{rest}", encoding="utf-8")
    for folder in ("docs", "site"):
        (project.root / folder / "published").mkdir(parents=True)
        (project.root / folder / "published" / "index.html").write_text(
            f"the {folder} already published", encoding="utf-8"
        )
    before = snapshot(project.root)

    run = run_generator(project.root, "build")

    assert run.returncode == 1, run.stdout + run.stderr
    matrix = small_matrix()
    contradicted = evidence(matrix, small_report()).contradicted
    assert len(contradicted) >= 2
    lines = [line for line in run.stderr.splitlines() if ": claim contradicted by " in line]
    assert len(lines) == len(contradicted), run.stderr
    for item, record in contradicted:
        line_number = item.example.claim_place.line + 2
        placed = re.compile(
            rf"^matrix/formats/tiny\.yaml:{line_number}:\d+: claim contradicted by {re.escape(record.id)}$"
        )
        assert any(placed.match(line) for line in lines), f"{record.id} not placed at line {line_number}:\n{run.stderr}"
    assert "--allow-contradicted" in run.stderr and "nothing was written" in run.stderr
    assert snapshot(project.root) == before
    assert not list(project.work_dir.glob("staging-*"))


def test_allow_contradicted_builds_and_shows_the_contradictions(tmp_path):
    project = copy_project(tmp_path, report=SMALL_REPORT)

    run = run_generator(project.root, "build", "--allow-contradicted")

    assert run.returncode == 0, run.stdout + run.stderr
    matrix = small_matrix()
    contradicted = evidence(matrix, small_report()).contradicted
    for locale in matrix.locales:
        page = (project.site_dir / locale / "verification" / "index.html").read_text(encoding="utf-8")
        verdict = read_page(page).text
        word = matrix.messages(locale)["verdict.contradicted"]
        assert verdict.count(word) >= len(contradicted)
        compat = (project.site_dir / locale / "compatibility" / "index.html").read_text(encoding="utf-8")
        assert compat.count('class="admonition danger"') == len({item.example.id for item, _ in contradicted})


def test_a_report_without_contradictions_builds(tmp_path):
    """Stale and missing records only show as "not verified yet": they never stop a build."""
    project = copy_project(tmp_path, report=SMALL_REPORT)
    data = small_report().model_dump(mode="json")
    data["records"] = [record for record in data["records"] if record["confirmed"]]
    project.report.write_text(json.dumps(data), encoding="utf-8")
    run = run_generator(project.root, "build")
    assert run.returncode == 0, run.stdout + run.stderr
