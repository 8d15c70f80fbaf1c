#!/usr/bin/env python3
# pages/notes/call/compat/code: Notes on the tiny format, mode TF1 compat
#
# The claim: this code runs without an error, and the hidden checks after it pass.
# Mode TF1 compat on TensorFlow 2 was verified emulated, and this script does the same there.
# `import tensorflow` gives `tensorflow.compat.v1` in its code. On TensorFlow 1.x the code runs as
# it is.
# Verified:
#   2026-11-25, TensorFlow 2.15.1, tensorflow_hub 0.15.0, Keras 2.15.0, Python 3.11.7: Works
#   2026-11-25, TensorFlow 2.21.0, tensorflow_hub 0.16.1, Keras 3.12.0, tf-keras 2.21.0, Python 3.11.7, emulated: Works
# Source: matrix/pages/notes.md:37:5; the claim: matrix/pages/notes.md:37:5.
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

EXAMPLE = "pages/notes/call/compat/code (mode TF1 compat)"


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


# --- How verification runs this mode on TensorFlow 2 (on TensorFlow 1.x nothing is changed) ---
import tensorflow

if not tensorflow.__version__.startswith("1."):
    # TF1 code, emulated: in this file, `import tensorflow` gives `tensorflow.compat.v1`;
    # tensorflow_hub and every other module keep the real one.
    import builtins

    _import = builtins.__import__

    def _import_tf1(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "tensorflow" and not fromlist and level == 0 and (globals or {}).get("__name__") == "__main__":
            return tensorflow.compat.v1
        return _import(name, globals, locals, fromlist, level)

    builtins.__import__ = _import_tf1


# --- Hidden setup (not on the page): the model's path, the inputs ---
handle = "hidden setup never shown"


# --- The code, exactly as the page shows it ---
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()

m = hub.load(handle)

print("OK: %s: ran without an error, as claimed" % EXAMPLE)
