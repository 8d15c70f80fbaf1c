"""The pytest adapter: one test per (snippet, runtime, mode), named by the item's id, and a failing
one reported at its claim's and its snippet's places in the YAML file.

pytest runs in a subprocess in the copy, with the plugin and no ini file (-c /dev/null), as
`pytest matrix/formats` runs in the project.
"""

from __future__ import annotations

import json
import subprocess

from ..helpers import REPO, clean_env
from .conftest import RUN_TIMEOUT, TF1_HUB, VerifyProject


def _pytest(project: VerifyProject, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        project.pytest_command(*args),
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env=clean_env({"PYTHONPATH": str(REPO)}),
    )


def test_items_are_collected_with_their_ids(project: VerifyProject) -> None:
    done = _pytest(project, "--collect-only", "-q", "matrix/formats")
    assert done.returncode == 0, done.stdout + done.stderr
    collected = [line for line in done.stdout.splitlines() if "::" in line]
    expected = {
        f"matrix/formats/{entry['id'].split('/')[0]}.yaml::{entry['id']}"
        for entry in json.loads(project.cache_path.read_text(encoding="utf-8")).values()
    }
    assert set(collected) == expected and len(collected) == len(expected), done.stdout
    assert "matrix/formats/tf1_hub.yaml::tf1_hub/load/tf2/hub.load[current]" in collected
    assert "matrix/formats/tf1_hub.yaml::tf1_hub/load/tf1/hub.Module[legacy]" in collected  # tf1, emulated
    assert not (project.root / ".build").exists(), "collecting must not run anything"


def test_failing_item_is_reported_at_its_yaml_lines(project: VerifyProject) -> None:
    project.replace(TF1_HUB, "          outputs = tf.constant(inputs) + 1.0\n", "          outputs = {}['outputs']\n")
    failing = "tf1_hub/load/tf2/hub.load[legacy]"

    done = _pytest(project, "-q", "-rf", f"{TF1_HUB}::{failing}")

    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "1 failed" in done.stdout and "passed" not in done.stdout.splitlines()[-1], output
    claim = project.claim_place(TF1_HUB, "load", "tf2")
    snippet = project.snippet_place(TF1_HUB, "load", "tf2")
    line = project.line_of(TF1_HUB, "outputs = {}['outputs']")
    assert f"{claim}: claim contradicted by {failing}\n" in done.stdout, output
    assert f"  {snippet}: hub.load, mode tf2, runtime legacy (TensorFlow " in done.stdout, output
    assert "  expected to pass, but raised KeyError: 'outputs'\n" in done.stdout, output
    assert f"    {TF1_HUB}:{line}: outputs = {{}}['outputs']\n" in done.stdout, output
    assert f'File "{TF1_HUB}", line {line}' in done.stdout, output  # the whole traceback, placed in the YAML
    assert f"FAILED matrix/formats/tf1_hub.yaml::{failing}" in done.stdout, output
    assert "INTERNALERROR" not in output, output
