"""The downloadable scripts: complete, valid Python that does what verification does, in its order."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest

from generator.matrix.packages import PACKAGES
from generator.render import scripts as scripts_module
from generator.render.evidence import evidence, script_paths
from generator.render.fixture_code import build_function, embed
from generator.render.pages import messages
from generator.render.scripts import _guarded, render_scripts
from generator.verify.fixture_store import fixture_names
from generator.website.build import read_fixtures
from generator.website.check import check

from ..helpers import SMALL_REPORT, copy_project
from .small import small_evidence, small_matrix

SHOWN = "# --- The code, exactly as the page shows it ---\n"
FIRST_LINES = "# --- The code's first lines, as the page shows them: run before TensorFlow is imported ---"


def english(matrix):
    return messages(matrix, matrix.default_locale)


def english_scripts(matrix, shown, fixtures) -> dict[str, str]:
    return render_scripts(matrix, shown, fixtures, {matrix.default_locale: english(matrix)})[matrix.default_locale]


def opening_comment(script: str) -> str:
    """A script's opening comment as one text: the comment marks gone, the lines joined."""
    lines = script.split("\n\n", 1)[0].splitlines()[1:]
    return " ".join(line.removeprefix("#").strip() for line in lines)


@pytest.fixture(scope="module")
def small():
    matrix, shown = small_matrix(), small_evidence()
    return matrix, shown, english_scripts(matrix, shown, read_fixtures())


def test_one_script_per_example(small):
    _, shown, scripts = small
    assert sorted(scripts) == sorted(shown.scripts.values())
    assert len(scripts) == len(shown.examples)
    assert all(
        re.fullmatch(r"scripts/(pages/)?[a-z0-9_]+/[a-z0-9_]+/[a-z0-9_]+/[a-z0-9_]+\.py", path) for path in scripts
    )


def test_script_names_never_collide():
    first = small_evidence().examples[0]
    # Three examples of one tab whose labels all make the file name hub_load.py.
    twins = tuple(replace(first, label=label) for label in ("hub.load", "Hub Load", "hub-load"))
    paths = script_paths(twins)
    assert len(set(paths.values())) == 3


def test_every_script_is_valid_python_in_the_order_verification_runs(small):
    _, _, scripts = small
    for path, text in scripts.items():
        ast.parse(text, path)
        assert text.startswith("#!/usr/bin/env python3\n# ")
        # The reader's Keras is left as it is; the shown code's first lines, if any, come before TensorFlow.
        assert "TF_USE_LEGACY_KERAS" not in text
        # Nothing is imported from the script's folder (a script named tf_keras.py would import itself).
        assert text.index("sys.path[:] = ") < text.index("\nimport atexit"), path
        if FIRST_LINES in text:
            assert text.index(FIRST_LINES) < text.index("\nimport tensorflow"), path
        assert "def fixture(name):" in text and "def fixture_output(name):" in text
        order = ["def fixture(name):", SHOWN]
        if "# --- Hidden setup" in text:
            order.insert(1, "# --- Hidden setup")
        positions = [text.index(mark) for mark in order]
        assert positions == sorted(positions), path
        last = text.rstrip().splitlines()[-1]
        assert last.startswith(('print("OK: ', "    expect_", "expect_")), path


def test_the_script_runs_the_code_the_page_shows(small):
    _, shown, scripts = small
    for example in shown.examples:
        text = scripts[shown.scripts[example.id]]
        after = text.split(SHOWN, 1)[1]
        if example.before:
            assert f"{FIRST_LINES}\n{example.before.text}\n" in text.split(SHOWN, 1)[0], example.id
        if example.counterexample or example.bounds:  # inside try, keeping what it raises
            assert after.startswith(example.prelude.text + "\n\n")
            assert "try:\n" + textwrap.indent(example.snippet.text, "    ") in after, example.id
        else:
            assert after.startswith(example.prelude.then(example.snippet).text + "\n"), example.id
        if example.setup:
            assert (
                "# --- Hidden setup (not on the page): the model's path, the inputs ---\n" + example.setup.text in text
            )
        if example.checks:
            assert example.checks.text in after or textwrap.indent(example.checks.text, "    ") in after


def test_fixtures_are_embedded_from_their_scripts(tmp_path):
    """A snippet whose hidden setup asks for fixtures gets each fixture's builder in its script."""
    names = fixture_names()
    assert names
    project = copy_project(tmp_path, report=SMALL_REPORT)
    tiny = project.matrix_dir / "formats" / "tiny.yaml"
    text = tiny.read_text(encoding="utf-8")
    setup = "".join(f'          model_{i} = fixture("{name}")\n' for i, name in enumerate(names))
    assert '          handle = "hidden setup never shown"\n' in text
    tiny.write_text(
        text.replace('          handle = "hidden setup never shown"\n', setup + "          handle = model_0\n"),
        encoding="utf-8",
    )
    matrix = check(project)
    shown = evidence(matrix, None)
    example = next(example for example in shown.examples if example.fixtures)
    assert example.fixtures == tuple(sorted(names))
    scripts = english_scripts(matrix, shown, read_fixtures())
    script = scripts[shown.scripts[example.id]]
    ast.parse(script)
    for name in names:
        assert f"def {build_function(name)}(path" in script
        assert f'"{name}": {build_function(name)}' in script
    assert 'if __name__ == "__main__":\n    build(' not in script
    others = [text for path, text in scripts.items() if path != shown.scripts[example.id]]
    assert all(f"def {build_function(names[0])}(" not in text for text in others), "a script embeds only what it needs"


@pytest.mark.parametrize("graph", [False, True])
def test_scripts_run_a_mode_as_the_worker_does(small, monkeypatch, graph):
    """TF1 code on TensorFlow 2 is emulated where a runtime emulates it; graph modes start in graph mode."""
    matrix, shown, _ = small
    graph_modes = (shown.examples[0].mode,) if graph else ()
    monkeypatch.setattr(scripts_module, "GRAPH_MODES", graph_modes)
    scripts = english_scripts(matrix, shown, {})
    emulated_any = False
    for example in shown.examples:
        text = scripts[shown.scripts[example.id]]
        emulated = any(item.emulated for item in shown.items[example.id])
        emulated_any |= emulated
        assert ("builtins.__import__ = _import_tf1" in text) == emulated, example.id
        said = english(matrix).plain(
            "script.emulated_graph" if graph else "script.emulated",
            quote_code=True,
            mode=next(m.label for m in matrix.modes.model.modes if m.id == example.mode),
        )
        assert (said in opening_comment(text)) == emulated, example.id
        assert ("tensorflow.compat.v1.disable_v2_behavior()\n" in text.split(SHOWN)[0]) == (
            example.mode in graph_modes
        ), example.id
    assert emulated_any, "the small matrix should have a runtime that emulates a mode"


def test_the_header_says_what_was_verified(small):
    matrix, _, scripts = small
    t = english(matrix)
    text = opening_comment(scripts["scripts/tiny/load/compat/hub_load.py"])
    bound = t.plain("bound.removed", quote_code=True, package=PACKAGES["tensorflow_hub"].markdown, version="0.16.0")
    assert t.plain("script.bounds.works", quote_code=True, bounds=bound) in text
    passed, failed = t.plain("verdict.passed"), t.plain("verdict.failed")
    assert f"2026-11-25, TensorFlow 2.15.1, tensorflow_hub 0.15.0, Keras 2.15.0, Python 3.11.7: {passed}" in text
    assert (
        f"2026-11-25, TensorFlow 2.21.0, tensorflow_hub 0.16.1, Keras 3.12.0, tf-keras 2.21.0, Python 3.11.7, "
        f"{t.plain('verdict.emulated')}: {failed} (AttributeError: module 'tensorflow_hub' has no attribute "
        "'load')"
    ) in text
    keras = opening_comment(scripts["scripts/tiny/load/eager/hub_keraslayer.py"])
    assert f"{t.plain('verdict.contradicted')}: expected to pass, but raised ValueError: bad <script>" in keras
    assert (
        "TensorFlow 2.21.0, tensorflow_hub 0.16.1, Keras 3.12.0, tf-keras 2.21.0, Python 3.11.7: "
        f"{t.plain('verdict.unverified')}" in keras
    )


def test_only_the_opening_comment_is_in_the_pages_language(small):
    matrix, shown, in_english = small
    languages = {locale: messages(matrix, locale) for locale in matrix.locales}
    for locale, scripts in render_scripts(matrix, shown, read_fixtures(), languages).items():
        assert scripts.keys() == in_english.keys()
        for path, text in scripts.items():
            ast.parse(text, path)
            code = text.split("\n\n", 1)[1]
            assert code == in_english[path].split("\n\n", 1)[1], path
            assert languages[locale].plain("script.run", quote_code=True) in opening_comment(text), path


def test_the_claim_decides_what_the_script_expects(tmp_path):
    """Run the logic of the scripts with a fake tensorflow_hub: the expectation follows the installed version."""
    matrix = small_matrix()
    shown = evidence(matrix, None)
    scripts = english_scripts(matrix, shown, {})
    fake = tmp_path / "site-packages"
    for name, version in (("tensorflow", "2.15.1"), ("tensorflow_hub", "0.15.0")):
        (fake / name / "compat").mkdir(parents=True)
        (fake / name / "__init__.py").write_text(f"__version__ = {version!r}\nfrom . import compat\n", encoding="utf-8")
        (fake / name / "compat" / "__init__.py").write_text("from . import v1\n", encoding="utf-8")
        (fake / name / "compat" / "v1.py").write_text("def disable_v2_behavior(): pass\n", encoding="utf-8")

    def run(path: str, code: str, hub_version: str) -> subprocess.CompletedProcess:
        (fake / "tensorflow_hub" / "__init__.py").write_text(
            f"__version__ = {hub_version!r}\nfrom . import compat\n", encoding="utf-8"
        )
        # The snippet uses names the hidden setup would define; here they are stubs.
        text = scripts[path].replace(SHOWN, f"{SHOWN}{code}\n")
        script = tmp_path / "script.py"
        script.write_text(text, encoding="utf-8")
        return subprocess.run(
            [sys.executable, str(script)],
            capture_output=True,
            text=True,
            timeout=60,
            env={"PYTHONPATH": str(fake), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
        )

    works = "import tensorflow_hub as hub\nhub.load = lambda handle: handle\nhandle = 1"
    old_hub = run("scripts/tiny/load/compat/hub_load.py", works, "0.15.0")
    assert old_hub.returncode == 0 and old_hub.stdout.startswith("OK: tiny/load/compat/hub.load"), old_hub.stderr
    new_hub = run("scripts/tiny/load/compat/hub_load.py", works, "0.16.1")
    assert new_hub.returncode == 1 and "CONTRADICTED" in new_hub.stderr
    fails = "import tensorflow_hub as hub\nhandle = 1"
    assert run("scripts/tiny/load/compat/hub_load.py", fails, "0.16.1").stdout.startswith("OK: ")
    raises = (
        "import tensorflow_hub as hub\nmodule_fn = None\n"
        "def _raise(f): raise RuntimeError('the hidden counterexample')\nhub.create_module_spec = _raise"
    )
    assert run("scripts/tiny/create/eager/counterexample.py", raises, "0.15.0").stdout.startswith(
        "OK: tiny/create/eager/counterexample (mode TF2): raised RuntimeError: the hidden counterexample"
    )
    other = raises.replace("RuntimeError('the hidden counterexample')", "RuntimeError('something else')")
    assert "whose message does not match" in run("scripts/tiny/create/eager/counterexample.py", other, "0.15.0").stderr


def test_fixture_scripts_are_renamed_and_lose_their_main_block():
    source = (
        '"""Doc\n\nmore."""\nimport sys\nWEIGHTS = 1\n\n\ndef build(path):\n    return WEIGHTS\n\n\n'
        'if __name__ == "__main__":\n    build(sys.argv[1])\n'
    )
    other = "WEIGHTS = 2\nSHARED = 3\n\n\ndef build(path):\n    return WEIGHTS, SHARED, x.build\n"
    embedded = embed({"one": source, "two": other + "SHARED = 3\n"})
    one, two = embedded["one"], embedded["two"]
    assert one.startswith("# Doc\n#\n# more.\nimport sys\n")
    assert "def build_one(path):\n    return WEIGHTS_one" in one and "WEIGHTS_one = 1" in one
    assert "__main__" not in one
    assert "def build_two(path):\n    return WEIGHTS_two, SHARED, x.build" in two  # same SHARED: kept
    namespace: dict = {}
    exec(one + "\n" + two, namespace)
    assert namespace["build_one"]("p") == 1 and namespace["build_two"].__code__.co_names[:2] == (
        "WEIGHTS_two",
        "SHARED",
    )


def test_code_whose_strings_span_lines_runs_from_its_text():
    code = 'text = """a\nb"""\nassert text == "a\\nb"\n'
    guarded = _guarded(code, None)
    assert "exec(compile(" in guarded
    namespace: dict = {}
    exec(guarded, namespace)
    assert namespace["raised"] is None and namespace["text"] == "a\nb"
    plain = _guarded("x = 1\n", "assert x == 1\n")
    assert plain == (
        "try:\n    x = 1\n    # Hidden checks (not on the page): the result is right.\n    assert x == 1\n"
        "except Exception as error:\n    raised = error\nelse:\n    raised = None"
    )
