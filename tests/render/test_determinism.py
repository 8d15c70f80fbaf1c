"""The same matrix gives byte-identical pages, whatever the process (hash seeds, order of files)."""

from __future__ import annotations

import os
import subprocess
import sys

from ..helpers import REPO, SMALL, SMALL_REPORT, tree
from .small import small_matrix

WRITE_DOCS = (
    "import sys; from pathlib import Path; from generator.project import Project; "
    "from generator.render.evidence import evidence; "
    "from generator.website.build import check, read_fixtures, write_docs; "
    "project = Project(Path(sys.argv[1])); matrix = check(project); "
    "write_docs(matrix, Path(sys.argv[2]), evidence(matrix, project.read_report(Path(sys.argv[3]))), read_fixtures())"
)


def test_two_runs_write_identical_docs(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"docs-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", WRITE_DOCS, str(SMALL), str(out), str(SMALL_REPORT)],
            cwd=REPO,
            env=env,
            check=True,
            timeout=120,
        )
        outputs.append(tree(out))
    assert outputs[0] == outputs[1]
    locales = small_matrix().locales
    assert {f"{locale}/{file}" for locale in locales for file in small_matrix().page_files} <= outputs[0].keys()
    scripts = {name.split("/", 1)[1] for name in outputs[0] if name.split("/", 1)[-1].startswith("scripts/")}
    assert scripts, "no script was written"
    for locale in locales:
        assert {name for name in outputs[0] if name.startswith(f"{locale}/scripts/")} == {
            f"{locale}/{name}" for name in scripts
        }
        # The same program in every language; only its opening comment is translated.
        assert all(
            outputs[0][f"{locale}/{name}"].split(b"\n\n", 1)[1]
            == outputs[0][f"{locales[0]}/{name}"].split(b"\n\n", 1)[1]
            for name in scripts
        )
