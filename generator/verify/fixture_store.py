"""Fixtures: the models the examples load, built locally by the scripts in fixtures/.

Each fixture script is a standalone program that any runtime can run. A fixture is built once, by
the first runtime available, into .runtimes/fixtures/<name>-<hash of its script>; every runtime
then reuses it, and a change to the script builds it anew. A built fixture is trusted only while
its manifest (every file's size and hash, written last) matches what is on disk: a truncated or
edited fixture is built again, and its new hash changes every result that used it. Nothing is
downloaded.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ..files import write_atomically
from .runtimes import Environment, RuntimeUnavailable, process_environment

FIXTURES = Path(__file__).with_name("fixtures")
MANIFEST = "manifest.json"


def fixture_script(name: str) -> Path:
    return FIXTURES / f"{name}.py"


def fixture_names() -> list[str]:
    return sorted(path.stem for path in FIXTURES.glob("*.py") if not path.name.startswith("_"))


def fixture_hash(name: str) -> str:
    return hashlib.sha256(fixture_script(name).read_bytes()).hexdigest()[:16]


def _contents(folder: Path) -> dict[str, str]:
    """Every file under folder (the manifest aside) with its size and hash."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            data = path.read_bytes()
            found[path.relative_to(folder).as_posix()] = f"{len(data)}:{hashlib.sha256(data).hexdigest()}"
    return found


def built(folder: Path) -> str | None:
    """The hash of a built fixture's content when it is whole and unchanged; None otherwise."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest != _contents(folder / "model"):
        return None
    return hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()[:16]


def fixture_folder(root: Path, name: str) -> Path:
    return root / ".runtimes" / "fixtures" / f"{name}-{fixture_hash(name)}"


def ensure_fixtures(
    root: Path, names: Iterable[str], environment: Environment, say: Callable[[str], None]
) -> dict[str, tuple[str, str]]:
    """(path, content hash) of each named fixture, building those not built (or damaged) with `environment`."""
    found = {}
    store = root / ".runtimes" / "fixtures"
    store.mkdir(parents=True, exist_ok=True)
    for name in sorted(set(names)):
        if not fixture_script(name).exists():
            raise RuntimeUnavailable(f"no fixture '{name}' (add generator/verify/fixtures/{name}.py)")
        target = fixture_folder(root, name)
        content = built(target)
        if content is None:
            say(f"fixture {name}: building it with runtime {environment.runtime.id}")
            _build(name, target, environment, store)
            content = built(target)
            if content is None:
                raise RuntimeUnavailable(f"fixture {name} was built but cannot be read back from {target}")
        found[name] = (str(target / "model"), content)
    return found


def _build(name: str, target: Path, environment: Environment, store: Path) -> None:
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=store))
    try:
        output = staging / "model"
        done = subprocess.run(
            [str(environment.python), str(fixture_script(name)), str(output)],
            env=process_environment(environment.runtime),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            tail = "\n".join(done.stderr.strip().splitlines()[-8:])
            raise RuntimeUnavailable(f"fixture {name} could not be built:\n{tail}")
        write_atomically(staging / MANIFEST, json.dumps(_contents(output), sort_keys=True))
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)  # a damaged build, replaced whole
        try:
            staging.rename(target)  # complete or absent, never half-built
        except OSError:
            if built(target) is None:  # not another run's build, finished first
                raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
