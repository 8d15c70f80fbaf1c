"""Runtimes: each a Python environment with TensorFlow, made once under .runtimes/ and reused.

An environment is made from the runtime's requirements with uv: they are resolved to an exact set
of distributions, checked to hold one TensorFlow distribution, and that set is installed, so the
same requirements give the same set. Its lock file, written last, records every installed
distribution, the versions of Python, TensorFlow, tensorflow_hub, tf-keras and the Keras that
tf.keras is (which must be the one the runtime declares), whether TensorFlow
and tensorflow_hub import there, and a fingerprint of its site-packages, so that later runs know
all this without importing TensorFlow. A runtime whose requirements cannot be resolved together,
or in which TensorFlow or tensorflow_hub cannot be imported, is recorded so, with the cause, and
not tried again until its requirements change. A lock that does not fit, or a runtime whose
packages changed on disk since (one removed or reinstalled), is made again.

A runtime can be released (its environment deleted, its lock kept): results cached under its lock
stay valid, and it is made again, from the recorded distributions, only when something must run;
TensorFlow is then not imported to probe it again, unless what was installed differs from the lock.
A runtime may instead name an existing interpreter.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from pydantic import BaseModel, ConfigDict, ValidationError

from ..files import write_atomically
from ..matrix.model import Runtime
from ..matrix.packages import PACKAGES, TENSORFLOW_DISTRIBUTIONS
from ..matrix.verification import RaisedException, RuntimeVersions, Versions
from ..matrix.verification import RuntimeStatus as Status

NO_SOLUTION = "No solution found"  # what uv says when requirements cannot be installed together
OFFLINE = ("network was disabled", "not found in the cache")  # ... or when it could not look

PROBE = (
    "import json, sys, traceback\n"
    "found = {'python': '.'.join(map(str, sys.version_info[:3]))}\n"
    "try:\n"
    "    import tensorflow as tf\n    import tensorflow_hub as hub\n"
    "    found.update(tensorflow=tf.__version__, tensorflow_hub=hub.__version__)\n"
    "    keras = tf.keras.__name__.split('.')[0]\n"  # keras (2 built in, or 3) or tf_keras
    "    found.update(keras=str(sys.modules[keras].__version__), keras_package=keras)\n"
    "except BaseException as error:\n"
    "    kind = type(error)\n"
    "    name = lambda k: k.__qualname__ if k.__module__ == 'builtins' else k.__module__ + '.' + k.__qualname__\n"
    "    found['error'] = {'type': name(kind), 'bases': [name(b) for b in kind.__mro__], 'message': str(error),\n"
    "                      'traceback': traceback.format_exc()[-4000:]}\n"
    "print(json.dumps(found))\n"
)


class RuntimeUnavailable(Exception):
    """A runtime could not be made or found, for a reason that may pass (the network, a full disk)."""


class Lock(BaseModel):
    """What .runtimes/<id>/lock.json holds; validated when read."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    wanted: str
    python: str
    status: Status
    versions: Versions
    distributions: dict[str, str]  # every installed distribution: name -> version
    fingerprint: str
    cause: RaisedException | None = None  # why the runtime cannot be used


@dataclass(frozen=True)
class Environment:
    runtime: Runtime
    python: Path
    versions: Versions
    distributions: dict[str, str]
    status: Status = Status.usable
    cause: RaisedException | None = None

    @property
    def usable(self) -> bool:
        return self.status is Status.usable

    @property
    def released(self) -> bool:
        """Whether its environment was deleted to free the disk (it is made again when needed)."""
        return not self.python.exists()

    def report_versions(self) -> RuntimeVersions:
        """The runtime as the report shows it: its versions, and why it cannot be used if it cannot."""
        return RuntimeVersions(
            **self.versions.model_dump(), emulates=self.runtime.emulates, status=self.status, cause=self.cause
        )

    @property
    def lock_hash(self) -> str:
        """What is installed, as a hash: part of every cached result's key."""
        text = json.dumps([self.status.value, self.versions.model_dump(), sorted(self.distributions.items())])
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def process_environment(runtime: Runtime) -> dict[str, str]:
    """The environment of every process run in a runtime: set-up, fixture builds and workers."""
    return {
        **os.environ,
        **runtime.environment,
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "CUDA_VISIBLE_DEVICES": "",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def runtime_folder(root: Path, runtime: Runtime) -> Path:
    return root / ".runtimes" / runtime.id


def package_cache(root: Path) -> Path:
    """uv's cache of downloaded and unpacked distributions, which environments are linked from."""
    return root / ".runtimes" / "cache"


def _python(root: Path, runtime: Runtime) -> Path:
    """Where the runtime's interpreter is: the one named, or the one of its environment."""
    return Path(runtime.interpreter) if runtime.interpreter else runtime_folder(root, runtime) / "bin" / "python"


def _same_place(one: Path, other: Path) -> bool:
    """Whether two interpreter paths are one, through linked folders (an environment's python is
    itself a link to the base interpreter, so that link is not followed)."""
    return one.name == other.name and os.path.realpath(one.parent) == os.path.realpath(other.parent)


def _wanted(runtime: Runtime) -> str:
    """What the environment must be made from, and what its probe depends on (the variables, which
    may choose the Keras, and the Keras it is checked for): a change here makes it again."""
    probed = {"environment": runtime.environment, "keras": runtime.keras}
    if runtime.interpreter:
        path = Path(runtime.interpreter)
        stat = path.stat() if path.exists() else None
        return json.dumps({"interpreter": str(path), "mtime": stat and stat.st_mtime_ns, **probed}, sort_keys=True)
    return json.dumps(
        {"requirements": list(runtime.requirements), "python": sys.version.split()[0], **probed}, sort_keys=True
    )


def fingerprint(python: Path) -> str:
    """The installed packages as the file system shows them: the entries of site-packages, and each
    distribution's RECORD by size and time. Removing or reinstalling a package changes it; running
    code in the runtime (which may add __pycache__ folders) does not; reading it takes milliseconds."""
    probe = hashlib.sha256()
    for site in sorted(python.parent.parent.glob("lib/python*/site-packages")):
        for entry in sorted(site.iterdir()):
            stamp = ""
            if entry.name.endswith(".dist-info"):
                try:
                    stat = (entry / "RECORD").stat()
                    stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
                except OSError:
                    stamp = "no RECORD"
            probe.update(f"{entry.name}\0{stamp}\n".encode())
    return probe.hexdigest()


def read_lock(root: Path, runtime: Runtime) -> Lock | None:
    try:
        lock = Lock.model_validate_json((runtime_folder(root, runtime) / "lock.json").read_bytes())
    except (OSError, ValidationError):
        return None
    return lock if lock.wanted == _wanted(runtime) else None


def cached_environment(root: Path, runtime: Runtime) -> Environment | None:
    """The environment as its lock file records it, if the lock is current (no TensorFlow is imported).

    A made environment must be unchanged on disk; a released one (its folder deleted, the lock kept)
    is returned as such, and a runtime that cannot be used is returned with its cause."""
    lock = read_lock(root, runtime)
    if lock is None or not _same_place(Path(lock.python), _python(root, runtime)):
        return None
    python = Path(lock.python)
    if lock.status is Status.usable and python.exists() and lock.fingerprint != fingerprint(python):
        return None
    return Environment(runtime, python, lock.versions, lock.distributions, lock.status, lock.cause)


def prepare(root: Path, runtime: Runtime, say: Callable[[str], None]) -> Environment:
    """The runtime's environment, made (or remade) if needed; one that cannot be used is returned
    with its status and cause. Raises RuntimeUnavailable when it cannot be made for now."""
    found = cached_environment(root, runtime)
    if found and not (found.usable and found.released):
        return found
    folder = runtime_folder(root, runtime)
    if runtime.interpreter:
        python = Path(runtime.interpreter)
        if not python.exists():
            raise RuntimeUnavailable(
                f"runtime '{runtime.id}': the interpreter {python} does not exist "
                "(fix its path in matrix/runtimes.yaml, or remove the runtime)"
            )
        frozen = _attempt([str(python), "-m", "pip", "freeze"], runtime, root, "list its packages")
        distributions = _distributions(frozen.stdout if frozen.returncode == 0 else "")
    else:
        pins = _pins(found.distributions) if found else _resolve(root, runtime, say)
        if isinstance(pins, RaisedException):
            return _record(root, runtime, _python(root, runtime), Status.uninstallable, {}, pins)
        python = _make(root, folder, runtime, pins, say)
        distributions = _distributions(
            _run([_uv(), "pip", "freeze", "--python", str(python)], runtime, root, "list its packages")
        )
        if found and distributions == found.distributions:  # made again as its lock records, probed then
            return _record(root, runtime, python, found.status, distributions, found.cause, found.versions)
    say(f"runtime {runtime.id}: importing TensorFlow and tensorflow_hub")
    lines = _run([str(python), "-c", PROBE], runtime, root, "import tensorflow and tensorflow_hub").splitlines()
    try:
        probed = json.loads(lines[-1])  # a dict, or the except below
        versions = Versions.model_validate(
            {**_package_versions(distributions), **{k: v for k, v in probed.items() if k != "error"}}
        )
        cause = RaisedException.model_validate(probed["error"]) if "error" in probed else None
    except (IndexError, ValueError, TypeError, AttributeError, ValidationError):
        raise RuntimeUnavailable(f"runtime '{runtime.id}': its versions could not be read") from None
    status = Status.unimportable if cause else Status.usable
    if cause is None:
        _check_keras(runtime, versions)
    else:
        versions = versions.model_copy(update={"keras": runtime.keras})
    return _record(root, runtime, python, status, distributions, cause, versions)


def _check_keras(runtime: Runtime, versions: Versions) -> None:
    """The Keras that tf.keras is must be the one the runtime declares: results are read by it."""
    if not versions.keras:
        raise RuntimeUnavailable(
            f"runtime '{runtime.id}': which Keras tf.keras is could not be determined "
            "(tf.keras names no package with a version); check its requirements in matrix/runtimes.yaml"
        )
    if versions.keras.split(".")[0] != runtime.keras:
        raise RuntimeUnavailable(
            f"runtime '{runtime.id}' declares keras: '{runtime.keras}', but tf.keras there is Keras "
            f"{versions.keras} (from {versions.keras_package}). In matrix/runtimes.yaml, declare keras: "
            f"'{versions.keras.split('.')[0]}', or change its requirements or environment: from TensorFlow 2.16, "
            "tf.keras is Keras 2 only with tf-keras installed and TF_USE_LEGACY_KERAS=1 set"
        )


def release(root: Path, runtime: Runtime) -> None:
    """Delete a made runtime's environment to free the disk, keeping its lock."""
    folder = runtime_folder(root, runtime)
    if runtime.interpreter or not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name == "lock.json":
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def release_packages(root: Path, names: list[str]) -> None:
    """Drop these distributions from the package cache (environments made from it keep their files)."""
    uv = _uv()
    if names and package_cache(root).is_dir():
        subprocess.run(
            [uv, "cache", "clean", "--cache-dir", str(package_cache(root)), *names],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def _record(
    root: Path,
    runtime: Runtime,
    python: Path,
    status: Status,
    distributions: dict[str, str],
    cause: RaisedException | None,
    versions: Versions | None = None,
) -> Environment:
    # Where nothing could be installed, the versions asked for.
    versions = versions or Versions(
        **_package_versions(distributions or _distributions("\n".join(runtime.requirements))), keras=runtime.keras
    )
    usable = status is Status.usable
    lock = Lock(
        wanted=_wanted(runtime),
        python=str(python),
        status=status,
        versions=versions,
        distributions=distributions,
        fingerprint=fingerprint(python) if usable else "",
        cause=cause,
    )
    write_atomically(runtime_folder(root, runtime) / "lock.json", lock.model_dump_json(indent=2))  # last
    if not usable:
        release(root, runtime)
    return Environment(runtime, python, versions, distributions, status, cause)


def _package_versions(distributions: dict[str, str]) -> dict[str, str]:
    found = {
        module: distributions[package.distribution]
        for module, package in PACKAGES.items()
        if package.distribution and package.distribution in distributions
    }
    tensorflow = [distributions[name] for name in TENSORFLOW_DISTRIBUTIONS if name in distributions]
    return {**found, **({"tensorflow": tensorflow[0]} if tensorflow else {})}  # whichever distribution installed it


def _distributions(frozen: str) -> dict[str, str]:
    """'name==version' lines (as pip and uv freeze print them) -> {normalised name: version}."""
    found = {}
    for line in frozen.splitlines():
        name, equals, version = line.strip().partition("==")
        if equals and name and not name.startswith("#"):
            found[name.lower().replace("_", "-").replace(".", "-")] = version.strip()
    return dict(sorted(found.items()))


def _pins(distributions: dict[str, str]) -> list[str]:
    return [f"{name}=={version}" for name, version in distributions.items()]


def _resolve(root: Path, runtime: Runtime, say: Callable[[str], None]) -> list[str] | RaisedException:
    """The exact distributions the requirements resolve to, or why they cannot be installed together."""
    say(f"runtime {runtime.id}: resolving {', '.join(runtime.requirements)}")
    command = [_uv(), "pip", "compile", "--quiet", "--no-header", "--no-annotate", "--python", sys.executable, "-"]
    done = _attempt(command, runtime, root, "resolve its requirements", stdin="\n".join(runtime.requirements))
    if done.returncode != 0:
        if NO_SOLUTION in done.stderr and not any(words in done.stderr for words in OFFLINE):
            return RaisedException(
                type="ResolutionImpossible", bases=("ResolutionImpossible",), message=done.stderr.strip()[-4000:]
            )
        _fail(runtime, "resolve its requirements", done)
    pins = sorted(line.strip() for line in done.stdout.splitlines() if line.strip() and not line.startswith("#"))
    tensorflows = [pin for pin in pins if pin.split("==")[0].lower() in TENSORFLOW_DISTRIBUTIONS]
    if len(tensorflows) != 1:
        raise RuntimeUnavailable(
            f"runtime '{runtime.id}': its requirements resolve to {len(tensorflows)} TensorFlow distributions "
            f"({', '.join(tensorflows) or 'none'}); require exactly one, e.g. tensorflow==X.Y.Z, which "
            "tf-keras also depends on (tensorflow-cpu next to it installs both over one folder)"
        )
    return pins


def _uv() -> str:
    beside = Path(sys.executable).with_name("uv")
    found = str(beside) if beside.exists() else shutil.which("uv")
    if not found:
        raise RuntimeUnavailable("uv, which makes the runtimes, is missing: run `make` to install requirements.txt")
    return found


def _make(root: Path, folder: Path, runtime: Runtime, pins: list[str], say: Callable[[str], None]) -> Path:
    say(f"runtime {runtime.id}: creating it in {folder} ({len(pins)} distributions)")
    shutil.rmtree(folder, ignore_errors=True)
    python = _python(root, runtime)
    _run(
        [_uv(), "venv", "--quiet", "--python", sys.executable, str(folder)],
        runtime,
        root,
        "create a virtual environment",
    )
    sync, requirements = [_uv(), "pip", "sync", "--python", str(python)], "\n".join(pins)
    done = _attempt([*sync, "-"], runtime, root, "install its requirements", show=True, stdin=requirements)
    if done.returncode != 0:
        # The registry that resolved these pins a moment ago can fail to list one of them once (uv then
        # finds "no version of" it): ask once more, its cached pages read afresh, before giving up.
        say(f"runtime {runtime.id}: installing failed; trying once more with the registry read afresh")
        _run([*sync, "--refresh", "-"], runtime, root, "install its requirements", show=True, stdin=requirements)
    return python


def _run(
    command: list[str], runtime: Runtime, root: Path, doing: str, *, show: bool = False, stdin: str | None = None
) -> str:
    """Run a set-up command and return its output; `show` lets its progress reach the terminal."""
    done = _attempt(command, runtime, root, doing, show=show, stdin=stdin)
    if done.returncode != 0:
        _fail(runtime, doing, done)
    return done.stdout


def _attempt(
    command: list[str], runtime: Runtime, root: Path, doing: str, *, show: bool = False, stdin: str | None = None
) -> subprocess.CompletedProcess:
    """Run a set-up command and return how it went, failed or not, for the caller to read."""
    environment = {**process_environment(runtime), "UV_CACHE_DIR": str(package_cache(root))}
    try:
        done = subprocess.run(
            command,
            env=environment,
            text=True,
            input=stdin,
            stdout=subprocess.PIPE,
            stderr=None if show else subprocess.PIPE,
        )
    except OSError as error:
        raise RuntimeUnavailable(f"runtime '{runtime.id}': could not {doing}: {error}") from None
    return done


def _fail(runtime: Runtime, doing: str, done: subprocess.CompletedProcess) -> NoReturn:
    tail = "\n".join((done.stderr or done.stdout or "").strip().splitlines()[-12:])
    raise RuntimeUnavailable(
        f"runtime '{runtime.id}': could not {doing} (exit code {done.returncode}).\n{tail}\n"
        "Check its requirements in matrix/runtimes.yaml and that the package registry is reachable."
    )
