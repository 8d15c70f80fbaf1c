"""The downloadable scripts: complete, valid Python that does what verification does, in its order."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.matrix.load import load_matrix
from generator.render.builders import embed
from generator.render.pages import message_use
from generator.render.scripts import render_scripts
from generator.verify.worker import GRAPH_MODES
from generator.website.build import Project, check, read_builders
from generator.verify.items import items
from generator.verify.worker import __file__ as WORKER

ROOT = Path(__file__).resolve().parents[2]
SMALL = Path(__file__).parent.parent / "fixtures" / "small"


@pytest.fixture(scope="module")
def real():
    matrix = check(Project(ROOT))
    return matrix, render_scripts(matrix, None, read_builders())


@pytest.fixture(scope="module")
def small():
    matrix = load_matrix(SMALL / "matrix", SMALL, message_use())
    report = json.loads((SMALL / "verification.json").read_text(encoding="utf-8"))
    return matrix, render_scripts(matrix, report, {})


def test_one_script_per_example_in_every_runtime(real):
    matrix, scripts = real
    examples = {(i.format, i.operation, i.mode, i.label) for i in items(matrix)}
    assert len(scripts) == len(examples)
    assert all(re.fullmatch(r"scripts/[a-z0-9_]+/[a-z0-9_]+/[a-z0-9_]+/[a-z0-9_]+\.py", path) for path in scripts)


def test_every_script_is_valid_python_in_the_order_verification_runs(real):
    _, scripts = real
    for path, text in scripts.items():
        ast.parse(text, path)
        assert text.startswith("#!/usr/bin/env python3\n# ")
        # TF_USE_LEGACY_KERAS is set (where tf-keras is installed) before anything imports TensorFlow.
        assert text.index('os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")') < text.index("\nimport tensorflow")
        assert "def fixture(name):" in text and "def fixture_output(name):" in text
        order = ["def fixture(name):", "# --- The code, exactly as the page shows it ---"]
        if "# --- Hidden setup" in text:
            order.insert(1, "# --- Hidden setup")
        positions = [text.index(mark) for mark in order]
        assert positions == sorted(positions), path
        last = text.rstrip().splitlines()[-1]
        assert last.startswith(('print("OK: ', "    expect_", "expect_")), path


def test_the_visible_code_is_the_page_code(real):
    matrix, scripts = real
    for item in items(matrix):
        text = next(text for path, text in scripts.items()
                    if f"/{item.format}/{item.operation}/{item.mode}/" in path and
                    f"EXAMPLE = \"{item.format}/{item.operation}/{item.mode}/{item.label} " in text)
        prelude = next(mode for mode in matrix.modes.model.modes if mode.id == item.mode).prelude.rstrip()
        snippet = item.code[len(prelude):].strip("\n")
        shown = text.split("# --- The code, exactly as the page shows it ---\n", 1)[1]
        assert shown.startswith(prelude + "\n\n")
        if item.raises is None and not item.bounds:
            assert shown.startswith(item.code.rstrip() + "\n"), item.id
        else:  # inside try, indented
            assert "try:\n" + "\n".join(f"    {line}" if line else "" for line in snippet.splitlines()) in shown, item.id
        if item.setup:
            assert "# --- Hidden setup (not on the page): the model's path, the inputs ---\n" + item.setup.rstrip() in text


def test_models_are_embedded_from_their_builders(real):
    matrix, scripts = real
    for item in items(matrix):
        for name in item.fixtures:
            text = next(text for text in scripts.values()
                        if f"EXAMPLE = \"{item.format}/{item.operation}/{item.mode}/{item.label} " in text)
            assert f"def build_{name}(path" in text
            assert f'BUILDERS = {{"{name}": build_{name}}}' in text or f'"{name}": build_{name}' in text
            assert 'if __name__ == "__main__":\n    build(' not in text


def test_tf1_scripts_emulate_it_on_tensorflow_2(real):
    matrix, scripts = real
    for path, text in scripts.items():
        mode = path.split("/")[3]
        emulated = any(i.emulated for i in items(matrix) if i.mode == mode and f"/{i.format}/{i.operation}/" in path)
        assert ("builtins.__import__ = _import_tf1" in text) == emulated, path
        assert ("tensorflow.compat.v1.disable_v2_behavior()" in text) == (mode in GRAPH_MODES), path
        if emulated:
            assert "was verified emulated" in text


def test_graph_modes_are_the_workers():
    assert "graph_mode = mode in GRAPH_MODES" in Path(WORKER).read_text(encoding="utf-8")
    assert GRAPH_MODES == ("tf1", "tf1_compat")


def test_the_header_says_what_was_verified(small):
    _, scripts = small
    text = scripts["scripts/tiny/load/compat/hub_load.py"]
    assert "# With tensorflow_hub before 0.16.0 the code runs without an error; with other versions it raises one." in text
    assert "#   2026-11-25, TensorFlow 2.15.1, tensorflow_hub 0.15.0, Python 3.11.7: ran without an error, as claimed" in text
    assert ("#   2026-11-25, TensorFlow 2.21.0, tensorflow_hub 0.16.1, tf-keras 2.21.0, Python 3.11.7, emulated: raised "
            "AttributeError: module 'tensorflow_hub' has no attribute 'load', as claimed") in text
    keras = scripts["scripts/tiny/load/eager/hub_keraslayer.py"]
    assert "CONTRADICTED, expected to pass, but raised ValueError: bad <script>" in keras
    assert "#   TensorFlow 2.21.0, tensorflow_hub 0.16.1, tf-keras 2.21.0, Python 3.11.7: not verified yet" in keras


def test_the_claim_decides_what_the_script_expects(tmp_path):
    """Run the logic of the scripts with a fake tensorflow_hub: the expectation follows the installed version."""
    matrix = load_matrix(SMALL / "matrix", SMALL, message_use())
    scripts = render_scripts(matrix, None, {})
    fake = tmp_path / "site-packages"
    for name, version in (("tensorflow", "2.15.1"), ("tensorflow_hub", "0.15.0")):
        (fake / name / "compat").mkdir(parents=True)
        (fake / name / "__init__.py").write_text(f"__version__ = {version!r}\nfrom . import compat\n", encoding="utf-8")
        (fake / name / "compat" / "__init__.py").write_text("from . import v1\n", encoding="utf-8")
        (fake / name / "compat" / "v1.py").write_text("def disable_v2_behavior(): pass\n", encoding="utf-8")

    def run(path: str, code: str, hub_version: str) -> subprocess.CompletedProcess:
        (fake / "tensorflow_hub" / "__init__.py").write_text(
            f"__version__ = {hub_version!r}\nfrom . import compat\n", encoding="utf-8")
        # The snippet uses names the hidden setup would define; here they are stubs.
        text = scripts[path].replace("# --- The code, exactly as the page shows it ---\n",
                                     f"# --- The code, exactly as the page shows it ---\n{code}\n")
        script = tmp_path / "script.py"
        script.write_text(text, encoding="utf-8")
        return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60,
                              env={"PYTHONPATH": str(fake), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"})

    works = "import tensorflow_hub as hub\nhub.load = lambda handle: handle\nhandle = 1"
    old_hub = run("scripts/tiny/load/compat/hub_load.py", works, "0.15.0")
    assert old_hub.returncode == 0 and old_hub.stdout.startswith("OK: tiny/load/compat/hub.load"), old_hub.stderr
    new_hub = run("scripts/tiny/load/compat/hub_load.py", works, "0.16.1")
    assert new_hub.returncode == 1 and "CONTRADICTED" in new_hub.stderr
    fails = "import tensorflow_hub as hub\nhandle = 1"
    assert run("scripts/tiny/load/compat/hub_load.py", fails, "0.16.1").stdout.startswith("OK: ")
    raises = ("import tensorflow_hub as hub\nmodule_fn = None\n"
              "def _raise(f): raise RuntimeError('the hidden counterexample')\nhub.create_module_spec = _raise")
    assert run("scripts/tiny/create/eager/counterexample.py", raises, "0.15.0").stdout.startswith(
        "OK: tiny/create/eager/counterexample (mode TF2): raised RuntimeError: the hidden counterexample")
    other = raises.replace("RuntimeError('the hidden counterexample')", "RuntimeError('something else')")
    assert "whose message does not match" in run("scripts/tiny/create/eager/counterexample.py", other, "0.15.0").stderr


def test_builders_are_renamed_and_lose_their_main_block():
    source = '"""Doc\n\nmore."""\nimport sys\nWEIGHTS = 1\n\n\ndef build(path):\n    return WEIGHTS\n\n\n' \
             'if __name__ == "__main__":\n    build(sys.argv[1])\n'
    other = 'WEIGHTS = 2\nSHARED = 3\n\n\ndef build(path):\n    return WEIGHTS, SHARED, x.build\n'
    embedded = embed({"one": source, "two": other + "SHARED = 3\n"})
    one, two = embedded["one"], embedded["two"]
    assert one.startswith("# Doc\n#\n# more.\nimport sys\n")
    assert "def build_one(path):\n    return WEIGHTS_one" in one and "WEIGHTS_one = 1" in one
    assert "__main__" not in one
    assert "def build_two(path):\n    return WEIGHTS_two, SHARED, x.build" in two  # same SHARED: kept
    namespace: dict = {}
    exec(one + "\n" + two, namespace)
    assert namespace["build_one"]("p") == 1 and namespace["build_two"].__code__.co_names[:2] == ("WEIGHTS_two", "SHARED")


def test_code_whose_strings_span_lines_runs_from_its_text():
    from generator.render.scripts import _guarded

    code = 'text = """a\nb"""\nassert text == "a\\nb"\n'
    guarded = _guarded(code, None)
    assert "exec(compile(" in guarded
    namespace: dict = {}
    exec(guarded, namespace)
    assert namespace["raised"] is None and namespace["text"] == "a\nb"
    plain = _guarded("x = 1\n", "assert x == 1\n")
    assert plain == ("try:\n    x = 1\n    # Hidden checks (not on the page): the result is right.\n    assert x == 1\n"
                     "except Exception as error:\n    raised = error\nelse:\n    raised = None")
