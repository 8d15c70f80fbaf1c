"""Damaged state under .runtimes/: a results cache, a lock file or a built fixture that is not what a
run wrote, and a runtime whose packages changed on disk. None is trusted, none ends a run in a
traceback, and the run after each gives the right results.

The runs (module fixture `damaged`) each start from a copy of the baseline's .runtimes/ with one
thing damaged; they run side by side, as each starts a worker (an import of TensorFlow) of its own.
The rest are in-process checks of the readers (generator.verify.cache, .runtimes), which take
milliseconds. The project's own .runtimes/ is never written: the copies hold copies of its
fixtures, and their runtimes only name its interpreters.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import textwrap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..helpers import REPO
from .conftest import Baseline, Run, VerifyProject, tiny_copy

ONE = "tf1_hub/load/tf2/hub.load[legacy]"
NO_FIELDS = "tf1_hub/load/tf2/hub.KerasLayer[legacy]"  # both in the same worker as ONE
UNCONFIRMED = "tf1_hub/finetune/tf2/counterexample[legacy]"
FIXTURE = "tf2_savedmodel"
WHOLE_FILE = {"null": "null", "list": "[]", "string": '"x"'}  # {"k": "string"} is among the entries below


@dataclass
class Damaged:
    project: VerifyProject
    run: Run


def _copy(name: str, pristine: Path, baseline: Baseline, factory: pytest.TempPathFactory) -> VerifyProject:
    return tiny_copy(factory.mktemp(name), pristine, baseline)


def _fixture_folder(root: Path) -> Path:
    from generator.verify.fixture_store import fixture_folder

    return fixture_folder(root, FIXTURE)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture(scope="module")
def damaged(pristine: Path, baseline: Baseline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Damaged]:
    """Every damaged copy, and the run that followed the damage (all run at once)."""
    runs: dict[str, tuple[VerifyProject, dict]] = {}

    for name, text in WHOLE_FILE.items():
        project = _copy(f"cache_{name}", pristine, baseline, tmp_path_factory)
        project.cache_path.write_text(text, encoding="utf-8")
        runs[f"cache_{name}"] = (project, {"only": (ONE,)})

    project = _copy("cache_entries", pristine, baseline, tmp_path_factory)
    entries = project.cache()
    keys = {entry["id"]: key for key, entry in entries.items()}
    entries[keys[NO_FIELDS]] = {"id": NO_FIELDS, "confirmed": True}  # the rest of its fields are gone
    entries[keys[UNCONFIRMED]] = {**entries[keys[UNCONFIRMED]], "confirmed": False}
    entries["k"] = "string"
    project.cache_path.write_text(json.dumps(entries), encoding="utf-8")
    runs["cache_entries"] = (project, {})

    project = _copy("lock", pristine, baseline, tmp_path_factory)
    project.lock_path("legacy").write_text("{}", encoding="utf-8")
    runs["lock"] = (project, {"only": (ONE,)})

    project = _copy("fixture", pristine, baseline, tmp_path_factory)
    folder = _fixture_folder(project.root)
    assert folder.is_dir() and not folder.is_symlink() and not folder.parent.is_symlink()
    damaged_file = folder / "model" / "saved_model.pb"
    data = damaged_file.read_bytes()
    damaged_file.write_bytes(data[: len(data) // 2])  # truncated
    runs["fixture"] = (project, {"only": (f"{FIXTURE}/load/tf2/",)})

    real_fixture = _fixture_folder(REPO)
    real_before = _snapshot(real_fixture) if real_fixture.is_dir() else None
    real_locks = {
        runtime: (REPO / ".runtimes" / runtime / "lock.json").read_bytes() for runtime in ("legacy", "current")
    }

    with ThreadPoolExecutor(max_workers=len(runs)) as pool:
        futures = {name: pool.submit(project.verify, "legacy", **options) for name, (project, options) in runs.items()}
        done = {name: Damaged(runs[name][0], future.result()) for name, future in futures.items()}

    # Nothing was written into the project's own .runtimes/.
    if real_before is not None:
        assert _snapshot(real_fixture) == real_before, "the project's own fixture changed"
    assert {runtime: (REPO / ".runtimes" / runtime / "lock.json").read_bytes() for runtime in real_locks} == real_locks
    return done


def _assert_confirmed(run: Run, counts: tuple[int, int]) -> None:
    run.assert_no_traceback()
    assert run.code == 0, run.output
    assert run.counts() == counts, run.output
    assert "0 contradicted" in run.stdout, run.output


def _assert_cache_whole(project: VerifyProject) -> None:
    """The cache the run left is a mapping of records, every one confirmed."""
    from generator.matrix.verification import Record

    entries = project.cache()
    assert isinstance(entries, dict) and entries, entries
    assert all(Record.model_validate(entry).confirmed for entry in entries.values()), entries


# --- the results cache ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(WHOLE_FILE))
def test_cache_file_of_another_shape_is_ignored(damaged: dict[str, Damaged], name: str) -> None:
    project, run = damaged[f"cache_{name}"].project, damaged[f"cache_{name}"].run
    _assert_confirmed(run, (1, 0))  # nothing could be read from it: the item ran
    _assert_cache_whole(project)
    assert project.cached_ids() == {ONE}, project.cache()


def test_cache_entries_that_do_not_fit_or_did_not_confirm_are_run_again(
    damaged: dict[str, Damaged], baseline: Baseline
) -> None:
    project, run = damaged["cache_entries"].project, damaged["cache_entries"].run
    legacy = baseline.ids("legacy")
    _assert_confirmed(run, (2, len(legacy) - 2))  # the two damaged entries ran; the junk key was skipped
    assert run.ids == legacy and all(r["confirmed"] for r in run.report["records"]), run.output
    _assert_cache_whole(project)
    assert "k" not in project.cache(), "the junk entry is dropped when the cache is written again"
    assert project.cached_ids() >= set(legacy)


@pytest.mark.parametrize(
    "text",
    [
        "null",
        "[]",
        '"x"',
        "1",
        '{"k": "string"}',
        '{"k": null}',
        '{"k": {}}',
        '{"k": {"id": "x"}}',
        "{not json",
        "\udcff",
    ],
)
def test_cache_reader_refuses_what_is_not_a_record(tmp_path: Path, text: str) -> None:
    from generator.verify.cache import Cache

    (tmp_path / "results.json").write_text(text, encoding="utf-8", errors="surrogateescape")
    cache = Cache(tmp_path)
    assert cache.entries == {} and cache.get("k") is None


def test_cache_reader_keeps_good_entries_beside_bad_ones(baseline: Baseline, tmp_path: Path) -> None:
    from generator.verify.cache import Cache

    good = json.loads((baseline.runtimes_dir / "results.json").read_text(encoding="utf-8"))
    key, entry = next(iter(good.items()))
    damaged = {**good, "junk": "string", "empty": {}, key: {**entry, "confirmed": False}}
    (tmp_path / "results.json").write_text(json.dumps(damaged), encoding="utf-8")
    cache = Cache(tmp_path)
    assert set(cache.entries) == set(good) - {key}


# --- lock files ----------------------------------------------------------------------------------


def test_lock_file_holding_an_empty_object_is_not_trusted(damaged: dict[str, Damaged]) -> None:
    from generator.project import Project
    from generator.verify.runtimes import Lock, cached_environment

    project, run = damaged["lock"].project, damaged["lock"].run
    _assert_confirmed(run, (1, 0))  # not from the cache: the runtime was not trusted
    assert "runtime legacy:" in run.stderr, run.stderr  # its versions were read again
    Lock.model_validate_json(project.lock_path("legacy").read_bytes())  # and its lock written whole
    legacy = next(r for r in Project(project.root).load().runtimes.model.runtimes if r.id == "legacy")
    assert cached_environment(project.root, legacy) is not None


@pytest.mark.parametrize("text", ["{}", "null", "[]", '"x"', "{not json", ""])
def test_lock_reader_refuses_what_is_not_a_lock(project: VerifyProject, text: str) -> None:
    from generator.project import Project
    from generator.verify.runtimes import cached_environment

    legacy = next(r for r in Project(project.root).load().runtimes.model.runtimes if r.id == "legacy")
    assert cached_environment(project.root, legacy) is not None  # the baseline's lock is trusted
    project.lock_path("legacy").write_text(text, encoding="utf-8")
    assert cached_environment(project.root, legacy) is None


def test_lock_of_other_requirements_or_interpreter_is_not_trusted(project: VerifyProject) -> None:
    from generator.project import Project
    from generator.verify.runtimes import cached_environment

    legacy = next(r for r in Project(project.root).load().runtimes.model.runtimes if r.id == "legacy")
    lock = json.loads(project.lock_path("legacy").read_text(encoding="utf-8"))
    for change in (
        {"wanted": lock["wanted"].replace("interpreter", "requirements")},
        {"python": "/nonexistent/bin/python"},
        {"fingerprint": "0" * 64},
        {"extra": "key"},
    ):
        project.lock_path("legacy").write_text(json.dumps({**lock, **change}), encoding="utf-8")
        assert cached_environment(project.root, legacy) is None, change


# --- fixtures ------------------------------------------------------------------------------------


def test_truncated_fixture_is_built_again(damaged: dict[str, Damaged]) -> None:
    from generator.verify.fixture_store import built

    project, run = damaged["fixture"].project, damaged["fixture"].run
    _assert_confirmed(run, (2, 0))  # both items that load it ran again, on the rebuilt fixture
    assert f"fixture {FIXTURE}: building it with runtime legacy" in run.stderr, run.stderr
    assert built(_fixture_folder(project.root)) is not None
    leftovers = [path.name for path in _fixture_folder(project.root).parent.iterdir() if path.name.startswith(".")]
    assert leftovers == [], leftovers


# --- a runtime whose packages changed --------------------------------------------------------------

FAKE_PYTHON = """\
#!/bin/sh
# Stands for a runtime's Python: answers the versions probe (and `pip freeze`) with one line.
echo '{"python": "3.11.0", "tensorflow": "2.0.0", "tensorflow_hub": "0.1.0", "tf_keras": null, '\
'"keras": "2.0.0", "keras_package": "keras"}'
"""


def test_runtime_whose_site_packages_changed_is_not_trusted(tmp_path: Path) -> None:
    from generator.matrix.model import Runtime
    from generator.verify.runtimes import cached_environment, fingerprint, prepare

    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON, encoding="utf-8")
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    site = venv / "lib" / "python3.11" / "site-packages"
    record = site / "fake-1.0.dist-info" / "RECORD"
    record.parent.mkdir(parents=True)
    record.write_text("fake/__init__.py,,\n", encoding="utf-8")
    (site / "fake").mkdir()
    root = tmp_path / "project"
    runtime = Runtime(id="fake", interpreter=str(python), modes=("tf2",), keras="2")
    said: list[str] = []

    made = prepare(root, runtime, said.append)
    assert made.versions.tensorflow == "2.0.0" and len(said) == 1 and "runtime fake" in said[0], said
    assert cached_environment(root, runtime) == made
    unchanged = fingerprint(python)
    (site / "fake" / "__pycache__").mkdir()  # running code in the runtime changes nothing that counts
    assert fingerprint(python) == unchanged and cached_environment(root, runtime) == made

    def untrusted_after(change) -> None:
        change()
        assert cached_environment(root, runtime) is None, change.__doc__
        said.clear()
        assert prepare(root, runtime, said.append) == made  # made again: read anew and trusted
        assert len(said) == 1 and "runtime fake" in said[0], said
        assert cached_environment(root, runtime) == made

    def add_package():
        """a package installed"""
        (site / "other-2.0.dist-info").mkdir()
        (site / "other-2.0.dist-info" / "RECORD").write_text("other.py,,\n", encoding="utf-8")

    def reinstall():
        """a package reinstalled (its RECORD rewritten)"""
        record.write_text(
            textwrap.dedent("""\
            fake/__init__.py,,
            fake/more.py,,
        """),
            encoding="utf-8",
        )

    def touch_record():
        """a package reinstalled as it was (same RECORD, another time)"""
        stamp = record.stat().st_mtime_ns + 5_000_000_000
        os.utime(record, ns=(stamp, stamp))

    def remove_package():
        """a package removed"""
        (site / "other-2.0.dist-info" / "RECORD").unlink()
        (site / "other-2.0.dist-info").rmdir()

    for change in (add_package, reinstall, touch_record, remove_package):
        untrusted_after(change)


UNIMPORTABLE_PYTHON = """\
#!/bin/sh
# Stands for a runtime's Python in which tensorflow_hub raises at import.
echo '{"python": "3.11.0", "error": {"type": "ImportError", "bases": ["ImportError", "Exception"], \
  "message": "cannot import name estimator"}}'
"""


def test_runtime_that_cannot_be_imported_is_recorded_with_its_cause_and_not_tried_again(tmp_path: Path) -> None:
    from generator.matrix.model import Runtime
    from generator.matrix.verification import RuntimeStatus
    from generator.verify.runtimes import cached_environment, prepare

    python = tmp_path / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(UNIMPORTABLE_PYTHON, encoding="utf-8")
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    root = tmp_path / "project"
    runtime = Runtime(id="old_hub", interpreter=str(python), modes=("tf2",), keras="2")
    said: list[str] = []

    made = prepare(root, runtime, said.append)
    assert made.status is RuntimeStatus.unimportable and not made.usable
    assert made.cause is not None and made.cause.type == "ImportError" and "estimator" in made.cause.message
    assert made.report_versions().cause == made.cause, "the report keeps the cause"
    assert said, "it was tried once"
    said.clear()
    assert prepare(root, runtime, said.append) == made and said == [], "not tried again"
    assert cached_environment(root, runtime) == made
    stamp = python.stat().st_mtime_ns + 5_000_000_000
    os.utime(python, ns=(stamp, stamp))  # the interpreter changed: tried again
    assert cached_environment(root, runtime) is None
    assert prepare(root, runtime, said.append).status is RuntimeStatus.unimportable and said


def test_made_runtimes_hold_one_tensorflow_and_their_locks_record_every_distribution(environments: dict) -> None:
    """The everyday runtimes as made: one TensorFlow distribution (tf-keras depends on `tensorflow`,
    so a pinned `tensorflow-cpu` beside it would make two over one folder), and a lock that lists
    exactly what is installed, versions included."""
    from generator.verify.runtimes import TENSORFLOW_DISTRIBUTIONS, _distributions, _uv

    for name, environment in environments.items():
        if environment.runtime.interpreter:
            continue
        tensorflows = [found for found in environment.distributions if found in TENSORFLOW_DISTRIBUTIONS]
        assert len(tensorflows) == 1, (name, tensorflows)
        frozen = subprocess.run(
            [_uv(), "pip", "freeze", "--python", str(environment.python)], capture_output=True, text=True, check=True
        ).stdout
        assert _distributions(frozen) == environment.distributions, name
        assert environment.distributions.get("tensorflow-hub") == environment.versions.tensorflow_hub


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ('"keras": "3.6.0", "keras_package": "keras"', ("declares keras: '2'", "Keras 3.6.0", "declare keras: '3'")),
        ('"keras": null, "keras_package": null', ("could not be determined", "matrix/runtimes.yaml")),
    ],
    ids=["another_keras", "no_keras"],
)
def test_a_runtime_whose_keras_is_not_the_declared_one_is_refused_plainly(tmp_path: Path, answer, said) -> None:
    """Results are read by the Keras a runtime declares: one whose tf.keras is another Keras, or none
    that can be told, is not used, and the message says what to change."""
    from generator.matrix.model import Runtime
    from generator.verify.runtimes import RuntimeUnavailable, cached_environment, prepare

    python = tmp_path / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    versions = '"python": "3.11.0", "tensorflow": "2.16.2", "tensorflow_hub": "0.16.1", "tf_keras": null'
    python.write_text(f"#!/bin/sh\necho '{{{versions}, {answer}}}'\n", encoding="utf-8")
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    runtime = Runtime(id="fake", interpreter=str(python), modes=("tf2",), keras="2")
    with pytest.raises(RuntimeUnavailable) as refused:
        prepare(tmp_path / "project", runtime, lambda _: None)
    message = str(refused.value)
    assert "runtime 'fake'" in message and all(words in message for words in said), message
    assert cached_environment(tmp_path / "project", runtime) is None  # nothing recorded as usable
