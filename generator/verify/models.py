"""The models the snippets load, built locally by code in generator/verify/fixtures/.

Each builder is a standalone script that any runtime can run. A model is built once, by the
first runtime available, into .runtimes/fixtures/<name>-<hash of the builder's code>; every
runtime then reuses it, and a change to the builder builds it anew. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .runtimes import Environment, RuntimeUnavailable

BUILDERS = Path(__file__).with_name("fixtures")


def builder(name: str) -> Path:
    return BUILDERS / f"{name}.py"


def fixture_hash(name: str) -> str:
    return hashlib.sha256(builder(name).read_bytes()).hexdigest()[:16]


def ensure_models(root: Path, names: Iterable[str], environment: Environment,
                  say: Callable[[str], None]) -> dict[str, str]:
    """Paths of the named models, building those not yet built with `environment`."""
    paths = {}
    store = root / ".runtimes" / "fixtures"
    store.mkdir(parents=True, exist_ok=True)
    for name in sorted(set(names)):
        if not builder(name).exists():
            raise RuntimeUnavailable(f"no builder for the model '{name}' (add generator/verify/fixtures/{name}.py)")
        target = store / f"{name}-{fixture_hash(name)}"
        if not target.is_dir():
            say(f"model {name}: building it with runtime {environment.runtime.id}")
            staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=store))
            output = staging / "model"
            env = {**os.environ, **environment.runtime.environment, "TF_CPP_MIN_LOG_LEVEL": "3",
                   "CUDA_VISIBLE_DEVICES": ""}
            done = subprocess.run([str(environment.python), str(builder(name)), str(output)],
                                  env=env, capture_output=True, text=True)
            if done.returncode != 0:
                shutil.rmtree(staging, ignore_errors=True)
                tail = "\n".join(done.stderr.strip().splitlines()[-8:])
                raise RuntimeUnavailable(f"model {name} could not be built:\n{tail}")
            os.replace(output, target)  # complete or absent, never half-built
            shutil.rmtree(staging, ignore_errors=True)
        paths[name] = str(target)
    return paths
