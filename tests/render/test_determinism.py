"""The same matrix gives byte-identical pages, whatever the process (hash seeds, order of files)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITE_DOCS = (
    "import sys; from pathlib import Path; from generator.website.build import Project, check, write_docs; "
    "from generator.website.build import read_builders, read_report; project = Project(Path(sys.argv[1])); "
    "write_docs(check(project), Path(sys.argv[2]), read_report(project), read_builders())"
)


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_two_runs_write_identical_docs(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"docs-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", WRITE_DOCS, str(ROOT), str(out)], cwd=ROOT, env=env, check=True)
        outputs.append(tree(out))
    assert outputs[0] == outputs[1]
    assert {"en/compatibility.md", "ru/compatibility.md", "en/index.md", "ru/modes.md", "en/verification.md",
            "ru/verification.md"} <= outputs[0].keys()
    scripts = {name.split("/", 1)[1] for name in outputs[0] if "/scripts/" in f"/{name}"}
    assert scripts, "no script was written"
    for locale in ("en", "ru"):
        assert all(outputs[0][f"{locale}/{name}"] == outputs[0][f"en/{name}"] for name in scripts)
