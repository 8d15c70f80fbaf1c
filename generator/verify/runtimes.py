"""Runtimes: each a Python environment with TensorFlow, made once under .runtimes/ and reused.

An environment is made from the runtime's pinned requirements (with uv, or venv and pip where uv
is missing) and remade when they change. Its lock file, written last, records what was installed,
the versions of Python, TensorFlow, tensorflow_hub and tf-keras, and a fingerprint of its
site-packages, so that later runs know them without importing TensorFlow. A lock that does not
fit, or a runtime whose packages changed on disk since (one removed or reinstalled), is made
again. A runtime may instead name an existing interpreter.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pydantic import BaseModel, ConfigDict, ValidationError

from ..files import write_atomically
from ..matrix.model import Runtime
from ..matrix.verification import Versions

PROBE = (
    "import json, sys\n"
    "import tensorflow as tf, tensorflow_hub as hub\n"
    "try:\n    import tf_keras; keras = tf_keras.__version__\nexcept ImportError:\n    keras = None\n"
    "print(json.dumps({'python': '.'.join(map(str, sys.version_info[:3])), 'tensorflow': tf.__version__,"
    " 'tensorflow_hub': hub.__version__, 'tf_keras': keras}))\n"
)


class RuntimeUnavailable(Exception):
    """A runtime could not be made or found; the message says why and what to do."""


class Lock(BaseModel):
    """What .runtimes/<id>/lock.json holds; validated when read."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    wanted: str
    python: str
    versions: Versions
    installed: str
    fingerprint: str


@dataclass(frozen=True)
class Environment:
    runtime: Runtime
    python: Path
    versions: Versions
    lock: str  # what is installed, as text: part of every cached result's key

    @property
    def lock_hash(self) -> str:
        return hashlib.sha256(self.lock.encode()).hexdigest()[:16]


def process_environment(runtime: Runtime) -> dict[str, str]:
    """The environment of every process run in a runtime: set-up, fixture builds and workers."""
    return {**os.environ, **runtime.environment, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": "",
            "PYTHONDONTWRITEBYTECODE": "1"}


def runtime_folder(root: Path, runtime: Runtime) -> Path:
    return root / ".runtimes" / runtime.id


def _wanted(runtime: Runtime) -> str:
    """What the environment must be made from: a change here remakes it."""
    if runtime.interpreter:
        path = Path(runtime.interpreter)
        stat = path.stat() if path.exists() else None
        return json.dumps({"interpreter": str(path), "mtime": stat and stat.st_mtime_ns})
    return json.dumps({"requirements": list(runtime.requirements), "python": sys.version.split()[0]})


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


def cached_environment(root: Path, runtime: Runtime) -> Environment | None:
    """The environment if it is made, current and unchanged on disk, from its lock file alone (no TensorFlow)."""
    lock_file = runtime_folder(root, runtime) / "lock.json"
    try:
        lock = Lock.model_validate_json(lock_file.read_bytes())
    except (OSError, ValidationError):
        return None
    python = Path(lock.python)
    if lock.wanted != _wanted(runtime) or not python.exists() or lock.fingerprint != fingerprint(python):
        return None
    return Environment(runtime, python, lock.versions, lock.installed)


def prepare(root: Path, runtime: Runtime, say: Callable[[str], None]) -> Environment:
    """The runtime's environment, made (or remade) if needed."""
    found = cached_environment(root, runtime)
    if found:
        return found
    folder = runtime_folder(root, runtime)
    if runtime.interpreter:
        python = Path(runtime.interpreter)
        if not python.exists():
            raise RuntimeUnavailable(f"runtime '{runtime.id}': the interpreter {python} does not exist "
                                     "(fix its path in matrix/runtimes.yaml, or remove the runtime)")
        installed = _run([str(python), "-m", "pip", "freeze"], runtime, "list its packages", check=False)
    else:
        python = _make(folder, runtime, say)
        installed = _freeze(python, runtime)
    say(f"runtime {runtime.id}: reading versions")
    probe = _run([str(python), "-c", PROBE], runtime, "import tensorflow and tensorflow_hub").splitlines()
    try:
        versions = Versions.model_validate_json(probe[-1] if probe else "")
    except ValidationError:
        raise RuntimeUnavailable(f"runtime '{runtime.id}': its versions could not be read") from None
    lock = Lock(wanted=_wanted(runtime), python=str(python), versions=versions, installed=installed,
                fingerprint=fingerprint(python))
    write_atomically(folder / "lock.json", lock.model_dump_json(indent=2))  # last: a half-made runtime has no lock
    return Environment(runtime, python, versions, installed)


def _uv() -> str | None:
    beside = Path(sys.executable).with_name("uv")
    return str(beside) if beside.exists() else shutil.which("uv")


def _make(folder: Path, runtime: Runtime, say: Callable[[str], None]) -> Path:
    say(f"runtime {runtime.id}: creating it in {folder} with {', '.join(runtime.requirements)} "
        "(a few minutes, once)")
    shutil.rmtree(folder, ignore_errors=True)
    python = folder / "bin" / "python"
    uv = _uv()
    if uv:
        _run([uv, "venv", "--quiet", "--python", sys.executable, str(folder)], runtime, "create a virtual environment")
        _run([uv, "pip", "install", "--python", str(python), *runtime.requirements], runtime,
             "install its requirements", show=True)
    else:
        _run([sys.executable, "-m", "venv", str(folder)], runtime, "create a virtual environment")
        _run([str(python), "-m", "pip", "install", "--disable-pip-version-check", *runtime.requirements],
             runtime, "install its requirements", show=True)
    return python


def _freeze(python: Path, runtime: Runtime) -> str:
    uv = _uv()
    command = [uv, "pip", "freeze", "--python", str(python)] if uv else [str(python), "-m", "pip", "freeze"]
    return _run(command, runtime, "list its packages")


def _run(command: list[str], runtime: Runtime, doing: str, *, show: bool = False, check: bool = True) -> str:
    """Run a set-up command; `show` lets its progress reach the terminal as it installs."""
    try:
        done = subprocess.run(command, env=process_environment(runtime), text=True, stdout=subprocess.PIPE,
                              stderr=None if show else subprocess.PIPE)
    except OSError as error:
        raise RuntimeUnavailable(f"runtime '{runtime.id}': could not {doing}: {error}") from None
    if check and done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout or "").strip().splitlines()[-12:])
        raise RuntimeUnavailable(
            f"runtime '{runtime.id}': could not {doing} (exit code {done.returncode}).\n{tail}\n"
            "Check its requirements in matrix/runtimes.yaml and that the package registry is reachable."
        )
    return done.stdout
