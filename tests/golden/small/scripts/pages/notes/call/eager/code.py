#!/usr/bin/env python3
# pages/notes/call/eager/code: Notes on the tiny format, mode TF2
#
# The claim: this code runs without an error, and the hidden checks after it pass.
# Verified:
#   2026-11-25, TensorFlow 2.15.1, tensorflow_hub 0.15.0, Keras 2.15.0, Python 3.11.7: Not run here
#   2026-11-25, TensorFlow 2.21.0, tensorflow_hub 0.16.1, Keras 3.12.0, tf-keras 2.21.0, Python 3.11.7: Works
# Source: matrix/pages/notes.md:40:5; the claim: matrix/pages/notes.md:40:5.
#
# Generated from the site's matrix. Run it as it is:
#     python code.py
# It prints "OK" and exits with 0 when the outcome is the one claimed, and exits with an error
# otherwise. Each model it needs is built first, into a temporary folder.

import os
import sys

# Nothing is imported from this file's folder: a file there, this one included (say tf_keras.py),
# must not stand in for a package that TensorFlow or the code imports.
sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != os.path.dirname(os.path.abspath(__file__))]

import atexit
import re
import shutil
import subprocess
import tempfile

EXAMPLE = "pages/notes/call/eager/code (mode TF2)"

# The packages the code needs: without one of them it is not run (as verification does not run it).
import importlib.metadata

for _name in ['tf-keras']:
    try:
        importlib.metadata.distribution(_name)
    except importlib.metadata.PackageNotFoundError:
        sys.exit("NOT RUN: %s needs the package %s: pip install %s" % (EXAMPLE, _name, _name))


FIXTURES = {}

if __name__ == "__main__" and sys.argv[1:2] == ["--build-fixture"]:
    # Each fixture is built by a fresh process running this file, as verification builds it: a
    # TF2 SavedModel needs TF2 behaviour, which a TF1 mode turns off for good in this process.
    FIXTURES[sys.argv[2]](sys.argv[3])
    sys.exit(0)

SCRATCH = tempfile.mkdtemp(prefix="tfhub-example-")
atexit.register(shutil.rmtree, SCRATCH, True)
MODELS = {}


def fixture(name):
    """The path of the fixture `name` (a small model), built once into a temporary folder."""
    if name not in MODELS:
        if name not in FIXTURES:
            sys.exit("no fixture %r in this script" % name)
        path = os.path.join(SCRATCH, name)
        subprocess.check_call([sys.executable, os.path.abspath(__file__), "--build-fixture", name, path])
        MODELS[name] = path
    return MODELS[name]


def fixture_output(name):
    """A fresh, empty folder for the code to write into."""
    return tempfile.mkdtemp(prefix=name + "-", dir=SCRATCH)


# --- Hidden setup (not on the page): the model's path, the inputs ---
handle = "hidden setup never shown"


# --- The code, exactly as the page shows it ---
import tensorflow as tf

outputs = hub.load(handle)(inputs)

# --- Hidden checks (not on the page): the result is right ---
assert "hidden checks never shown"

print("OK: %s: ran without an error, as claimed" % EXAMPLE)
